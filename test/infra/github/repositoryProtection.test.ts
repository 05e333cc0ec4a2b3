/**
 * The repository protections for a stack with three repositories: the blueprint's own, an existing
 * organization repository (adopted) and a personal repository of another owner.
 */
import { PROJECT } from "../../../infra/config";
import {
  codeownersFile,
  SECRET_SCANNING,
  SETTINGS_LEFT_TO_OWNERS,
} from "../../../infra/github/repositoryProtection";
import {
  EXAMPLE_CONFIG,
  mockRepoId,
  resource,
  runBaseline,
  type ProgramRun,
} from "../../support/baseline";

const T = {
  protection: "soc2:github:RepositoryProtection",
  repository: "github:index/repository:Repository",
  alerts: "github:index/repositoryVulnerabilityAlerts:RepositoryVulnerabilityAlerts",
  ruleset: "github:index/repositoryRuleset:RepositoryRuleset",
  environment: "github:index/repositoryEnvironment:RepositoryEnvironment",
  file: "github:index/repositoryFile:RepositoryFile",
  actions: "github:index/actionsRepositoryPermissions:ActionsRepositoryPermissions",
  workflow: "github:index/workflowRepositoryPermissions:WorkflowRepositoryPermissions",
  runnerGroup: "github:index/actionsRunnerGroup:ActionsRunnerGroup",
  project: "aws:codebuild/project:Project",
  webhook: "aws:codebuild/webhook:Webhook",
};
const THREE_REPOSITORIES = [
  { name: "payments-api" },
  {
    name: "dotfiles",
    owner: "jane-doe",
    ownerType: "user",
    environmentReviewers: { teams: [], users: [1001] },
    codeOwners: ["@jane-doe"],
  },
];
const COMPONENTS = ["soc2-pipeline-blueprint", "payments-api", "jane-doe-dotfiles"];
const PROTECTIONS = [
  "repository",
  "vulnerability-alerts",
  "default-branch",
  "environment",
  "codeowners",
  "actions",
  "workflow-token",
];

const withRepositories = (repositories: unknown[]) => ({
  ...EXAMPLE_CONFIG,
  [`${PROJECT}:repositories`]: JSON.stringify(repositories),
});

let run: ProgramRun;
beforeAll(async () => {
  run = await runBaseline(withRepositories(THREE_REPOSITORIES));
});
const inputs = (type: string, name: string) => resource(run, type, name).inputs;
const providerOf = (urn: string) => urn.split("::").slice(0, -1).join("::");

test("every managed repository, the blueprint's own first, gets exactly the seven protections", () => {
  expect(run.error).toBeUndefined();
  const components = run.resources.filter((r) => r.type === T.protection);
  expect(components.map((c) => c.name)).toEqual(COMPONENTS);
  for (const c of components) {
    const children = run.resources
      .filter((r) => r.parent === c.urn)
      .map((r) => r.name)
      .sort();
    expect(children).toEqual(PROTECTIONS.map((p) => `${c.name}-${p}`).sort());
  }
  // Seven per repository, three at the organization level, the runner group and the deployment
  // variables (deploymentVariables.test.ts).
  expect(run.resources.filter((r) => r.type.startsWith("github:"))).toHaveLength(30);
});

test("each owner has its own GitHub provider, and each repository's protections use its owner's", () => {
  const org = resource(run, "pulumi:providers:github", "github");
  const personal = resource(run, "pulumi:providers:github", "github-jane-doe");
  expect([org.inputs.owner, personal.inputs.owner]).toEqual(["example-org", "jane-doe"]);
  const providers = (prefix: string) =>
    new Set(
      run.resources
        .filter((r) => r.type.startsWith("github:") && r.name.startsWith(prefix))
        .map((r) => providerOf(r.provider)),
    );
  expect(providers("jane-doe-dotfiles-")).toEqual(new Set([personal.urn]));
  expect(providers("payments-api-")).toEqual(new Set([org.urn]));
  expect(providers("soc2-pipeline-blueprint-")).toEqual(new Set([org.urn]));
});

test("existing repositories are adopted by name, never recreated, and only their security settings change", () => {
  for (const [component, name] of [
    ["soc2-pipeline-blueprint", "soc2-pipeline-blueprint"],
    ["payments-api", "payments-api"],
    ["jane-doe-dotfiles", "dotfiles"],
  ]) {
    const repo = resource(run, T.repository, `${component}-repository`);
    expect(repo.inputs).toEqual({ name, securityAndAnalysis: SECRET_SCANNING });
    expect(repo.importId).toBe(name);
    expect(repo.retainOnDelete).toBe(true);
    expect(repo.ignoreChanges).toEqual(SETTINGS_LEFT_TO_OWNERS);
    expect(inputs(T.alerts, `${component}-vulnerability-alerts`)).toEqual({
      repository: name,
      enabled: true,
    });
  }
  expect(SECRET_SCANNING).toEqual({
    secretScanning: { status: "enabled" },
    secretScanningPushProtection: { status: "enabled" },
  });
  // The baseline manages the name and the security settings, and no other repository setting.
  expect(SETTINGS_LEFT_TO_OWNERS).not.toContain("name");
  expect(SETTINGS_LEFT_TO_OWNERS).not.toContain("securityAndAnalysis");
});

test("a repository marked create is created private with a first commit, not imported", async () => {
  const created = await runBaseline(withRepositories([{ name: "new-service", create: true }]));
  const repo = resource(created, T.repository, "new-service-repository");
  expect(repo.inputs).toEqual({
    name: "new-service",
    visibility: "private",
    autoInit: true,
    securityAndAnalysis: SECRET_SCANNING,
  });
  expect(repo.importId).toBe("");
  expect(repo.retainOnDelete).toBe(true);
});

test("the protections name the repository by its name and come after it", () => {
  const repo = resource(run, T.repository, "payments-api-repository");
  for (const [type, protection] of [
    [T.alerts, "vulnerability-alerts"],
    [T.environment, "environment"],
    [T.file, "codeowners"],
    [T.actions, "actions"],
    [T.workflow, "workflow-token"],
  ]) {
    const child = resource(run, type, `payments-api-${protection}`);
    expect([child.inputs.repository, child.dependencies]).toEqual(["payments-api", [repo.urn]]);
  }
  const ruleset = resource(run, T.ruleset, "payments-api-default-branch");
  expect([ruleset.inputs.repository, ruleset.dependencies]).toEqual([
    "payments-api",
    [resource(run, T.file, "payments-api-codeowners").urn],
  ]);
});

test("CODEOWNERS is committed before any ruleset refuses direct commits to the default branch", () => {
  for (const component of COMPONENTS) {
    const file = resource(run, T.file, `${component}-codeowners`);
    expect(resource(run, T.ruleset, `${component}-default-branch`).dependencies).toContain(
      file.urn,
    );
  }
  const orgRuleset = resource(
    run,
    "github:index/organizationRuleset:OrganizationRuleset",
    "example-org-default-branch",
  );
  const files = COMPONENTS.map((c) => resource(run, T.file, `${c}-codeowners`).urn);
  expect(orgRuleset.dependencies).toEqual(expect.arrayContaining(files));
});

test("the personal repository's deployments and CODEOWNERS name its own people", () => {
  expect(inputs(T.environment, "jane-doe-dotfiles-environment")).toMatchObject({
    repository: "dotfiles",
    reviewers: [{ teams: [], users: [1001] }],
  });
  expect(inputs(T.file, "jane-doe-dotfiles-codeowners").content).toBe(
    codeownersFile(["@jane-doe"]),
  );
});

test("the organization's runners serve its managed repositories only, and only they may use the runner group", () => {
  const webhooks = run.resources.filter((r) => r.type === T.webhook);
  expect(webhooks.map((w) => w.name)).toEqual([
    "ci-runners-runner-small-webhook",
    "ci-runners-runner-large-webhook",
  ]);
  for (const webhook of webhooks) {
    const groups = webhook.inputs.filterGroups as {
      filters: { type: string; pattern: string }[];
    }[];
    expect(groups.map((g) => g.filters.find((f) => f.type === "REPOSITORY_NAME")?.pattern)).toEqual(
      ["^soc2-pipeline-blueprint$", "^payments-api$"],
    );
  }
  const group = resource(run, T.runnerGroup, "ci-runners-group");
  expect(group.inputs).toEqual({
    name: "Default",
    visibility: "selected",
    selectedRepositoryIds: [mockRepoId("soc2-pipeline-blueprint"), mockRepoId("payments-api")],
    allowsPublicRepositories: false,
  });
  expect(group.importId).toBe("1");
  expect(group.retainOnDelete).toBe(true);
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
  expect(inputs(T.file, "payments-api-codeowners")).toEqual({
    repository: "payments-api",
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
