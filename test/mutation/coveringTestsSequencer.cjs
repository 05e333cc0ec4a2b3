/**
 * Jest's test sequencer for the mutation run, minus the test files none of whose tests cover the
 * mutant. Stryker hands jest the covering tests as a `testNamePattern`; jest still loads every
 * related test file to find out which tests match, and loading is most of a file's cost. The
 * pattern is matched exactly as jest matches it, against the names mutantEnvironment.cjs recorded
 * in the initial run, so the tests that run are the same.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- jest loads the sequencer with require */
const Sequencer = require("@jest/test-sequencer").default;
const MutantEnvironment = require("./mutantEnvironment.cjs");
/* eslint-enable @typescript-eslint/no-require-imports */

class CoveringTestsSequencer extends Sequencer {
  #pattern;

  constructor(options) {
    super(options);
    const pattern = options.globalConfig.testNamePattern;
    // jest-circus compiles the pattern the same way.
    this.#pattern = pattern ? new RegExp(pattern, "i") : undefined;
  }

  sort(tests) {
    const pattern = this.#pattern;
    const covering = pattern
      ? tests.filter((t) => MutantEnvironment.holdsTestMatching(t.path, pattern))
      : tests;
    return super.sort(covering);
  }
}

module.exports = CoveringTestsSequencer;
