import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";
import { READ_ONLY_WORKFLOW_TOKEN, selectedActions } from "./actionsPolicy";
import {
  bypassActorsOf,
  DEFAULT_BRANCH,
  type DefaultBranchPolicy,
  defaultBranchRules,
} from "./defaultBranchRules";

export interface OrganizationProtectionArgs extends DefaultBranchPolicy {
  /** The organization's login (`soc2-baseline:githubOwner` when `githubOwnerType` is organization). */
  organization: string;
  /** The managed repositories the organization ruleset covers; the blueprint's own included. */
  repositories: string[];
  /** Actions allowed besides GitHub's own and verified creators' (CC6.8). */
  allowedActions: string[];
}

/**
 * The organization-level layer of the protections, when the owner is an organization (SOC 2 CC8.1,
 * CC6.8). It repeats, where only an organization owner can change it, what each repository already
 * has: a ruleset on the managed repositories' default branches, Actions limited to selected actions
 * pinned to commit SHAs for every repository, and a read-only workflow token that cannot approve
 * pull requests. A repository administrator cannot loosen these.
 */
export class OrganizationProtection extends pulumi.ComponentResource {
  public readonly ruleset: github.OrganizationRuleset;
  public readonly actions: github.ActionsOrganizationPermissions;
  public readonly workflowToken: github.ActionsOrganizationWorkflowPermissions;

  constructor(
    name: string,
    args: OrganizationProtectionArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("soc2:github:OrganizationProtection", name, {}, opts);
    const child = { parent: this };

    this.ruleset = new github.OrganizationRuleset(
      `${name}-default-branch`,
      {
        name: "soc2-managed-default-branches",
        target: "branch",
        enforcement: "active",
        conditions: {
          refName: DEFAULT_BRANCH,
          repositoryName: { includes: args.repositories, excludes: [] },
        },
        bypassActors: bypassActorsOf(args),
        rules: defaultBranchRules(args),
      },
      // What the component waits for (the repositories' CODEOWNERS commits), its ruleset waits for.
      { ...child, dependsOn: opts?.dependsOn },
    );

    this.actions = new github.ActionsOrganizationPermissions(
      `${name}-actions`,
      {
        enabledRepositories: "all",
        ...selectedActions(args.allowedActions),
      },
      child,
    );

    this.workflowToken = new github.ActionsOrganizationWorkflowPermissions(
      `${name}-workflow-token`,
      {
        organizationSlug: args.organization,
        ...READ_ONLY_WORKFLOW_TOKEN,
      },
      child,
    );

    this.registerOutputs({ ruleset: this.ruleset.name });
  }
}
