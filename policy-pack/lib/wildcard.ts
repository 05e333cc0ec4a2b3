/**
 * Wildcard matching without regular expressions: a pattern read from a stack (an IAM action or
 * resource, an exception's URN) may be tens of thousands of characters or hold many `*` in a row,
 * which a RegExp refuses to compile or backtracks on for seconds. This matcher takes at most
 * (pattern length × text length) steps, retrying only from the last `*`, and never throws.
 */

/**
 * Whether `pattern` covers all of `text`: `*` stands for any run of characters, and `?` for one
 * character when `questionMark` is set (IAM's wildcards); every other character stands for itself.
 */
export function wildcardMatches(pattern: string, text: string, questionMark: boolean): boolean {
  let p = 0;
  let t = 0;
  /** The last `*` seen, and the text position it currently stands up to. */
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    const c = pattern[p];
    if (p < pattern.length && c !== "*" && (c === text[t] || (questionMark && c === "?"))) {
      p++;
      t++;
    } else if (p < pattern.length && c === "*") {
      star = p++;
      resume = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}
