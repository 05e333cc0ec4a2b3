/**
 * Org scale: the baseline with N managed repositories (a synthetic org, syntheticOrg.ts), measured
 * in one run so the ratios hold on a noisy machine. For each N, alternately:
 * - the floor: the program's bare run under the SDK's mocks, in one process, nothing else;
 * - the gate with the real pack, as `npm run gate` runs, in first-preview mode (a new stack's first
 *   `pulumi preview`, where every output is unknown); `--mode both` adds the update view;
 * - the pack alone: a fresh pack sent exactly the gate's requests for the program (packAlone.ts),
 *   whose cost, beside the floor's, bounds how fast any gate using this pack can finish here;
 * and once, the pack's cold start, built and from its TypeScript source. Prints a table and JSON:
 * wall time, peak memory and CPU time of each, and the CPU-seconds of the gate's three processes,
 * whose sum over the cores bounds how fast the gate can finish on this machine.
 *
 *   npm run bench [-- --sizes 10,100,1000 --runs 1 --mode first|update|both]
 *
 * Targets: 1,000 repositories gated in ≤ 20 s with peak RSS ≤ 1 GiB; gate / floor ≤ 1.25; time
 * growing no faster than the resource count (10× the resources in ≤ 11× the time).
 * Memory is read from /proc, so the bench runs on Linux.
 */
import { spawn } from "node:child_process";
import { cpus } from "node:os";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { runEncoded } from "../gate/gate";
import type { View } from "../gate/mocks";
import { readProject } from "../gate/project";
import { stackConfigFromYaml } from "../gate/stackConfig";
import { ENTRY_EXT, ROOT } from "../root";
import { type PackAlone, packAlone } from "./packAlone";
import { coldStart } from "./packColdStart";
import { syntheticOrgStack } from "./syntheticOrg";
import { type ProcessUsage, type TreeUsage, watchTree } from "./treeUsage";

const TS_NODE = require.resolve("ts-node/register/transpile-only");
const TARGETS = { gateSeconds: 20, peakMiB: 1024, ratio: 1.25, growth: 1.1 };

interface Run {
  seconds: number;
  usage: TreeUsage;
  stdout: string;
}

/**
 * Runs an entry in a fresh Node.js process, with ts-node registered when the entry or the program it
 * loads is TypeScript; fails on a non-zero exit.
 */
function runNode(
  entry: string,
  args: string[],
  loadsTypeScript = ENTRY_EXT === ".ts",
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const preload = loadsTypeScript ? ["-r", TS_NODE] : [];
    const child = spawn(process.execPath, [...preload, entry, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" },
    });
    const usage = watchTree(child.pid ?? 0);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (code === 0) resolve({ seconds, usage: usage.stop(), stdout });
      else reject(new Error(`${path.basename(entry)} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

interface Measure {
  repositories: number;
  resources: number;
  floorSeconds: number;
  gateSeconds: number;
  ratio: number;
  resourcesPerSecond: number;
  floorPeakMiB: number;
  gatePeakTreeMiB: number;
  gatePeakProcessMiB: number;
  floorCpuSeconds: number;
  gateCpuSeconds: number;
  /** The gate's CPU-seconds by process: its own, the program's host, the pack(s). */
  gateCpuByProcess: Record<Role, number>;
  /** The lowest gate/floor these cores allow for the CPU the gate used: its CPU / cores / floor. */
  cpuBoundRatio: number;
  /** The pack sent the gate's requests with nothing else running (packAlone.ts). */
  packAlone: PackAlone;
  /** The least time any gate using this pack could take here (lowestGateSeconds), and / floor. */
  lowestGateSeconds: number;
  lowestRatio: number;
  verdict: string;
}

type Role = "gate" | "host" | "pack";

/** Which of the gate's processes this is: the gate itself (the root), the program's host, a pack. */
function roleOf(usage: ProcessUsage, root: number): Role | undefined {
  if (usage.pid === root) return "gate";
  if (usage.command.includes("programHost")) return "host";
  if (usage.command.includes("run-policy-pack")) return "pack";
  return undefined;
}

function cpuByRole(usage: TreeUsage): Record<Role, number> {
  const byRole: Record<Role, number> = { gate: 0, host: 0, pack: 0 };
  const root = usage.processes[0]?.pid;
  for (const p of usage.processes) {
    const role = roleOf(p, root);
    if (role) byRole[role] += p.cpuSeconds;
  }
  return byRole;
}

/**
 * The least time any gate using the pack could take on `cores` cores: it must spend the floor's CPU
 * (the program) and the pack's alone, and AnalyzeStack needs the whole program, so it answers no
 * sooner than the floor's time plus its own. The longer of the two.
 */
export function lowestGateSeconds(
  floor: { seconds: number; cpuSeconds: number },
  pack: Pick<PackAlone, "cpuSeconds" | "stackSeconds">,
  cores: number,
): number {
  return Math.max((floor.cpuSeconds + pack.cpuSeconds) / cores, floor.seconds + pack.stackSeconds);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(
  repositories: number,
  runs: number,
  mode: string,
  work: string,
): Promise<Measure> {
  const stackFile = path.join(work, `org-${repositories}.yaml`);
  const configFile = path.join(work, `org-${repositories}.json`);
  const report = path.join(work, `gate-${repositories}.json`);
  const yaml = syntheticOrgStack(repositories);
  writeFileSync(stackFile, yaml);
  const project = readProject(ROOT);
  const config = stackConfigFromYaml(yaml, stackFile, project.name);
  writeFileSync(configFile, JSON.stringify(config));
  // The requests the gate sends for the program, for the pack alone: its first view (the only one
  // unless the mode is both, where the bound then covers half the gate's work).
  const view: View = mode === "update" ? "update" : "first";
  const encoded = (await runEncoded({ project, stack: "bench", config, views: [view] })).get(view);
  if (!encoded) throw new Error(`the program's ${view} view was not run`);
  const floors: Run[] = [];
  const gates: Run[] = [];
  const packs: PackAlone[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(
      // The floor loads the TypeScript program as the gate's host does: through ts-node.
      await runNode(
        path.join(__dirname, `bareRun${ENTRY_EXT}`),
        [project.dir, project.main, project.name, "bench", configFile],
        true,
      ),
    );
    gates.push(
      await runNode(path.join(__dirname, "..", "gate", `cli${ENTRY_EXT}`), [
        "--config-file",
        stackFile,
        "--stack",
        "bench",
        "--mode",
        mode,
        "--format",
        "json",
        "--out",
        report,
      ]),
    );
    packs.push(await packAlone(path.join(ROOT, "policy-pack"), encoded));
  }
  const result = JSON.parse(readFileSync(report, "utf8")) as {
    verdict: string;
    views: { resources: number }[];
  };
  const resources = result.views[0].resources;
  const floorSeconds = median(floors.map((r) => r.seconds));
  const gateSeconds = median(gates.map((r) => r.seconds));
  const gateCpuSeconds = median(gates.map((r) => r.usage.cpuSeconds));
  const byRole = gates.map((r) => cpuByRole(r.usage));
  const roleMedian = (role: Role) => round(median(byRole.map((b) => b[role])), 2);
  const floorCpuSeconds = median(floors.map((r) => r.usage.cpuSeconds));
  const pack: PackAlone = {
    cpuSeconds: round(median(packs.map((p) => p.cpuSeconds)), 2),
    analyzeCpuSeconds: round(median(packs.map((p) => p.analyzeCpuSeconds)), 2),
    stackCpuSeconds: round(median(packs.map((p) => p.stackCpuSeconds)), 2),
    stackSeconds: round(median(packs.map((p) => p.stackSeconds)), 2),
  };
  const lowest = lowestGateSeconds(
    { seconds: floorSeconds, cpuSeconds: floorCpuSeconds },
    pack,
    cpus().length,
  );
  return {
    repositories,
    resources,
    floorSeconds: round(floorSeconds, 2),
    gateSeconds: round(gateSeconds, 2),
    ratio: round(gateSeconds / floorSeconds, 2),
    resourcesPerSecond: Math.round(resources / gateSeconds),
    floorPeakMiB: Math.max(...floors.map((r) => r.usage.treeMiB)),
    gatePeakTreeMiB: Math.max(...gates.map((r) => r.usage.treeMiB)),
    gatePeakProcessMiB: Math.max(...gates.map((r) => r.usage.processMiB)),
    floorCpuSeconds: round(floorCpuSeconds, 2),
    gateCpuSeconds: round(gateCpuSeconds, 2),
    gateCpuByProcess: {
      gate: roleMedian("gate"),
      host: roleMedian("host"),
      pack: roleMedian("pack"),
    },
    cpuBoundRatio: round(gateCpuSeconds / cpus().length / floorSeconds, 2),
    packAlone: pack,
    lowestGateSeconds: round(lowest, 2),
    lowestRatio: round(lowest / floorSeconds, 2),
    verdict: result.verdict,
  };
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

function wholeNumbers(name: string, text: string): number[] {
  const values = text.split(",").map(Number);
  if (values.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new Error(`--${name} takes whole numbers of at least 1, comma-separated (got ${text})`);
  }
  return values;
}

function table(rows: Measure[]): string {
  const header = [
    "repos",
    "resources",
    "floor s",
    "gate s",
    "gate/floor",
    "res/s",
    "floor MiB",
    "gate MiB (tree)",
    "gate MiB (1 proc)",
    "floor CPU s",
    "gate CPU s",
    "time growth",
    "resource growth",
  ];
  const lines = rows.map((r, i) => {
    const previous = rows[i - 1];
    const growth = (a: number, b: number) => (previous ? `${(a / b).toFixed(2)}×` : "—");
    return [
      r.repositories,
      r.resources,
      r.floorSeconds.toFixed(2),
      r.gateSeconds.toFixed(2),
      r.ratio.toFixed(2),
      r.resourcesPerSecond,
      r.floorPeakMiB,
      r.gatePeakTreeMiB,
      r.gatePeakProcessMiB,
      r.floorCpuSeconds.toFixed(1),
      r.gateCpuSeconds.toFixed(1),
      growth(r.gateSeconds, previous?.gateSeconds),
      growth(r.resources, previous?.resources),
    ].map(String);
  });
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  return [header, ...lines]
    .map((l) => l.map((v, c) => v.padStart(widths[c])).join("  "))
    .join("\n");
}

/** Each target, as met or missed, from the measured rows. */
function verdicts(rows: Measure[]): string[] {
  const out: string[] = [];
  const mark = (ok: boolean) => (ok ? "met" : "MISSED");
  for (const r of rows) {
    const cpu = r.gateCpuByProcess;
    out.push(
      `${r.repositories} repositories: gate/floor ${r.ratio} ≤ ${TARGETS.ratio}: ${mark(r.ratio <= TARGETS.ratio)}; verdict ${r.verdict}`,
      `  CPU: gate ${r.gateCpuSeconds} s (program host ${cpu.host}, pack ${cpu.pack}, gate process ${cpu.gate}), ` +
        `floor ${r.floorCpuSeconds} s; on ${cpus().length} cores the gate cannot finish under ` +
        `${round(r.gateCpuSeconds / cpus().length, 2)} s, ${r.cpuBoundRatio} × the floor`,
      `  the pack alone, sent the gate's requests: ${r.packAlone.cpuSeconds} CPU-s (Analyze ` +
        `${r.packAlone.analyzeCpuSeconds}, AnalyzeStack ${r.packAlone.stackCpuSeconds} in ` +
        `${r.packAlone.stackSeconds} s); with the floor's, no gate using this pack can finish under ` +
        `${r.lowestGateSeconds} s here, ${r.lowestRatio} × the floor`,
    );
  }
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1], rows[i]];
    const work = b.resources / a.resources;
    const time = b.gateSeconds / a.gateSeconds;
    out.push(
      `${a.repositories} → ${b.repositories}: ${work.toFixed(2)}× the resources in ${time.toFixed(2)}× the time ` +
        `(≤ ${(work * TARGETS.growth).toFixed(2)}×): ${mark(time <= work * TARGETS.growth)}`,
    );
  }
  const thousand = rows.find((r) => r.repositories === 1000);
  if (thousand) {
    out.push(
      `1000 repositories in ${thousand.gateSeconds} s ≤ ${TARGETS.gateSeconds} s: ${mark(thousand.gateSeconds <= TARGETS.gateSeconds)}; ` +
        `peak ${thousand.gatePeakTreeMiB} MiB (whole tree) ≤ ${TARGETS.peakMiB} MiB: ${mark(thousand.gatePeakTreeMiB <= TARGETS.peakMiB)}`,
    );
  }
  return out;
}

async function main(): Promise<void> {
  const sizes = wholeNumbers("sizes", option("sizes", "10,100,1000"));
  const [runs] = wholeNumbers("runs", option("runs", "1"));
  const mode = option("mode", "first");
  if (!["first", "update", "both"].includes(mode)) {
    throw new Error(`--mode takes first, update or both (got ${mode})`);
  }
  const work = mkdtempSync(path.join(tmpdir(), "soc2-bench-scale-"));
  try {
    const rows: Measure[] = [];
    for (const n of sizes) {
      rows.push(await measure(n, runs, mode, work));
      console.error(`measured ${n} repositories`);
    }
    const built = await coldStart(".");
    const source = await coldStart("index.ts");
    console.log(
      `org scale on ${cpus().length} cores, gate in ${mode} mode (median of ${runs} run(s) per size)`,
    );
    console.log(table(rows));
    console.log(
      `pack cold start (launch → first Analyze): built ${built.toFixed(2)} s, TypeScript source ${source.toFixed(2)} s`,
    );
    for (const line of verdicts(rows)) console.log(`  ${line}`);
    console.log(
      JSON.stringify({
        cores: cpus().length,
        runs,
        mode,
        rows,
        packColdStart: { builtSeconds: round(built, 2), sourceSeconds: round(source, 2) },
        targets: TARGETS,
      }),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
