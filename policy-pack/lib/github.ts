/**
 * GitHub resource types (@pulumi/github v6) and how a stack's resources relate to a repository.
 */
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { StackIndex } from "./stackIndex";
import { isUnknownValueError, Verdict } from "./unknowns";

export const GITHUB = {
  repository: "github:index/repository:Repository",
  repositoryFile: "github:index/repositoryFile:RepositoryFile",
  repositoryVulnerabilityAlerts:
    "github:index/repositoryVulnerabilityAlerts:RepositoryVulnerabilityAlerts",
  repositoryEnvironment: "github:index/repositoryEnvironment:RepositoryEnvironment",
  repositoryRuleset: "github:index/repositoryRuleset:RepositoryRuleset",
  organizationRuleset: "github:index/organizationRuleset:OrganizationRuleset",
};

export const RULESETS = [GITHUB.repositoryRuleset, GITHUB.organizationRuleset];

export const ACTIONS_PERMISSIONS = [
  "github:index/actionsRepositoryPermissions:ActionsRepositoryPermissions",
  "github:index/actionsOrganizationPermissions:ActionsOrganizationPermissions",
];

export const WORKFLOW_PERMISSIONS = [
  "github:index/workflowRepositoryPermissions:WorkflowRepositoryPermissions",
  "github:index/actionsOrganizationWorkflowPermissions:ActionsOrganizationWorkflowPermissions",
];

/**
 * Resources of `types` that belong to `repository`: their `repository` property depends on it
 * (known in a first preview, when `repo.name` is not), or names it by its known name.
 */
export function ofRepository(
  index: StackIndex,
  repository: PolicyResource,
  types: readonly string[],
): PolicyResource[] {
  const byDependency = index.attached(repository, types, "repository");
  // Peeking: a name that is not known yet only means no match by name.
  const peek = new Verdict();
  const name = peek.read(() => repository.props.name as unknown);
  if (typeof name !== "string") return byDependency;
  const byName = index
    .withValue(types, "repository", name)
    .filter((r) => !byDependency.includes(r));
  return [...byDependency, ...byName];
}

export interface BranchProtectionConfig {
  minApprovals: number;
  requireSignedCommits: boolean;
  requiredChecks: string[];
}

/**
 * The config of github-repository-ruleset-enforce-branch-protection, which
 * github-repository-missing-ruleset shares so that both judge rulesets alike.
 */
export const branchProtectionConfig = {
  minApprovals: {
    type: "integer" as const,
    minimum: 1,
    default: 2,
    description: "The fewest approving reviews a pull request to the default branch needs.",
  },
  requireSignedCommits: {
    type: "boolean" as const,
    default: true,
    description: "Whether commits on the default branch must carry verified signatures.",
  },
  requiredChecks: {
    type: "array" as const,
    items: { type: "string" as const },
    default: ["gate"],
    description: "Status check contexts that must pass before a merge to the default branch.",
  },
};

/** The config property naming the projects whose stacks define the organization's repositories. */
export const baselineProjects = {
  type: "array" as const,
  items: { type: "string" as const },
  default: ["soc2-baseline"],
  description: "The Pulumi projects whose stacks define the organization's repositories.",
};

/** Ends the policy as not applicable unless the stack belongs to one of `projects`. */
export function requireBaselineProject(
  stack: StackValidationArgs,
  index: StackIndex,
  projects: string[],
): void {
  const project = index.project();
  if (project === undefined || !projects.includes(project)) {
    stack.notApplicable(`project ${project ?? "(none)"} is not a baseline project`);
  }
}

/**
 * Hands the unknown value `from` needed on to `into`, so that a stack policy judges its other
 * resources before it says it could not run.
 */
export function carryUnknown(from: Verdict, into: Verdict): void {
  try {
    from.finish();
  } catch (err) {
    if (!isUnknownValueError(err)) throw err;
    into.unknown(err);
  }
}
