import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { packDigest } from "../../../pipelines/ledger/packDigest";
import {
  buildRecord,
  type RecordInputs,
  RecordInputError,
  recordFileName,
} from "../../../pipelines/ledger/record";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const GATE = {
  schemaVersion: 1,
  project: "soc2-baseline",
  stack: "prod",
  verdict: "pass",
  mandatory: 0,
  advisory: 1,
  seconds: 9.5,
  pack: { name: "soc2-baseline", version: "0.1.0", policies: [] },
  views: [
    { view: "first", resources: 95, mandatory: 0, advisory: 1 },
    { view: "update", resources: 95, mandatory: 0, advisory: 0 },
  ],
  findings: [],
};
const PULLS = [
  {
    number: 42,
    title: "Tighten the runner role",
    html_url: "https://github.com/example-org/soc2-pipeline-blueprint/pull/42",
    user: { login: "alice" },
    merged_at: "2026-11-26T03:00:00Z",
  },
];
const REVIEWS = [
  { user: { login: "bob" }, state: "CHANGES_REQUESTED" },
  { user: { login: "carol" }, state: "APPROVED" },
  { user: { login: "bob" }, state: "COMMENTED" },
  { user: { login: "bob" }, state: "APPROVED" },
  { user: { login: "dave" }, state: "APPROVED" },
  { user: { login: "dave" }, state: "DISMISSED" },
];
const UPDATE = [
  {
    version: 17,
    result: "succeeded",
    startTime: "2026-11-26T03:05:00Z",
    endTime: "2026-11-26T03:07:00Z",
    resourceChanges: { same: 93, update: 2 },
    message: "Tighten the runner role",
  },
];
const inputs = (change: Partial<RecordInputs> = {}): RecordInputs => ({
  kind: "deploy",
  commit: SHA,
  outcome: "success",
  pulls: PULLS,
  reviews: REVIEWS,
  gate: GATE,
  update: UPDATE,
  pack: { sha256: "ab".repeat(32), files: 120 },
  run: {
    repository: "example-org/soc2-pipeline-blueprint",
    runId: "987654",
    attempt: "1",
    actor: "alice",
    serverUrl: "https://github.com",
  },
  recordedAt: new Date("2026-11-26T03:07:30.123Z"),
  ...change,
});

test("a deployment record names the commit, its pull request and approvers, the pack, the gate and the update", () => {
  expect(buildRecord(inputs())).toEqual({
    schema: "soc2-ledger/v1",
    kind: "deploy",
    recordedAt: "2026-11-26T03:07:30.123Z",
    outcome: "success",
    stack: "prod",
    repository: "example-org/soc2-pipeline-blueprint",
    commit: SHA,
    run: {
      id: "987654",
      attempt: "1",
      actor: "alice",
      url: "https://github.com/example-org/soc2-pipeline-blueprint/actions/runs/987654",
    },
    pullRequest: {
      number: 42,
      title: "Tighten the runner role",
      url: "https://github.com/example-org/soc2-pipeline-blueprint/pull/42",
      author: "alice",
    },
    approvers: ["bob", "carol"],
    policyPack: { name: "soc2-baseline", version: "0.1.0", sha256: "ab".repeat(32), files: 120 },
    gate: {
      verdict: "pass",
      mandatory: 0,
      advisory: 1,
      views: [
        { view: "first", resources: 95, mandatory: 0 },
        { view: "update", resources: 95, mandatory: 0 },
      ],
    },
    update: {
      version: 17,
      result: "succeeded",
      startTime: "2026-11-26T03:05:00Z",
      endTime: "2026-11-26T03:07:00Z",
      resourceChanges: { same: 93, update: 2 },
    },
  });
});

test("a direct push has no pull request and no approvers; a failed update is recorded as such", () => {
  const record = buildRecord(inputs({ pulls: [], reviews: [], outcome: "failure", update: [] }));
  expect([record.pullRequest, record.approvers, record.outcome, record.update]).toEqual([
    null,
    [],
    "failure",
    null,
  ]);
});

test("a rollback record carries its target, incident and reason", () => {
  const rollback = {
    targetRef: "v1.4.0",
    incident: "INC-1234",
    reason: "the new runner image broke builds",
  };
  const record = buildRecord(inputs({ kind: "rollback", rollback }));
  expect([record.kind, record.rollback]).toEqual(["rollback", rollback]);
  expect(recordFileName(record)).toBe(`2026-11-26T03-07-30-123Z-rollback-${SHA}-run987654.1.json`);
});

test("every bad input is named, with its file and field, and nothing is built", () => {
  let thrown: unknown;
  try {
    buildRecord(
      inputs({
        kind: "rollback",
        commit: "v1.4.0",
        outcome: "done",
        rollback: { targetRef: "v1.4.0", incident: " ", reason: "broken" },
        gate: { ...GATE, verdict: "maybe" },
        reviews: [{ user: { login: "bob" } }],
        pulls: {},
      }),
    );
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(RecordInputError);
  expect((thrown as RecordInputError).problems).toEqual([
    'commit: must be a full commit SHA (got "v1.4.0")',
    'outcome: must be one of success, failure, cancelled, skipped (got "done")',
    "incident: a rollback must state it",
    "pulls: Invalid input: expected array, received object",
    "reviews[0].state: Invalid input: expected string, received undefined",
    'gate.verdict: Invalid option: expected one of "pass"|"blocked"',
  ]);
});

describe("the pack's digest", () => {
  let pack: string;
  beforeEach(() => {
    pack = mkdtempSync(path.join(tmpdir(), "soc2-pack-digest-"));
    mkdirSync(path.join(pack, "policies"));
    mkdirSync(path.join(pack, "bin"));
    writeFileSync(path.join(pack, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    writeFileSync(path.join(pack, "policies", "a.ts"), "export const a = 1;\n");
    writeFileSync(path.join(pack, "bin", "index.js"), "built\n");
  });
  afterEach(() => rmSync(pack, { recursive: true, force: true }));

  test("is stable, counts the sources and ignores the build", () => {
    const first = packDigest(pack);
    writeFileSync(path.join(pack, "bin", "index.js"), "rebuilt\n");
    expect(packDigest(pack)).toEqual(first);
    expect(first.files).toBe(2);
    expect(first.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test("changes when a source changes or moves", () => {
    const first = packDigest(pack).sha256;
    writeFileSync(path.join(pack, "policies", "a.ts"), "export const a = 2;\n");
    const edited = packDigest(pack).sha256;
    rmSync(path.join(pack, "policies", "a.ts"));
    writeFileSync(path.join(pack, "policies", "b.ts"), "export const a = 2;\n");
    const moved = packDigest(pack).sha256;
    expect(new Set([first, edited, moved]).size).toBe(3);
  });
});
