/**
 * The deployment ledger as the bundle shows it: every deploy and rollback record (pipelines/ledger)
 * in a local folder — the deploy workflow syncs the audit bucket's `ledger/` there with
 * `aws s3 sync` — oldest first, rollbacks with their incident and reason.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { RECORD_SCHEMA } from "../ledger/record";
import type { LedgerEntry } from "./model";

/** A ledger folder or record that cannot be read; the message names the file and the field. */
export class LedgerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LedgerError";
  }
}

const recordSchema = z.object({
  schema: z.literal(RECORD_SCHEMA),
  kind: z.enum(["deploy", "rollback"]),
  recordedAt: z.string(),
  outcome: z.string(),
  commit: z.string(),
  pullRequest: z.object({ number: z.int(), url: z.string() }).nullable(),
  approvers: z.array(z.string()),
  rollback: z.object({ incident: z.string(), reason: z.string() }).optional(),
});

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return jsonFiles(full);
    return entry.isFile() && entry.name.endsWith(".json") ? [full] : [];
  });
}

function entryOf(dir: string, file: string): LedgerEntry {
  const name = path.relative(dir, file).split(path.sep).join("/");
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    throw new LedgerError(`ledger record ${name} is not valid JSON`);
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("");
    throw new LedgerError(`ledger record ${name}${at}: ${issue.message}`);
  }
  const r = parsed.data;
  return {
    file: name,
    kind: r.kind,
    recordedAt: r.recordedAt,
    outcome: r.outcome,
    commit: r.commit,
    pullRequest: r.pullRequest && { number: r.pullRequest.number, url: r.pullRequest.url },
    approvers: r.approvers,
    ...(r.rollback ? { incident: r.rollback.incident, reason: r.rollback.reason } : {}),
  };
}

/** Every record under `dir` (subfolders included), oldest first. */
export function readLedger(dir: string): LedgerEntry[] {
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new LedgerError(`ledger folder ${dir} does not exist`);
  }
  if (!isDir) throw new LedgerError(`ledger folder ${dir} is not a folder`);
  return jsonFiles(dir)
    .map((file) => entryOf(dir, file))
    .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.file.localeCompare(b.file));
}
