/**
 * The terminal report: what was judged, what blocks (grouped by SOC 2 criterion, with the fix),
 * what is advisory, which exceptions were used, and the verdict — readable in seconds.
 */
import type { GateResult } from "../gate";
import { type Finding, findingsOf } from "../findings";

const VIEW_NAMES = { first: "first preview", update: "update" } as const;

function countBy<T>(items: readonly T[], key: (t: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function where(f: Finding): string {
  return f.urn ? `${f.resourceType} ${f.resourceName}` : "the stack";
}

function findingLines(f: Finding, withFix: boolean): string[] {
  const views = f.views.map((v) => VIEW_NAMES[v]).join(", ");
  const lines = [`    ${f.policy} — ${where(f)} [${views}]`, `      ${f.message}`];
  if (withFix && f.remediation) lines.push(`      fix: ${f.remediation}`);
  return lines;
}

export function renderText(result: GateResult): string {
  const findings = findingsOf(result);
  const mandatory = findings.filter((f) => f.level === "mandatory");
  const advisory = findings.filter((f) => f.level !== "mandatory" && !f.exception);
  const exceptions = findings.filter((f) => f.exception);
  const resources = result.views[0]?.resources ?? [];
  const out = [
    `SOC 2 gate: ${result.project} / ${result.stack}${result.rollbackRef ? ` as of ${result.rollbackRef} (rollback)` : ""}, policy pack ${result.pack.name}@${result.pack.version} (${result.pack.policies.length} policies)`,
    "",
    `Resources (${resources.length}):`,
    ...countBy(resources, (r) => r.type).map(([type, n]) => `  ${String(n).padStart(4)}  ${type}`),
    "",
    "Views:",
    ...result.views.map((v) => {
      const m = v.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length;
      return `  ${VIEW_NAMES[v.view].padEnd(14)} ${m === 0 ? "pass" : `${m} mandatory`}, ${v.diagnostics.length - m} advisory`;
    }),
  ];
  if (mandatory.length > 0) {
    out.push("", `Mandatory violations (${mandatory.length}), by SOC 2 criterion:`);
    for (const [criterion] of countBy(mandatory, (f) => f.criterion).sort((a, b) =>
      a[0].localeCompare(b[0]),
    )) {
      const group = mandatory.filter((f) => f.criterion === criterion);
      out.push(`  ${criterion || "(no criterion)"} ${group[0].criterionTitle}`);
      for (const f of group) out.push(...findingLines(f, true));
    }
  }
  if (advisory.length > 0) {
    out.push("", `Advisories (${advisory.length}):`);
    for (const f of advisory) out.push(...findingLines(f, false));
  }
  if (exceptions.length > 0) {
    out.push("", `Exceptions used (${exceptions.length}):`);
    for (const f of exceptions) out.push(`    ${where(f)}: ${f.message}`);
  }
  out.push(
    "",
    result.passed
      ? `PASS: no mandatory violation in ${result.views.map((v) => VIEW_NAMES[v.view]).join(" or ")} (${result.seconds.toFixed(1)} s)`
      : `BLOCKED: ${mandatory.length} mandatory violation${mandatory.length === 1 ? "" : "s"} (${result.seconds.toFixed(1)} s)`,
  );
  return `${out.join("\n")}\n`;
}
