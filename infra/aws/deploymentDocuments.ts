/**
 * Names, ARNs and policy documents of the deployment identity: GitHub's OIDC provider, the preview
 * and deploy roles and their permissions boundary. Everything but the audit key's ARN derives from
 * config alone, so the trust and permission documents are known in a first preview (see
 * policyDocument.ts).
 */
import { partitionOf, policyDocument, type PolicyDocument, type Statement } from "./policyDocument";
import { type AuditTarget, tamperActionsOn } from "./tamperActions";

/** GitHub Actions' OIDC issuer: the provider's host and the prefix of its condition keys. */
export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
/** The audience aws-actions/configure-aws-credentials requests. */
export const STS_AUDIENCE = "sts.amazonaws.com";

/** The physical names and ARNs of the deployment identity. */
export interface DeploymentNames {
  accountId: string;
  region: string;
  partition: string;
  oidcProviderArn: string;
  boundaryName: string;
  boundaryArn: string;
  previewRoleName: string;
  previewRoleArn: string;
  deployRoleName: string;
  deployRoleArn: string;
  /** Every role the baseline creates is named `<namePrefix>-…`; the deploy role manages only those. */
  baselineRolesArn: string;
  /** The prefix of every other physical name the deploy role may manage. */
  namePrefix: string;
}

export function deploymentNames(
  prefix: string,
  accountId: string,
  region: string,
): DeploymentNames {
  const { partition } = partitionOf(region);
  const iam = `arn:${partition}:iam::${accountId}`;
  const boundaryName = `${prefix}-deployment-boundary`;
  return {
    accountId,
    region,
    partition,
    oidcProviderArn: `${iam}:oidc-provider/${GITHUB_OIDC_HOST}`,
    boundaryName,
    boundaryArn: `${iam}:policy/${boundaryName}`,
    previewRoleName: `${prefix}-preview`,
    previewRoleArn: `${iam}:role/${prefix}-preview`,
    deployRoleName: `${prefix}-deploy`,
    deployRoleArn: `${iam}:role/${prefix}-deploy`,
    baselineRolesArn: `${iam}:role/${prefix}-*`,
    namePrefix: prefix,
  };
}

/** The repository whose workflows may assume the roles. */
export interface GithubRepository {
  owner: string;
  repository: string;
  /** GitHub's numeric owner id; with `repositoryId`, adds the immutable subject form. */
  ownerId?: number;
  repositoryId?: number;
}

/**
 * GitHub's `sub` claims for the given contexts (`environment:production`, `pull_request`, …): the
 * classic `repo:OWNER/REPO:CONTEXT` and, when both ids are known, the immutable
 * `repo:OWNER@OWNER_ID/REPO@REPO_ID:CONTEXT` that repositories created from July 2026 send.
 */
export function githubSubjects(repo: GithubRepository, contexts: string[]): string[] {
  const forms = [`${repo.owner}/${repo.repository}`];
  if (repo.ownerId !== undefined && repo.repositoryId !== undefined) {
    forms.push(`${repo.owner}@${repo.ownerId}/${repo.repository}@${repo.repositoryId}`);
  }
  return forms.flatMap((form) => contexts.map((context) => `repo:${form}:${context}`));
}

/** The deploy role's one context: jobs of the protected deployment environment. (CC8.1) */
export function deployContexts(environment: string): string[] {
  return [`environment:${environment}`];
}

/** The preview role's contexts: pull requests and pushes to the default branch. */
export function previewContexts(defaultBranch: string): string[] {
  return ["pull_request", `ref:refs/heads/${defaultBranch}`];
}

/** A trust statement whose principal is a web-identity provider. */
export interface WebIdentityTrustStatement extends Omit<Statement, "Principal" | "Resource"> {
  Principal: { Federated: string };
}

/** A role trust policy with GitHub's OIDC provider as the principal. */
export interface WebIdentityTrustPolicy {
  Version: "2012-10-17";
  Statement: WebIdentityTrustStatement[];
}

/**
 * Lets GitHub Actions assume the role only with a token for AWS STS whose subject is exactly one of
 * `subjects`: `StringEquals`, no wildcard, so another repository, owner, fork, branch or
 * environment — or another spelling of them — is refused. (CC6.1, CC6.2, CC8.1)
 */
export function githubTrustPolicy(n: DeploymentNames, subjects: string[]): WebIdentityTrustPolicy {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "GitHubActions",
        Effect: "Allow",
        Principal: { Federated: n.oidcProviderArn },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: STS_AUDIENCE,
            [`${GITHUB_OIDC_HOST}:sub`]: subjects,
          },
        },
      },
    ],
  };
}

/**
 * Reading the configuration of what the baseline manages, and nothing that holds data: bucket
 * settings but no object (`s3:GetBucket*` never matches `s3:GetObject*`), key metadata but no
 * `kms:Decrypt`, log-group settings but no log events (`logs:Describe*`, not `logs:Get*`,
 * `logs:FilterLogEvents` or `logs:StartQuery`), trails but not CloudTrail Lake query results,
 * connections but not `GetConnectionToken`, and no Secrets Manager or SSM Parameter Store at all.
 */
function readStatements(): Statement[] {
  const connectionReads = (service: string) =>
    ["GetConnection", "GetHost", "ListConnections", "ListHosts", "ListTagsForResource"].map(
      (action) => `${service}:${action}`,
    );
  const read = (Sid: string, Action: string[]): Statement => ({
    Sid,
    Effect: "Allow",
    Action,
    Resource: "*",
  });
  return [
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
}

/** The Pulumi state in a self-managed S3 backend: `locksOnly` for a preview, which only locks. */
function stateStatements(n: DeploymentNames, bucket: string, locksOnly: boolean): Statement[] {
  const bucketArn = `arn:${n.partition}:s3:::${bucket}`;
  return [
    {
      Sid: "ReadPulumiState",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:ListBucket"],
      Resource: [bucketArn, `${bucketArn}/*`],
    },
    {
      Sid: locksOnly ? "TakePulumiStateLocks" : "WritePulumiState",
      Effect: "Allow",
      Action: ["s3:PutObject", "s3:DeleteObject"],
      Resource: `${bucketArn}/.pulumi/${locksOnly ? "locks/" : ""}*`,
    },
  ];
}

/**
 * The preview role's inline policy: read-only, scoped to the services the baseline manages, plus
 * what a preview needs of a self-managed state bucket (reading it, and writing only its lock).
 * Inline rather than AWS's ReadOnlyAccess, which reads S3 objects, SSM parameters and log events;
 * and an inline document can be simulated offline, which an AWS-managed one cannot. (CC6.1, CC6.3)
 */
export function previewPermissions(n: DeploymentNames, stateBucket?: string): PolicyDocument {
  return policyDocument(
    ...readStatements(),
    ...(stateBucket === undefined ? [] : stateStatements(n, stateBucket, true)),
  );
}

/**
 * The deploy role's inline policy: the preview's reads, plus creating and updating what the
 * baseline manages — each write limited to `<namePrefix>-…` names, never `Action: "*"`. KMS keys,
 * events rules and topics take any region, since the IAM tamper alarm lives in us-east-1.
 *
 * Permissions that could later weaken a control, and what blocks the weakening:
 * - s3:PutBucketPolicy, PutLifecycleConfiguration, PutBucketObjectLockConfiguration,
 *   PutBucketVersioning, PutEncryptionConfiguration, PutBucketLogging, PutBucketPublicAccessBlock,
 *   PutBucketOwnershipControls on the audit buckets → the pack's aws-s3-bucket-enforce-tls,
 *   -disallow-early-expiry, -enforce-object-lock, -enable-versioning, -enforce-encryption,
 *   -missing-access-logging, -enforce-bucket-owner-enforced and
 *   aws-s3-bucket-public-access-block-enable-all-blocks; COMPLIANCE-mode Object Lock keeps every
 *   locked version whatever a later policy says. No pack policy checks CloudTrail's write grant in
 *   the log bucket's policy.
 * - kms:CreateKey (with its policy), PutKeyPolicy, ScheduleKeyDeletion on baseline keys → the
 *   boundary denies the audit key's PutKeyPolicy, ScheduleKeyDeletion, DisableKey and
 *   DisableKeyRotation; for other keys aws-kms-key-enable-rotation and
 *   -configure-deletion-window. No pack policy reads a key policy's statements.
 * - cloudtrail:CreateTrail → aws-cloudtrail-trail-configure-logging and -missing-audit-trail; the
 *   boundary denies UpdateTrail, PutEventSelectors, StopLogging and DeleteTrail on the audit trail.
 * - logs:PutRetentionPolicy, AssociateKmsKey → aws-cloudwatch-log-group-configure-retention and
 *   -enforce-kms.
 * - iam:CreateRole, PutRolePolicy, UpdateAssumeRolePolicy on baseline roles →
 *   aws-iam-role-enforce-oidc-trust-conditions, -disallow-unmanaged-oidc-subjects,
 *   -enforce-read-only-untrusted-refs, -missing-reviewed-environment,
 *   -missing-permissions-boundary, -enforce-max-session-duration and -disallow-unbounded-admin;
 *   the boundary denies all three on any role without this boundary.
 * - events:PutRule/DeleteRule, sns:SetTopicAttributes/Unsubscribe on the tamper alarm →
 *   aws-cloudwatch-event-rule-missing-tamper-alarm.
 * The pack judges only changes made through `pulumi up --policy-pack`; any other use of the
 * credentials is limited by the boundary and by the review of the workflow that holds them.
 */
export function deployPermissions(
  n: DeploymentNames,
  ledgerBucket: string,
  stateBucket?: string,
): PolicyDocument {
  const { partition: p, accountId: account, region, namePrefix: prefix } = n;
  const anyKey = `arn:${p}:kms:*:${account}:key/*`;
  const connections = ["codeconnections", "codestar-connections"];
  const allow = (Sid: string, Action: string[], Resource: string | string[]): Statement => ({
    Sid,
    Effect: "Allow",
    Action,
    Resource,
  });
  return policyDocument(
    ...readStatements(),
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
      `arn:${p}:s3:::${prefix}-*`,
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
      anyKey,
    ),
    allow(
      "ManageBaselineKeyAliases",
      ["kms:CreateAlias", "kms:DeleteAlias", "kms:UpdateAlias"],
      [`arn:${p}:kms:*:${account}:alias/${prefix}-*`, anyKey],
    ),
    allow(
      "CreateBaselineTrail",
      [
        "cloudtrail:AddTags",
        "cloudtrail:CreateTrail",
        "cloudtrail:RemoveTags",
        "cloudtrail:StartLogging",
      ],
      `arn:${p}:cloudtrail:${region}:${account}:trail/${prefix}-*`,
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
      `arn:${p}:logs:${region}:${account}:log-group:/${prefix}/*`,
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
      `arn:${p}:codebuild:${region}:${account}:project/${prefix}-*`,
    ),
    allow(
      "UseGitHubConnection",
      connections.flatMap((s) =>
        ["GetConnection", "PassConnection", "UseConnection"].map((a) => `${s}:${a}`),
      ),
      connections.map((s) => `arn:${p}:${s}:${region}:${account}:connection/*`),
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
      n.baselineRolesArn,
    ),
    {
      Sid: "PassBaselineRolesToTheirServices",
      Effect: "Allow",
      Action: "iam:PassRole",
      Resource: n.baselineRolesArn,
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
      n.oidcProviderArn,
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
      `arn:${p}:events:*:${account}:rule/${prefix}-*`,
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
      `arn:${p}:sns:*:${account}:${prefix}-*`,
    ),
    // The deployment ledger: records are added under ledger/ in the log bucket, whose Object Lock
    // keeps them; the boundary denies deleting them. The bucket encrypts with the audit key.
    allow("WriteDeploymentLedger", ["s3:PutObject"], `arn:${p}:s3:::${ledgerBucket}/ledger/*`),
    {
      Sid: "EncryptLedgerRecords",
      Effect: "Allow",
      Action: "kms:GenerateDataKey",
      Resource: anyKey,
      Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
    },
    ...(stateBucket === undefined ? [] : stateStatements(n, stateBucket, false)),
  );
}

/** The audit archive's names, and its key's ARN once known. */
export interface AuditResources {
  trailName: string;
  logBucket: string;
  accessLogBucket: string;
  logGroupName: string;
  keyArn: string;
}

/** A Deny statement on every resource but some: a shape policyDocument.ts's Statement lacks. */
export interface NotResourceStatement extends Omit<Statement, "Resource"> {
  NotResource: string | string[];
}

/** The boundary document: policyDocument.ts's statements and one NotResource statement. */
export interface BoundaryDocument {
  Version: "2012-10-17";
  Statement: (Statement | NotResourceStatement)[];
}

/**
 * The permissions boundary of both roles (and of every role or user they create). It caps, never
 * grants: an Allow of everything, then explicit denials that no identity policy can lift —
 * - every tamper action (tamperActions.ts) on the exact audit resources: the trail, both buckets and
 *   their objects, the key, the log group and this boundary policy; removing any boundary; creating
 *   a role or user, or setting a boundary, other than with this boundary; (CC6.1, CC7.2)
 * - the ways around it: widening a role or user without this boundary (PutRolePolicy,
 *   AttachRolePolicy, UpdateAssumeRolePolicy, PutUserPolicy, AttachUserPolicy), passing or assuming
 *   a role outside the baseline's `<namePrefix>-*` roles, and long-lived credentials for users.
 * The role may widen its own inline policy (it carries this boundary), so these denials, not the
 * inline policy, are what keep it from the audit record. What they cannot stop: running code on
 * compute that already holds a stronger role (a Lambda function, an instance reached through SSM,
 * a CodeBuild project outside the baseline) with the permissions the Allow leaves it.
 */
export function permissionsBoundary(n: DeploymentNames, audit: AuditResources): BoundaryDocument {
  const p = n.partition;
  const buckets = [audit.logBucket, audit.accessLogBucket].map((b) => `arn:${p}:s3:::${b}`);
  const logGroupArn = `arn:${p}:logs:${n.region}:${n.accountId}:log-group:${audit.logGroupName}`;
  const resources: Record<AuditTarget, string[]> = {
    trail: [`arn:${p}:cloudtrail:${n.region}:${n.accountId}:trail/${audit.trailName}`],
    buckets,
    objects: buckets.map((b) => `${b}/*`),
    key: [audit.keyArn],
    logGroup: [logGroupArn, `${logGroupArn}:*`],
    boundary: [n.boundaryArn],
    anyBoundary: ["*"],
    principalWithoutBoundary: ["*"],
  };
  const withoutThisBoundary = {
    StringNotEquals: { "iam:PermissionsBoundary": n.boundaryArn },
  };
  const deny = (Sid: string, target: AuditTarget): Statement => ({
    Sid,
    Effect: "Deny",
    Action: tamperActionsOn(target),
    Resource: resources[target].length === 1 ? resources[target][0] : resources[target],
    ...(target === "principalWithoutBoundary" ? { Condition: withoutThisBoundary } : {}),
  });
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AllowWhatIdentityPoliciesGrant", Effect: "Allow", Action: "*", Resource: "*" },
      deny("DenyStoppingOrChangingTheAuditTrail", "trail"),
      deny("DenyDeletingTheAuditBucketsOrTheirPolicies", "buckets"),
      deny("DenyDeletingAuditLogObjects", "objects"),
      deny("DenyDisablingTheAuditKeyOrReplacingItsPolicy", "key"),
      deny("DenyDeletingTheTrailLogGroup", "logGroup"),
      deny("DenyChangingThisBoundary", "boundary"),
      deny("DenyRemovingAnyBoundary", "anyBoundary"),
      deny("DenyPrincipalsWithoutThisBoundary", "principalWithoutBoundary"),
      {
        Sid: "DenyWideningPrincipalsWithoutThisBoundary",
        Effect: "Deny",
        Action: [
          "iam:AttachRolePolicy",
          "iam:AttachUserPolicy",
          "iam:PutRolePolicy",
          "iam:PutUserPolicy",
          "iam:UpdateAssumeRolePolicy",
        ],
        Resource: "*",
        Condition: withoutThisBoundary,
      },
      {
        Sid: "DenyRolesOutsideTheBaseline",
        Effect: "Deny",
        Action: ["iam:PassRole", "sts:AssumeRole"],
        NotResource: n.baselineRolesArn,
      },
      {
        Sid: "DenyLongLivedUserCredentials",
        Effect: "Deny",
        Action: ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"],
        Resource: "*",
      },
    ],
  };
}
