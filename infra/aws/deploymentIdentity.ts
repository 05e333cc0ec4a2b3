import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  deployContexts,
  deploymentNames,
  deployPermissions,
  GITHUB_OIDC_HOST,
  githubSubjects,
  githubTrustPolicy,
  permissionsBoundary,
  previewContexts,
  previewPermissions,
  STS_AUDIENCE,
  type DeploymentNames,
} from "./deploymentDocuments";

/** The audit archive the boundary protects, by the names the archive derives from config. */
export interface AuditArchiveNames {
  trailName: string;
  logBucket: string;
  accessLogBucket: string;
  logGroupName: string;
  /** The audit KMS key's ARN (`AuditLogArchive.key.arn`). */
  keyArn: pulumi.Input<string>;
}

export interface DeploymentIdentityArgs {
  /** Prefix of every physical name (`soc2-baseline:namePrefix`). */
  namePrefix: string;
  /** The AWS account of the roles (`soc2-baseline:accountId`). */
  accountId: string;
  /** The stack's region (`aws:region`); the trail and log group live there. */
  region: string;
  /** The GitHub organization or user that owns `repository` (`soc2-baseline:githubOwner`). */
  owner: string;
  /** The repository whose workflows may assume the roles (`github.blueprintRepository`). */
  repository: string;
  /**
   * GitHub's numeric id of `owner` (`gh api users/OWNER --jq .id`). With `repositoryId`, the roles
   * also trust GitHub's immutable subject form, which a renamed or re-created owner cannot take
   * over (SOC 2 CC6.1). Set both or neither. @default undefined — the classic form only.
   */
  ownerId?: number;
  /** GitHub's numeric id of `repository` (`gh api repos/OWNER/REPO --jq .id`); see `ownerId`. */
  repositoryId?: number;
  /**
   * The branch whose pushes may assume the preview role, besides pull requests (SOC 2 CC8.1: only
   * reviewed code runs on it). @default "main"
   */
  defaultBranch?: string;
  /**
   * The GitHub deployment environment whose jobs alone may assume the deploy role
   * (`github.deploymentEnvironment`; SOC 2 CC8.1: its required reviewers approve every deploy).
   */
  environment: string;
  /** The audit archive the boundary protects (SOC 2 CC7.2, CC6.1). */
  audit: AuditArchiveNames;
  /**
   * The S3 bucket of a self-managed Pulumi backend, if the stack uses one: the preview role may
   * read it and take its lock, the deploy role may write its state (SOC 2 CC6.3). It may not be one
   * of the audit buckets. @default undefined — Pulumi Cloud or another backend.
   */
  stateBucket?: string;
  /**
   * Longest session of either role, in seconds, from 900 to 3600 (SOC 2 CC6.1: credentials expire
   * within the hour). @default 3600
   */
  maxSessionSeconds?: number;
}

/**
 * The only identities that may deploy (SOC 2 CC6.1, CC6.2, CC6.3, CC8.1, CC7.2):
 * - GitHub's OIDC provider for AWS STS, so no workflow holds a stored AWS key;
 * - a preview role, assumable only by pull-request and default-branch jobs of `repository`,
 *   read-only on what the baseline manages (no object contents, log events or secret values);
 * - a deploy role, assumable only by jobs of the protected deployment `environment`, allowed to
 *   create and update the baseline and nothing else;
 * - a permissions boundary on both that denies tampering with the audit archive to them and to
 *   every role or user they create (deploymentDocuments.ts lists what it denies and what it cannot).
 * Sessions last at most `maxSessionSeconds`. The first `pulumi up` creates the roles and the
 * boundary, so it runs with administrator credentials; so does any later change to the boundary,
 * which the boundary forbids the deploy role.
 */
export class DeploymentIdentity extends pulumi.ComponentResource {
  /** Names and ARNs, known from config: the role ARNs the workflows' Actions variables carry. */
  public readonly names: DeploymentNames;
  public readonly oidcProvider: aws.iam.OpenIdConnectProvider;
  public readonly boundary: aws.iam.Policy;
  /** The boundary's ARN, known from config before the policy exists. */
  public readonly boundaryArn: string;
  public readonly previewRole: aws.iam.Role;
  public readonly previewPolicy: aws.iam.RolePolicy;
  public readonly deployRole: aws.iam.Role;
  public readonly deployPolicy: aws.iam.RolePolicy;

  constructor(name: string, args: DeploymentIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
    super("soc2:aws:DeploymentIdentity", name, {}, opts);
    const checked = checkArgs(args);
    const child = { parent: this };
    const n = deploymentNames(args.namePrefix, args.accountId, args.region);
    this.names = n;
    this.boundaryArn = n.boundaryArn;

    this.oidcProvider = new aws.iam.OpenIdConnectProvider(
      `${name}-github-oidc`,
      { url: `https://${GITHUB_OIDC_HOST}`, clientIdLists: [STS_AUDIENCE] },
      child,
    );
    const audit = args.audit;
    this.boundary = new aws.iam.Policy(
      `${name}-boundary`,
      {
        name: n.boundaryName,
        description:
          "Permissions boundary of the deployment roles: no tampering with the audit archive",
        policy: pulumi.output(audit.keyArn).apply((keyArn) =>
          JSON.stringify(
            permissionsBoundary(n, {
              trailName: audit.trailName,
              logBucket: audit.logBucket,
              accessLogBucket: audit.accessLogBucket,
              logGroupName: audit.logGroupName,
              keyArn,
            }),
          ),
        ),
      },
      child,
    );

    // A role names its boundary and trusted provider by ARN strings, so it waits for both to exist.
    const afterBoundary = { ...child, dependsOn: [this.boundary, this.oidcProvider] };
    const role = (kind: string, roleName: string, contexts: string[], description: string) =>
      new aws.iam.Role(
        `${name}-${kind}-role`,
        {
          name: roleName,
          description,
          assumeRolePolicy: JSON.stringify(githubTrustPolicy(n, githubSubjects(args, contexts))),
          maxSessionDuration: checked.maxSessionSeconds,
          permissionsBoundary: n.boundaryArn,
        },
        afterBoundary,
      );
    const repository = `${args.owner}/${args.repository}`;
    this.previewRole = role(
      "preview",
      n.previewRoleName,
      previewContexts(checked.defaultBranch),
      `Read-only previews for ${repository}'s pull requests and ${checked.defaultBranch}`,
    );
    this.previewPolicy = new aws.iam.RolePolicy(
      `${name}-preview-read`,
      {
        role: this.previewRole.name,
        policy: JSON.stringify(previewPermissions(n, args.stateBucket)),
      },
      child,
    );
    this.deployRole = role(
      "deploy",
      n.deployRoleName,
      deployContexts(args.environment),
      `Deploys the baseline from ${repository}'s ${args.environment} environment`,
    );
    this.deployPolicy = new aws.iam.RolePolicy(
      `${name}-deploy-baseline`,
      {
        role: this.deployRole.name,
        policy: JSON.stringify(deployPermissions(n, args.audit.logBucket, args.stateBucket)),
      },
      child,
    );

    this.registerOutputs({
      oidcProviderArn: this.oidcProvider.arn,
      boundaryArn: this.boundaryArn,
      previewRoleArn: this.previewRole.arn,
      deployRoleArn: this.deployRole.arn,
    });
  }
}

const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPOSITORY_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const ENVIRONMENT_NAME = /^[A-Za-z0-9_.-]{1,255}$/;
const BRANCH_NAME = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Rejects contradictory or impossible args before anything is registered, naming what conflicts. */
function checkArgs(args: DeploymentIdentityArgs) {
  const defaultBranch = args.defaultBranch ?? "main";
  const maxSessionSeconds = args.maxSessionSeconds ?? 3600;
  const fail = (message: string): never => {
    throw new Error(`DeploymentIdentity: ${message}`);
  };
  if (!GITHUB_LOGIN.test(args.owner)) fail(`owner "${args.owner}" is not a GitHub login`);
  if (!REPOSITORY_NAME.test(args.repository)) {
    fail(`repository "${args.repository}" is not a repository name of owner`);
  }
  if (args.ownerId !== undefined && args.repositoryId === undefined) {
    fail("ownerId is set but repositoryId is not: the immutable subject needs both, or neither");
  }
  if (args.repositoryId !== undefined && args.ownerId === undefined) {
    fail("repositoryId is set but ownerId is not: the immutable subject needs both, or neither");
  }
  for (const [key, id] of [
    ["ownerId", args.ownerId],
    ["repositoryId", args.repositoryId],
  ] as const) {
    if (id !== undefined && (!Number.isInteger(id) || id < 1)) {
      fail(`${key} ${id} is not a GitHub id (a positive whole number)`);
    }
  }
  if (!BRANCH_NAME.test(defaultBranch)) {
    fail(`defaultBranch "${defaultBranch}" is not a branch name`);
  }
  if (!ENVIRONMENT_NAME.test(args.environment)) {
    fail(
      `environment "${args.environment}" is not an environment name (letters, digits, '.', '-', '_')`,
    );
  }
  if (args.stateBucket !== undefined) {
    if (!BUCKET_NAME.test(args.stateBucket)) {
      fail(`stateBucket "${args.stateBucket}" is not an S3 bucket name`);
    }
    for (const key of ["logBucket", "accessLogBucket"] as const) {
      if (args.stateBucket === args.audit[key]) {
        fail(
          `stateBucket and audit.${key} are both "${args.stateBucket}": ` +
            "the deploy role would write to the audit archive",
        );
      }
    }
  }
  if (!Number.isInteger(maxSessionSeconds) || maxSessionSeconds < 900 || maxSessionSeconds > 3600) {
    fail(`maxSessionSeconds ${maxSessionSeconds} is not a whole number from 900 to 3600`);
  }
  return { defaultBranch, maxSessionSeconds };
}
