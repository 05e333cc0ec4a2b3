/**
 * The evidence bundle's model: everything `npm run evidence` found, before any file is written.
 * Every output — index.html, the control matrix (CSV and JSON), the OpenControl files — renders
 * this one model, so they cannot disagree.
 */

/** How one policy judged one resource (or the stack, for a stack policy). */
export type RowResult = "pass" | "fail" | "advisory" | "exception" | "not-verified";

export interface MatrixRow {
  criterion: string;
  policy: string;
  /** The resource's URN, or "" for the stack as a whole (stack policies). */
  urn: string;
  resourceType: string;
  resourceName: string;
  result: RowResult;
  /** The enforcement level the running pack gave the policy. */
  enforcementLevel: string;
  severity: string;
  /** The violation or exception message; "" for a pass. */
  message: string;
  /** For result "exception": the reason, approver and expiry the exception states. */
  exception?: { reason: string; approvedBy: string; expires: string };
}

/** A criterion's state, read from its rows: no code applies ("manual") or the worst row. */
export type CriterionStatus = "met" | "not-met" | "met-with-exceptions" | "not-verified" | "manual";

export interface CriterionEvidence {
  id: string;
  series: string;
  title: string;
  asks: string;
  /** What no code checks, and how the organization covers it. */
  manual: string;
  status: CriterionStatus;
  policies: string[];
}

export interface PolicyMetadata {
  name: string;
  description: string;
  severity: string;
  enforcementLevel: string;
  criterion: string;
  tags: string[];
  remediation: string;
}

export interface LedgerEntry {
  file: string;
  kind: "deploy" | "rollback";
  recordedAt: string;
  outcome: string;
  commit: string;
  pullRequest: { number: number; url: string } | null;
  approvers: string[];
  incident?: string;
  reason?: string;
}

export interface ChangeEntry {
  commit: string;
  author: string;
  date: string;
  subject: string;
  signed: boolean;
  pullRequest: number | null;
  approvers: string[] | null;
  checks: { name: string; conclusion: string }[] | null;
}

export interface EvidenceModel {
  generatedAt: string;
  project: string;
  stack: string;
  pack: { name: string; version: string; sha256: string; policies: PolicyMetadata[] };
  gate: { verdict: "pass" | "blocked"; mandatory: number; advisory: number; resources: number };
  criteria: CriterionEvidence[];
  rows: MatrixRow[];
  ledger: { source: string; entries: LedgerEntry[] };
  changes: { since: string; source: "github" | "git"; entries: ChangeEntry[] };
}
