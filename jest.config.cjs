/** Jest runs TypeScript through ts-jest, transpiling each file alone (isolatedModules); `npm run typecheck` owns types. */
module.exports = {
  testEnvironment: "node",
  // google-protobuf keeps its namespace on the global object across test files.
  testEnvironmentOptions: { globalsCleanup: "off" },
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "ts-jest" },
};
