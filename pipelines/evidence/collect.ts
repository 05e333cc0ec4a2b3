/**
 * Gathers everything the evidence bundle shows into one model: the gate's verdict on the stack in
 * both views with the pack's own metadata (GetAnalyzerInfo) and content hash, the control matrix
 * and each criterion's status, the deployment ledger and the changes merged since a date.
 */
import * as path from "node:path";
import { type GateResult, runGate } from "../gate/gate";
import { findingsOf } from "../gate/findings";
import { configuredLevel } from "../gate/policyPack";
import { packDigest } from "../ledger/packDigest";
import { changesFromGit, withGitHub } from "./changes";
import { readLedger } from "./ledger";
import type { EvidenceModel } from "./model";
import { criteriaEvidence, matrixRows } from "./rows";

export interface CollectOptions {
  /** Folder of the Pulumi project whose stack is judged. */
  projectDir: string;
  stack: string;
  packDir: string;
  /** A `--policy-pack-config` JSON file: levels, settings and exceptions. */
  policyConfigFile?: string;
  /** The ledger folder, as given (the bundle names it so); undefined when there is none. */
  ledgerDir?: string;
  /** The git repository whose history is read. @default projectDir */
  repoDir?: string;
  /** First day (YYYY-MM-DD) of the changes listed. */
  since: string;
  /** Where GITHUB_TOKEN and GITHUB_REPOSITORY are read. */
  env: NodeJS.ProcessEnv;
  now: Date;
}

export interface Evidence {
  model: EvidenceModel;
  /** The gate's own result, which its JSON and SARIF reports render. */
  gate: GateResult;
  /** The content hash of the pack's sources and how many files it covers. */
  packDigest: { sha256: string; files: number };
}

export async function collect(options: CollectOptions): Promise<Evidence> {
  // The ledger and git first: a bad record or folder stops the run before the gate's seconds.
  const ledger = options.ledgerDir
    ? { source: options.ledgerDir, entries: readLedger(options.ledgerDir) }
    : { source: "none: no ledger folder was given and there is no ledger/ here", entries: [] };
  const history = changesFromGit(options.repoDir ?? options.projectDir, options.since);
  // GitHub (network-bound) completes the history while the gate runs; both settle before either
  // failure is reported, so no pack is left running.
  const [judged, read] = await Promise.allSettled([
    runGate({
      projectDir: options.projectDir,
      stack: options.stack,
      views: ["first", "update"],
      packDir: options.packDir,
      policyConfigFile: options.policyConfigFile,
    }),
    withGitHub(history, options.since, options.env),
  ]);
  if (judged.status === "rejected") throw judged.reason as Error;
  if (read.status === "rejected") throw read.reason as Error;
  const gate = judged.value;
  const digest = packDigest(path.resolve(options.packDir));
  const rows = matrixRows(gate);
  const findings = findingsOf(gate);
  const update = gate.views.find((v) => v.view === "update");
  const model: EvidenceModel = {
    generatedAt: options.now.toISOString(),
    project: gate.project,
    stack: gate.stack,
    pack: {
      name: gate.pack.name,
      version: gate.pack.version,
      sha256: digest.sha256,
      policies: gate.pack.policies.map((p) => ({
        name: p.name,
        description: p.description,
        severity: p.severity,
        enforcementLevel: configuredLevel(p, gate.policyConfig),
        criterion: p.framework?.reference ?? "",
        tags: p.tags,
        remediation: p.remediationSteps,
      })),
    },
    gate: {
      verdict: gate.passed ? "pass" : "blocked",
      mandatory: findings.filter((f) => f.level === "mandatory").length,
      advisory: findings.filter((f) => f.level !== "mandatory").length,
      resources: update?.resources.length ?? 0,
    },
    criteria: criteriaEvidence(rows),
    rows,
    ledger,
    changes: read.value,
  };
  return { model, gate, packDigest: digest };
}
