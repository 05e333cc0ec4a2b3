/**
 * What the deployment identity's documents allow and deny, by IAM simulation with
 * @cloud-copilot/iam-simulate (AGPL, a devDependency only tests import) over the documents the
 * program registers: the audit archive and the deployment identity run together under the SDK's
 * mocks, the boundary taking the audit key's ARN from the key itself.
 *
 * Identity requests run in strict mode and fail loudly if the simulator ignores a context key, so
 * every condition they rely on is evaluated. The trust requests cannot: iam-simulate's action data
 * has no `token.actions.githubusercontent.com:sub` or `:aud` for sts:AssumeRoleWithWebIdentity, and
 * strict mode silently drops them (denying every token, the intended one included), while discovery
 * mode treats them as satisfiable (admitting any subject). So a trust request is validated in strict
 * mode — document, action and resource, and that exactly those two keys are dropped — and then
 * evaluated by runUnsafeSimulation, which keeps the context as given; control cases show that a
 * wrong subject in the document, or a wildcard, changes the outcome.
 */
import {
  runSimulation,
  runUnsafeSimulation,
  type EvaluationResult,
  type Simulation,
} from "@cloud-copilot/iam-simulate";
import type { RegisteredResource } from "../../../pipelines/gate/capture";
import { registered, runComponent } from "../../support/components";
import type { AuditLogConfig } from "../../../infra/config";
import { TAMPER_ACTIONS } from "../../../infra/aws/tamperActions";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const IAM = `arn:aws:iam::${ACCOUNT}`;
const OIDC_PROVIDER = `${IAM}:oidc-provider/token.actions.githubusercontent.com`;
const BOUNDARY = `${IAM}:policy/example-deployment-boundary`;
const DEPLOY_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/example-deploy/GitHubActions`;
const PREVIEW_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/example-preview/GitHubActions`;
const TRAIL = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/example-audit-trail`;
const LOG_BUCKET = `arn:aws:s3:::example-audit-logs-${ACCOUNT}-${REGION}`;
const ACCESS_LOG_BUCKET = `arn:aws:s3:::example-access-logs-${ACCOUNT}-${REGION}`;
const LOG_OBJECT = `${LOG_BUCKET}/AWSLogs/${ACCOUNT}/CloudTrail/${REGION}/2026/01/01/log.json.gz`;
const ACCESS_LOG_OBJECT = `${ACCESS_LOG_BUCKET}/audit-logs/2026-01-01-00-00-00-0A1B2C3D`;
const AUDIT_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/audit-key-id`;
const OTHER_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/ci-runners-key-id`;
const AUDIT_LOG_GROUP = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/example/audit-trail`;
const STATE = "arn:aws:s3:::example-pulumi-state";
const ADMIN_ROLE = `${IAM}:role/Admin`;
const DEPLOY_ROLE = `${IAM}:role/example-deploy`;
const PREVIEW_ROLE = `${IAM}:role/example-preview`;
const GITHUB = "token.actions.githubusercontent.com";
const REPO = "repo:example-org/soc2-pipeline-blueprint";
const IMMUTABLE_REPO = "repo:example-org@1234567/soc2-pipeline-blueprint@7654321";
const INTENDED = `${REPO}:environment:production`;

const AUDIT_SETTINGS: AuditLogConfig = {
  retentionMode: "COMPLIANCE",
  retentionDays: 365,
  coldStorageAfterDays: 90,
  expireAfterDays: null,
  accessLogRetentionDays: 3653,
  cloudWatchRetentionDays: 365,
  keyDeletionWindowDays: 30,
};

/** The audit archive and the deployment identity, wired as the program wires them. */
async function runProgram(): Promise<RegisteredResource[]> {
  const run = await runComponent(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const { AuditLogArchive } =
      require("../../../infra/aws/auditLogArchive") as typeof import("../../../infra/aws/auditLogArchive");
    const { DeploymentIdentity } =
      require("../../../infra/aws/deploymentIdentity") as typeof import("../../../infra/aws/deploymentIdentity");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const provider = new aws.Provider("aws", { region: REGION, allowedAccountIds: [ACCOUNT] });
    const base = { namePrefix: "example", accountId: ACCOUNT, region: REGION };
    const archive = new AuditLogArchive(
      "audit",
      { ...base, settings: AUDIT_SETTINGS },
      { providers: [provider] },
    );
    const n = archive.names;
    return new DeploymentIdentity(
      "deployment",
      {
        ...base,
        owner: "example-org",
        repository: "soc2-pipeline-blueprint",
        ownerId: 1234567,
        repositoryId: 7654321,
        environment: "production",
        stateBucket: "example-pulumi-state",
        audit: {
          trailName: n.trailName,
          logBucket: n.logBucket,
          accessLogBucket: n.accessLogBucket,
          logGroupName: n.logGroupName,
          keyArn: archive.key.arn,
        },
      },
      { providers: [provider] },
    );
  });
  if (run.error) throw run.error;
  return run.resources;
}

/** The documents as registered. */
interface Documents {
  boundary: unknown;
  deployTrust: unknown;
  previewTrust: unknown;
  deployPolicy: unknown;
  previewPolicy: unknown;
  logBucketPolicy: unknown;
  accessLogBucketPolicy: unknown;
  auditKeyPolicy: unknown;
}
let resources: RegisteredResource[];
let docs: Documents;

const get = (type: string, name: string) => registered({ resources }, type, name);
const json = (type: string, name: string, key: string): unknown =>
  JSON.parse(get(type, name).inputs[key] as string);

beforeAll(async () => {
  resources = await runProgram();
  const role = "aws:iam/role:Role";
  const rolePolicy = "aws:iam/rolePolicy:RolePolicy";
  const bucketPolicy = "aws:s3/bucketPolicy:BucketPolicy";
  docs = {
    boundary: json("aws:iam/policy:Policy", "deployment-boundary", "policy"),
    deployTrust: json(role, "deployment-deploy-role", "assumeRolePolicy"),
    previewTrust: json(role, "deployment-preview-role", "assumeRolePolicy"),
    deployPolicy: json(rolePolicy, "deployment-deploy-baseline", "policy"),
    previewPolicy: json(rolePolicy, "deployment-preview-read", "policy"),
    logBucketPolicy: json(bucketPolicy, "audit-logs-policy", "policy"),
    accessLogBucketPolicy: json(bucketPolicy, "audit-access-logs-policy", "policy"),
    auditKeyPolicy: json("aws:kms/key:Key", "audit-key", "policy"),
  };
});

/** One request: what is asked, of what, with which context and the resource's own policy. */
interface Request {
  action: string;
  resource: string;
  context?: Record<string, string>;
  resourcePolicy?: () => unknown;
}

/** Identity policies `*` on `*`: what the deploy role could grant itself, since it may edit its own. */
const EVERYTHING = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};
/** A baseline key's policy, which leaves its use to IAM. */
const ACCOUNT_KEY_POLICY = {
  Version: "2012-10-17",
  Statement: [
    { Effect: "Allow", Principal: { AWS: `${IAM}:root` }, Action: "kms:*", Resource: "*" },
  ],
};
/** A role outside the baseline that any principal of the account may assume. */
const ADMIN_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { AWS: `${IAM}:root` }, Action: "sts:AssumeRole" }],
};

/** The decision of a strict simulation; throws if the simulator rejects or ignores any input. */
async function decide(
  principal: string,
  identity: unknown,
  boundary: unknown,
  req: Request,
): Promise<EvaluationResult> {
  const result = await runSimulation(
    {
      request: {
        principal,
        action: req.action,
        resource: { resource: req.resource, accountId: ACCOUNT },
        contextVariables: { "aws:SecureTransport": "true", ...req.context },
      },
      identityPolicies: [{ name: "identity", policy: identity }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(boundary === undefined
        ? {}
        : { permissionBoundaryPolicies: [{ name: "boundary", policy: boundary }] }),
      ...(req.resourcePolicy ? { resourcePolicy: req.resourcePolicy() } : {}),
    },
    { simulationMode: "Strict" },
  );
  if (result.resultType === "error") {
    throw new Error(`${req.action} on ${req.resource}: ${JSON.stringify(result.errors)}`);
  }
  const ignored =
    result.resultType === "single"
      ? (result.result.ignoredContextKeys ?? [])
      : result.results.flatMap((r) => r.ignoredContextKeys ?? []);
  if (ignored.length > 0) {
    throw new Error(`${req.action}: iam-simulate ignored ${ignored.join(", ")}`);
  }
  return result.overallResult;
}

const asDeployRole = (req: Request) =>
  decide(DEPLOY_SESSION, docs.deployPolicy, docs.boundary, req);
const asPreviewRole = (req: Request) =>
  decide(PREVIEW_SESSION, docs.previewPolicy, docs.boundary, req);

const logBucketPolicy = () => docs.logBucketPolicy;
const accessLogBucketPolicy = () => docs.accessLogBucketPolicy;
const auditKeyPolicy = () => docs.auditKeyPolicy;
const withBoundary = { "iam:PermissionsBoundary": BOUNDARY };
const withOtherBoundary = { "iam:PermissionsBoundary": `${IAM}:policy/other-boundary` };

/** Tamper requests, each on the exact audit resource, with its resource's own policy. */
const TAMPERING: [string, Request][] = [
  ["stop the trail", { action: "cloudtrail:StopLogging", resource: TRAIL }],
  ["delete the trail", { action: "cloudtrail:DeleteTrail", resource: TRAIL }],
  ["re-point the trail", { action: "cloudtrail:UpdateTrail", resource: TRAIL }],
  ["narrow the trail's events", { action: "cloudtrail:PutEventSelectors", resource: TRAIL }],
  [
    "delete the log bucket",
    { action: "s3:DeleteBucket", resource: LOG_BUCKET, resourcePolicy: logBucketPolicy },
  ],
  [
    "delete the access-log bucket",
    {
      action: "s3:DeleteBucket",
      resource: ACCESS_LOG_BUCKET,
      resourcePolicy: accessLogBucketPolicy,
    },
  ],
  [
    "delete the log bucket's policy",
    { action: "s3:DeleteBucketPolicy", resource: LOG_BUCKET, resourcePolicy: logBucketPolicy },
  ],
  [
    "delete the access-log bucket's policy",
    {
      action: "s3:DeleteBucketPolicy",
      resource: ACCESS_LOG_BUCKET,
      resourcePolicy: accessLogBucketPolicy,
    },
  ],
  [
    "delete a log",
    { action: "s3:DeleteObject", resource: LOG_OBJECT, resourcePolicy: logBucketPolicy },
  ],
  [
    "delete a log version",
    { action: "s3:DeleteObjectVersion", resource: LOG_OBJECT, resourcePolicy: logBucketPolicy },
  ],
  [
    "bypass governance retention",
    {
      action: "s3:BypassGovernanceRetention",
      resource: LOG_OBJECT,
      resourcePolicy: logBucketPolicy,
    },
  ],
  [
    "delete an access log",
    {
      action: "s3:DeleteObjectVersion",
      resource: ACCESS_LOG_OBJECT,
      resourcePolicy: accessLogBucketPolicy,
    },
  ],
  [
    "disable the audit key",
    { action: "kms:DisableKey", resource: AUDIT_KEY, resourcePolicy: auditKeyPolicy },
  ],
  [
    "schedule the audit key's deletion",
    { action: "kms:ScheduleKeyDeletion", resource: AUDIT_KEY, resourcePolicy: auditKeyPolicy },
  ],
  [
    "replace the audit key's policy",
    { action: "kms:PutKeyPolicy", resource: AUDIT_KEY, resourcePolicy: auditKeyPolicy },
  ],
  [
    "stop the audit key's rotation",
    { action: "kms:DisableKeyRotation", resource: AUDIT_KEY, resourcePolicy: auditKeyPolicy },
  ],
  ["delete the trail's log group", { action: "logs:DeleteLogGroup", resource: AUDIT_LOG_GROUP }],
  [
    "delete the trail's log group by its :* ARN",
    { action: "logs:DeleteLogGroup", resource: `${AUDIT_LOG_GROUP}:*` },
  ],
  ["rewrite the boundary", { action: "iam:CreatePolicyVersion", resource: BOUNDARY }],
  ["delete the boundary", { action: "iam:DeletePolicy", resource: BOUNDARY }],
  ["delete a boundary version", { action: "iam:DeletePolicyVersion", resource: BOUNDARY }],
  ["roll the boundary back", { action: "iam:SetDefaultPolicyVersion", resource: BOUNDARY }],
  [
    "remove its own boundary",
    {
      action: "iam:DeleteRolePermissionsBoundary",
      resource: DEPLOY_ROLE,
      context: withBoundary,
    },
  ],
  [
    "remove a user's boundary",
    {
      action: "iam:DeleteUserPermissionsBoundary",
      resource: `${IAM}:user/someone`,
      context: withBoundary,
    },
  ],
  [
    "swap its own boundary",
    {
      action: "iam:PutRolePermissionsBoundary",
      resource: DEPLOY_ROLE,
      context: withOtherBoundary,
    },
  ],
  [
    "swap a user's boundary",
    {
      action: "iam:PutUserPermissionsBoundary",
      resource: `${IAM}:user/someone`,
      context: withOtherBoundary,
    },
  ],
  [
    "create a role without the boundary",
    { action: "iam:CreateRole", resource: `${IAM}:role/example-x` },
  ],
  [
    "create a role with another boundary",
    { action: "iam:CreateRole", resource: `${IAM}:role/example-x`, context: withOtherBoundary },
  ],
  ["create a user without the boundary", { action: "iam:CreateUser", resource: `${IAM}:user/x` }],
  ["widen a role without the boundary", { action: "iam:PutRolePolicy", resource: ADMIN_ROLE }],
  [
    "attach to a role without the boundary",
    { action: "iam:AttachRolePolicy", resource: ADMIN_ROLE },
  ],
  [
    "make a role without the boundary trust it",
    { action: "iam:UpdateAssumeRolePolicy", resource: ADMIN_ROLE },
  ],
  [
    "pass a role outside the baseline",
    {
      action: "iam:PassRole",
      resource: ADMIN_ROLE,
      context: { "iam:PassedToService": "codebuild.amazonaws.com" },
    },
  ],
  [
    "assume a role outside the baseline",
    { action: "sts:AssumeRole", resource: ADMIN_ROLE, resourcePolicy: () => ADMIN_TRUST },
  ],
  ["mint a user's access key", { action: "iam:CreateAccessKey", resource: `${IAM}:user/someone` }],
];

describe("the deploy role cannot tamper with the audit archive", () => {
  test("the boundary waits for the audit key and names its ARN", () => {
    const boundary = get("aws:iam/policy:Policy", "deployment-boundary");
    expect(boundary.propertyDependencies.policy).toEqual([get("aws:kms/key:Key", "audit-key").urn]);
    expect(JSON.stringify(docs.boundary)).toContain(`"Resource":"${AUDIT_KEY}"`);
  });

  test("every tamper action is among the simulated requests", () => {
    const simulated = new Set(TAMPERING.map(([, req]) => req.action));
    expect(TAMPER_ACTIONS.map((t) => t.action).filter((a) => !simulated.has(a))).toEqual([]);
    expect(TAMPERING.length).toBeGreaterThanOrEqual(15);
  });

  test.each(TAMPERING)(
    "%s: denied by the boundary, even if the role granted itself everything",
    async (_case, req) => {
      expect(await asDeployRole(req)).toBe("ExplicitlyDenied");
      expect(await decide(DEPLOY_SESSION, EVERYTHING, docs.boundary, req)).toBe("ExplicitlyDenied");
      // Control: without the boundary the same request succeeds, so the denial is the boundary's.
      expect(await decide(DEPLOY_SESSION, EVERYTHING, undefined, req)).toBe("Allowed");
    },
  );
});

describe("the deploy role can create and update the baseline", () => {
  test.each<[string, Request]>([
    ["create a bucket", { action: "s3:CreateBucket", resource: LOG_BUCKET }],
    [
      "set the log bucket's policy",
      { action: "s3:PutBucketPolicy", resource: LOG_BUCKET, resourcePolicy: logBucketPolicy },
    ],
    [
      "set the log bucket's Object Lock",
      {
        action: "s3:PutBucketObjectLockConfiguration",
        resource: LOG_BUCKET,
        resourcePolicy: logBucketPolicy,
      },
    ],
    [
      "set the access-log bucket's lifecycle",
      {
        action: "s3:PutLifecycleConfiguration",
        resource: ACCESS_LOG_BUCKET,
        resourcePolicy: accessLogBucketPolicy,
      },
    ],
    ["create a key", { action: "kms:CreateKey", resource: "*" }],
    [
      "turn on a key's rotation",
      {
        action: "kms:EnableKeyRotation",
        resource: OTHER_KEY,
        resourcePolicy: () => ACCOUNT_KEY_POLICY,
      },
    ],
    [
      "update another baseline key's policy",
      { action: "kms:PutKeyPolicy", resource: OTHER_KEY, resourcePolicy: () => ACCOUNT_KEY_POLICY },
    ],
    [
      "name a key",
      {
        action: "kms:CreateAlias",
        resource: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/example-ci-runners`,
      },
    ],
    ["create the trail", { action: "cloudtrail:CreateTrail", resource: TRAIL }],
    ["start the trail", { action: "cloudtrail:StartLogging", resource: TRAIL }],
    [
      "create a log group",
      {
        action: "logs:CreateLogGroup",
        resource: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/example/ci-runners`,
      },
    ],
    [
      "set the trail log group's retention",
      { action: "logs:PutRetentionPolicy", resource: AUDIT_LOG_GROUP },
    ],
    [
      "create a runner project",
      {
        action: "codebuild:CreateProject",
        resource: `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/example-runner-small`,
      },
    ],
    [
      "hook a runner project to GitHub",
      {
        action: "codebuild:CreateWebhook",
        resource: `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/example-runner-small`,
      },
    ],
    [
      "pass the GitHub connection",
      {
        action: "codeconnections:PassConnection",
        resource: `arn:aws:codeconnections:${REGION}:${ACCOUNT}:connection/0a1b2c3d`,
      },
    ],
    [
      "use a CodeStar connection",
      {
        action: "codestar-connections:UseConnection",
        resource: `arn:aws:codestar-connections:${REGION}:${ACCOUNT}:connection/0a1b2c3d`,
      },
    ],
    [
      "create a role with the boundary",
      {
        action: "iam:CreateRole",
        resource: `${IAM}:role/example-ci-runners`,
        context: withBoundary,
      },
    ],
    [
      "update a bounded role's policy",
      {
        action: "iam:PutRolePolicy",
        resource: `${IAM}:role/example-ci-runners`,
        context: withBoundary,
      },
    ],
    [
      "update a bounded role's trust",
      {
        action: "iam:UpdateAssumeRolePolicy",
        resource: PREVIEW_ROLE,
        context: withBoundary,
      },
    ],
    [
      "pass the runners' role to CodeBuild",
      {
        action: "iam:PassRole",
        resource: `${IAM}:role/example-ci-runners`,
        context: { "iam:PassedToService": "codebuild.amazonaws.com" },
      },
    ],
    [
      "pass the trail's role to CloudTrail",
      {
        action: "iam:PassRole",
        resource: `${IAM}:role/example-audit-trail-to-logs`,
        context: { "iam:PassedToService": "cloudtrail.amazonaws.com" },
      },
    ],
    [
      "create the OIDC provider",
      { action: "iam:CreateOpenIDConnectProvider", resource: OIDC_PROVIDER },
    ],
    [
      "create the IAM alarm's rule in us-east-1",
      {
        action: "events:PutRule",
        resource: `arn:aws:events:us-east-1:${ACCOUNT}:rule/example-tamper-alarms-iam`,
      },
    ],
    [
      "point a rule at the topic",
      {
        action: "events:PutTargets",
        resource: `arn:aws:events:${REGION}:${ACCOUNT}:rule/example-tamper-alarms`,
      },
    ],
    [
      "create the alarm topic",
      {
        action: "sns:CreateTopic",
        resource: `arn:aws:sns:${REGION}:${ACCOUNT}:example-tamper-alarms`,
      },
    ],
    [
      "subscribe to the alarm topic",
      {
        action: "sns:Subscribe",
        resource: `arn:aws:sns:${REGION}:${ACCOUNT}:example-tamper-alarms`,
      },
    ],
    ["know who it is", { action: "sts:GetCallerIdentity", resource: "*" }],
    [
      "write the Pulumi state",
      {
        action: "s3:PutObject",
        resource: `${STATE}/.pulumi/stacks/example/soc2-baseline/prod.json`,
      },
    ],
    [
      "add a record to the deployment ledger",
      {
        action: "s3:PutObject",
        resource: `${LOG_BUCKET}/ledger/2026-11-26T04-00-00Z-deploy-0123456.json`,
        resourcePolicy: logBucketPolicy,
      },
    ],
    [
      "encrypt the record with the audit key, through S3",
      {
        action: "kms:GenerateDataKey",
        resource: AUDIT_KEY,
        resourcePolicy: auditKeyPolicy,
        context: { "kms:ViaService": `s3.${REGION}.amazonaws.com` },
      },
    ],
  ])("%s", async (_case, req) => {
    expect(await asDeployRole(req)).toBe("Allowed");
  });

  test.each<[string, Request, EvaluationResult]>([
    [
      "pass a baseline role to another service",
      {
        action: "iam:PassRole",
        resource: `${IAM}:role/example-ci-runners`,
        context: { "iam:PassedToService": "lambda.amazonaws.com" },
      },
      "ImplicitlyDenied",
    ],
    [
      "set the policy of a bucket outside the baseline",
      { action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::someone-elses-bucket" },
      "ImplicitlyDenied",
    ],
    [
      "create a role outside the baseline, even with the boundary",
      { action: "iam:CreateRole", resource: `${IAM}:role/Admin2`, context: withBoundary },
      "ImplicitlyDenied",
    ],
    [
      "write an object to an audit bucket",
      { action: "s3:PutObject", resource: LOG_OBJECT, resourcePolicy: logBucketPolicy },
      "ImplicitlyDenied",
    ],
    [
      "delete a ledger record",
      {
        action: "s3:DeleteObject",
        resource: `${LOG_BUCKET}/ledger/2026-11-26T04-00-00Z-deploy-0123456.json`,
        resourcePolicy: logBucketPolicy,
      },
      "ExplicitlyDenied",
    ],
    [
      "use the audit key directly, not through S3",
      {
        action: "kms:GenerateDataKey",
        resource: AUDIT_KEY,
        resourcePolicy: auditKeyPolicy,
        context: { "kms:ViaService": `lambda.${REGION}.amazonaws.com` },
      },
      "ImplicitlyDenied",
    ],
  ])("but not %s", async (_case, req, decision) => {
    expect(await asDeployRole(req)).toBe(decision);
  });
});

/** The trust document with the subject condition replaced, for control cases. */
function trustWith(trust: unknown, condition: Record<string, Record<string, unknown>>): unknown {
  const doc = structuredClone(trust) as { Statement: { Condition: Record<string, unknown> }[] };
  doc.Statement[0].Condition = condition;
  return doc;
}

/** A GitHub job's token: its claims, and the OIDC provider that vouches for it. */
interface Token {
  aud?: string;
  sub?: string;
  /** Context keys as written, to show that IAM reads condition keys case-insensitively. */
  keys?: Record<string, string>;
  provider?: string;
}
const token = (sub: string, extra: Omit<Token, "sub"> = {}): Token => ({
  aud: "sts.amazonaws.com",
  sub,
  ...extra,
});

function webIdentityRequest(trust: unknown, t: Token, role = DEPLOY_ROLE): Simulation {
  const context: Record<string, string> = { ...t.keys };
  if (t.aud !== undefined) context[`${GITHUB}:aud`] = t.aud;
  if (t.sub !== undefined) context[`${GITHUB}:sub`] = t.sub;
  return {
    request: {
      principal: t.provider ?? OIDC_PROVIDER,
      action: "sts:AssumeRoleWithWebIdentity",
      resource: { resource: role, accountId: ACCOUNT },
      contextVariables: context,
    },
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: trust,
  };
}

/**
 * Whether `trust` lets the token assume the role. Strict mode validates the request and must drop
 * exactly the GitHub keys given (if iam-simulate learns them, this fails: switch to strict); the
 * unsafe engine then evaluates the conditions with them.
 */
async function assume(trust: unknown, t: Token, role = DEPLOY_ROLE): Promise<EvaluationResult> {
  const simulation = webIdentityRequest(trust, t, role);
  const strict = await runSimulation(simulation, { simulationMode: "Strict" });
  if (strict.resultType !== "single") {
    throw new Error(`invalid trust request: ${JSON.stringify(strict)}`);
  }
  const given = Object.keys(simulation.request.contextVariables).sort();
  const dropped = [...(strict.result.ignoredContextKeys ?? [])].sort();
  if (JSON.stringify(dropped) !== JSON.stringify(given)) {
    throw new Error(`iam-simulate dropped ${dropped.join(", ")} of ${given.join(", ")}`);
  }
  // runUnsafeSimulation names the resource policy from its metadata, which a raw document lacks;
  // iam-policy's ValidatedPolicy (a plain object, documented as such) carries it. It was validated
  // above, by the strict run.
  const validated = {
    __validated: true,
    policyDocument: trust,
    metadata: { name: "trust" },
    errors: [],
  };
  return runUnsafeSimulation({ ...simulation, resourcePolicy: validated }, {});
}

describe("what iam-simulate does with GitHub's sub and aud", () => {
  test("strict mode drops both keys and so denies even the intended token", async () => {
    const strict = await runSimulation(webIdentityRequest(docs.deployTrust, token(INTENDED)), {});
    expect(strict).toMatchObject({
      resultType: "single",
      overallResult: "ImplicitlyDenied",
      result: { ignoredContextKeys: [`${GITHUB}:aud`, `${GITHUB}:sub`] },
    });
  });

  test("discovery mode admits a token whatever the trust's subject", async () => {
    const elsewhere = trustWith(docs.deployTrust, {
      StringEquals: {
        [`${GITHUB}:aud`]: "sts.amazonaws.com",
        [`${GITHUB}:sub`]: "repo:x/y:pull_request",
      },
    });
    const discovery = await runSimulation(webIdentityRequest(elsewhere, token(INTENDED)), {
      simulationMode: "Discovery",
    });
    expect(discovery).toMatchObject({ resultType: "single", overallResult: "Allowed" });
  });
});

describe("the deploy role's trust", () => {
  test.each([
    ["the classic subject", INTENDED],
    ["the immutable subject", `${IMMUTABLE_REPO}:environment:production`],
  ])("admits the production environment's jobs: %s", async (_case, sub) => {
    expect(await assume(docs.deployTrust, token(sub))).toBe("Allowed");
  });

  test("admits condition keys in any case, as IAM does", async () => {
    const keys = { [`Token.Actions.GitHubUserContent.com:AUD`]: "sts.amazonaws.com" };
    const t: Token = { sub: INTENDED, keys };
    expect(await assume(docs.deployTrust, t)).toBe("Allowed");
  });

  test.each<[string, Token]>([
    ["another repository", token("repo:example-org/other-repo:environment:production")],
    ["another owner", token("repo:other-org/soc2-pipeline-blueprint:environment:production")],
    ["a pull request", token(`${REPO}:pull_request`)],
    ["a branch ref", token(`${REPO}:ref:refs/heads/main`)],
    ["a tag ref", token(`${REPO}:ref:refs/tags/v1.0.0`)],
    ["another environment", token(`${REPO}:environment:staging`)],
    ["a fork", token("repo:someone/soc2-pipeline-blueprint:environment:production")],
    ["a wrong audience", token(INTENDED, { aud: "https://github.com/example-org" })],
    ["no audience", { sub: INTENDED }],
    ["no subject", { aud: "sts.amazonaws.com" }],
    [
      "the owner in another case",
      token("repo:Example-Org/soc2-pipeline-blueprint:environment:production"),
    ],
    ["the environment in another case", token(`${REPO}:environment:Production`)],
    [
      "the immutable form of another repository",
      token("repo:example-org@1234567/other-repo@1111111:environment:production"),
    ],
    [
      "the blueprint's name with another repository id",
      token("repo:example-org@1234567/soc2-pipeline-blueprint@1111111:environment:production"),
    ],
    ["a subject that only starts with the intended one", token(`${INTENDED}-eu`)],
    ["another OIDC provider", token(INTENDED, { provider: `${IAM}:oidc-provider/gitlab.com` })],
  ])("refuses %s", async (_case, t) => {
    expect(await assume(docs.deployTrust, t)).toBe("ImplicitlyDenied");
  });

  test("control: a trust for another subject refuses the intended token", async () => {
    const staging = trustWith(docs.deployTrust, {
      StringEquals: {
        [`${GITHUB}:aud`]: "sts.amazonaws.com",
        [`${GITHUB}:sub`]: `${REPO}:environment:staging`,
      },
    });
    expect(await assume(staging, token(INTENDED))).toBe("ImplicitlyDenied");
    expect(await assume(staging, token(`${REPO}:environment:staging`))).toBe("Allowed");
  });

  test("control: a wildcard subject or a missing audience check would admit what is refused above", async () => {
    const wildcard = trustWith(docs.deployTrust, {
      StringEquals: { [`${GITHUB}:aud`]: "sts.amazonaws.com" },
      StringLike: { [`${GITHUB}:sub`]: "repo:*/soc2-pipeline-blueprint:*" },
    });
    const fork = token("repo:someone/soc2-pipeline-blueprint:environment:production");
    expect(await assume(wildcard, fork)).toBe("Allowed");
    const anyAudience = trustWith(docs.deployTrust, {
      StringEquals: { [`${GITHUB}:sub`]: INTENDED },
    });
    expect(
      await assume(anyAudience, token(INTENDED, { aud: "https://github.com/example-org" })),
    ).toBe("Allowed");
  });
});

describe("the preview role's trust", () => {
  test.each([
    `${REPO}:pull_request`,
    `${REPO}:ref:refs/heads/main`,
    `${IMMUTABLE_REPO}:pull_request`,
    `${IMMUTABLE_REPO}:ref:refs/heads/main`,
  ])("admits %s", async (sub) => {
    expect(await assume(docs.previewTrust, token(sub), PREVIEW_ROLE)).toBe("Allowed");
  });

  test.each([
    INTENDED,
    `${REPO}:ref:refs/heads/feature`,
    `${REPO}:ref:refs/tags/v1.0.0`,
    "repo:someone/soc2-pipeline-blueprint:pull_request",
  ])("refuses %s", async (sub) => {
    expect(await assume(docs.previewTrust, token(sub), PREVIEW_ROLE)).toBe("ImplicitlyDenied");
  });
});

describe("the preview role", () => {
  test.each<[string, Request, EvaluationResult]>([
    ["create a bucket", { action: "s3:CreateBucket", resource: LOG_BUCKET }, "ImplicitlyDenied"],
    [
      "replace the log bucket's policy",
      { action: "s3:PutBucketPolicy", resource: LOG_BUCKET, resourcePolicy: logBucketPolicy },
      "ImplicitlyDenied",
    ],
    [
      "write a log",
      { action: "s3:PutObject", resource: LOG_OBJECT, resourcePolicy: logBucketPolicy },
      "ImplicitlyDenied",
    ],
    ["create a key", { action: "kms:CreateKey", resource: "*" }, "ImplicitlyDenied"],
    [
      "replace a key's policy",
      { action: "kms:PutKeyPolicy", resource: OTHER_KEY, resourcePolicy: () => ACCOUNT_KEY_POLICY },
      "ImplicitlyDenied",
    ],
    ["create a trail", { action: "cloudtrail:CreateTrail", resource: TRAIL }, "ImplicitlyDenied"],
    ["stop the trail", { action: "cloudtrail:StopLogging", resource: TRAIL }, "ExplicitlyDenied"],
    [
      "shorten the log group's retention",
      { action: "logs:PutRetentionPolicy", resource: AUDIT_LOG_GROUP },
      "ImplicitlyDenied",
    ],
    [
      "update a runner project",
      {
        action: "codebuild:UpdateProject",
        resource: `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/example-runner-small`,
      },
      "ImplicitlyDenied",
    ],
    [
      "start a build",
      {
        action: "codebuild:StartBuild",
        resource: `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/example-runner-small`,
      },
      "ImplicitlyDenied",
    ],
    [
      "create a role, even with the boundary",
      { action: "iam:CreateRole", resource: `${IAM}:role/example-x`, context: withBoundary },
      "ImplicitlyDenied",
    ],
    [
      "widen its own policy",
      {
        action: "iam:PutRolePolicy",
        resource: PREVIEW_ROLE,
        context: withBoundary,
      },
      "ImplicitlyDenied",
    ],
    [
      "change the deploy role's trust",
      {
        action: "iam:UpdateAssumeRolePolicy",
        resource: DEPLOY_ROLE,
        context: withBoundary,
      },
      "ImplicitlyDenied",
    ],
    [
      "change the alarm rule",
      {
        action: "events:PutRule",
        resource: `arn:aws:events:${REGION}:${ACCOUNT}:rule/example-tamper-alarms`,
      },
      "ImplicitlyDenied",
    ],
    [
      "unencrypt the alarm topic",
      {
        action: "sns:SetTopicAttributes",
        resource: `arn:aws:sns:${REGION}:${ACCOUNT}:example-tamper-alarms`,
      },
      "ImplicitlyDenied",
    ],
    [
      "write the Pulumi state itself",
      {
        action: "s3:PutObject",
        resource: `${STATE}/.pulumi/stacks/example/soc2-baseline/prod.json`,
      },
      "ImplicitlyDenied",
    ],
  ])("cannot %s", async (_case, req, decision) => {
    expect(await asPreviewRole(req)).toBe(decision);
  });

  test.each<[string, Request]>([
    ["a log", { action: "s3:GetObject", resource: LOG_OBJECT, resourcePolicy: logBucketPolicy }],
    [
      "an older log version",
      { action: "s3:GetObjectVersion", resource: LOG_OBJECT, resourcePolicy: logBucketPolicy },
    ],
    [
      "an access log",
      {
        action: "s3:GetObject",
        resource: ACCESS_LOG_OBJECT,
        resourcePolicy: accessLogBucketPolicy,
      },
    ],
    [
      "data through a baseline key",
      { action: "kms:Decrypt", resource: OTHER_KEY, resourcePolicy: () => ACCOUNT_KEY_POLICY },
    ],
    [
      "log events",
      {
        action: "logs:GetLogEvents",
        resource: `${AUDIT_LOG_GROUP}:log-stream:${ACCOUNT}_CloudTrail_${REGION}`,
      },
    ],
    ["filtered log events", { action: "logs:FilterLogEvents", resource: AUDIT_LOG_GROUP }],
    ["a Logs Insights query", { action: "logs:StartQuery", resource: AUDIT_LOG_GROUP }],
    [
      "a secret value",
      {
        action: "secretsmanager:GetSecretValue",
        resource: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:github-token-AbCdEf`,
      },
    ],
    [
      "a parameter",
      {
        action: "ssm:GetParameter",
        resource: `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/db-password`,
      },
    ],
    [
      "the GitHub connection's token",
      {
        action: "codeconnections:GetConnectionToken",
        resource: `arn:aws:codeconnections:${REGION}:${ACCOUNT}:connection/0a1b2c3d`,
      },
    ],
    [
      "CloudTrail Lake query results",
      {
        action: "cloudtrail:GetQueryResults",
        resource: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:eventdatastore/0a1b2c3d`,
      },
    ],
  ])("cannot read %s", async (_case, req) => {
    expect(await asPreviewRole(req)).toBe("ImplicitlyDenied");
  });

  test.each<[string, Request]>([
    [
      "the log bucket's policy",
      { action: "s3:GetBucketPolicy", resource: LOG_BUCKET, resourcePolicy: logBucketPolicy },
    ],
    [
      "the log bucket's Object Lock",
      {
        action: "s3:GetBucketObjectLockConfiguration",
        resource: LOG_BUCKET,
        resourcePolicy: logBucketPolicy,
      },
    ],
    [
      "the log bucket's encryption",
      {
        action: "s3:GetEncryptionConfiguration",
        resource: LOG_BUCKET,
        resourcePolicy: logBucketPolicy,
      },
    ],
    [
      "the access-log bucket's lifecycle",
      {
        action: "s3:GetLifecycleConfiguration",
        resource: ACCESS_LOG_BUCKET,
        resourcePolicy: accessLogBucketPolicy,
      },
    ],
    [
      "the audit key's policy",
      { action: "kms:GetKeyPolicy", resource: AUDIT_KEY, resourcePolicy: auditKeyPolicy },
    ],
    ["the trail's status", { action: "cloudtrail:GetTrailStatus", resource: TRAIL }],
    ["the log groups", { action: "logs:DescribeLogGroups", resource: "*" }],
    ["the deploy role", { action: "iam:GetRole", resource: DEPLOY_ROLE }],
    [
      "the alarm rule",
      {
        action: "events:DescribeRule",
        resource: `arn:aws:events:${REGION}:${ACCOUNT}:rule/example-tamper-alarms`,
      },
    ],
    [
      "the alarm topic",
      {
        action: "sns:GetTopicAttributes",
        resource: `arn:aws:sns:${REGION}:${ACCOUNT}:example-tamper-alarms`,
      },
    ],
    [
      "the Pulumi state",
      {
        action: "s3:GetObject",
        resource: `${STATE}/.pulumi/stacks/example/soc2-baseline/prod.json`,
      },
    ],
  ])("can read %s", async (_case, req) => {
    expect(await asPreviewRole(req)).toBe("Allowed");
  });

  test("can take the Pulumi state's lock", async () => {
    const lock = `${STATE}/.pulumi/locks/example/soc2-baseline/prod/0a1b2c3d.json`;
    expect(await asPreviewRole({ action: "s3:PutObject", resource: lock })).toBe("Allowed");
    expect(await asPreviewRole({ action: "s3:DeleteObject", resource: lock })).toBe("Allowed");
  });
});
