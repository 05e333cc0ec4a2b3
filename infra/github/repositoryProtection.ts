import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { READ_ONLY_WORKFLOW_TOKEN, selectedActions } from "./actionsPolicy";
import {
  bypassActorsOf,
  DEFAULT_BRANCH,
  type DefaultBranchPolicy,
  defaultBranchRules,
} from "./defaultBranchRules";

/** Paths whose changes always need a code owner's review (CC8.1): the controls themselves. */
export const GUARDED_PATHS = ["/infra/", "/policy-pack/", "/pipelines/", "/.github/"] as const;

/**
 * Repository settings the baseline leaves to the repository's owners: an adopted repository keeps
 * its own (description, merge buttons, features, visibility…), and none is reset on a later update.
 * The baseline manages only the name and the security-and-analysis settings.
 */
export const SETTINGS_LEFT_TO_OWNERS = [
  "allowAutoMerge",
  "allowForking",
  "allowMergeCommit",
  "allowRebaseMerge",
  "allowSquashMerge",
  "allowUpdateBranch",
  "archiveOnDestroy",
  "archived",
  "autoInit",
  "defaultBranch",
  "deleteBranchOnMerge",
  "description",
  "gitignoreTemplate",
  "hasDiscussions",
  "hasDownloads",
  "hasIssues",
  "hasProjects",
  "hasWiki",
  "homepageUrl",
  "ignoreVulnerabilityAlertsDuringRead",
  "isTemplate",
  "licenseTemplate",
  "mergeCommitMessage",
  "mergeCommitTitle",
  "pages",
  "private",
  "squashMergeCommitMessage",
  "squashMergeCommitTitle",
  "template",
  "topics",
  "visibility",
  "vulnerabilityAlerts",
  "webCommitSignoffRequired",
];

/** Secret scanning with push protection: leaked credentials are found, and blocked at push (CC7.1). */
export const SECRET_SCANNING = {
  secretScanning: { status: "enabled" },
  secretScanningPushProtection: { status: "enabled" },
};

export interface RepositoryProtectionArgs extends DefaultBranchPolicy {
  /** The repository's name (under the provider's owner). */
  repository: string;
  /**
   * Whether the repository exists already: the stack adopts it (imports it by name) and never
   * recreates it. A new one is created private, with an initial commit. The config adopts unless a
   * repository says `create: true`.
   */
  adopt: boolean;
  /** The deployment environment deploys and rollbacks run in (CC8.1). @default "production" */
  deploymentEnvironment: string;
  /** Who approves deployments, by GitHub numeric id (CC8.1). At least one in production. */
  environmentReviewers: { teams: number[]; users: number[] };
  /** CODEOWNERS owners of the whole repository and the guarded paths (CC8.1). */
  codeOwners: string[];
  /** Actions allowed besides GitHub's own and verified creators' (CC6.8). */
  allowedActions: string[];
}

/** The CODEOWNERS file: the owners review everything, and the controls' paths by name. */
export function codeownersFile(owners: readonly string[]): string {
  const who = owners.join(" ");
  return [
    "# Managed by the SOC 2 baseline (infra/github/repositoryProtection.ts); change it there.",
    "# Every change needs a review from these owners (SOC 2 CC8.1).",
    `*${" ".repeat(14)}${who}`,
    ...GUARDED_PATHS.map((p) => `${p.padEnd(15)}${who}`),
    "",
  ].join("\n");
}

/**
 * The protections of one repository (SOC 2 CC8.1, CC6.8, CC7.1):
 * - the repository itself, adopted or created, kept if the stack stops managing it, with secret
 *   scanning and push protection on, and its vulnerability (Dependabot) alerts on;
 * - a ruleset on the default branch, enforcement active: no deletion or force push, linear history,
 *   signed commits, pull requests with approvals, stale-approval dismissal, code-owner review,
 *   last-push approval and resolved threads, required status checks on an up-to-date branch, no
 *   bypass actors unless configured with a reason;
 * - the deployment environment: required reviewers, no self-review, no admin bypass, deployments
 *   only from protected branches;
 * - CODEOWNERS, committed through the provider;
 * - Actions limited to GitHub's own, verified creators' and listed actions, pinned to commit SHAs;
 *   the workflow token read-only by default and unable to approve pull requests.
 */
export class RepositoryProtection extends pulumi.ComponentResource {
  public readonly repository: github.Repository;
  public readonly vulnerabilityAlerts: github.RepositoryVulnerabilityAlerts;
  public readonly ruleset: github.RepositoryRuleset;
  public readonly environment: github.RepositoryEnvironment;
  public readonly codeowners: github.RepositoryFile;
  public readonly actions: github.ActionsRepositoryPermissions;
  public readonly workflowToken: github.WorkflowRepositoryPermissions;

  constructor(
    name: string,
    args: RepositoryProtectionArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("soc2:github:RepositoryProtection", name, {}, opts);

    // Adopting imports the repository as it is; only the settings below change. Dropping it from the
    // stack leaves the repository in place (retainOnDelete), whatever else happens to the stack.
    this.repository = new github.Repository(
      `${name}-repository`,
      {
        name: args.repository,
        ...(args.adopt ? {} : { visibility: "private", autoInit: true }),
        securityAndAnalysis: SECRET_SCANNING,
      },
      {
        parent: this,
        import: args.adopt ? args.repository : undefined,
        retainOnDelete: true,
        ignoreChanges: SETTINGS_LEFT_TO_OWNERS,
      },
    );
    // The children name the repository by its name, known in every preview, and depend on it
    // explicitly: a first preview judges them as they will be, and nothing is created before it.
    const repository = args.repository;
    const child = { parent: this, dependsOn: [this.repository] };

    this.vulnerabilityAlerts = new github.RepositoryVulnerabilityAlerts(
      `${name}-vulnerability-alerts`,
      { repository, enabled: true },
      child,
    );

    // CODEOWNERS is committed before the ruleset exists: once active, the ruleset refuses direct
    // commits to the default branch, the provider's included (README: "Changing CODEOWNERS").
    this.codeowners = new github.RepositoryFile(
      `${name}-codeowners`,
      {
        repository,
        file: ".github/CODEOWNERS",
        content: codeownersFile(args.codeOwners),
        commitMessage: "Update CODEOWNERS from the SOC 2 baseline",
        overwriteOnCreate: true,
      },
      child,
    );

    this.ruleset = new github.RepositoryRuleset(
      `${name}-default-branch`,
      {
        repository,
        name: "soc2-default-branch",
        target: "branch",
        enforcement: "active",
        conditions: { refName: DEFAULT_BRANCH },
        bypassActors: bypassActorsOf(args),
        rules: defaultBranchRules(args),
      },
      { parent: this, dependsOn: [this.codeowners] },
    );

    this.environment = new github.RepositoryEnvironment(
      `${name}-environment`,
      {
        repository,
        environment: args.deploymentEnvironment,
        reviewers: [
          { teams: args.environmentReviewers.teams, users: args.environmentReviewers.users },
        ],
        preventSelfReview: true,
        canAdminsBypass: false,
        deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: false },
      },
      child,
    );

    this.actions = new github.ActionsRepositoryPermissions(
      `${name}-actions`,
      {
        repository,
        enabled: true,
        ...selectedActions(args.allowedActions),
      },
      child,
    );

    this.workflowToken = new github.WorkflowRepositoryPermissions(
      `${name}-workflow-token`,
      { repository, ...READ_ONLY_WORKFLOW_TOKEN },
      child,
    );

    this.registerOutputs({ repository, repoId: this.repository.repoId });
  }
}
