/**
 * How much the property tests generate: a fast profile for `npm test`, and `npm run test:fuzz`'s
 * FUZZ_RUNS cases per property. The seed is fixed, so a failure replays; FUZZ_SEED overrides it.
 */

function integer(name: string, fallback: number, min: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${name} must be an integer of at least ${min}, not ${JSON.stringify(text)}`);
  }
  return value;
}

/** Whether this is `npm run test:fuzz` (FUZZ_RUNS set), which prints what it ran. */
export const FUZZING = (process.env.FUZZ_RUNS ?? "") !== "";
/** Cases per policy and property; the fast profile keeps the whole folder well under a minute. */
export const RUNS = integer("FUZZ_RUNS", 30, 1);
export const SEED = integer("FUZZ_SEED", 20260611, 0);
/** Per property: generous, so that a loaded machine or a 100 KB value does not fail a test by time. */
export const TIMEOUT_MS = 60_000 + RUNS * 100;
