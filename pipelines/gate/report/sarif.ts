/**
 * SARIF 2.1.0 for GitHub code scanning: every policy of the pack as a rule (with its SOC 2 criterion,
 * tags, severity and remediation), every finding as a result at the line that declares the resource,
 * or at the stack file for findings about the stack as a whole.
 */
import { createHash } from "node:crypto";
import type { Log, ReportingDescriptor, Result } from "sarif";
import type { Severity } from "../analyzerMessages";
import type { GateResult } from "../gate";
import { findingsOf, type Finding } from "../findings";

/** GitHub ranks security alerts by this score (critical ≥ 9.0, high ≥ 7.0, medium ≥ 4.0). */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
  "": "5.0",
};

function level(f: Finding): Result.level {
  if (f.exception) return "note";
  return f.level === "mandatory" ? "error" : "warning";
}

export function renderSarif(result: GateResult): string {
  const findings = findingsOf(result);
  const rules: ReportingDescriptor[] = result.pack.policies.map((p) => ({
    id: p.name,
    name: p.name.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: p.description },
    fullDescription: {
      text: p.framework
        ? `${p.description} (SOC 2 ${p.framework.reference}: ${p.framework.specification})`
        : p.description,
    },
    help: { text: p.remediationSteps || p.description },
    defaultConfiguration: {
      level:
        p.enforcementLevel === "mandatory"
          ? "error"
          : p.enforcementLevel === "disabled"
            ? "none"
            : "warning",
    },
    properties: {
      tags: [
        "security",
        "soc2",
        ...(p.framework ? [`soc2:${p.framework.reference}`] : []),
        ...p.tags,
      ],
      "security-severity": SECURITY_SEVERITY[p.severity],
      precision: "very-high",
    },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results: Result[] = findings.map((f) => ({
    ruleId: f.policy,
    ruleIndex: ruleIndex.get(f.policy),
    level: level(f),
    message: {
      text: `${f.urn ? `${f.resourceType} ${f.resourceName}` : `Stack ${result.stack}`}: ${f.message}`,
    },
    locations: [
      {
        physicalLocation: { artifactLocation: { uri: f.file }, region: { startLine: f.line } },
        logicalLocations: f.urn
          ? [{ fullyQualifiedName: f.urn, name: f.resourceName, kind: "resource" }]
          : [],
      },
    ],
    partialFingerprints: {
      "soc2GateFinding/v1": createHash("sha256")
        .update(`${f.policy}\n${f.urn}\n${f.message}`)
        .digest("hex"),
    },
    properties: { views: f.views, criterion: f.criterion },
  }));
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "soc2-gate",
            semanticVersion: result.pack.version,
            informationUri: "https://github.com/pulumi/pulumi-policy",
            rules,
          },
        },
        automationDetails: { id: `soc2-gate/${result.project}/${result.stack}/` },
        invocations: [{ executionSuccessful: true }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
