/**
 * Cold start of the policy pack: from launching it as the CLI does to its first Analyze answer, for
 * the compiled pack (main: bin/index.js) and for the same pack launched from its TypeScript source
 * (which the launcher type-checks through ts-node). Runs both alternately in one process, so the
 * ratio holds on a noisy machine. Target: ≤ 1.0 s for the built pack.
 *
 *   npm run bench:pack [-- --runs 5]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { RunningPack } from "../gate/policyPack";
import { ROOT } from "../root";

const PACK_DIR = path.join(ROOT, "policy-pack");

/**
 * The pack carries no TypeScript of its own (it ships compiled), so the launcher loads its small
 * vendored compiler; a pack run from source needs a current one, found here in the repository's.
 */
const SOURCE_ENV = { NODE_PATH: path.join(ROOT, "node_modules") };

/** Seconds from launch to the first Analyze answer. */
export async function coldStart(program: string): Promise<number> {
  const start = performance.now();
  const pack = await RunningPack.launch(PACK_DIR, {
    program,
    timeoutMs: 120_000,
    env: program === "." ? {} : SOURCE_ENV,
  });
  try {
    await pack.analysis({
      urn: "urn:pulumi:bench::soc2-baseline::aws:s3/bucket:Bucket::b",
      type: "aws:s3/bucket:Bucket",
      name: "b",
      properties: { bucket: "b" },
      protect: false,
      ignoreChanges: [],
      parent: "",
      dependencies: [],
      propertyDependencies: {},
    });
    return (performance.now() - start) / 1000;
  } finally {
    await pack.close();
  }
}

/**
 * Seconds the CLI's launcher itself takes to run a program that does nothing: it always loads
 * TypeScript and ts-node, so no pack can start faster than this.
 */
export function launcherFloor(): number {
  const dir = mkdtempSync(path.join(tmpdir(), "soc2-floor-"));
  const program = path.join(dir, "noop.js");
  writeFileSync(program, "");
  const launcher = path.join(
    PACK_DIR,
    "node_modules",
    "@pulumi",
    "pulumi",
    "cmd",
    "run-policy-pack",
  );
  try {
    const start = performance.now();
    execFileSync(process.execPath, [launcher, "127.0.0.1:0", program], { cwd: PACK_DIR });
    return (performance.now() - start) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf("--runs");
  const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
  const floor: number[] = [];
  const built: number[] = [];
  const source: number[] = [];
  for (let i = 0; i < runs; i++) {
    floor.push(launcherFloor());
    built.push(await coldStart("."));
    source.push(await coldStart("index.ts"));
  }
  const result = {
    runs,
    launcherFloorSeconds: Number(median(floor).toFixed(3)),
    builtSeconds: Number(median(built).toFixed(3)),
    sourceSeconds: Number(median(source).toFixed(3)),
    sourceOverBuilt: Number((median(source) / median(built)).toFixed(2)),
    packShareSeconds: Number((median(built) - median(floor)).toFixed(3)),
    targetBuiltSeconds: 1.0,
    meetsTarget: median(built) <= 1.0,
  };
  console.log(`policy pack cold start (median of ${runs}, launch → first Analyze answer)`);
  console.log(
    `  launcher, no-op program: ${result.launcherFloorSeconds.toFixed(3)} s  (the CLI's own floor)`,
  );
  console.log(
    `  built (bin/index.js):    ${result.builtSeconds.toFixed(3)} s  (target ≤ 1.0 s; ${result.packShareSeconds.toFixed(3)} s above the launcher's floor)`,
  );
  console.log(
    `  TypeScript source:      ${result.sourceSeconds.toFixed(3)} s  (${result.sourceOverBuilt}× built)`,
  );
  console.log(JSON.stringify(result));
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
