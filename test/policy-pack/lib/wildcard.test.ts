/**
 * Wildcard matching for IAM patterns and exception URNs: `*` any run, `?` one character when asked,
 * everything else literal (RegExp metacharacters included); huge patterns are judged, and a run of
 * stars costs no more than pattern × text steps.
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

/**
 * Strings whose character and length reads are counted together, so the matcher's work is measured
 * in steps rather than milliseconds and the bound holds on any machine. A read past `budget` throws,
 * so a matcher that backtracks fails at once instead of running for hours.
 */
function stepCounter(budget: number) {
  let reads = 0;
  const wrap = (value: string) =>
    new Proxy(new String(value), {
      get(target, key) {
        if (++reads > budget) throw new Error(`more than ${budget} reads`);
        return Reflect.get(target, key) as unknown;
      },
    }) as unknown as string;
  return { wrap, reads: () => reads };
}

test("a 90,000-character pattern is judged instead of failing as a RegExp would", () => {
  expect(wildcardMatches(" ".repeat(90_000), "arn:aws:s3:::b", true)).toBe(false);
});

test.each([
  // A backtracking matcher tries every split of the text between the stars: 2^40 steps and more.
  ["40 stars before an x, against 10,000 a's", `${"*".repeat(40)}x`, 10_000],
  ["80 stars before an x, against 10,000 a's", `${"*".repeat(80)}x`, 10_000],
  // Each retry from the star re-reads the literal run: this matcher's worst case, pattern × text.
  ["a star, 20 a's and a b, against 2,000 a's", `*${"a".repeat(20)}b`, 2_000],
  ["a star, 20 a?'s and a b, against 2,000 a's", `*${"a?".repeat(20)}b`, 2_000],
])("%s: no more than 4 reads per pattern × text step", (_, pattern, length) => {
  const text = "a".repeat(length);
  const counter = stepCounter(4 * (pattern.length + 1) * (text.length + 1));
  expect(wildcardMatches(counter.wrap(pattern), counter.wrap(text), true)).toBe(false);
  expect(counter.reads()).toBeGreaterThan(text.length);
});
