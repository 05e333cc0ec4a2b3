/**
 * The pull-request comment: verdict first, mandatory violations as a table with their fix, the rest
 * folded away; short enough for a PR comment however large the stack.
 */
import type { GateResult } from "../gate";
import { type Finding, findingsOf } from "../findings";

const MAX_ROWS = 30;
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const where = (f: Finding) =>
  f.urn ? `\`${f.resourceName}\` (${f.resourceType.split(":").pop()})` : "stack";

function table(findings: readonly Finding[], withFix: boolean): string[] {
  const rows = findings
    .slice(0, MAX_ROWS)
    .map(
      (f) =>
        `| ${f.criterion} | \`${f.policy}\` | ${where(f)} | ${cell(f.message)}${withFix && f.remediation ? `<br>**Fix:** ${cell(f.remediation)}` : ""} |`,
    );
  const more =
    findings.length > MAX_ROWS
      ? [`\n…and ${findings.length - MAX_ROWS} more (see the job's SARIF and JSON reports).`]
      : [];
  return ["| SOC 2 | Policy | Resource | Finding |", "| --- | --- | --- | --- |", ...rows, ...more];
}

export function renderMarkdown(result: GateResult): string {
  const findings = findingsOf(result);
  const mandatory = findings.filter((f) => f.level === "mandatory");
  const advisory = findings.filter((f) => f.level !== "mandatory" && !f.exception);
  const exceptions = findings.filter((f) => f.exception);
  const resources = result.views[0]?.resources.length ?? 0;
  const out = [
    `### SOC 2 gate: ${result.passed ? "✅ pass" : `❌ blocked by ${mandatory.length} mandatory violation${mandatory.length === 1 ? "" : "s"}`}`,
    "",
    `\`${result.project}\` / \`${result.stack}\` · ${resources} resources · views: ${result.views.map((v) => v.view).join(", ")} · pack \`${result.pack.name}@${result.pack.version}\``,
  ];
  if (mandatory.length > 0) out.push("", ...table(mandatory, true));
  if (advisory.length > 0) {
    out.push(
      "",
      `<details><summary>${advisory.length} advisor${advisory.length === 1 ? "y" : "ies"}</summary>`,
      "",
      ...table(advisory, false),
      "",
      "</details>",
    );
  }
  if (exceptions.length > 0) {
    out.push(
      "",
      `<details><summary>${exceptions.length} exception${exceptions.length === 1 ? "" : "s"} used</summary>`,
      "",
      ...exceptions.map((f) => `- ${where(f)}: ${cell(f.message)}`),
      "",
      "</details>",
    );
  }
  return `${out.join("\n")}\n`;
}
