/**
 * Hardening checks for any GitHub Actions workflow, read from the YAML as written (lines and the
 * version comment after a pinned `uses:` matter): the rules of issue 7 that keep a pipeline from
 * running code nobody reviewed or deploying outside the reviewed path (SOC 2 CC6.8, CC8.1).
 * Pure: text in, findings out; a file that is not a workflow is one `invalid-workflow` finding.
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  type YAMLMap,
} from "yaml";

export type Rule =
  | "invalid-workflow"
  | "unpinned-action"
  | "top-level-permissions"
  | "id-token-without-role"
  | "dangerous-trigger"
  | "untrusted-expression"
  | "unprotected-deploy"
  | "persisted-checkout-credentials";

export interface Finding {
  file: string;
  /** 1-based line of the offending node (of the job's key when what it lacks is missing). */
  line: number;
  /** The job concerned; absent when the finding is about the workflow as a whole. */
  job?: string;
  rule: Rule;
  message: string;
}

export interface CheckOptions {
  /** The protected deployment environment (with required reviewers) every deploying job must use. */
  deploymentEnvironment: string;
}

const COMMIT_SHA = /^[0-9a-f]{40}$/;
const REMOTE_ACTION = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(?:\/[^@\s]+)?@([^@\s]+)$/;
const DOCKER_DIGEST = /^docker:\/\/[^@\s]+@sha256:[0-9a-f]{64}$/;
const VERSION_COMMENT = /^[ \t]+#[ \t]*v\d/;
const EXPRESSION = /\$\{\{[\s\S]*?\}\}/g;
// Values anyone who opens an issue or a pull request, or dispatches a run, can choose; GitHub's
// expressions are case-insensitive.
const UNTRUSTED = /github\s*\.\s*(?:event|event_path|head_ref)(?![\w-])|(?<![\w.-])inputs\s*\./i;
const WORKFLOW_RUN_REF = /github\s*\.\s*event\s*\.\s*workflow_run\b/i;
// `pulumi up`/`pulumi update`, also with options before the command (`pulumi --cwd infra up`).
const PULUMI_UP = /\bpulumi(?:\s+-[^\s]+(?:\s+[^-\s]\S*)?)*?\s+(?:up|update)(?![\w-])/;
const CANCEL_REASON = "so no newer run cancels an update half-way";

interface Step {
  node: YAMLMap;
  /** How messages name it: `step "Name"` or, unnamed, `step 3` (1-based). */
  label: string;
  uses?: Node;
  /** `owner/repo[/path]` of a `uses:`, lowercased. */
  action?: string;
}

interface Job {
  id: string;
  key: Node;
  node: YAMLMap;
  steps: Step[];
}

/** The parsed workflow, with the source positions of its nodes. */
class Workflow {
  readonly findings: Finding[] = [];

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  /** The node under `key` of a mapping, aliases resolved. */
  get(map: unknown, key: string): Node | undefined {
    if (!isMap(map)) return undefined;
    return this.resolve(map.get(key, true));
  }

  /** The key node of `key` in a mapping: where to point when its value is the problem as a whole. */
  keyOf(map: unknown, key: string): Node | undefined {
    if (!isMap(map)) return undefined;
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    return isScalar(pair?.key) ? pair.key : undefined;
  }

  resolve(node: unknown): Node | undefined {
    const target = isAlias(node) ? node.resolve(this.doc) : node;
    return isScalar(target) || isMap(target) || isSeq(target) ? target : undefined;
  }

  /** A scalar's value as text (`true` → "true"); undefined for collections, null and absence. */
  string(node: Node | undefined): string | undefined {
    const value: unknown = isScalar(node) ? node.value : undefined;
    return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : undefined;
  }

  /** How the node is written, for messages. */
  source(node: Node): string {
    return node.range ? this.text.slice(node.range[0], node.range[1]).trim() : "";
  }

  /** What follows a node on its own line (a trailing comment, say). */
  restOfLine(node: Node): string {
    const end = node.range?.[1] ?? 0;
    const newline = this.text.indexOf("\n", end);
    return this.text.slice(end, newline === -1 ? undefined : newline);
  }

  /** Records a finding at a node, or at an offset in the text; line 1 when there is neither. */
  report(rule: Rule, at: Node | number | null | undefined, message: string, job?: Job): void {
    const offset = typeof at === "number" ? at : at?.range?.[0];
    const line = offset === undefined ? 1 : this.lines.linePos(offset).line;
    const finding: Finding = { file: this.file, line, rule, message };
    if (job) finding.job = job.id;
    this.findings.push(finding);
  }

  jobs(): Job[] {
    const jobs = this.get(this.doc.contents, "jobs");
    if (!isMap(jobs)) return [];
    return jobs.items.flatMap(({ key, value }) => {
      const id = this.string(this.resolve(key));
      const node = this.resolve(value);
      return isScalar(key) && id !== undefined && isMap(node)
        ? [{ id, key, node, steps: this.steps(node) }]
        : [];
    });
  }

  private steps(job: YAMLMap): Step[] {
    const steps = this.get(job, "steps");
    if (!isSeq(steps)) return [];
    return steps.items.flatMap((item, index) => {
      const node = this.resolve(item);
      if (!isMap(node)) return [];
      const name = this.string(this.get(node, "name"));
      const uses = this.get(node, "uses");
      return [
        {
          node,
          label: name === undefined ? `step ${index + 1}` : `step "${name}"`,
          uses,
          action: this.string(uses)?.split("@")[0].toLowerCase(),
        },
      ];
    });
  }

  with(step: Step, input: string): Node | undefined {
    return this.get(this.get(step.node, "with"), input);
  }
}

function subject(job: Job, step?: Step): string {
  return step ? `job "${job.id}" ${step.label}` : `job "${job.id}"`;
}

function checkPinned(wf: Workflow, uses: Node | undefined, who: string, job: Job): void {
  if (!uses) return;
  const ref = wf.string(uses) ?? wf.source(uses);
  if (ref.startsWith("./")) return;
  const unpinned = (what: string) =>
    wf.report("unpinned-action", uses, `${who} uses "${ref}", which is not pinned to ${what}`, job);
  if (ref.startsWith("docker://")) {
    if (!DOCKER_DIGEST.test(ref)) unpinned("a sha256 digest");
  } else if (!COMMIT_SHA.test(REMOTE_ACTION.exec(ref)?.[1] ?? "")) {
    unpinned("a full 40-character commit SHA");
  } else if (!VERSION_COMMENT.test(wf.restOfLine(uses))) {
    wf.report(
      "unpinned-action",
      uses,
      `${who} uses "${ref}" without a "# vX.Y" comment naming the version it pins`,
      job,
    );
  }
}

function checkTopLevelPermissions(wf: Workflow, root: YAMLMap): void {
  const permissions = wf.get(root, "permissions");
  const advice = `keep them read-only ("permissions: {}") and grant write access only to the jobs that need it`;
  if (!permissions) {
    wf.report(
      "top-level-permissions",
      root,
      `the workflow has no top-level permissions; add "permissions: {}" and grant each job only what it needs`,
    );
  } else if (isMap(permissions)) {
    for (const pair of permissions.items) {
      const value = wf.resolve(pair.value);
      const level = wf.string(value);
      if (level !== "read" && level !== "none") {
        const scope = wf.string(wf.resolve(pair.key)) ?? "";
        wf.report(
          "top-level-permissions",
          value ?? permissions,
          `the workflow's top-level permissions grant "${scope}: ${level ?? ""}"; ${advice}`,
        );
      }
    }
  } else if (wf.string(permissions) !== "read-all") {
    const written = wf.source(permissions);
    wf.report(
      "top-level-permissions",
      permissions,
      `the workflow's top-level permissions are ${written ? `"${written}"` : "empty"}; ${advice}`,
    );
  }
}

function triggers(wf: Workflow, on: Node | undefined): { name: string; node: Node }[] {
  const named = (node: unknown) => {
    const target = wf.resolve(node);
    const name = wf.string(target);
    return target && name !== undefined ? [{ name, node: target }] : [];
  };
  if (isMap(on)) return on.items.flatMap((pair) => named(pair.key));
  if (isSeq(on)) return on.items.flatMap(named);
  return named(on);
}

function checkTriggers(wf: Workflow, root: YAMLMap, jobs: Job[]): void {
  const on = triggers(wf, wf.get(root, "on"));
  for (const trigger of on.filter((t) => t.name === "pull_request_target")) {
    wf.report(
      "dangerous-trigger",
      trigger.node,
      `the workflow runs on pull_request_target, with the base repository's secrets and a write token for events any fork can open; use pull_request`,
    );
  }
  if (!on.some((t) => t.name === "workflow_run")) return;
  for (const job of jobs) {
    for (const step of job.steps.filter((s) => s.action === "actions/checkout")) {
      for (const input of ["ref", "repository"]) {
        const value = wf.with(step, input);
        const text = wf.string(value) ?? "";
        if (!WORKFLOW_RUN_REF.test(text)) continue;
        wf.report(
          "dangerous-trigger",
          value,
          `${subject(job, step)} checks out "${text}" on workflow_run, running pull-request code with the base repository's secrets and write token`,
          job,
        );
      }
    }
  }
}

function checkUntrustedExpressions(wf: Workflow, job: Job, step: Step): void {
  const scripts: [string, Node | undefined][] = [["run:", wf.get(step.node, "run")]];
  if (step.action === "actions/github-script") scripts.push(["script:", wf.with(step, "script")]);
  for (const [where, node] of scripts) {
    if (!isScalar(node) || !node.range) continue;
    for (const match of wf.source(node).matchAll(EXPRESSION)) {
      if (!UNTRUSTED.test(match[0])) continue;
      wf.report(
        "untrusted-expression",
        node.range[0] + match.index,
        `${subject(job, step)} interpolates "${match[0].replace(/\s+/g, " ")}" into ${where}, where it can inject code; pass it through env: and read the variable instead`,
        job,
      );
    }
  }
}

function assumesRole(wf: Workflow, step: Step): boolean {
  return (
    step.action === "pulumi/auth-actions" ||
    (step.action === "aws-actions/configure-aws-credentials" &&
      Boolean(wf.string(wf.with(step, "role-to-assume"))))
  );
}

function checkIdToken(wf: Workflow, job: Job): void {
  // A job calling a reusable workflow grants the token to the steps of that workflow.
  if (wf.get(job.node, "uses")) return;
  const permissions = wf.get(job.node, "permissions");
  const grant = isMap(permissions) ? wf.get(permissions, "id-token") : permissions;
  const level = wf.string(grant);
  if (level !== "write" && level !== "write-all") return;
  if (job.steps.some((s) => assumesRole(wf, s))) return;
  wf.report(
    "id-token-without-role",
    grant,
    `${subject(job)} grants id-token: write but assumes no role; remove it, or assume a role with aws-actions/configure-aws-credentials (role-to-assume) or pulumi/auth-actions`,
    job,
  );
}

function deploys(wf: Workflow, job: Job): boolean {
  return job.steps.some(
    (step) =>
      (step.action === "aws-actions/configure-aws-credentials" &&
        (wf.string(wf.with(step, "role-to-assume")) ?? "").includes("AWS_DEPLOY_ROLE_ARN")) ||
      (step.action === "pulumi/actions" &&
        /^(?:up|update)$/.test(wf.string(wf.with(step, "command")) ?? "")) ||
      PULUMI_UP.test(wf.string(wf.get(step.node, "run")) ?? ""),
  );
}

function checkDeploy(wf: Workflow, root: YAMLMap, job: Job, environment: string): void {
  const declared = wf.get(job.node, "environment");
  const nameNode = isMap(declared) ? wf.get(declared, "name") : declared;
  const name = wf.string(nameNode);
  if (!declared) {
    wf.report(
      "unprotected-deploy",
      job.key,
      `${subject(job)} deploys outside any environment; run it in the protected environment "${environment}"`,
      job,
    );
  } else if (name !== environment) {
    wf.report(
      "unprotected-deploy",
      nameNode ?? declared,
      `${subject(job)} deploys in environment "${name ?? wf.source(declared)}", not in the protected environment "${environment}"`,
      job,
    );
  }
  const groups = [
    { whose: "the workflow's", map: root },
    { whose: "its", map: job.node },
  ].filter((g) => wf.get(g.map, "concurrency"));
  if (groups.length === 0) {
    wf.report(
      "unprotected-deploy",
      job.key,
      `${subject(job)} deploys without a concurrency group; add one with "cancel-in-progress: false" so deployments of a stack never overlap`,
      job,
    );
  }
  for (const { whose, map } of groups) {
    const cancel = wf.get(wf.get(map, "concurrency"), "cancel-in-progress");
    if (!cancel) {
      wf.report(
        "unprotected-deploy",
        wf.keyOf(map, "concurrency"),
        `${subject(job)} deploys under ${whose} concurrency group, which does not state "cancel-in-progress: false"; state it ${CANCEL_REASON}`,
        job,
      );
    } else if (!isScalar(cancel) || cancel.value !== false) {
      wf.report(
        "unprotected-deploy",
        cancel,
        `${subject(job)} deploys under ${whose} concurrency group, which sets "cancel-in-progress: ${wf.source(cancel)}"; set it to false ${CANCEL_REASON}`,
        job,
      );
    }
  }
}

function checkCheckout(wf: Workflow, job: Job, step: Step): void {
  if (step.action !== "actions/checkout") return;
  const persist = wf.with(step, "persist-credentials");
  const value = isScalar(persist) ? persist.value : undefined;
  if (value === false || value === "false") return;
  wf.report(
    "persisted-checkout-credentials",
    persist ?? step.uses,
    `${subject(job, step)} uses actions/checkout without "persist-credentials: false", leaving the job's token in .git/config for every later step`,
    job,
  );
}

/** Judges one workflow file; the findings come in line order. */
export function checkWorkflow(file: string, text: string, options: CheckOptions): Finding[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const [error] = doc.errors;
  if (error) {
    const message = error.message.split("\n")[0].replace(/ at line \d+, column \d+:$/, "");
    return [
      {
        file,
        line: error.linePos?.[0].line ?? 1,
        rule: "invalid-workflow",
        message: `not valid YAML: ${message}`,
      },
    ];
  }
  const wf = new Workflow(file, text, doc, lines);
  const root = doc.contents;
  if (!isMap(root)) {
    wf.report("invalid-workflow", root, "a workflow must be a YAML mapping (with on: and jobs:)");
    return wf.findings;
  }
  const jobs = wf.jobs();
  checkTopLevelPermissions(wf, root);
  checkTriggers(wf, root, jobs);
  for (const job of jobs) {
    checkPinned(wf, wf.get(job.node, "uses"), subject(job), job);
    checkIdToken(wf, job);
    if (deploys(wf, job)) checkDeploy(wf, root, job, options.deploymentEnvironment);
    for (const step of job.steps) {
      checkPinned(wf, step.uses, subject(job, step), job);
      checkCheckout(wf, job, step);
      checkUntrustedExpressions(wf, job, step);
    }
  }
  return wf.findings.sort((a, b) => a.line - b.line);
}
