/**
 * The control matrix as files: `control-matrix.csv` (RFC 4180: CRLF line ends, a header row,
 * fields quoted when they hold a comma, quote or line break) for a spreadsheet, and
 * `control-matrix.json` (schemaVersion 1: the criteria with their status, then every row) for tools.
 */
import type { EvidenceModel } from "./model";

export const CSV_HEADER = [
  "criterion",
  "criterion title",
  "policy",
  "resource type",
  "resource name",
  "urn",
  "result",
  "enforcement level",
  "severity",
  "message",
  "exception reason",
  "approver",
  "expires",
] as const;

/** One field, quoted when RFC 4180 requires it. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function renderMatrixCsv(model: EvidenceModel): string {
  const titles = new Map(model.criteria.map((c) => [c.id, c.title]));
  const lines = [
    CSV_HEADER,
    ...model.rows.map((r) => [
      r.criterion,
      titles.get(r.criterion) ?? "",
      r.policy,
      r.resourceType,
      r.resourceName,
      r.urn,
      r.result,
      r.enforcementLevel,
      r.severity,
      r.message,
      r.exception?.reason ?? "",
      r.exception?.approvedBy ?? "",
      r.exception?.expires ?? "",
    ]),
  ];
  return lines.map((fields) => `${fields.map(csvField).join(",")}\r\n`).join("");
}

export function renderMatrixJson(model: EvidenceModel): string {
  const { generatedAt, project, stack, criteria, rows } = model;
  return `${JSON.stringify(
    { schemaVersion: 1, generatedAt, project, stack, criteria, rows },
    null,
    2,
  )}\n`;
}
