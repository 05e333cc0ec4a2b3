/**
 * Wildcard matching for IAM patterns and exception URNs: `*` any run, `?` one character when asked,
 * everything else literal (RegExp metacharacters included); huge and many-starred patterns answer
 * at once.
 */
import { wildcardMatches } from "../../../policy-pack/lib/wildcard";

test.each([
  ["s3:*", "s3:GetObject", true, true],
  ["s3:Get*", "s3:PutObject", true, false],
  ["*", "", true, true],
  ["", "", true, true],
  ["", "x", true, false],
  ["a*b*c", "aXbYc", true, true],
  ["a*b*c", "aXbY", true, false],
  ["s3:?etObject", "s3:GetObject", true, true],
  ["s3:?etObject", "s3:GetObject", false, false],
  ["s3:?etObject", "s3:?etObject", false, true],
  ["arn:aws:s3:::b.c/*", "arn:aws:s3:::bXc/key", true, false],
  ["(a|b)+", "(a|b)+", true, true],
  ["*x", "aaaa", true, false],
  ["**x", "yx", true, true],
  ["*", "*x", true, true],
  ["a*", "a*b", false, true],
])("%j covers %j (? as wildcard: %s): %s", (pattern, text, questionMark, expected) => {
  expect(wildcardMatches(pattern, text, questionMark)).toBe(expected);
});

test("a 90,000-character pattern and a run of stars answer at once", () => {
  const started = performance.now();
  expect(wildcardMatches(" ".repeat(90_000), "arn:aws:s3:::b", true)).toBe(false);
  expect(wildcardMatches(`${"*".repeat(40)}x`, "a".repeat(10_000), true)).toBe(false);
  expect(performance.now() - started).toBeLessThan(250);
});
