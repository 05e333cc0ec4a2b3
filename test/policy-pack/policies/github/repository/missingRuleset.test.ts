import { missingRuleset } from "../../../../../policy-pack/policies/github/repository/missingRuleset";
import { analyzeStack, type Fixture, rows, UNKNOWN } from "../../../support/analyze";
import {
  organizationRuleset,
  protectingRules,
  repository,
  repositoryRuleset,
} from "../../../support/github";

const NAME = "github-repository-missing-ruleset";

const check = async (fixtures: Fixture[], config = {}) =>
  rows(await analyzeStack([missingRuleset], fixtures, config));
const violation = (repo: string, text: string) => [NAME, "mandatory", repo, text];
const unprotected = (repo: string) =>
  violation(repo, `Repository ${repo} has no ruleset protecting its default branch`);

test("each repository with its own protecting ruleset passes in a first preview", async () => {
  expect(
    await check([
      repository("app"),
      repositoryRuleset("app"),
      repository("infra"),
      repositoryRuleset("infra"),
    ]),
  ).toEqual([]);
});

test("an organization ruleset on all repositories protects each of them", async () => {
  expect(await check([repository("app"), repository("infra"), organizationRuleset()])).toEqual([]);
});

test("a repository without a ruleset is reported by name", async () => {
  expect(await check([repository("app"), repositoryRuleset("app"), repository("data")])).toEqual([
    unprotected("data"),
  ]);
});

test("another repository's ruleset does not count", async () => {
  const rulesetOfApp = repositoryRuleset("app", {}, "data-default-branch");
  expect(await check([repository("app"), repository("data"), rulesetOfApp])).toEqual([
    unprotected("data"),
  ]);
});

test("a ruleset naming the repository by its known name counts", async () => {
  const byName = { ...repositoryRuleset("app", { repository: "app" }), deps: undefined };
  expect(await check([repository("app"), byName])).toEqual([]);
  const other = { ...repositoryRuleset("app", { repository: "other" }), deps: undefined };
  expect(await check([repository("app"), other])).toEqual([unprotected("app")]);
});

test("a ruleset that does not protect the default branch does not count", async () => {
  expect(await check([repository("app"), repositoryRuleset("app", { target: "tag" })])).toEqual([
    unprotected("app"),
  ]);
});

test("a ruleset that fails branch protection is reported with its gaps", async () => {
  const weak = repositoryRuleset("app", { enforcement: "evaluate" });
  const orgWeak = organizationRuleset({ enforcement: "disabled" });
  expect(await check([repository("app"), weak, orgWeak])).toEqual([
    violation(
      "app",
      "Repository app has no ruleset protecting its default branch as required: " +
        'RepositoryRuleset app-default-branch has enforcement "evaluate", not "active"; ' +
        'OrganizationRuleset org-default-branch has enforcement "disabled", not "active"',
    ),
  ]);
});

test("an organization ruleset with exclusions does not cover all repositories", async () => {
  const conditions = {
    refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] },
    repositoryName: { includes: ["~ALL"], excludes: ["sandbox-*"] },
  };
  expect(await check([repository("app"), organizationRuleset({ conditions })])).toEqual([
    unprotected("app"),
  ]);
});

test("the branch-protection settings are this policy's config too", async () => {
  expect(
    await check([repository("app"), repositoryRuleset("app")], { [NAME]: { minApprovals: 3 } }),
  ).toEqual([
    violation(
      "app",
      "Repository app has no ruleset protecting its default branch as required: " +
        "RepositoryRuleset app-default-branch has " +
        "rules.pullRequest.requiredApprovingReviewCount 2, not at least 3",
    ),
  ]);
});

test("stacks of other projects are not judged", async () => {
  expect(await check([repository("app")], { [NAME]: { baselineProjects: ["other"] } })).toEqual([]);
});

test("a ruleset that may protect once values are known: the SDK's advisory", async () => {
  const pending = repositoryRuleset("app", { enforcement: UNKNOWN });
  expect(await check([repository("app"), pending, repository("data")])).toEqual([
    unprotected("data"),
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'github-repository-missing-ruleset' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .enforcement can't be known during preview",
    ],
  ]);
  expect(await check([repository("app"), pending, repositoryRuleset("app", {}, "main")])).toEqual(
    [],
  );
});

test("only an organization ruleset on ~ALL counts: one naming repositories, or malformed, does not", async () => {
  const naming = (includes: unknown) => ({
    conditions: {
      refName: { includes: ["~DEFAULT_BRANCH"], excludes: [] },
      repositoryName: { includes, excludes: [] },
    },
  });
  expect(await check([repository("app"), organizationRuleset(naming(["app"]))])).toEqual([
    unprotected("app"),
  ]);
  expect(await check([repository("app"), organizationRuleset(naming("~ALL"))])).toEqual([
    unprotected("app"),
  ]);
});

test("every gap of a ruleset is named", async () => {
  const rules = { ...protectingRules(), deletion: false };
  expect(
    await check([repository("app"), repositoryRuleset("app", { enforcement: "evaluate", rules })]),
  ).toEqual([
    violation(
      "app",
      "Repository app has no ruleset protecting its default branch as required: " +
        'RepositoryRuleset app-default-branch has enforcement "evaluate", not "active" and ' +
        "has rules.deletion false, not true",
    ),
  ]);
});
