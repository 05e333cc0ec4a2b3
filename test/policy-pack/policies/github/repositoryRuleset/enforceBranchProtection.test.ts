import { enforceBranchProtection } from "../../../../../policy-pack/policies/github/repositoryRuleset/enforceBranchProtection";
import {
  analyzeResource,
  type Fixture,
  notApplicableTo,
  rows,
  UNKNOWN,
} from "../../../support/analyze";
import {
  changedProps,
  organizationRuleset,
  protectingRules,
  repositoryRuleset,
} from "../../../support/github";

const NAME = "github-repository-ruleset-enforce-branch-protection";

const check = async (fixture: Fixture, config = {}) =>
  rows(await analyzeResource([enforceBranchProtection], { ...fixture, deps: undefined }, config));
const withRules = (rules: Record<string, unknown>) =>
  repositoryRuleset("app", { rules: changedProps(protectingRules(), rules) });
const pullRequest = (changes: Record<string, unknown>) =>
  withRules({ pullRequest: changedProps(protectingRules().pullRequest, changes) });
const violation = (text: string) => [NAME, "mandatory", "", text];
const cannotRun = (path: string) => [
  NAME,
  "advisory",
  "",
  `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .${path} can't be known during preview`,
];

test("the baseline's rulesets pass, the repository's name unknown", async () => {
  expect(await check(repositoryRuleset())).toEqual([]);
  expect(await check(organizationRuleset())).toEqual([]);
});

test("rulesets for tags or other branches are not judged", async () => {
  expect(await check(repositoryRuleset("app", { target: "tag", rules: {} }))).toEqual([]);
  const releases = { refName: { includes: ["refs/heads/release/*"], excludes: [] } };
  expect(await check(repositoryRuleset("app", { conditions: releases, rules: {} }))).toEqual([]);
  expect(
    await notApplicableTo([enforceBranchProtection], {
      ...repositoryRuleset("app", { target: "tag" }),
      deps: undefined,
    }),
  ).toEqual([[NAME, "the ruleset does not protect the default branch"]]);
  expect(
    await notApplicableTo([enforceBranchProtection], { ...repositoryRuleset(), deps: undefined }),
  ).toEqual([]);
});

test("a ruleset only evaluated is reported", async () => {
  expect(await check(repositoryRuleset("app", { enforcement: "evaluate" }))).toEqual([
    violation('ruleset has enforcement "evaluate", not "active"'),
  ]);
});

test.each(["deletion", "nonFastForward", "requiredLinearHistory", "requiredSignatures"])(
  "rules.%s off or unset is reported",
  async (flag) => {
    expect(await check(withRules({ [flag]: false }))).toEqual([
      violation(`ruleset has rules.${flag} false, not true`),
    ]);
    expect(await check(withRules({ [flag]: undefined }))).toEqual([
      violation(`ruleset has rules.${flag} unset, not true`),
    ]);
  },
);

test("requireSignedCommits false lets unsigned commits through", async () => {
  const config = { [NAME]: { requireSignedCommits: false } };
  expect(await check(withRules({ requiredSignatures: false }), config)).toEqual([]);
});

test("a missing pull-request rule is reported once", async () => {
  expect(await check(withRules({ pullRequest: undefined }))).toEqual([
    violation("ruleset has rules.pullRequest unset"),
  ]);
});

test("too few approvals are reported, and minApprovals changes the minimum", async () => {
  expect(await check(pullRequest({ requiredApprovingReviewCount: 1 }))).toEqual([
    violation("ruleset has rules.pullRequest.requiredApprovingReviewCount 1, not at least 2"),
  ]);
  expect(await check(pullRequest({ requiredApprovingReviewCount: "2" }))).toEqual([
    violation('ruleset has rules.pullRequest.requiredApprovingReviewCount "2", not at least 2'),
  ]);
  expect(await check(repositoryRuleset(), { [NAME]: { minApprovals: 3 } })).toEqual([
    violation("ruleset has rules.pullRequest.requiredApprovingReviewCount 2, not at least 3"),
  ]);
});

test.each([
  "dismissStaleReviewsOnPush",
  "requireCodeOwnerReview",
  "requireLastPushApproval",
  "requiredReviewThreadResolution",
])("rules.pullRequest.%s unset is reported", async (flag) => {
  expect(await check(pullRequest({ [flag]: undefined }))).toEqual([
    violation(`ruleset has rules.pullRequest.${flag} unset, not true`),
  ]);
});

test("missing status checks are reported", async () => {
  expect(await check(withRules({ requiredStatusChecks: undefined }))).toEqual([
    violation("ruleset has rules.requiredStatusChecks unset"),
  ]);
  const loose = { strictRequiredStatusChecksPolicy: false, requiredChecks: [{ context: "gate" }] };
  expect(await check(withRules({ requiredStatusChecks: loose }))).toEqual([
    violation(
      "ruleset has rules.requiredStatusChecks.strictRequiredStatusChecksPolicy false, not true",
    ),
  ]);
  const other = { strictRequiredStatusChecksPolicy: true, requiredChecks: [{ context: "lint" }] };
  expect(await check(withRules({ requiredStatusChecks: other }))).toEqual([
    violation('ruleset has rules.requiredStatusChecks.requiredChecks without "gate"'),
  ]);
});

test("requiredChecks names the checks that must be required", async () => {
  const config = { [NAME]: { requiredChecks: ["gate", "test"] } };
  expect(await check(repositoryRuleset(), config)).toEqual([
    violation('ruleset has rules.requiredStatusChecks.requiredChecks without "test"'),
  ]);
});

test("malformed rules are reported, not thrown", async () => {
  expect(await check(repositoryRuleset("app", { rules: "strict" }))).toEqual([
    violation("ruleset has rules.deletion unset, not true"),
    violation("ruleset has rules.nonFastForward unset, not true"),
    violation("ruleset has rules.requiredLinearHistory unset, not true"),
    violation("ruleset has rules.requiredSignatures unset, not true"),
    violation("ruleset has rules.pullRequest unset"),
    violation("ruleset has rules.requiredStatusChecks unset"),
  ]);
  expect(await check(pullRequest({ requireCodeOwnerReview: "yes" }))).toEqual([
    violation('ruleset has rules.pullRequest.requireCodeOwnerReview "yes", not true'),
  ]);
});

test("an unknown setting cannot pass: the SDK's advisory, after what is decidable", async () => {
  expect(await check(repositoryRuleset("app", { enforcement: UNKNOWN, rules: {} }))).toEqual([
    violation("ruleset has rules.deletion unset, not true"),
    violation("ruleset has rules.nonFastForward unset, not true"),
    violation("ruleset has rules.requiredLinearHistory unset, not true"),
    violation("ruleset has rules.requiredSignatures unset, not true"),
    violation("ruleset has rules.pullRequest unset"),
    violation("ruleset has rules.requiredStatusChecks unset"),
    cannotRun("enforcement"),
  ]);
  expect(await check(pullRequest({ requiredApprovingReviewCount: UNKNOWN }))).toEqual([
    cannotRun("rules.pullRequest.requiredApprovingReviewCount"),
  ]);
  expect(await check(repositoryRuleset("app", { target: UNKNOWN }))).toEqual([cannotRun("target")]);
});

test("unknown refs, rules or checks are never guessed: the SDK's advisory alone", async () => {
  const refs = (includes: unknown) => ({
    refName: { includes, excludes: [] },
    repositoryName: { includes: ["~ALL"], excludes: [] },
  });
  expect(await check(repositoryRuleset("app", { conditions: refs(UNKNOWN) }))).toEqual([
    cannotRun("conditions.refName.includes"),
  ]);
  expect(
    await check(repositoryRuleset("app", { conditions: refs([UNKNOWN]), enforcement: "evaluate" })),
  ).toEqual([cannotRun("conditions.refName.includes.0")]);
  expect(await check(withRules({ pullRequest: UNKNOWN }))).toEqual([
    cannotRun("rules.pullRequest"),
  ]);
  expect(await check(withRules({ requiredStatusChecks: UNKNOWN }))).toEqual([
    cannotRun("rules.requiredStatusChecks"),
  ]);
  const checks = { strictRequiredStatusChecksPolicy: true, requiredChecks: UNKNOWN };
  expect(await check(withRules({ requiredStatusChecks: checks }))).toEqual([
    cannotRun("rules.requiredStatusChecks.requiredChecks"),
  ]);
});

test("every missing check is named; a malformed list requires them all", async () => {
  const config = { [NAME]: { requiredChecks: ["gate", "test", "lint"] } };
  const checks = { strictRequiredStatusChecksPolicy: true, requiredChecks: "gate" };
  expect(await check(withRules({ requiredStatusChecks: checks }), config)).toEqual([
    violation(
      'ruleset has rules.requiredStatusChecks.requiredChecks without "gate", "test", "lint"',
    ),
  ]);
});
