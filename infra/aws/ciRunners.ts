import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  ciRunnerKeyPolicy,
  ciRunnerNames,
  ciRunnerPermissions,
  ciRunnerTrustPolicy,
  type CiRunnerNames,
  type CiRunnerNetwork,
} from "./ciRunnerDocuments";

/** One size of runner: a CodeBuild project that workflows pick by its label. */
export interface RunnerClass {
  /** Part of the project name (`<namePrefix>-runner-<name>`): letters, digits, `-` and `_`. */
  name: string;
  /** CodeBuild compute type. @default "BUILD_GENERAL1_SMALL" */
  computeType?: string;
  /**
   * Build image, pulled with CodeBuild's own credentials (SOC 2 CC6.8: AWS-curated, patched images).
   * @default "aws/codebuild/amazonlinux-x86_64-standard:5.0"
   */
  image?: string;
}

export interface CiRunnersArgs {
  /** Prefix of every physical name (`soc2-baseline:namePrefix`). */
  namePrefix: string;
  /** The AWS account the runners live in (`soc2-baseline:accountId`). */
  accountId: string;
  /** The region of the projects, key and log group (`aws:region`). */
  region: string;
  /**
   * ARN of the AWS CodeConnections connection to GitHub (SOC 2 CC6.1: no stored GitHub token). A
   * connection is created once by hand, because GitHub must approve it: in the AWS console, Developer
   * Tools → Settings → Connections → Create connection → GitHub, install the "AWS Connector for
   * GitHub" app on `owner` with access to `repositories`, then finish the pending connection until it
   * shows Available.
   */
  connectionArn: string;
  /** The GitHub organization or user that owns the repositories (`soc2-baseline:githubOwner`). */
  owner: string;
  /**
   * Whether `owner` is an organization or a personal account (`soc2-baseline:githubOwnerType`). An
   * organization gets one organization-scoped webhook per project, filtered to `repositories`; a
   * personal account has no organization webhook, so its runners serve exactly one repository.
   * @default "organization"
   */
  ownerType?: "organization" | "user";
  /** The repositories whose workflow jobs the runners take; at least one. */
  repositories: string[];
  /** The sizes of runner, one CodeBuild project each; at least one, names unique. */
  runnerClasses: RunnerClass[];
  /** Builds each project runs at once (SOC 2 A1.1: bounds capacity, cost and abuse). @default 5 */
  concurrentBuildLimit?: number;
  /**
   * Days the runners' CloudWatch logs are kept, one of the values CloudWatch Logs offers
   * (SOC 2 CC7.2: job logs are evidence). @default 365
   */
  logRetentionDays?: number;
  /**
   * Places the runners in a VPC (SOC 2 CC6.6: egress through the VPC's controls).
   * @default undefined — CodeBuild's own network.
   */
  vpc?: CiRunnerNetwork;
  /**
   * The permissions boundary of the runners' service role (SOC 2 CC6.3: every role the stack
   * creates carries the deployment boundary). An output of the boundary policy, so that the role
   * waits for it. @default undefined — no boundary.
   */
  permissionsBoundary?: pulumi.Input<string>;
}

const DEFAULT_COMPUTE_TYPE = "BUILD_GENERAL1_SMALL";
const DEFAULT_IMAGE = "aws/codebuild/amazonlinux-x86_64-standard:5.0";
/** The source location AWS requires of projects behind an organization-scoped webhook. */
export const ORGANIZATION_WEBHOOK_LOCATION = "CODEBUILD_DEFAULT_WEBHOOK_SOURCE_LOCATION";
/** The retentions (days) CloudWatch Logs accepts, "never expire" excluded. */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288,
  3653,
];

/**
 * CodeBuild-hosted GitHub Actions runners (SOC 2 CC6.8, CC7.2, CC6.1, CC6.3):
 * - a customer-managed KMS key with rotation, usable by CloudWatch Logs only for the runners' log
 *   group, and by CodeBuild through the runners' service role;
 * - a KMS-encrypted CloudWatch log group with a fixed retention, retained on delete (it holds
 *   evidence of every job);
 * - a service role only this account's runner projects can assume, allowed only to write the log
 *   group, use the GitHub connection, use the key and, with `vpc`, manage the builds' network
 *   interfaces — jobs inherit it, so it grants nothing else;
 * - per runner class a CodeBuild project (unprivileged, AWS-curated image, no artifacts, KMS,
 *   CloudWatch logs only) and a webhook that starts it for queued workflow jobs of `repositories`.
 * A workflow job picks a runner by setting `runs-on` to `runnerLabel(className)`. Nothing is
 * protected: runners hold no state and are replaced freely.
 */
export class CiRunners extends pulumi.ComponentResource {
  public readonly names: CiRunnerNames;
  public readonly key: aws.kms.Key;
  public readonly keyAlias: aws.kms.Alias;
  public readonly logGroup: aws.cloudwatch.LogGroup;
  public readonly role: aws.iam.Role;
  public readonly rolePolicy: aws.iam.RolePolicy;
  /** The CodeBuild project of each runner class, by class name. */
  public readonly projects: Record<string, aws.codebuild.Project> = {};
  /** The webhook of each runner class, by class name. */
  public readonly webhooks: Record<string, aws.codebuild.Webhook> = {};
  private readonly projectNames: Record<string, string> = {};

  constructor(name: string, args: CiRunnersArgs, opts?: pulumi.ComponentResourceOptions) {
    super("soc2:aws:CiRunners", name, {}, opts);
    const checked = checkArgs(args);
    const child = { parent: this };
    const n = ciRunnerNames(args.namePrefix, args.accountId, args.region);
    this.names = n;

    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `Encrypts the CI runners' builds and their log group ${n.logGroupName}`,
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        deletionWindowInDays: 30,
        policy: JSON.stringify(ciRunnerKeyPolicy(n)),
      },
      child,
    );
    this.keyAlias = new aws.kms.Alias(
      `${name}-key-alias`,
      { name: n.keyAlias, targetKeyId: this.key.keyId },
      child,
    );
    this.logGroup = new aws.cloudwatch.LogGroup(
      `${name}-log-group`,
      {
        name: n.logGroupName,
        retentionInDays: checked.logRetentionDays,
        kmsKeyId: this.key.arn,
      },
      { ...child, retainOnDelete: true },
    );
    this.role = new aws.iam.Role(
      `${name}-role`,
      {
        name: n.roleName,
        description: `Service role of the CI runner projects ${n.projectPrefix}*`,
        assumeRolePolicy: JSON.stringify(ciRunnerTrustPolicy(n)),
        maxSessionDuration: 3600,
        permissionsBoundary: args.permissionsBoundary,
      },
      child,
    );
    this.rolePolicy = new aws.iam.RolePolicy(
      `${name}-role-policy`,
      {
        role: this.role.id,
        policy: JSON.stringify(ciRunnerPermissions(n, args.connectionArn, args.vpc)),
      },
      child,
    );

    const organization = checked.ownerType === "organization";
    for (const runnerClass of args.runnerClasses) {
      const projectName = `${n.projectPrefix}${runnerClass.name}`;
      this.projectNames[runnerClass.name] = projectName;
      const project = new aws.codebuild.Project(
        `${name}-runner-${runnerClass.name}`,
        {
          name: projectName,
          description: `GitHub Actions runner (${runnerClass.name}) for ${args.owner}`,
          source: {
            type: "GITHUB",
            location: organization
              ? ORGANIZATION_WEBHOOK_LOCATION
              : `https://github.com/${args.owner}/${args.repositories[0]}.git`,
            auth: { type: "CODECONNECTIONS", resource: args.connectionArn },
          },
          environment: {
            type: "LINUX_CONTAINER",
            computeType: runnerClass.computeType ?? DEFAULT_COMPUTE_TYPE,
            image: runnerClass.image ?? DEFAULT_IMAGE,
            // SOC 2 CC6.8: no Docker daemon with host privileges for untrusted workflow code.
            privilegedMode: false,
            imagePullCredentialsType: "CODEBUILD",
          },
          artifacts: { type: "NO_ARTIFACTS" },
          encryptionKey: this.key.arn,
          logsConfig: {
            cloudwatchLogs: { status: "ENABLED", groupName: this.logGroup.name },
            s3Logs: { status: "DISABLED" },
          },
          concurrentBuildLimit: checked.concurrentBuildLimit,
          serviceRole: this.role.arn,
          ...(args.vpc
            ? {
                vpcConfig: {
                  vpcId: args.vpc.vpcId,
                  subnets: args.vpc.subnetIds,
                  securityGroupIds: args.vpc.securityGroupIds,
                },
              }
            : {}),
        },
        // The role policy finds the key by its alias, so both must exist before the first build.
        { ...child, dependsOn: [this.rolePolicy, this.keyAlias] },
      );
      this.projects[runnerClass.name] = project;
      this.webhooks[runnerClass.name] = new aws.codebuild.Webhook(
        `${name}-runner-${runnerClass.name}-webhook`,
        {
          projectName: project.name,
          buildType: "BUILD",
          ...(organization
            ? {
                scopeConfiguration: { name: args.owner, scope: "GITHUB_ORGANIZATION" },
                filterGroups: args.repositories.map((repository) => ({
                  filters: [
                    { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" },
                    { type: "REPOSITORY_NAME", pattern: `^${escapeRegExp(repository)}$` },
                  ],
                })),
              }
            : { filterGroups: [{ filters: [{ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" }] }] }),
        },
        child,
      );
    }

    this.registerOutputs({
      keyArn: this.key.arn,
      logGroupName: this.logGroup.name,
      roleArn: this.role.arn,
      projectNames: this.projectNames,
    });
  }

  /** The `runs-on` label of a runner class, in the form AWS documents for CodeBuild runners. */
  runnerLabel(className: string): string {
    const projectName = this.projectNames[className];
    if (projectName === undefined) {
      const known = Object.keys(this.projectNames).join(", ");
      throw new Error(`runnerLabel: no runner class "${className}" (runnerClasses: ${known})`);
    }
    return `codebuild-${projectName}-\${{ github.run_id }}-\${{ github.run_attempt }}`;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function firstDuplicate(values: string[]): [number, number] | undefined {
  const seen = new Map<string, number>();
  for (const [index, value] of values.entries()) {
    const earlier = seen.get(value);
    if (earlier !== undefined) return [earlier, index];
    seen.set(value, index);
  }
  return undefined;
}

/** Rejects contradictory or impossible args before anything is registered, naming what conflicts. */
function checkArgs(args: CiRunnersArgs) {
  const ownerType = args.ownerType ?? "organization";
  const concurrentBuildLimit = args.concurrentBuildLimit ?? 5;
  const logRetentionDays = args.logRetentionDays ?? 365;
  const fail = (message: string): never => {
    throw new Error(`CiRunners: ${message}`);
  };
  const classes = args.runnerClasses.map((c) => c.name);
  const repositories = args.repositories;
  if (classes.length === 0) {
    fail(`runnerClasses is empty, so no runner would serve repositories (${repositories.length})`);
  }
  if (repositories.length === 0) {
    fail(`repositories is empty, so runnerClasses (${classes.length}) would serve nothing`);
  }
  for (const [index, className] of classes.entries()) {
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(className)) {
      fail(`runnerClasses[${index}].name "${className}" must be letters, digits, "-" and "_"`);
    }
  }
  const sameClass = firstDuplicate(classes);
  if (sameClass) {
    const [a, b] = sameClass;
    fail(`runnerClasses[${a}].name and runnerClasses[${b}].name are both "${classes[a]}"`);
  }
  for (const [index, repository] of repositories.entries()) {
    if (!/^[A-Za-z0-9._-]+$/.test(repository)) {
      fail(`repositories[${index}] "${repository}" is not a repository name of owner`);
    }
  }
  const sameRepository = firstDuplicate(repositories);
  if (sameRepository) {
    const [a, b] = sameRepository;
    fail(`repositories[${a}] and repositories[${b}] are both "${repositories[a]}"`);
  }
  if (ownerType === "user" && repositories.length > 1) {
    fail(
      `ownerType "user" allows one repository but repositories lists ${repositories.length}: ` +
        "a personal account has no organization webhook",
    );
  }
  if (!Number.isInteger(concurrentBuildLimit) || concurrentBuildLimit < 1) {
    fail(`concurrentBuildLimit ${concurrentBuildLimit} is not a positive integer`);
  }
  if (!CLOUDWATCH_RETENTION_DAYS.includes(logRetentionDays)) {
    fail(
      `logRetentionDays ${logRetentionDays} is not a retention CloudWatch Logs offers ` +
        `(${CLOUDWATCH_RETENTION_DAYS.join(", ")})`,
    );
  }
  if (args.vpc && args.vpc.subnetIds.length === 0) fail("vpc is set but vpc.subnetIds is empty");
  if (args.vpc && args.vpc.securityGroupIds.length === 0) {
    fail("vpc is set but vpc.securityGroupIds is empty");
  }
  return { ownerType, concurrentBuildLimit, logRetentionDays };
}
