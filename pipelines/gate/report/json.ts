/**
 * The gate's JSON report. Shape (schemaVersion 1), documented in the README:
 * { schemaVersion, project, stack, verdict: "pass" | "blocked", mandatory, advisory, seconds,
 *   pack: { name, version, policies: [{ name, severity, enforcementLevel, criterion, type }] },
 *   views: [{ view, resources, mandatory, advisory }],
 *   findings: [Finding …] }   (see findings.ts)
 */
import type { GateResult } from "../gate";
import { findingsOf } from "../findings";

export function renderJson(result: GateResult): string {
  const findings = findingsOf(result);
  return `${JSON.stringify(
    {
      schemaVersion: 1,
      project: result.project,
      stack: result.stack,
      verdict: result.passed ? "pass" : "blocked",
      mandatory: findings.filter((f) => f.level === "mandatory").length,
      advisory: findings.filter((f) => f.level !== "mandatory").length,
      seconds: Number(result.seconds.toFixed(3)),
      pack: {
        name: result.pack.name,
        version: result.pack.version,
        policies: result.pack.policies.map((p) => ({
          name: p.name,
          severity: p.severity,
          enforcementLevel: p.enforcementLevel,
          criterion: p.framework?.reference ?? "",
          type: p.policyType,
        })),
      },
      views: result.views.map((v) => ({
        view: v.view,
        resources: v.resources.length,
        mandatory: v.diagnostics.filter((d) => d.enforcementLevel === "mandatory").length,
        advisory: v.diagnostics.filter((d) => d.enforcementLevel !== "mandatory").length,
      })),
      findings,
    },
    null,
    2,
  )}\n`;
}
