import { enforceReadOnly } from "../../../../../policy-pack/policies/github/workflowRepositoryPermissions/enforceReadOnly";
import { analyzeResource, type Fixture, rows, UNKNOWN, unknownRow } from "../../../support/analyze";
import { changedProps, GH } from "../../../support/github";

const NAME = "github-workflow-repository-permissions-enforce-read-only";

/** A repository's workflow permissions as the baseline registers them: its name is unknown. */
const permissions = (props: Record<string, unknown> = {}): Fixture => ({
  type: GH.workflowRepositoryPermissions,
  name: "app-workflow-permissions",
  props: changedProps(
    {
      repository: UNKNOWN,
      defaultWorkflowPermissions: "read",
      canApprovePullRequestReviews: false,
    },
    props,
  ),
});
const organization = (props: Record<string, unknown> = {}): Fixture => ({
  type: GH.actionsOrganizationWorkflowPermissions,
  name: "org-workflow-permissions",
  props: changedProps(
    {
      organizationSlug: "example",
      defaultWorkflowPermissions: "read",
      canApprovePullRequestReviews: false,
    },
    props,
  ),
});

const check = async (fixture: Fixture) => rows(await analyzeResource([enforceReadOnly], fixture));
const violation = (text: string) => [NAME, "mandatory", "", text];

test("the baseline's permissions pass, for a repository or the organization", async () => {
  expect(await check(permissions())).toEqual([]);
  expect(await check(organization())).toEqual([]);
});

test("a writable default token is reported, also when left unset", async () => {
  expect(await check(permissions({ defaultWorkflowPermissions: "write" }))).toEqual([
    violation('workflow permissions have defaultWorkflowPermissions "write", not "read"'),
  ]);
  expect(await check(organization({ defaultWorkflowPermissions: undefined }))).toEqual([
    violation('workflow permissions have defaultWorkflowPermissions unset, not "read"'),
  ]);
});

test("workflows that may approve pull requests are reported, also when left unset", async () => {
  expect(await check(permissions({ canApprovePullRequestReviews: true }))).toEqual([
    violation("workflow permissions have canApprovePullRequestReviews true, not false"),
  ]);
  expect(await check(organization({ canApprovePullRequestReviews: undefined }))).toEqual([
    violation("workflow permissions have canApprovePullRequestReviews unset, not false"),
  ]);
});

test("an unknown setting cannot pass: the SDK's advisory", async () => {
  expect(await check(permissions({ defaultWorkflowPermissions: UNKNOWN }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'github-workflow-repository-permissions-enforce-read-only' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .defaultWorkflowPermissions can't be known during preview",
    ],
  ]);
});

test("an unknown approval setting is never guessed: the SDK's advisory alone", async () => {
  expect(await check(permissions({ canApprovePullRequestReviews: UNKNOWN }))).toEqual([
    unknownRow(NAME, ".canApprovePullRequestReviews"),
  ]);
});
