/**
 * The deployment ledger's record: what was deployed or rolled back, who reviewed it, which pack
 * judged it and what it found, and what the update did. Deploy and rollback jobs write one per run,
 * whatever the outcome, into the audit archive (Object Lock keeps it); the evidence bundle reads
 * them. Every input is checked, and a problem names the file and field it is in.
 */
import { z } from "zod";

export const RECORD_SCHEMA = "soc2-ledger/v1";

/** Where a record's inputs come from; each is the parsed content of one file. */
export interface RecordInputs {
  kind: "deploy" | "rollback";
  commit: string;
  outcome: string;
  /** GitHub's `GET /repos/{repo}/commits/{sha}/pulls`. */
  pulls: unknown;
  /** GitHub's `GET /repos/{repo}/pulls/{number}/reviews`. */
  reviews: unknown;
  /** The gate's JSON report. */
  gate: unknown;
  /** `pulumi stack history --json --page-size 1`. */
  update: unknown;
  pack: { sha256: string; files: number };
  run: { repository: string; runId: string; attempt: string; actor: string; serverUrl: string };
  rollback?: { targetRef: string; incident: string; reason: string };
  recordedAt: Date;
}

/** An input file did not hold what it should; `problems` name the file and the field. */
export class RecordInputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the deployment record cannot be written:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
    );
    this.name = "RecordInputError";
  }
}

const pullsSchema = z.array(
  z.object({
    number: z.int(),
    title: z.string(),
    html_url: z.string(),
    user: z.object({ login: z.string() }).nullable(),
    merged_at: z.string().nullable().optional(),
  }),
);
const reviewsSchema = z.array(
  z.object({
    user: z.object({ login: z.string() }).nullable(),
    state: z.string(),
    submitted_at: z.string().optional(),
  }),
);
const gateSchema = z.object({
  schemaVersion: z.literal(1),
  stack: z.string(),
  verdict: z.enum(["pass", "blocked"]),
  mandatory: z.int(),
  advisory: z.int(),
  pack: z.object({ name: z.string(), version: z.string() }),
  views: z.array(z.object({ view: z.string(), resources: z.int(), mandatory: z.int() })),
});
const updateSchema = z.array(
  z.object({
    version: z.int().optional(),
    result: z.string(),
    startTime: z.string().optional(),
    endTime: z.string().optional(),
    resourceChanges: z.record(z.string(), z.int()).optional(),
  }),
);
const OUTCOMES = ["success", "failure", "cancelled", "skipped"] as const;

function read<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: string,
  problems: string[],
): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const at = issue.path.length
      ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")
      : "";
    problems.push(`${where}${at}: ${issue.message}`);
  }
  return undefined;
}

/**
 * The approvers: each reviewer whose latest decisive review (approved, changes requested,
 * dismissed) is an approval, in the order they first reviewed.
 */
export function approversOf(reviews: z.infer<typeof reviewsSchema>): string[] {
  const latest = new Map<string, string>();
  for (const review of reviews) {
    if (!review.user || review.state === "COMMENTED" || review.state === "PENDING") continue;
    latest.set(review.user.login, review.state);
  }
  return [...latest].filter(([, state]) => state === "APPROVED").map(([login]) => login);
}

export function buildRecord(inputs: RecordInputs) {
  const problems: string[] = [];
  if (!/^[0-9a-f]{40}$/.test(inputs.commit)) {
    problems.push(`commit: must be a full commit SHA (got ${JSON.stringify(inputs.commit)})`);
  }
  if (!(OUTCOMES as readonly string[]).includes(inputs.outcome)) {
    problems.push(
      `outcome: must be one of ${OUTCOMES.join(", ")} (got ${JSON.stringify(inputs.outcome)})`,
    );
  }
  if (inputs.kind === "rollback") {
    for (const [key, value] of Object.entries(inputs.rollback ?? {})) {
      if (value.trim() === "") problems.push(`${key}: a rollback must state it`);
    }
    if (!inputs.rollback)
      problems.push("rollback: a rollback must state its target ref, incident and reason");
  }
  const pulls = read(pullsSchema, inputs.pulls, "pulls", problems);
  const reviews = read(reviewsSchema, inputs.reviews, "reviews", problems);
  const gate = read(gateSchema, inputs.gate, "gate", problems);
  const update = read(updateSchema, inputs.update, "update", problems);
  if (problems.length > 0 || !pulls || !reviews || !gate || !update) {
    throw new RecordInputError(problems);
  }
  const pr = pulls[0];
  const last = update[0];
  const run = inputs.run;
  return {
    schema: RECORD_SCHEMA,
    kind: inputs.kind,
    recordedAt: inputs.recordedAt.toISOString(),
    outcome: inputs.outcome,
    stack: gate.stack,
    repository: run.repository,
    commit: inputs.commit,
    run: {
      id: run.runId,
      attempt: run.attempt,
      actor: run.actor,
      url: `${run.serverUrl}/${run.repository}/actions/runs/${run.runId}`,
    },
    pullRequest: pr
      ? { number: pr.number, title: pr.title, url: pr.html_url, author: pr.user?.login ?? null }
      : null,
    approvers: approversOf(reviews),
    policyPack: { name: gate.pack.name, version: gate.pack.version, ...inputs.pack },
    gate: {
      verdict: gate.verdict,
      mandatory: gate.mandatory,
      advisory: gate.advisory,
      views: gate.views.map((v) => ({
        view: v.view,
        resources: v.resources,
        mandatory: v.mandatory,
      })),
    },
    update: last
      ? {
          version: last.version ?? null,
          result: last.result,
          startTime: last.startTime ?? null,
          endTime: last.endTime ?? null,
          resourceChanges: last.resourceChanges ?? {},
        }
      : null,
    ...(inputs.kind === "rollback" ? { rollback: inputs.rollback } : {}),
  };
}

export type LedgerRecord = ReturnType<typeof buildRecord>;

/** The record's file name: when, what, which commit — sortable, and unique per run. */
export function recordFileName(record: LedgerRecord): string {
  const when = record.recordedAt.replace(/[:.]/g, "-");
  const what = record.commit.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 40);
  return `${when}-${record.kind}-${what}-run${record.run.id}.${record.run.attempt}.json`;
}
