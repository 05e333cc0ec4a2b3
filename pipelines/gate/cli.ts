/**
 * `npm run gate -- [options]`: the credential-free `pulumi preview --policy-pack` verdict.
 * Exit 0: no mandatory violation; 1: mandatory violations; 2: the program, its config or the pack
 * could not run (the reason in one line).
 */
import { writeFileSync } from "node:fs";
import * as path from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { type GateOptions, runGate } from "./gate";
import type { View } from "./mocks";
import { renderJson } from "./report/json";
import { renderJunit } from "./report/junit";
import { renderMarkdown } from "./report/markdown";
import { renderSarif } from "./report/sarif";
import { renderText } from "./report/text";
import { atRef } from "./rollback";
import { ROOT } from "../root";

const RENDERERS = {
  text: renderText,
  json: renderJson,
  sarif: renderSarif,
  junit: renderJunit,
  markdown: renderMarkdown,
};

interface CliOptions {
  project: string;
  stack: string;
  configFile?: string;
  mode: "first" | "update" | "both";
  policyPack: string;
  policyConfig?: string;
  format: keyof typeof RENDERERS;
  out?: string;
  report: { format: keyof typeof RENDERERS; file: string }[];
  rollbackRef?: string;
  timeout?: number;
}

/** `--timeout SECONDS`: a whole number of seconds, at least 1. */
function secondsOption(value: string): number {
  if (!/^[1-9]\d*$/.test(value))
    throw new InvalidArgumentError("expected whole seconds, at least 1");
  return Number(value);
}

/** `--report FORMAT=FILE`, collected over repeats. */
function reportOption(value: string, previous: CliOptions["report"]): CliOptions["report"] {
  const match = /^([a-z]+)=(.+)$/.exec(value);
  if (!match || !(match[1] in RENDERERS)) {
    throw new InvalidArgumentError(
      `expected FORMAT=FILE with FORMAT one of ${Object.keys(RENDERERS).join(", ")}`,
    );
  }
  return [...previous, { format: match[1] as keyof typeof RENDERERS, file: match[2] }];
}

function program(): Command {
  return new Command("gate")
    .description(
      "Judge a Pulumi program with the policy pack, as `pulumi preview --policy-pack` would, without credentials.",
    )
    .option("--project <dir>", "folder with Pulumi.yaml and a Node.js program", ROOT)
    .option("--stack <name>", "stack whose Pulumi.<name>.yaml config to use", "example")
    .option("--config-file <file>", "use this stack config file instead of Pulumi.<stack>.yaml")
    .addOption(
      new Option("--mode <view>", "first preview, update, or both")
        .choices(["first", "update", "both"])
        .default("both"),
    )
    .option("--policy-pack <dir>", "the built policy pack", path.join(ROOT, "policy-pack"))
    .option("--policy-config <file>", "policy config JSON, as the CLI's --policy-pack-config")
    .addOption(
      new Option("--format <format>", "report format")
        .choices(Object.keys(RENDERERS))
        .default("text"),
    )
    .option("--out <file>", "write the report there (the terminal summary still prints)")
    .option(
      "--report <format=file>",
      "also write the report in another format, e.g. sarif=gate.sarif (repeatable)",
      reportOption,
      [],
    )
    .option(
      "--rollback-ref <ref>",
      "judge the program as it was at this git ref with the policy pack as it is now",
    )
    .option(
      "--timeout <seconds>",
      "how long the program may run, and the policy pack may take to start (default: 300 and 30)",
      secondsOption,
    )
    .exitOverride();
}

export async function main(argv: string[]): Promise<number> {
  const cmd = program();
  try {
    cmd.parse(argv, { from: "user" });
  } catch (err) {
    if (
      err instanceof InvalidArgumentError ||
      (err as { exitCode?: number }).exitCode !== undefined
    ) {
      return (err as { exitCode?: number }).exitCode === 0 ? 0 : 2;
    }
    throw err;
  }
  const opts = cmd.opts<CliOptions>();
  const views: View[] = opts.mode === "both" ? ["first", "update"] : [opts.mode];
  try {
    const gate: GateOptions = {
      projectDir: path.resolve(opts.project),
      stack: opts.stack,
      configFile: opts.configFile && path.resolve(opts.configFile),
      views,
      packDir: path.resolve(opts.policyPack),
      policyConfigFile: opts.policyConfig && path.resolve(opts.policyConfig),
      programTimeoutMs: opts.timeout && opts.timeout * 1000,
      packTimeoutMs: opts.timeout && opts.timeout * 1000,
    };
    const result = opts.rollbackRef
      ? await atRef(gate.projectDir, opts.rollbackRef, (dir) =>
          runGate({ ...gate, projectDir: dir, rollbackRef: opts.rollbackRef }),
        )
      : await runGate(gate);
    for (const extra of opts.report) writeFileSync(extra.file, RENDERERS[extra.format](result));
    const report = RENDERERS[opts.format](result);
    if (opts.out) {
      writeFileSync(opts.out, report);
      process.stdout.write(opts.format === "text" ? report : renderText(result));
    } else {
      process.stdout.write(report);
    }
    return result.passed ? 0 : 1;
  } catch (err) {
    process.stderr.write(`gate: ${(err as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
