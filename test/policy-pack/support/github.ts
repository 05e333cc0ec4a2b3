/**
 * GitHub fixtures as the baseline's GitHub components register them, in a first preview: every
 * reference to another resource (a repository's name, a team's id) is unknown.
 */
import { type Fixture, UNKNOWN } from "./analyze";

export const GH = {
  repository: "github:index/repository:Repository",
  repositoryFile: "github:index/repositoryFile:RepositoryFile",
  repositoryVulnerabilityAlerts:
    "github:index/repositoryVulnerabilityAlerts:RepositoryVulnerabilityAlerts",
  repositoryEnvironment: "github:index/repositoryEnvironment:RepositoryEnvironment",
  repositoryRuleset: "github:index/repositoryRuleset:RepositoryRuleset",
  organizationRuleset: "github:index/organizationRuleset:OrganizationRuleset",
  actionsRepositoryPermissions:
    "github:index/actionsRepositoryPermissions:ActionsRepositoryPermissions",
  actionsOrganizationPermissions:
    "github:index/actionsOrganizationPermissions:ActionsOrganizationPermissions",
  workflowRepositoryPermissions:
    "github:index/workflowRepositoryPermissions:WorkflowRepositoryPermissions",
  actionsOrganizationWorkflowPermissions:
    "github:index/actionsOrganizationWorkflowPermissions:ActionsOrganizationWorkflowPermissions",
};

/** `props` with `changes` applied; a change to undefined removes the key, as the engine would. */
export function changedProps(
  props: Record<string, unknown>,
  changes: Record<string, unknown>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries({ ...props, ...changes }).filter(([, v]) => v !== undefined),
  );
}

export const repository = (name = "app", props: Record<string, unknown> = {}): Fixture => ({
  type: GH.repository,
  name,
  props: changedProps(
    {
      name,
      securityAndAnalysis: {
        secretScanning: { status: "enabled" },
        secretScanningPushProtection: { status: "enabled" },
      },
    },
    props,
  ),
});

/** The rules of a ruleset protecting the default branch as the baseline does. */
export const protectingRules = () => ({
  deletion: true,
  nonFastForward: true,
  requiredLinearHistory: true,
  requiredSignatures: true,
  pullRequest: {
    requiredApprovingReviewCount: 2,
    dismissStaleReviewsOnPush: true,
    requireCodeOwnerReview: true,
    requireLastPushApproval: true,
    requiredReviewThreadResolution: true,
  },
  requiredStatusChecks: {
    strictRequiredStatusChecksPolicy: true,
    requiredChecks: [{ context: "gate" }],
  },
});

export const repositoryRuleset = (
  repo = "app",
  props: Record<string, unknown> = {},
  name = `${repo}-default-branch`,
): Fixture => ({
  type: GH.repositoryRuleset,
  name,
  props: changedProps(
    {
      name: "default-branch",
      repository: UNKNOWN,
      target: "branch",
      enforcement: "active",
      conditions: { refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] } },
      rules: protectingRules(),
    },
    props,
  ),
  deps: { repository: [repo] },
});

export const organizationRuleset = (props: Record<string, unknown> = {}): Fixture => ({
  type: GH.organizationRuleset,
  name: "org-default-branch",
  props: changedProps(
    {
      name: "default-branch",
      target: "branch",
      enforcement: "active",
      conditions: {
        refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] },
        repositoryName: { includes: ["~ALL"], excludes: [] },
      },
      rules: protectingRules(),
    },
    props,
  ),
});

export const codeowners = (repo = "app", props: Record<string, unknown> = {}): Fixture => ({
  type: GH.repositoryFile,
  name: `${repo}-codeowners`,
  props: changedProps(
    {
      repository: UNKNOWN,
      file: ".github/CODEOWNERS",
      content: "# Owners of every change\n* @example/platform\n/infra/ @example/platform\n",
      commitMessage: "Manage CODEOWNERS",
    },
    props,
  ),
  deps: { repository: [repo] },
});

export const vulnerabilityAlerts = (
  repo = "app",
  props: Record<string, unknown> = {},
): Fixture => ({
  type: GH.repositoryVulnerabilityAlerts,
  name: `${repo}-vulnerability-alerts`,
  props: changedProps({ repository: UNKNOWN, enabled: true }, props),
  deps: { repository: [repo] },
});
