import { enforceReview } from "../../../../../policy-pack/policies/github/repositoryEnvironment/enforceReview";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../support/analyze";
import { changedProps, GH } from "../../../support/github";

const NAME = "github-repository-environment-enforce-review";

/** A production environment as the baseline registers it: the team's id is unknown. */
const environment = (props: Record<string, unknown> = {}): Fixture => ({
  type: GH.repositoryEnvironment,
  name: "app-production",
  props: changedProps(
    {
      repository: UNKNOWN,
      environment: "production",
      reviewers: [{ teams: [UNKNOWN] }],
      preventSelfReview: true,
      canAdminsBypass: false,
      deploymentBranchPolicy: { protectedBranches: true, customBranchPolicies: false },
    },
    props,
  ),
});

const check = async (fixture: Fixture) => rows(await analyzeResource([enforceReview], fixture));
const violation = (text: string) => [NAME, "mandatory", "", text];

test("the baseline's environment passes, its reviewer team's id unknown", async () => {
  expect(await check(environment())).toEqual([]);
  expect(await check(environment({ reviewers: [{ users: [1234] }] }))).toEqual([]);
  expect(await check(environment({ reviewers: [{ teams: [UNKNOWN], users: [1234] }] }))).toEqual(
    [],
  );
});

test("an environment without reviewers is reported", async () => {
  expect(await check(environment({ reviewers: undefined }))).toEqual([
    violation("environment has no required reviewers"),
  ]);
  expect(await check(environment({ reviewers: [{ teams: [], users: [] }] }))).toEqual([
    violation("environment has no required reviewers"),
  ]);
  expect(await check(environment({ reviewers: "platform" }))).toEqual([
    violation("environment has no required reviewers"),
  ]);
});

test("self-review is reported", async () => {
  expect(await check(environment({ preventSelfReview: undefined }))).toEqual([
    violation("environment has preventSelfReview unset, not true"),
  ]);
});

test("an admin bypass is reported, also when left to the provider's default", async () => {
  expect(await check(environment({ canAdminsBypass: true }))).toEqual([
    violation("environment has canAdminsBypass true, not false"),
  ]);
  expect(await check(environment({ canAdminsBypass: undefined }))).toEqual([
    violation("environment has canAdminsBypass unset, not false"),
  ]);
});

test("deployments from any branch are reported", async () => {
  expect(await check(environment({ deploymentBranchPolicy: undefined }))).toEqual([
    violation("environment has deploymentBranchPolicy unset"),
  ]);
  expect(await check(environment({ deploymentBranchPolicy: null }))).toEqual([
    violation("environment has deploymentBranchPolicy unset"),
  ]);
  const custom = { protectedBranches: false, customBranchPolicies: true };
  expect(await check(environment({ deploymentBranchPolicy: custom }))).toEqual([
    violation("environment has deploymentBranchPolicy.protectedBranches false, not true"),
    violation("environment has deploymentBranchPolicy.customBranchPolicies true, not false"),
  ]);
});

const cannotRun = (path: string) => [
  NAME,
  "advisory",
  "",
  `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .${path} can't be known during preview`,
];

test("unknown settings cannot pass: the SDK's advisory", async () => {
  expect(await check(environment({ canAdminsBypass: UNKNOWN }))).toEqual([
    cannotRun("canAdminsBypass"),
  ]);
  expect(await check(environment({ reviewers: [{ teams: UNKNOWN }] }))).toEqual([
    cannotRun("reviewers.0.teams"),
  ]);
  expect(await check(environment({ deploymentBranchPolicy: UNKNOWN }))).toEqual([
    cannotRun("deploymentBranchPolicy"),
  ]);
});
