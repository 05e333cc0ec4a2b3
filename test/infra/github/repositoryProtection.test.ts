import { codeownersFile } from "../../../infra/github/repositoryProtection";
import { EXAMPLE_CONFIG, resource, runBaseline, type ProgramRun } from "../../support/baseline";

const T = {
  protection: "soc2:github:RepositoryProtection",
  ruleset: "github:index/repositoryRuleset:RepositoryRuleset",
  environment: "github:index/repositoryEnvironment:RepositoryEnvironment",
  file: "github:index/repositoryFile:RepositoryFile",
  actions: "github:index/actionsRepositoryPermissions:ActionsRepositoryPermissions",
  workflow: "github:index/workflowRepositoryPermissions:WorkflowRepositoryPermissions",
};
const REPOSITORIES = ["soc2-pipeline-blueprint", "payments-api", "web-storefront"];

let run: ProgramRun;
beforeAll(async () => {
  run = await runBaseline(EXAMPLE_CONFIG);
});
const inputs = (type: string, name: string) => resource(run, type, name).inputs;

test("every managed repository, the blueprint's own first, gets exactly the five protections", () => {
  const components = run.resources.filter((r) => r.type === T.protection);
  expect(components.map((c) => c.name)).toEqual(REPOSITORIES);
  for (const c of components) {
    const children = run.resources
      .filter((r) => r.parent === c.urn)
      .map((r) => `${r.type} ${r.name}`);
    expect(children.sort()).toEqual(
      [
        `${T.ruleset} ${c.name}-default-branch`,
        `${T.environment} ${c.name}-environment`,
        `${T.file} ${c.name}-codeowners`,
        `${T.actions} ${c.name}-actions`,
        `${T.workflow} ${c.name}-workflow-token`,
      ].sort(),
    );
  }
  const provider = resource(run, "pulumi:providers:github", "github");
  expect(provider.inputs.owner).toBe("example-org");
  const githubChildren = run.resources.filter((r) => r.type.startsWith("github:"));
  // Five per repository, and three at the organization level (organizationProtection.test.ts).
  expect(githubChildren).toHaveLength(18);
  expect(
    new Set(githubChildren.map((r) => r.provider.split("::").slice(0, -1).join("::"))),
  ).toEqual(new Set([provider.urn]));
});

test("the default branch ruleset blocks deletion and force pushes and demands reviewed, checked, signed changes", () => {
  expect(inputs(T.ruleset, "payments-api-default-branch")).toEqual({
    repository: "payments-api",
    name: "soc2-default-branch",
    target: "branch",
    enforcement: "active",
    conditions: { refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] } },
    bypassActors: [],
    rules: {
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
        requiredChecks: [{ context: "test" }, { context: "gate" }],
      },
    },
  });
});

test("deployments need a reviewer other than their author, no admin bypass, protected branches only", () => {
  expect(inputs(T.environment, "soc2-pipeline-blueprint-environment")).toEqual({
    repository: "soc2-pipeline-blueprint",
    environment: "production",
    reviewers: [{ teams: [4242001], users: [] }],
    preventSelfReview: true,
    canAdminsBypass: false,
    deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: false },
  });
});

test("CODEOWNERS makes the owners review everything, the controls' paths by name", () => {
  expect(inputs(T.file, "web-storefront-codeowners")).toEqual({
    repository: "web-storefront",
    file: ".github/CODEOWNERS",
    content: codeownersFile(["@example-org/platform-team"]),
    commitMessage: "Update CODEOWNERS from the SOC 2 baseline",
    overwriteOnCreate: true,
  });
  expect(codeownersFile(["@example-org/platform-team"]).split("\n")).toEqual([
    "# Managed by the SOC 2 baseline (infra/github/repositoryProtection.ts); change it there.",
    "# Every change needs a review from these owners (SOC 2 CC8.1).",
    "*              @example-org/platform-team",
    "/infra/        @example-org/platform-team",
    "/policy-pack/  @example-org/platform-team",
    "/pipelines/    @example-org/platform-team",
    "/.github/      @example-org/platform-team",
    "",
  ]);
});

test("Actions run only GitHub's own, verified and listed actions, pinned to SHAs, with a read-only token", () => {
  expect(inputs(T.actions, "payments-api-actions")).toEqual({
    repository: "payments-api",
    enabled: true,
    allowedActions: "selected",
    allowedActionsConfig: {
      githubOwnedAllowed: true,
      verifiedAllowed: true,
      patternsAlloweds: ["pulumi/actions@*", "aws-actions/configure-aws-credentials@*"],
    },
    shaPinningRequired: true,
  });
  expect(inputs(T.workflow, "payments-api-workflow-token")).toEqual({
    repository: "payments-api",
    defaultWorkflowPermissions: "read",
    canApprovePullRequestReviews: false,
  });
});
