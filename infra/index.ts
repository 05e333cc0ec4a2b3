/**
 * The SOC 2 org baseline: read this file as the table of contents of what a stack deploys.
 * Config is validated first, so an invalid stack file stops the program before anything is registered.
 */
import * as aws from "@pulumi/aws";
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { AuditLogArchive, CiRunners } from "./aws";
import { loadConfig } from "./config";
import { OrganizationProtection, RepositoryProtection } from "./github";

const config = loadConfig();

// One explicit AWS provider: the region and account come from the validated config, and the provider
// refuses credentials of any other account (SOC 2 CC6.1). Stack tags reach every resource (CC9.1).
const awsProvider = new aws.Provider("aws", {
  region: config.region as aws.Region,
  allowedAccountIds: [config.accountId],
  defaultTags: {
    tags: {
      "pulumi:project": pulumi.getProject(),
      "pulumi:stack": pulumi.getStack(),
      ...config.tags,
    },
  },
});

// Audit trail and its immutable archive (CC7.2, CC7.3, CC6.1, CC6.7, A1.2).
const auditLog = new AuditLogArchive(
  "audit",
  {
    namePrefix: config.namePrefix,
    accountId: config.accountId,
    region: config.region,
    settings: config.auditLog,
  },
  { providers: [awsProvider] },
);

// One explicit GitHub provider for the configured owner; the token comes from GITHUB_TOKEN.
const githubProvider = new github.Provider("github", { owner: config.githubOwner });

// Every managed repository, this blueprint's own first, protected alike (CC8.1, CC6.8).
const repositories = [config.github.blueprintRepository, ...config.repositories.map((r) => r.name)];
for (const repository of repositories) {
  new RepositoryProtection(
    repository,
    { repository, ...config.github },
    { providers: [githubProvider] },
  );
}

// An organization owner also gets the same protections where only an organization owner can loosen them.
if (config.githubOwnerType === "organization") {
  new OrganizationProtection(
    config.githubOwner,
    { organization: config.githubOwner, repositories, ...config.github },
    { providers: [githubProvider] },
  );
}

// Ephemeral CI runners: one CodeBuild build per workflow job, only for the managed repositories (CC6.8).
const runners = config.runners.enabled
  ? new CiRunners(
      "ci-runners",
      {
        namePrefix: config.namePrefix,
        accountId: config.accountId,
        region: config.region,
        connectionArn: config.runners.connectionArn,
        owner: config.githubOwner,
        ownerType: config.githubOwnerType,
        repositories,
        runnerClasses: config.runners.runnerClasses,
        concurrentBuildLimit: config.runners.concurrentBuildLimit,
        logRetentionDays: config.runners.logRetentionDays,
      },
      { providers: [awsProvider] },
    )
  : undefined;

export const githubOwner = config.githubOwner;
export const protectedRepositories = repositories;
export const runnerLabels = runners
  ? config.runners.runnerClasses.map((c) => runners.runnerLabel(c.name))
  : [];
export const auditTrailArn = auditLog.trail.arn;
export const auditLogBucket = auditLog.logs.bucket.bucket;
export const accessLogBucket = auditLog.accessLogs.bucket.bucket;
export const auditKeyArn = auditLog.key.arn;
export const auditLogGroup = auditLog.logGroup.name;
