/**
 * Wall time of `npm run evidence` on the example stack, offline: a fresh process each run, as a
 * scheduled job starts it, with no GitHub token (the history from git alone). Target: ≤ 30 s.
 *
 *   npm run bench:evidence [-- --runs 3]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { ROOT } from "../root";

const TARGET_SECONDS = 30;

function runs(): number {
  const i = process.argv.indexOf("--runs");
  const n = i > 0 ? Number(process.argv[i + 1]) : 1;
  if (!Number.isInteger(n) || n < 1) throw new Error("--runs must be a whole number of at least 1");
  return n;
}

/** Seconds for one `npm run evidence -- --out <fresh folder>`. */
function evidenceRun(): number {
  const work = mkdtempSync(path.join(tmpdir(), "soc2-bench-evidence-"));
  const env = { ...process.env };
  delete env.GITHUB_TOKEN;
  delete env.GITHUB_REPOSITORY;
  try {
    const start = performance.now();
    execFileSync("npm", ["run", "-s", "evidence", "--", "--out", path.join(work, "bundle")], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "ignore", "inherit"],
    });
    return (performance.now() - start) / 1000;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const seconds = Array.from({ length: runs() }, evidenceRun);
  const worst = Math.max(...seconds);
  console.log(
    `npm run evidence (example stack, offline): ${seconds.map((s) => s.toFixed(1)).join(" s, ")} s`,
  );
  console.log(
    `worst ${worst.toFixed(1)} s — target ≤ ${TARGET_SECONDS} s: ${worst <= TARGET_SECONDS ? "met" : "missed"}`,
  );
}
