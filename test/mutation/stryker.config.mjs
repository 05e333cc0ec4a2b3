/**
 * Mutation testing of the policy pack: Stryker mutates the policies, their helpers and the control
 * catalogue, and runs the pack's jest tests against each mutant. `npm run test:mutation` fails below
 * 85 %, so a policy whose tests stop pinning its exact verdicts and messages cannot go unnoticed.
 *
 * Left out, each for a reason:
 * - pack.test.ts launches the compiled pack in policy-pack/bin, which no mutant reaches;
 * - the property tests prove that policies answer every input, not their exact verdicts, and would
 *   re-run their generated cases for every mutant; the policies' own tests pin the verdicts;
 * - lib/lazySdkModules.ts swaps modules in Node's require cache before the SDK loads, which jest's
 *   module registry never consults: pack.test.ts and `npm run bench:pack` prove it, out of process;
 *   lib/lazyExports.ts, its stand-in, is also this run's own jest setup (deferSdkModules.ts), so a
 *   mutant of it would change how every test loads, not what a policy decides;
 * - static mutants (module-level data such as the catalogue's text, evaluated once at load, so each
 *   would need the whole suite re-run): Stryker's `ignoreStatic` reports them as ignored.
 *
 * Incremental: results are kept in test-results/stryker-incremental.json, and a later run re-tests
 * only the mutants whose code or covering tests changed. `--force` re-tests everything.
 */
// @ts-check

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "jest",
  jest: {
    configFile: "jest.config.cjs",
    config: {
      // Jest finds the tests related to a mutated file through its module map, which holds only
      // what the roots hold: without the pack's sources there, a test reaching a policy through
      // policies/index.ts (metadata.test.ts) would never run against that policy's mutants. Not
      // policy-pack/ itself: its node_modules would be crawled again for every mutant.
      roots: [
        "<rootDir>/test",
        "<rootDir>/policy-pack/policies",
        "<rootDir>/policy-pack/lib",
        "<rootDir>/policy-pack/controls",
      ],
      testMatch: ["<rootDir>/test/policy-pack/**/*.test.ts"],
      testPathIgnorePatterns: [
        "/node_modules/",
        "<rootDir>/test/policy-pack/pack\\.test\\.ts$",
        "<rootDir>/test/policy-pack/properties/",
      ],
      setupFiles: ["<rootDir>/test/mutation/deferSdkModules.ts"],
      // Relative to the sandbox, not <rootDir>: Stryker loads it itself, from the raw config.
      testEnvironment: "./test/mutation/mutantEnvironment.cjs",
      testSequencer: "<rootDir>/test/mutation/coveringTestsSequencer.cjs",
    },
  },
  mutate: [
    "policy-pack/policies/**/*.ts",
    "policy-pack/lib/**/*.ts",
    "policy-pack/controls/**/*.ts",
    "!policy-pack/lib/lazySdkModules.ts",
    "!policy-pack/lib/lazyExports.ts",
  ],
  ignoreStatic: true,
  coverageAnalysis: "perTest",
  // Two cores, shared with other jobs.
  concurrency: 1,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "test-results/mutation.json" },
  thresholds: { high: 90, low: 85, break: 85 },
  incremental: true,
  incrementalFile: "test-results/stryker-incremental.json",
  // The initial run executes every test with coverage on a shared machine: minutes, not seconds.
  dryRunTimeoutMinutes: 20,
  // Under the git-ignored test-results/, so a sandbox left by an aborted run is never committed.
  tempDirName: "test-results/stryker-tmp",
  // Build and report output: nothing the pack's tests load.
  ignorePatterns: ["/test-results", "/coverage", "/dist", "/policy-pack/bin"],
};
