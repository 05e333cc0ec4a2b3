/**
 * The gate's wall time against the bare SDK mock run of the same program (no pack), in one run, so
 * the ratio holds on a noisy machine. Target: gate / bare ≤ 1.25.
 *
 *   npm run bench:gate [-- --runs 3 --project DIR --stack NAME]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { runGate } from "../gate/gate";
import { readProject, readStack } from "../gate/project";

const ROOT = path.resolve(__dirname, "../..");

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/** Seconds for one bare run of the program in a fresh process. */
export function bareRun(projectDir: string, stack: string): number {
  const project = readProject(projectDir);
  const work = mkdtempSync(path.join(tmpdir(), "soc2-bare-"));
  const configFile = path.join(work, "config.json");
  writeFileSync(configFile, JSON.stringify(readStack(project, stack)));
  try {
    const start = performance.now();
    execFileSync(
      process.execPath,
      [
        "-r",
        require.resolve("ts-node/register/transpile-only"),
        path.join(__dirname, "bareRun.ts"),
        project.dir,
        project.main,
        project.name,
        stack,
        configFile,
      ],
      {
        cwd: project.dir,
        stdio: ["ignore", "ignore", "inherit"],
        env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
      },
    );
    return (performance.now() - start) / 1000;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Seconds for the gate (both views, real pack), and the resources it judged. */
export async function gateRun(
  projectDir: string,
  stack: string,
): Promise<{ seconds: number; resources: number; passed: boolean }> {
  const start = performance.now();
  const result = await runGate({
    projectDir,
    stack,
    views: ["first", "update"],
    packDir: path.join(ROOT, "policy-pack"),
  });
  return {
    seconds: (performance.now() - start) / 1000,
    resources: result.views[0].resources.length,
    passed: result.passed,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const runs = Number(arg("runs", "7"));
  const projectDir = path.resolve(arg("project", ROOT));
  const stack = arg("stack", "example");
  const bare: number[] = [];
  const gate: number[] = [];
  let resources = 0;
  for (let i = 0; i < runs; i++) {
    bare.push(bareRun(projectDir, stack));
    const g = await gateRun(projectDir, stack);
    gate.push(g.seconds);
    resources = g.resources;
  }
  const ratio = median(gate) / median(bare);
  const result = {
    runs,
    resources,
    bareSeconds: Number(median(bare).toFixed(3)),
    gateSeconds: Number(median(gate).toFixed(3)),
    ratio: Number(ratio.toFixed(2)),
    target: 1.25,
  };
  console.log(`gate vs bare SDK mock run (median of ${runs}, ${resources} resources)`);
  console.log(`  bare mock run:            ${result.bareSeconds.toFixed(3)} s`);
  console.log(
    `  gate, both views + pack:  ${result.gateSeconds.toFixed(3)} s  (ratio ${result.ratio}, target ≤ 1.25)`,
  );
  console.log(JSON.stringify(result));
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
