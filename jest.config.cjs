/** Jest runs TypeScript through ts-jest, transpiling each file alone (isolatedModules); `npm run typecheck` owns types. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
};
