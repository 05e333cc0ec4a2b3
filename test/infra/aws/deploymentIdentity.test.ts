/**
 * Instantiates only DeploymentIdentity, behind an explicit AWS provider, under the SDK's mocks (as
 * ciRunners.test.ts does) and checks what it registers. What the documents allow and deny is
 * simulated in deploymentIdentity.iam.test.ts.
 */
import { type ComponentRun, registered, runComponent } from "../../support/components";
import type {
  DeploymentIdentity,
  DeploymentIdentityArgs,
} from "../../../infra/aws/deploymentIdentity";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const IAM = `arn:aws:iam::${ACCOUNT}`;
const OIDC_PROVIDER = `${IAM}:oidc-provider/token.actions.githubusercontent.com`;
const BOUNDARY = `${IAM}:policy/example-deployment-boundary`;
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/0a1b2c3d-audit`;
const LOG_BUCKET = `arn:aws:s3:::example-audit-logs-${ACCOUNT}-${REGION}`;
const ACCESS_LOG_BUCKET = `arn:aws:s3:::example-access-logs-${ACCOUNT}-${REGION}`;
const LOG_GROUP = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/example/audit-trail`;
const REPO = "repo:example-org/soc2-pipeline-blueprint";
const IMMUTABLE_REPO = "repo:example-org@1234567/soc2-pipeline-blueprint@7654321";

const ARGS: DeploymentIdentityArgs = {
  namePrefix: "example",
  accountId: ACCOUNT,
  region: REGION,
  owner: "example-org",
  repository: "soc2-pipeline-blueprint",
  environment: "production",
  audit: {
    trailName: "example-audit-trail",
    logBucket: `example-audit-logs-${ACCOUNT}-${REGION}`,
    accessLogBucket: `example-access-logs-${ACCOUNT}-${REGION}`,
    logGroupName: "/example/audit-trail",
    keyArn: KEY_ARN,
  },
};

type Run = ComponentRun<DeploymentIdentity>;

/** Only DeploymentIdentity, behind an explicit AWS provider. */
const runIdentity = (args: DeploymentIdentityArgs): Promise<Run> =>
  runComponent(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const { DeploymentIdentity: Component } =
      require("../../../infra/aws/deploymentIdentity") as typeof import("../../../infra/aws/deploymentIdentity");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const provider = new aws.Provider("aws", { region: REGION, allowedAccountIds: [ACCOUNT] });
    return new Component("deployment", args, { providers: [provider] });
  });

const T = {
  identity: "soc2:aws:DeploymentIdentity",
  provider: "pulumi:providers:aws",
  oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  policy: "aws:iam/policy:Policy",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
};

let run: Run;
beforeAll(async () => {
  run = await runIdentity(ARGS);
});

const get = (type: string, name: string, from: Run = run) => registered(from, type, name);
const inputs = (type: string, name: string, from: Run = run) => get(type, name, from).inputs;
const document = (type: string, name: string, key: string, from: Run = run) =>
  JSON.parse(inputs(type, name, from)[key] as string) as { Statement: Record<string, unknown>[] };

/** The trust document GitHub's token must satisfy, for exactly these subjects. */
const trust = (subjects: string[]) => ({
  Version: "2012-10-17",
  Statement: [
    {
      Sid: "GitHubActions",
      Effect: "Allow",
      Principal: { Federated: OIDC_PROVIDER },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": subjects,
        },
      },
    },
  ],
});

const connectionReads = (service: string) =>
  ["GetConnection", "GetHost", "ListConnections", "ListHosts", "ListTagsForResource"].map(
    (a) => `${service}:${a}`,
  );
const read = (Sid: string, Action: string[]) => ({ Sid, Effect: "Allow", Action, Resource: "*" });
/** Both roles read configuration, never data: no s3:GetObject, kms:Decrypt, log events, secrets. */
const READS = [
  read("ReadBucketSettings", [
    "s3:GetBucket*",
    "s3:GetAccelerateConfiguration",
    "s3:GetEncryptionConfiguration",
    "s3:GetLifecycleConfiguration",
    "s3:GetReplicationConfiguration",
    "s3:ListAllMyBuckets",
    "s3:ListBucket",
  ]),
  read("ReadKeyMetadata", ["kms:Describe*", "kms:Get*", "kms:List*"]),
  read("ReadTrails", [
    "cloudtrail:Describe*",
    "cloudtrail:GetEventSelectors",
    "cloudtrail:GetInsightSelectors",
    "cloudtrail:GetTrail",
    "cloudtrail:GetTrailStatus",
    "cloudtrail:List*",
  ]),
  read("ReadLogGroupSettings", ["logs:Describe*", "logs:ListTags*"]),
  read("ReadRunnerProjects", ["codebuild:BatchGet*", "codebuild:List*"]),
  read("ReadRolesAndPolicies", ["iam:Get*", "iam:List*"]),
  read("ReadEventRules", ["events:Describe*", "events:List*"]),
  read("ReadTopics", ["sns:Get*", "sns:List*"]),
  read("ReadConnections", [
    ...connectionReads("codeconnections"),
    ...connectionReads("codestar-connections"),
  ]),
  read("ReadNetworks", ["ec2:Describe*"]),
  read("IdentifyCaller", ["sts:GetCallerIdentity"]),
];

const allow = (Sid: string, Action: string[], Resource: string | string[]) => ({
  Sid,
  Effect: "Allow",
  Action,
  Resource,
});
const DEPLOY_WRITES = [
  allow(
    "ManageBaselineBuckets",
    [
      "s3:CreateBucket",
      "s3:PutBucketLogging",
      "s3:PutBucketObjectLockConfiguration",
      "s3:PutBucketOwnershipControls",
      "s3:PutBucketPolicy",
      "s3:PutBucketPublicAccessBlock",
      "s3:PutBucketTagging",
      "s3:PutBucketVersioning",
      "s3:PutEncryptionConfiguration",
      "s3:PutLifecycleConfiguration",
    ],
    "arn:aws:s3:::example-*",
  ),
  allow("CreateKeys", ["kms:CreateKey"], "*"),
  allow(
    "ManageKeys",
    [
      "kms:EnableKeyRotation",
      "kms:PutKeyPolicy",
      "kms:ScheduleKeyDeletion",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:UpdateKeyDescription",
    ],
    `arn:aws:kms:*:${ACCOUNT}:key/*`,
  ),
  allow(
    "ManageBaselineKeyAliases",
    ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
    [`arn:aws:kms:*:${ACCOUNT}:alias/example-*`, `arn:aws:kms:*:${ACCOUNT}:key/*`],
  ),
  allow(
    "CreateBaselineTrail",
    [
      "cloudtrail:AddTags",
      "cloudtrail:CreateTrail",
      "cloudtrail:RemoveTags",
      "cloudtrail:StartLogging",
    ],
    `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/example-*`,
  ),
  allow(
    "ManageBaselineLogGroups",
    [
      "logs:AssociateKmsKey",
      "logs:CreateLogGroup",
      "logs:PutRetentionPolicy",
      "logs:TagLogGroup",
      "logs:TagResource",
      "logs:UntagLogGroup",
      "logs:UntagResource",
    ],
    `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/example/*`,
  ),
  allow(
    "ManageRunnerProjects",
    [
      "codebuild:CreateProject",
      "codebuild:CreateWebhook",
      "codebuild:DeleteProject",
      "codebuild:DeleteWebhook",
      "codebuild:UpdateProject",
      "codebuild:UpdateWebhook",
    ],
    `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/example-*`,
  ),
  allow(
    "UseGitHubConnection",
    [
      "codeconnections:GetConnection",
      "codeconnections:PassConnection",
      "codeconnections:UseConnection",
      "codestar-connections:GetConnection",
      "codestar-connections:PassConnection",
      "codestar-connections:UseConnection",
    ],
    [
      `arn:aws:codeconnections:${REGION}:${ACCOUNT}:connection/*`,
      `arn:aws:codestar-connections:${REGION}:${ACCOUNT}:connection/*`,
    ],
  ),
  allow(
    "ManageBaselineRoles",
    [
      "iam:CreateRole",
      "iam:DeleteRole",
      "iam:DeleteRolePolicy",
      "iam:PutRolePermissionsBoundary",
      "iam:PutRolePolicy",
      "iam:TagRole",
      "iam:UntagRole",
      "iam:UpdateAssumeRolePolicy",
      "iam:UpdateRole",
      "iam:UpdateRoleDescription",
    ],
    `${IAM}:role/example-*`,
  ),
  {
    Sid: "PassBaselineRolesToTheirServices",
    Effect: "Allow",
    Action: "iam:PassRole",
    Resource: `${IAM}:role/example-*`,
    Condition: {
      StringEquals: {
        "iam:PassedToService": ["cloudtrail.amazonaws.com", "codebuild.amazonaws.com"],
      },
    },
  },
  allow(
    "ManageGitHubOidcProvider",
    [
      "iam:AddClientIDToOpenIDConnectProvider",
      "iam:CreateOpenIDConnectProvider",
      "iam:RemoveClientIDFromOpenIDConnectProvider",
      "iam:TagOpenIDConnectProvider",
      "iam:UntagOpenIDConnectProvider",
      "iam:UpdateOpenIDConnectProviderThumbprint",
    ],
    OIDC_PROVIDER,
  ),
  allow(
    "ManageTamperAlarmRules",
    [
      "events:DeleteRule",
      "events:PutRule",
      "events:PutTargets",
      "events:RemoveTargets",
      "events:TagResource",
      "events:UntagResource",
    ],
    `arn:aws:events:*:${ACCOUNT}:rule/example-*`,
  ),
  allow(
    "ManageTamperAlarmTopics",
    [
      "sns:CreateTopic",
      "sns:DeleteTopic",
      "sns:SetSubscriptionAttributes",
      "sns:SetTopicAttributes",
      "sns:Subscribe",
      "sns:TagResource",
      "sns:Unsubscribe",
      "sns:UntagResource",
    ],
    `arn:aws:sns:*:${ACCOUNT}:example-*`,
  ),
  allow(
    "WriteDeploymentLedger",
    ["s3:PutObject"],
    `arn:aws:s3:::example-audit-logs-${ACCOUNT}-${REGION}/ledger/*`,
  ),
  {
    Sid: "EncryptLedgerRecords",
    Effect: "Allow",
    Action: "kms:GenerateDataKey",
    Resource: `arn:aws:kms:*:${ACCOUNT}:key/*`,
    Condition: { StringEquals: { "kms:ViaService": `s3.${REGION}.amazonaws.com` } },
  },
];

test("constructs without error", () => {
  expect(run.error).toBeUndefined();
});

test("has exactly its children, under the component, through the given provider", () => {
  const parent = get(T.identity, "deployment").urn;
  const children = run.resources.filter((r) => r.parent === parent);
  expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
    [
      `${T.oidc} deployment-github-oidc`,
      `${T.policy} deployment-boundary`,
      `${T.role} deployment-preview-role`,
      `${T.rolePolicy} deployment-preview-read`,
      `${T.role} deployment-deploy-role`,
      `${T.rolePolicy} deployment-deploy-baseline`,
    ].sort(),
  );
  const provider = get(T.provider, "aws");
  expect(new Set(children.map((r) => r.provider))).toEqual(
    new Set([`${provider.urn}::${provider.id}`]),
  );
  expect(run.resources).toHaveLength(children.length + 2);
  expect(run.resources.filter((r) => r.protect || r.retainOnDelete)).toEqual([]);
});

test("trusts GitHub's OIDC issuer for AWS STS only, with no stored thumbprint", () => {
  expect(inputs(T.oidc, "deployment-github-oidc")).toEqual({
    url: "https://token.actions.githubusercontent.com",
    clientIdLists: ["sts.amazonaws.com"],
  });
});

describe("permissions boundary", () => {
  test("is named from the prefix, so its ARN is known before it exists", () => {
    expect(inputs(T.policy, "deployment-boundary")).toMatchObject({
      name: "example-deployment-boundary",
      description:
        "Permissions boundary of the deployment roles: no tampering with the audit archive",
    });
    expect(run.component!.boundaryArn).toBe(BOUNDARY);
  });

  test("allows what identity policies grant and denies every tamper action on the audit archive", () => {
    const deny = (Sid: string, Action: string[], Resource: string | string[]) => ({
      Sid,
      Effect: "Deny",
      Action,
      Resource,
    });
    const withoutThisBoundary = { StringNotEquals: { "iam:PermissionsBoundary": BOUNDARY } };
    expect(document(T.policy, "deployment-boundary", "policy")).toEqual({
      Version: "2012-10-17",
      Statement: [
        { Sid: "AllowWhatIdentityPoliciesGrant", Effect: "Allow", Action: "*", Resource: "*" },
        deny(
          "DenyStoppingOrChangingTheAuditTrail",
          [
            "cloudtrail:StopLogging",
            "cloudtrail:DeleteTrail",
            "cloudtrail:UpdateTrail",
            "cloudtrail:PutEventSelectors",
          ],
          `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/example-audit-trail`,
        ),
        deny(
          "DenyDeletingTheAuditBucketsOrTheirPolicies",
          ["s3:DeleteBucket", "s3:DeleteBucketPolicy"],
          [LOG_BUCKET, ACCESS_LOG_BUCKET],
        ),
        deny(
          "DenyDeletingAuditLogObjects",
          ["s3:DeleteObject", "s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"],
          [`${LOG_BUCKET}/*`, `${ACCESS_LOG_BUCKET}/*`],
        ),
        deny(
          "DenyDisablingTheAuditKeyOrReplacingItsPolicy",
          [
            "kms:DisableKey",
            "kms:ScheduleKeyDeletion",
            "kms:PutKeyPolicy",
            "kms:DisableKeyRotation",
          ],
          KEY_ARN,
        ),
        deny(
          "DenyDeletingTheTrailLogGroup",
          ["logs:DeleteLogGroup"],
          [LOG_GROUP, `${LOG_GROUP}:*`],
        ),
        deny(
          "DenyChangingThisBoundary",
          [
            "iam:CreatePolicyVersion",
            "iam:DeletePolicy",
            "iam:DeletePolicyVersion",
            "iam:SetDefaultPolicyVersion",
          ],
          BOUNDARY,
        ),
        deny(
          "DenyRemovingAnyBoundary",
          ["iam:DeleteRolePermissionsBoundary", "iam:DeleteUserPermissionsBoundary"],
          "*",
        ),
        {
          ...deny(
            "DenyPrincipalsWithoutThisBoundary",
            [
              "iam:CreateRole",
              "iam:CreateUser",
              "iam:PutRolePermissionsBoundary",
              "iam:PutUserPermissionsBoundary",
            ],
            "*",
          ),
          Condition: withoutThisBoundary,
        },
        {
          ...deny(
            "DenyWideningPrincipalsWithoutThisBoundary",
            [
              "iam:AttachRolePolicy",
              "iam:AttachUserPolicy",
              "iam:PutRolePolicy",
              "iam:PutUserPolicy",
              "iam:UpdateAssumeRolePolicy",
            ],
            "*",
          ),
          Condition: withoutThisBoundary,
        },
        {
          Sid: "DenyRolesOutsideTheBaseline",
          Effect: "Deny",
          Action: ["iam:PassRole", "sts:AssumeRole"],
          NotResource: `${IAM}:role/example-*`,
        },
        deny(
          "DenyLongLivedUserCredentials",
          ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"],
          "*",
        ),
      ],
    });
  });
});

describe.each([
  ["preview", "example-preview", [`${REPO}:pull_request`, `${REPO}:ref:refs/heads/main`]],
  ["deploy", "example-deploy", [`${REPO}:environment:production`]],
])("%s role", (kind, roleName, subjects) => {
  const roleResource = `deployment-${kind}-role`;

  test("trusts exactly its GitHub subjects, for an hour at most, within the boundary", () => {
    const registered = get(T.role, roleResource);
    expect(registered.inputs).toEqual({
      name: roleName,
      description:
        kind === "preview"
          ? "Read-only previews for example-org/soc2-pipeline-blueprint's pull requests and main"
          : "Deploys the baseline from example-org/soc2-pipeline-blueprint's production environment",
      assumeRolePolicy: JSON.stringify(trust(subjects)),
      maxSessionDuration: 3600,
      permissionsBoundary: BOUNDARY,
    });
    expect(registered.dependencies).toEqual(
      expect.arrayContaining([
        get(T.policy, "deployment-boundary").urn,
        get(T.oidc, "deployment-github-oidc").urn,
      ]),
    );
  });
});

test("the preview role reads configuration and no data", () => {
  const policy = get(T.rolePolicy, "deployment-preview-read");
  expect(policy.propertyDependencies.role).toEqual([get(T.role, "deployment-preview-role").urn]);
  expect(policy.inputs.role).toBe("example-preview");
  expect(document(T.rolePolicy, "deployment-preview-read", "policy")).toEqual({
    Version: "2012-10-17",
    Statement: READS,
  });
});

test("the deploy role reads, and writes only what the baseline manages, never Action *", () => {
  const policy = get(T.rolePolicy, "deployment-deploy-baseline");
  expect(policy.propertyDependencies.role).toEqual([get(T.role, "deployment-deploy-role").urn]);
  expect(policy.inputs.role).toBe("example-deploy");
  const deploy = document(T.rolePolicy, "deployment-deploy-baseline", "policy");
  expect(deploy).toEqual({ Version: "2012-10-17", Statement: [...READS, ...DEPLOY_WRITES] });
  expect(deploy.Statement.flatMap((s) => s.Action)).not.toContain("*");
});

test("GitHub ids add the immutable subjects to both roles", async () => {
  const ids = await runIdentity({ ...ARGS, ownerId: 1234567, repositoryId: 7654321 });
  expect(ids.error).toBeUndefined();
  expect(document(T.role, "deployment-preview-role", "assumeRolePolicy", ids)).toEqual(
    trust([
      `${REPO}:pull_request`,
      `${REPO}:ref:refs/heads/main`,
      `${IMMUTABLE_REPO}:pull_request`,
      `${IMMUTABLE_REPO}:ref:refs/heads/main`,
    ]),
  );
  expect(document(T.role, "deployment-deploy-role", "assumeRolePolicy", ids)).toEqual(
    trust([`${REPO}:environment:production`, `${IMMUTABLE_REPO}:environment:production`]),
  );
});

test("settings reach the trust, the sessions and the state backend's statements", async () => {
  const custom = await runIdentity({
    ...ARGS,
    defaultBranch: "release/v1",
    environment: "prod-eu",
    maxSessionSeconds: 900,
    stateBucket: "example-pulumi-state",
  });
  expect(custom.error).toBeUndefined();
  expect(inputs(T.role, "deployment-preview-role", custom).maxSessionDuration).toBe(900);
  expect(inputs(T.role, "deployment-deploy-role", custom).maxSessionDuration).toBe(900);
  expect(document(T.role, "deployment-preview-role", "assumeRolePolicy", custom)).toEqual(
    trust([`${REPO}:pull_request`, `${REPO}:ref:refs/heads/release/v1`]),
  );
  expect(document(T.role, "deployment-deploy-role", "assumeRolePolicy", custom)).toEqual(
    trust([`${REPO}:environment:prod-eu`]),
  );
  const state = "arn:aws:s3:::example-pulumi-state";
  const readState = {
    Sid: "ReadPulumiState",
    Effect: "Allow",
    Action: ["s3:GetObject", "s3:ListBucket"],
    Resource: [state, `${state}/*`],
  };
  const write = (Sid: string, Resource: string) => ({
    Sid,
    Effect: "Allow",
    Action: ["s3:PutObject", "s3:DeleteObject"],
    Resource,
  });
  expect(document(T.rolePolicy, "deployment-preview-read", "policy", custom).Statement).toEqual([
    ...READS,
    readState,
    write("TakePulumiStateLocks", `${state}/.pulumi/locks/*`),
  ]);
  expect(document(T.rolePolicy, "deployment-deploy-baseline", "policy", custom).Statement).toEqual([
    ...READS,
    ...DEPLOY_WRITES,
    readState,
    write("WritePulumiState", `${state}/.pulumi/*`),
  ]);
});

describe("contradictory args fail at construction, before any child is registered", () => {
  test.each<[string, Partial<DeploymentIdentityArgs>, string]>([
    [
      "an owner id without a repository id",
      { ownerId: 1234567 },
      "DeploymentIdentity: ownerId is set but repositoryId is not: the immutable subject needs " +
        "both, or neither",
    ],
    [
      "a repository id without an owner id",
      { repositoryId: 7654321 },
      "DeploymentIdentity: repositoryId is set but ownerId is not: the immutable subject needs " +
        "both, or neither",
    ],
    [
      "an id that is not GitHub's",
      { ownerId: 1234567, repositoryId: 0 },
      "DeploymentIdentity: repositoryId 0 is not a GitHub id (a positive whole number)",
    ],
    [
      "an owner with a wildcard",
      { owner: "example-*" },
      'DeploymentIdentity: owner "example-*" is not a GitHub login',
    ],
    [
      "a repository given with its owner",
      { repository: "example-org/soc2-pipeline-blueprint" },
      'DeploymentIdentity: repository "example-org/soc2-pipeline-blueprint" is not a repository ' +
        "name of owner",
    ],
    [
      "an environment with a colon",
      { environment: "production:*" },
      'DeploymentIdentity: environment "production:*" is not an environment name (letters, ' +
        "digits, '.', '-', '_')",
    ],
    [
      "an empty default branch",
      { defaultBranch: "" },
      'DeploymentIdentity: defaultBranch "" is not a branch name',
    ],
    [
      "the state in the audit log bucket",
      { stateBucket: `example-audit-logs-${ACCOUNT}-${REGION}` },
      `DeploymentIdentity: stateBucket and audit.logBucket are both "example-audit-logs-${ACCOUNT}-` +
        `${REGION}": the deploy role would write to the audit archive`,
    ],
    [
      "the state in the access-log bucket",
      { stateBucket: `example-access-logs-${ACCOUNT}-${REGION}` },
      `DeploymentIdentity: stateBucket and audit.accessLogBucket are both "example-access-logs-` +
        `${ACCOUNT}-${REGION}": the deploy role would write to the audit archive`,
    ],
    [
      "a state bucket name S3 refuses",
      { stateBucket: "Pulumi_State" },
      'DeploymentIdentity: stateBucket "Pulumi_State" is not an S3 bucket name',
    ],
    [
      "a session longer than an hour",
      { maxSessionSeconds: 7200 },
      "DeploymentIdentity: maxSessionSeconds 7200 is not a whole number from 900 to 3600",
    ],
    [
      "a session shorter than STS allows",
      { maxSessionSeconds: 600 },
      "DeploymentIdentity: maxSessionSeconds 600 is not a whole number from 900 to 3600",
    ],
  ])("%s", async (_case, change, message) => {
    const failed = await runIdentity({ ...ARGS, ...change });
    expect(failed.error?.message).toBe(message);
    expect(failed.resources.map((r) => r.type).sort()).toEqual([T.identity, T.provider].sort());
  });
});
