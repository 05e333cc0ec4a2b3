import * as github from "@pulumi/github";
import * as pulumi from "@pulumi/pulumi";

export interface RunnerAccessArgs {
  /**
   * The organization runner group CodeBuild registers its runners in. CodeBuild names no group when
   * it registers a runner, so GitHub puts it in the organization's default group (id 1 in GitHub's
   * API; `gh api orgs/ORG/actions/runner-groups` lists them).
   */
  runnerGroupId: number;
  /** The numeric ids of the repositories whose jobs may run on the group's runners. */
  repositoryIds: pulumi.Input<number>[];
}

/**
 * Which repositories may use the organization's self-hosted runners (SOC 2 CC6.8): the runner group
 * the CodeBuild-hosted runners join is adopted and restricted to the managed repositories, with
 * public repositories excluded, so no other repository's job — and no fork's — lands on them. The
 * group is an organization's own and is kept if the stack stops managing it.
 */
export class RunnerAccess extends pulumi.ComponentResource {
  public readonly group: github.ActionsRunnerGroup;

  constructor(name: string, args: RunnerAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("soc2:github:RunnerAccess", name, {}, opts);

    this.group = new github.ActionsRunnerGroup(
      `${name}-group`,
      {
        name: "Default",
        visibility: "selected",
        selectedRepositoryIds: args.repositoryIds,
        allowsPublicRepositories: false,
      },
      {
        parent: this,
        import: String(args.runnerGroupId),
        retainOnDelete: true,
        ignoreChanges: ["name"],
      },
    );

    this.registerOutputs({ group: this.group.id });
  }
}
