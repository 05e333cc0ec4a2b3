/**
 * The example stack's deployment identity and tamper alarms as a first preview registers them
 * (namePrefix "example", account 111122223333, eu-west-1, GitHub owner "example-org"): trust
 * documents, names and the boundary ARN are built from config and known; every id, ARN and
 * output-derived name is unknown, relationships carried by property dependencies. With them, the
 * blueprint repository's ruleset and deployment environment, through the GitHub provider. Tests
 * change one part at a time.
 */
import { type Fixture, UNKNOWN } from "./analyze";
import { changedProps, GH } from "./github";

type Props = Record<string, unknown>;

export const I = {
  oidcProvider: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
  policy: "aws:iam/policy:Policy",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  eventRule: "aws:cloudwatch/eventRule:EventRule",
  eventTarget: "aws:cloudwatch/eventTarget:EventTarget",
  topic: "aws:sns/topic:Topic",
  key: "aws:kms/key:Key",
} as const;

export const OWNER = "example-org";
export const REPO = "soc2-pipeline-blueprint";
export const OIDC_PROVIDER_ARN =
  "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
export const BOUNDARY_ARN = "arn:aws:iam::111122223333:policy/example-deployment-boundary";

/** A subject of the blueprint repository, classic form. */
export const subject = (context: string) => `repo:${OWNER}/${REPO}:${context}`;
export const DEPLOY_SUBJECTS = [subject("environment:production")];
export const PREVIEW_SUBJECTS = [subject("pull_request"), subject("ref:refs/heads/main")];

/** The GitHub trust statement, with `changes` to its keys (undefined removes one). */
export const gitHubTrust = (subjects: unknown, changes: Props = {}) =>
  changedProps(
    {
      Sid: "GitHubActions",
      Effect: "Allow",
      Principal: { Federated: OIDC_PROVIDER_ARN },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          "token.actions.githubusercontent.com:aud": "sts.amazonaws.com",
          "token.actions.githubusercontent.com:sub": subjects,
        },
      },
    },
    changes,
  );

/** A trust policy of `statements`. */
export const trustPolicy = (...statements: object[]) =>
  JSON.stringify({ Version: "2012-10-17", Statement: statements });

/** The boundary as `pulumi up` sees it: allows what identity policies grant, denies tampering. */
export const BOUNDARY_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    { Sid: "AllowWhatIdentityPoliciesGrant", Effect: "Allow", Action: "*", Resource: "*" },
    {
      Sid: "DenyTampering",
      Effect: "Deny",
      Action: ["cloudtrail:StopLogging", "cloudtrail:DeleteTrail", "iam:CreatePolicyVersion"],
      Resource: "*",
    },
  ],
});

/** A policy document allowing `actions` on every resource. */
const allowing = (Sid: string, Action: string[]) => ({
  Version: "2012-10-17",
  Statement: [{ Sid, Effect: "Allow", Action, Resource: "*" }],
});

/** What a preview reads: configuration, never object contents or secret values. */
export const PREVIEW_POLICY = allowing("ReadConfiguration", [
  "s3:GetBucket*",
  "kms:Describe*",
  "kms:Get*",
  "cloudtrail:Describe*",
  "logs:Describe*",
  "iam:Get*",
  "iam:List*",
  "codebuild:BatchGet*",
  "events:Describe*",
  "sns:Get*",
  "sts:GetCallerIdentity",
]);

/** What a deployment changes: the baseline's resources (the boundary denies the tampering). */
export const DEPLOY_POLICY = allowing("ManageBaseline", [
  "s3:*",
  "kms:*",
  "cloudtrail:*",
  "logs:*",
  "iam:*",
  "codebuild:*",
  "events:*",
  "sns:*",
]);

/** A GitHub-trusted role as DeploymentIdentity creates it, trusting `subjects`. */
export const role = (
  name: string,
  roleName: string,
  subjects: string[],
  changes: Props = {},
): Fixture => ({
  type: I.role,
  name,
  props: changedProps(
    {
      name: roleName,
      assumeRolePolicy: trustPolicy(gitHubTrust(subjects)),
      maxSessionDuration: 3600,
      permissionsBoundary: BOUNDARY_ARN,
    },
    changes,
  ),
});

/** An inline policy of role `of`, attached through its unknown name. */
export const rolePolicy = (name: string, of: string, policy: unknown): Fixture => ({
  type: I.rolePolicy,
  name,
  props: { role: UNKNOWN, policy },
  deps: { role: [of] },
});

/** The DeploymentIdentity component's resources, each with `changes` to its props. */
export function deploymentIdentity(
  changes: {
    previewRole?: Props;
    deployRole?: Props;
    previewPolicy?: unknown;
    deployPolicy?: unknown;
    boundaryPolicy?: unknown;
  } = {},
): Fixture[] {
  return [
    {
      type: I.oidcProvider,
      name: "deployment-github-oidc",
      props: {
        url: "https://token.actions.githubusercontent.com",
        clientIdLists: ["sts.amazonaws.com"],
      },
    },
    {
      type: I.policy,
      name: "deployment-boundary",
      // Built from the audit key's ARN, so unknown in a first preview.
      props: { name: "example-deployment-boundary", policy: changes.boundaryPolicy ?? UNKNOWN },
    },
    role("deployment-preview-role", "example-preview", PREVIEW_SUBJECTS, changes.previewRole),
    role("deployment-deploy-role", "example-deploy", DEPLOY_SUBJECTS, changes.deployRole),
    rolePolicy(
      "deployment-preview-read",
      "deployment-preview-role",
      changes.previewPolicy ?? JSON.stringify(PREVIEW_POLICY),
    ),
    rolePolicy(
      "deployment-deploy-baseline",
      "deployment-deploy-role",
      changes.deployPolicy ?? JSON.stringify(DEPLOY_POLICY),
    ),
  ];
}

/** The example stack's explicit GitHub provider. */
export const githubProvider = (owner: unknown = OWNER) => ({
  urn: "urn:pulumi:test::soc2-baseline::pulumi:providers:github::github",
  type: "pulumi:providers:github",
  name: "github",
  properties: { owner },
});

/** The blueprint repository's protections that the identity relies on, with `changes` to each. */
export function repositoryProtection(
  changes: { environment?: Props; owner?: unknown } = {},
): Fixture[] {
  const provider = githubProvider(changes.owner);
  return [
    {
      type: GH.repositoryRuleset,
      name: `${REPO}-default-branch`,
      props: {
        repository: REPO,
        name: "soc2-default-branch",
        target: "branch",
        enforcement: "active",
      },
      provider,
    },
    {
      type: GH.repositoryEnvironment,
      name: `${REPO}-environment`,
      props: changedProps(
        {
          repository: REPO,
          environment: "production",
          reviewers: [{ teams: [4242001], users: [] }],
          preventSelfReview: true,
          canAdminsBypass: false,
          deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: false },
        },
        changes.environment ?? {},
      ),
      provider,
    },
  ];
}

/** CloudTrail event names the example's tamper alarms watch, in the stack's region and in us-east-1. */
export const REGIONAL_EVENTS = [
  "StopLogging",
  "DeleteTrail",
  "UpdateTrail",
  "PutEventSelectors",
  "DeleteBucket",
  "DeleteBucketPolicy",
  "DisableKey",
  "ScheduleKeyDeletion",
  "PutKeyPolicy",
  "DisableKeyRotation",
  "DeleteLogGroup",
];
export const IAM_EVENTS = [
  "DeleteRolePermissionsBoundary",
  "PutRolePermissionsBoundary",
  "DeleteUserPermissionsBoundary",
  "PutUserPermissionsBoundary",
  "CreatePolicyVersion",
  "DeletePolicyVersion",
  "SetDefaultPolicyVersion",
  "DeletePolicy",
];

/** An EventBridge pattern on CloudTrail API calls of `sources` named `eventNames`. */
export const cloudTrailPattern = (sources: string[], eventNames: unknown[]) =>
  JSON.stringify({
    source: sources.map((s) => `aws.${s}`),
    "detail-type": ["AWS API Call via CloudTrail"],
    detail: { eventSource: sources.map((s) => `${s}.amazonaws.com`), eventName: eventNames },
  });

/** One alarm (`tamper-alarms` or `tamper-alarms-iam`): its key, topic, rule and target. */
export function alarm(
  prefix: string,
  eventPattern: unknown,
  changes: { rule?: Props; topic?: Props; target?: Props } = {},
): Fixture[] {
  return [
    {
      type: I.key,
      name: `${prefix}-key`,
      props: { description: "Encrypts the tamper alarms' topic", enableKeyRotation: true },
    },
    {
      type: I.topic,
      name: `${prefix}-topic`,
      props: changedProps(
        { name: `example-${prefix}`, kmsMasterKeyId: UNKNOWN },
        changes.topic ?? {},
      ),
      deps: { kmsMasterKeyId: [`${prefix}-key`] },
    },
    {
      type: I.eventRule,
      name: `${prefix}-rule`,
      props: changedProps(
        {
          name: `example-${prefix}`,
          description: "Attempts to tamper with the audit trail",
          eventPattern,
        },
        changes.rule ?? {},
      ),
    },
    {
      type: I.eventTarget,
      name: `${prefix}-target`,
      props: changedProps({ rule: UNKNOWN, arn: UNKNOWN }, changes.target ?? {}),
      deps: { rule: [`${prefix}-rule`], arn: [`${prefix}-topic`] },
    },
  ];
}

/** The TamperAlarms component's resources: the regional alarm, with `changes`, and IAM's. */
export const tamperAlarms = (
  changes: { regional?: Parameters<typeof alarm>[2] } = {},
): Fixture[] => [
  ...alarm(
    "tamper-alarms",
    cloudTrailPattern(["cloudtrail", "s3", "kms", "logs"], REGIONAL_EVENTS),
    changes.regional,
  ),
  ...alarm("tamper-alarms-iam", cloudTrailPattern(["iam"], IAM_EVENTS)),
];

/** The example stack's identity side, compliant with every identity policy. */
export const exampleStack = (): Fixture[] => [
  ...repositoryProtection(),
  ...deploymentIdentity(),
  ...tamperAlarms(),
];
