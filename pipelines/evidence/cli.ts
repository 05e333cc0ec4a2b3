/**
 * `npm run evidence -- --out DIR [--stack NAME] [--since DATE] [--ledger DIR] [--project DIR]`
 * writes the auditor's evidence bundle; `npm run evidence:verify -- DIR` (this file with `verify`
 * first) checks one against its SHA256SUMS. Exit 0: written, or verified; 1: the bundle does not
 * match its checksums; 2: bad input or something that could not run, with the reason in one line.
 */
import { statSync } from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { Command, InvalidArgumentError } from "commander";
import { bundleFiles, prepareBundleFolder, writeBundle } from "./bundle";
import { collect } from "./collect";
import type { CriterionStatus } from "./model";
import { describeVerification, verifyBundle } from "./verify";
import { ROOT } from "../root";

/** Where `aws s3 sync` puts the audit bucket's ledger/ in the deploy workflow. */
const DEFAULT_LEDGER = "ledger";
const DEFAULT_SINCE_DAYS = 90;

interface BuildOptions {
  out: string;
  stack: string;
  since?: string;
  ledger?: string;
  project: string;
  policyPack: string;
  policyConfig?: string;
}

/** `--since`: a calendar date, YYYY-MM-DD. */
function day(value: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError("expected a date YYYY-MM-DD");
  }
  return value;
}

function isFolder(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

type Run = { build: BuildOptions } | { verify: string };

function buildProgram(onRun: (run: Run) => void): Command {
  return new Command("evidence")
    .description("Write the auditor's evidence bundle of a stack.")
    .requiredOption("--out <dir>", "new or empty folder to write the bundle into")
    .option("--stack <name>", "stack whose Pulumi.<name>.yaml config is judged", "example")
    .option(
      "--since <date>",
      `first day (YYYY-MM-DD) of the changes listed (default: ${DEFAULT_SINCE_DAYS} days ago)`,
      day,
    )
    .option(
      "--ledger <dir>",
      `folder of deployment and rollback records (default: ${DEFAULT_LEDGER}/ when present)`,
    )
    .option("--project <dir>", "folder with Pulumi.yaml and a Node.js program", ROOT)
    .option("--policy-pack <dir>", "the built policy pack", path.join(ROOT, "policy-pack"))
    .option("--policy-config <file>", "policy config JSON, as the CLI's --policy-pack-config")
    .exitOverride()
    .action((build: BuildOptions) => onRun({ build }));
}

function verifyProgram(onRun: (run: Run) => void): Command {
  return new Command("evidence:verify")
    .description("Check an evidence bundle folder against its SHA256SUMS.")
    .argument("<dir>", "the bundle folder")
    .exitOverride()
    .action((dir: string) => onRun({ verify: dir }));
}

function verify(dir: string): number {
  const result = verifyBundle(dir);
  const text = describeVerification(dir, result);
  const clean = result.changed.length + result.missing.length + result.added.length === 0;
  (clean ? process.stdout : process.stderr).write(`evidence:verify: ${text}`);
  return clean ? 0 : 1;
}

async function build(opts: BuildOptions, env: NodeJS.ProcessEnv, now: Date): Promise<number> {
  const start = performance.now();
  const since =
    opts.since ??
    new Date(now.getTime() - DEFAULT_SINCE_DAYS * 86_400_000).toISOString().slice(0, 10);
  const ledgerDir = opts.ledger ?? (isFolder(DEFAULT_LEDGER) ? DEFAULT_LEDGER : undefined);
  const out = path.resolve(opts.out);
  prepareBundleFolder(out);
  const packDir = path.resolve(opts.policyPack);
  const evidence = await collect({
    projectDir: path.resolve(opts.project),
    stack: opts.stack,
    packDir,
    policyConfigFile: opts.policyConfig && path.resolve(opts.policyConfig),
    ledgerDir,
    since,
    env,
    now,
  });
  const written = writeBundle(out, bundleFiles(evidence, packDir));
  const { model } = evidence;
  const byStatus = new Map<CriterionStatus, number>();
  for (const c of model.criteria) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  const seconds = (performance.now() - start) / 1000;
  process.stdout.write(
    `evidence: wrote ${written.length} files to ${opts.out} in ${seconds.toFixed(1)} s\n` +
      `  gate: ${model.gate.verdict} (${model.gate.mandatory} mandatory, ${model.gate.advisory} advisory)` +
      `, ${model.rows.length} matrix rows\n` +
      `  criteria: ${[...byStatus].map(([s, n]) => `${n} ${s}`).join(", ")}\n`,
  );
  return 0;
}

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  now: Date = new Date(),
): Promise<number> {
  let run: Run | undefined;
  const verifying = argv[0] === "verify";
  const program = (verifying ? verifyProgram : buildProgram)((r) => (run = r));
  try {
    program.parse(verifying ? argv.slice(1) : argv, { from: "user" });
  } catch (err) {
    return (err as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  if (!run) return 2;
  try {
    return "verify" in run ? verify(run.verify) : await build(run.build, env, now);
  } catch (err) {
    process.stderr.write(`${program.name()}: ${(err as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
