/**
 * How policies read values that may be unknown in a preview: a Verdict remembers the first unknown
 * read, lets the policy decide everything else, and only then says it could not verify.
 */
import { has, isUnknownValueError, UNKNOWN, Verdict } from "../../../policy-pack/lib/unknowns";
import { preview } from "../support/preview";

const props = preview({ bucket: "logs", acl: "unknown", policy: "unknown" });
const errorReading = (key: string): unknown => {
  try {
    return props[key];
  } catch (err) {
    return err;
  }
};

test("a read returns the value, or UNKNOWN once it has remembered why", () => {
  const verdict = new Verdict();
  expect(verdict.read(() => props.bucket)).toBe("logs");
  expect(verdict.complete).toBe(true);
  expect(() => verdict.finish()).not.toThrow();
  expect(verdict.read(() => props.acl)).toBe(UNKNOWN);
  expect(verdict.read(() => props.policy)).toBe(UNKNOWN);
  expect(verdict.complete).toBe(false);
  expect(() => verdict.finish()).toThrow("string value at .acl can't be known during preview");
});

test("an error that is not about an unknown value is not swallowed", () => {
  const verdict = new Verdict();
  expect(() =>
    verdict.read(() => {
      throw new TypeError("malformed");
    }),
  ).toThrow(new TypeError("malformed"));
  expect(verdict.complete).toBe(true);
});

test("an unknown the policy established itself counts, after any read before it", () => {
  const policy = errorReading("policy") as Error;
  const acl = errorReading("acl") as Error;
  const verdict = new Verdict();
  verdict.unknown(policy);
  verdict.unknown(acl);
  expect(verdict.read(() => props.acl)).toBe(UNKNOWN);
  expect(() => verdict.finish()).toThrow(policy);
});

test("the SDK's unknown-value error is recognized, and only it", () => {
  expect(isUnknownValueError(errorReading("acl"))).toBe(true);
  expect(isUnknownValueError(new Error("string value at .acl can't be known"))).toBe(false);
  expect(isUnknownValueError(errorReading("bucket"))).toBe(false);
});

test("has looks for a key without reading its value", () => {
  expect(has(props, "acl")).toBe(true);
  expect(has(props, "tags")).toBe(false);
});
