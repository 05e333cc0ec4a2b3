/**
 * The SOC 2 org baseline: read this file as the table of contents of what a stack deploys.
 * Config is validated first, so an invalid stack file stops the program before anything is registered.
 */
import * as aws from "@pulumi/aws";
import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import {
  AuditLogArchive,
  CiRunners,
  DeploymentIdentity,
  iamEventsRegion,
  TamperAlarms,
} from "./aws";
import { loadConfig } from "./config";
import {
  DeploymentVariables,
  OrganizationProtection,
  RepositoryProtection,
  RunnerAccess,
} from "./github";
import { managedRepositories } from "./githubSettings";

/** Repositories registered before the program yields to let their registrations settle. */
const REPOSITORIES_PER_SLICE = 50;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The program; what it returns are the stack's outputs. */
export = async () => {
  const config = loadConfig();

  // One explicit AWS provider: the region and account come from the validated config, and the provider
  // refuses credentials of any other account (SOC 2 CC6.1). Stack tags reach every resource (CC9.1).
  const defaultTags = {
    tags: {
      "pulumi:project": pulumi.getProject(),
      "pulumi:stack": pulumi.getStack(),
      ...config.tags,
    },
  };
  const awsProvider = new aws.Provider("aws", {
    region: config.region as aws.Region,
    allowedAccountIds: [config.accountId],
    defaultTags,
  });

  // Every role the stack creates carries the deployment boundary (CC6.3). The boundary names the audit
  // key, so it is created after the archive; the archive's own role takes it through this output.
  const [boundaryArn, resolveBoundaryArn] = pulumi.deferredOutput<string>();

  // Audit trail and its immutable archive (CC7.2, CC7.3, CC6.1, CC6.7, A1.2).
  const auditLog = new AuditLogArchive(
    "audit",
    {
      namePrefix: config.namePrefix,
      accountId: config.accountId,
      region: config.region,
      settings: config.auditLog,
      permissionsBoundary: boundaryArn,
    },
    { providers: [awsProvider] },
  );

  // The only identities that preview and deploy: GitHub OIDC roles of the blueprint's repository,
  // under a boundary that denies tampering with the archive (CC6.1, CC6.2, CC6.3, CC8.1).
  const identity = new DeploymentIdentity(
    "deployment",
    {
      namePrefix: config.namePrefix,
      accountId: config.accountId,
      region: config.region,
      owner: config.githubOwner,
      repository: config.github.blueprintRepository,
      ownerId: config.deployment.ownerId ?? undefined,
      repositoryId: config.deployment.repositoryId ?? undefined,
      environment: config.github.deploymentEnvironment,
      audit: {
        trailName: auditLog.names.trailName,
        logBucket: auditLog.names.logBucket,
        accessLogBucket: auditLog.names.accessLogBucket,
        logGroupName: auditLog.names.logGroupName,
        keyArn: auditLog.key.arn,
      },
      stateBucket: config.deployment.stateBucket ?? undefined,
      maxSessionSeconds: config.deployment.maxSessionSeconds,
    },
    { providers: [awsProvider] },
  );
  resolveBoundaryArn(identity.boundary.urn.apply(() => identity.boundaryArn));

  // Anyone's attempt to tamper with the archive alarms (CC7.2, CC7.3). IAM's events reach
  // EventBridge in one region only, so a stack elsewhere watches them there too.
  const iamRegion = iamEventsRegion(auditLog.names.partition);
  new TamperAlarms(
    "tamper-alarms",
    {
      namePrefix: config.namePrefix,
      accountId: config.accountId,
      region: config.region,
      subscribers: config.deployment.alarmSubscribers,
      iamEventsProvider:
        config.region === iamRegion
          ? undefined
          : new aws.Provider(`aws-${iamRegion}`, {
              region: iamRegion as aws.Region,
              allowedAccountIds: [config.accountId],
              defaultTags,
            }),
    },
    { providers: [awsProvider] },
  );

  // One explicit GitHub provider per owner; the token comes from GITHUB_TOKEN.
  const managed = managedRepositories(config);
  const githubProviders = new Map<string, github.Provider>();
  for (const owner of new Set(managed.map((r) => r.owner))) {
    const name = owner === config.githubOwner ? "github" : `github-${owner}`;
    githubProviders.set(owner, new github.Provider(name, { owner }));
  }

  // Every managed repository, this blueprint's own first, protected alike (CC8.1, CC6.8, CC7.1), a
  // slice at a time: what a slice registers settles before the next begins, so an org of thousands
  // of repositories never holds all of their pending registrations at once (README: At scale).
  const protections: RepositoryProtection[] = [];
  for (const [i, repo] of managed.entries()) {
    protections.push(
      new RepositoryProtection(
        repo.owner === config.githubOwner ? repo.name : `${repo.owner}-${repo.name}`,
        { ...config.github, ...repo, repository: repo.name },
        { providers: [githubProviders.get(repo.owner)!] },
      ),
    );
    if (i % REPOSITORIES_PER_SLICE === REPOSITORIES_PER_SLICE - 1) await nextTurn();
  }
  const ownRepositories = managed.filter((r) => r.owner === config.githubOwner).map((r) => r.name);

  // An organization owner also gets the same protections where only an organization owner can loosen them.
  if (config.githubOwnerType === "organization") {
    new OrganizationProtection(
      config.githubOwner,
      { organization: config.githubOwner, repositories: ownRepositories, ...config.github },
      // After every repository's CODEOWNERS commit, which an active ruleset would refuse.
      { providers: [githubProviders.get(config.githubOwner)!], dependsOn: protections },
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
          repositories: ownRepositories,
          runnerClasses: config.runners.runnerClasses,
          concurrentBuildLimit: config.runners.concurrentBuildLimit,
          logRetentionDays: config.runners.logRetentionDays,
          permissionsBoundary: boundaryArn,
        },
        { providers: [awsProvider] },
      )
    : undefined;

  // The organization's runners serve only the managed repositories (CC6.8).
  if (runners && config.githubOwnerType === "organization") {
    new RunnerAccess(
      "ci-runners",
      {
        runnerGroupId: config.runners.runnerGroupId,
        repositoryIds: protections
          .filter((_, i) => managed[i].owner === config.githubOwner)
          .map((p) => p.repository.repoId),
      },
      { providers: [githubProviders.get(config.githubOwner)!] },
    );
  }

  // The workflows read the stack, region and role ARNs from Actions variables, never hand-set (CC8.1).
  const blueprint = protections[0];
  new DeploymentVariables(
    "deployment",
    {
      repository: blueprint.repository.name,
      environment: blueprint.environment.environment,
      stack: pulumi.getStack(),
      region: config.region,
      previewRoleArn: identity.names.previewRoleArn,
      deployRoleArn: identity.names.deployRoleArn,
      ledgerUri: `s3://${auditLog.names.logBucket}/ledger`,
    },
    { providers: [githubProviders.get(config.githubOwner)!] },
  );

  return {
    githubOwner: config.githubOwner,
    protectedRepositories: managed.map((r) => `${r.owner}/${r.name}`),
    runnerLabels: runners
      ? config.runners.runnerClasses.map((c) => runners.runnerLabel(c.name))
      : [],
    auditTrailArn: auditLog.trail.arn,
    auditLogBucket: auditLog.logs.bucket.bucket,
    accessLogBucket: auditLog.accessLogs.bucket.bucket,
    auditKeyArn: auditLog.key.arn,
    auditLogGroup: auditLog.logGroup.name,
    previewRoleArn: identity.previewRole.arn,
    deployRoleArn: identity.deployRole.arn,
  };
};
