/**
 * Jest's node environment for the mutation run, with two additions that change how long a mutant
 * takes, never whether it is killed:
 * - in the initial run (no active mutant) it records which test file holds which test, so that
 *   coveringTestsSequencer.cjs can later load only the files whose tests cover a mutant;
 * - against a mutant, once a test has failed the mutant is killed and the tests after it are
 *   skipped. Stryker stops at the first failing test with every other runner (its default,
 *   `disableBail: false`); its jest runner cannot ask jest to.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- Stryker loads the environment with require */
const fs = require("node:fs");
const path = require("node:path");
const process = require("node:process");
const { TestEnvironment } = require("jest-environment-node");
/* eslint-enable @typescript-eslint/no-require-imports */

/** Where Stryker names the mutant under test while it runs the tests against it. */
const ACTIVE_MUTANT = "__STRYKER_ACTIVE_MUTANT__";

/** In the sandbox, so that a test runner Stryker restarts after a timeout finds it again. */
const TEST_NAMES_FILE = path.join(process.cwd(), ".stryker-test-names.json");

/** Test file → the full names of its tests (as jest's `testNamePattern` sees them). */
let testNames;

function loadTestNames() {
  testNames ??= fs.existsSync(TEST_NAMES_FILE)
    ? new Map(Object.entries(JSON.parse(fs.readFileSync(TEST_NAMES_FILE, "utf8"))))
    : new Map();
  return testNames;
}

/** A test's name as jest matches `testNamePattern` against it: its describe titles, then its own. */
function fullName(test) {
  const names = [];
  for (let block = test; block.parent; block = block.parent) names.unshift(block.name);
  return names.join(" ");
}

/** The mutant a test has failed against; the test files of one run share this module. */
let killed;

class MutantEnvironment extends TestEnvironment {
  #testPath;

  constructor(config, context) {
    super(config, context);
    this.#testPath = context.testPath;
  }

  async handleTestEvent(event) {
    const mutant = process.env[ACTIVE_MUTANT];
    if (mutant === undefined) {
      if (event.name === "test_start") this.#record(fullName(event.test));
      return;
    }
    if (event.name === "test_start" && killed === mutant) event.test.mode = "skip";
    if (event.name === "test_done" && event.test.errors.length > 0) killed = mutant;
  }

  #record(name) {
    const names = loadTestNames();
    const ofFile = names.get(this.#testPath) ?? [];
    if (!ofFile.includes(name)) names.set(this.#testPath, [...ofFile, name]);
  }

  async teardown() {
    if (process.env[ACTIVE_MUTANT] === undefined && testNames) {
      fs.writeFileSync(TEST_NAMES_FILE, JSON.stringify(Object.fromEntries(testNames)));
    }
    await super.teardown();
  }

  /**
   * Whether `testPath` holds a test matching `pattern` (as jest matches it); true for a file the
   * initial run did not see, which then runs as it would without this filter.
   */
  static holdsTestMatching(testPath, pattern) {
    const names = loadTestNames().get(testPath);
    return names === undefined || names.some((name) => pattern.test(name));
  }
}

module.exports = MutantEnvironment;
