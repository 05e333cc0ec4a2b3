/**
 * The gate's result as findings a person or a tool reads: each diagnostic once, with the views that
 * produced it, its SOC 2 criterion and remediation from the pack's own metadata.
 */
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { AnalyzedResource, EnforcementLevel, Severity } from "./analyzerMessages";
import type { GateResult } from "./gate";
import type { View } from "./mocks";

export interface Finding {
  policy: string;
  level: EnforcementLevel;
  severity: Severity;
  /** SOC 2 criterion the policy enforces (its framework reference), or "" when it has none. */
  criterion: string;
  criterionTitle: string;
  /** "" for a finding about the stack as a whole. */
  urn: string;
  resourceType: string;
  resourceName: string;
  message: string;
  remediation: string;
  views: View[];
  /** The policy could not decide because a value is unknown in this view. */
  unverified: boolean;
  /** The finding reports the use of a control exception. */
  exception: boolean;
  /** The file (relative to the project) and line that declare the resource, else the stack file. */
  file: string;
  line: number;
}

const UNVERIFIED = /^can't run policy '.*' during preview:/;

/** `urn:pulumi:stack::project::qualified$type::name` → its own type and name. */
export function resourceOf(urn: string): { type: string; name: string } {
  if (!urn) return { type: "", name: "" };
  const parts = urn.split("::");
  return { type: (parts[2] ?? "").split("$").pop() ?? "", name: parts.slice(3).join("::") };
}

/** Where a resource is declared, relative to the project; the stack file when unknown. */
function declaredAt(
  resource: AnalyzedResource | undefined,
  result: GateResult,
): { file: string; line: number } {
  const uri = resource?.source?.uri;
  if (uri) {
    const file = uri.startsWith("file:") ? fileURLToPath(uri) : uri;
    const relative = path.relative(result.projectDir, file);
    if (!relative.startsWith("..") && !path.isAbsolute(relative)) {
      return { file: relative.split(path.sep).join("/"), line: resource?.source?.line || 1 };
    }
  }
  return { file: `Pulumi.${result.stack}.yaml`, line: 1 };
}

export function findingsOf(result: GateResult): Finding[] {
  const policies = new Map(result.pack.policies.map((p) => [p.name, p]));
  const resources = new Map(
    result.views.flatMap((v) => v.resources.map((r) => [r.urn, r] as const)),
  );
  const byKey = new Map<string, Finding>();
  for (const { view, diagnostics } of result.views) {
    for (const d of diagnostics) {
      const key = `${d.policyName}\u0000${d.urn}\u0000${d.detail}`;
      const seen = byKey.get(key);
      if (seen) {
        if (!seen.views.includes(view)) seen.views.push(view);
        continue;
      }
      const policy = policies.get(d.policyName);
      const { type, name } = resourceOf(d.urn);
      byKey.set(key, {
        policy: d.policyName,
        level: d.enforcementLevel,
        severity: d.severity || policy?.severity || "",
        criterion: policy?.framework?.reference ?? "",
        criterionTitle: policy?.framework?.specification ?? "",
        urn: d.urn,
        resourceType: type,
        resourceName: name,
        message: d.detail,
        remediation: policy?.remediationSteps ?? "",
        views: [view],
        unverified: UNVERIFIED.test(d.detail),
        exception: d.policyName.startsWith("soc2-exception-"),
        ...declaredAt(resources.get(d.urn), result),
      });
    }
  }
  const rank = (f: Finding) => (f.level === "mandatory" ? 0 : 1);
  return [...byKey.values()].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      a.criterion.localeCompare(b.criterion) ||
      a.policy.localeCompare(b.policy) ||
      a.urn.localeCompare(b.urn),
  );
}
