/**
 * `npm run ledger -- record …`: writes one deployment or rollback record from the files a deploy or
 * rollback job gathered (pipelines/workflows/definitions/shared.ts) and GitHub Actions' own
 * environment. Exit 0 and the record's path on success; exit 2 and one message naming each bad
 * input otherwise, with nothing written.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { Command, Option } from "commander";
import { packDigest } from "./packDigest";
import { buildRecord, RecordInputError, recordFileName } from "./record";
import { ROOT } from "../root";

const RUN_ENV = [
  "GITHUB_REPOSITORY",
  "GITHUB_RUN_ID",
  "GITHUB_RUN_ATTEMPT",
  "GITHUB_ACTOR",
  "GITHUB_SERVER_URL",
] as const;

interface RecordOptions {
  kind: "deploy" | "rollback";
  commit: string;
  outcome: string;
  pulls: string;
  reviews: string;
  gate: string;
  update: string;
  out: string;
  pack: string;
  targetRef?: string;
  incident?: string;
  reason?: string;
}

class UsageError extends Error {}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new UsageError(`${what} file ${file} cannot be read`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${what} file ${file} is not valid JSON`);
  }
}

/** The full SHA of `ref` in the repository at `cwd`, or `ref` itself when git cannot resolve it. */
function resolveCommit(ref: string): string {
  try {
    return execFileSync("git", ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], {
      cwd: ROOT,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return ref;
  }
}

function record(opts: RecordOptions, env: NodeJS.ProcessEnv): string {
  const missing = RUN_ENV.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new UsageError(
      `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set: records are written by GitHub Actions jobs`,
    );
  }
  const built = buildRecord({
    kind: opts.kind,
    commit: resolveCommit(opts.commit),
    outcome: opts.outcome,
    pulls: readJson(opts.pulls, "pulls"),
    reviews: readJson(opts.reviews, "reviews"),
    gate: readJson(opts.gate, "gate"),
    update: readJson(opts.update, "update"),
    pack: packDigest(path.resolve(opts.pack)),
    run: {
      repository: env.GITHUB_REPOSITORY!,
      runId: env.GITHUB_RUN_ID!,
      attempt: env.GITHUB_RUN_ATTEMPT!,
      actor: env.GITHUB_ACTOR!,
      serverUrl: env.GITHUB_SERVER_URL!,
    },
    rollback:
      opts.kind === "rollback"
        ? {
            targetRef: opts.targetRef ?? "",
            incident: opts.incident ?? "",
            reason: opts.reason ?? "",
          }
        : undefined,
    recordedAt: new Date(),
  });
  mkdirSync(opts.out, { recursive: true });
  const file = path.join(opts.out, recordFileName(built));
  writeFileSync(file, `${JSON.stringify(built, null, 2)}\n`);
  return file;
}

function program(): Command {
  const cmd = new Command("ledger").exitOverride();
  cmd
    .command("record")
    .description("write a deployment or rollback record for the ledger")
    .addOption(
      new Option("--kind <kind>", "deploy or rollback")
        .choices(["deploy", "rollback"])
        .makeOptionMandatory(),
    )
    .requiredOption("--commit <ref>", "the commit deployed (a rollback's target)")
    .requiredOption(
      "--outcome <outcome>",
      "the update step's outcome: success, failure, cancelled or skipped",
    )
    .requiredOption("--pulls <file>", "GitHub's pull requests of the commit (JSON)")
    .requiredOption("--reviews <file>", "GitHub's reviews of that pull request (JSON)")
    .requiredOption("--gate <file>", "the gate's JSON report")
    .requiredOption("--update <file>", "pulumi stack history --json --page-size 1")
    .requiredOption("--out <dir>", "folder to write the record into")
    .option(
      "--pack <dir>",
      "the policy pack whose sources are hashed",
      path.join(ROOT, "policy-pack"),
    )
    .option("--target-ref <ref>", "a rollback's target ref as dispatched")
    .option("--incident <reference>", "the incident or post-mortem a rollback answers")
    .option("--reason <text>", "why the rollback")
    .exitOverride();
  return cmd;
}

export function main(argv: string[], env: NodeJS.ProcessEnv = process.env): number {
  const cmd = program();
  let opts: RecordOptions | undefined;
  cmd.commands[0].action((o: RecordOptions) => {
    opts = o;
  });
  try {
    cmd.parse(argv, { from: "user" });
  } catch (err) {
    return (err as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  if (!opts) return 2;
  try {
    process.stdout.write(`${record(opts, env)}\n`);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || err instanceof RecordInputError) {
      process.stderr.write(`ledger: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  process.exit(main(process.argv.slice(2)));
}
