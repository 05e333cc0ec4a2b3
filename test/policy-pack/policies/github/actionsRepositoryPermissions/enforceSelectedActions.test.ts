import { enforceSelectedActions } from "../../../../../policy-pack/policies/github/actionsRepositoryPermissions/enforceSelectedActions";
import { analyzeResource, type Fixture, rows, UNKNOWN, unknownRow } from "../../../support/analyze";
import { changedProps, GH } from "../../../support/github";

const NAME = "github-actions-repository-permissions-enforce-selected-actions";

/** A repository's Actions permissions as the baseline registers them: its name is unknown. */
const permissions = (props: Record<string, unknown> = {}): Fixture => ({
  type: GH.actionsRepositoryPermissions,
  name: "app-actions",
  props: changedProps(
    {
      repository: UNKNOWN,
      allowedActions: "selected",
      shaPinningRequired: true,
      allowedActionsConfig: { githubOwnedAllowed: true, patternsAlloweds: ["pulumi/*"] },
    },
    props,
  ),
});
const organization = (props: Record<string, unknown> = {}): Fixture => ({
  type: GH.actionsOrganizationPermissions,
  name: "org-actions",
  props: changedProps(
    { ...permissions().props, repository: undefined, enabledRepositories: "all" },
    props,
  ),
});

const check = async (fixture: Fixture) =>
  rows(await analyzeResource([enforceSelectedActions], fixture));
const violation = (text: string) => [NAME, "mandatory", "", text];

test("the baseline's permissions pass, for a repository or the organization", async () => {
  expect(await check(permissions())).toEqual([]);
  expect(await check(organization())).toEqual([]);
  expect(
    await check(permissions({ allowedActions: "local_only", allowedActionsConfig: undefined })),
  ).toEqual([]);
});

test("all actions allowed is reported, also when left unset", async () => {
  expect(await check(permissions({ allowedActions: "all" }))).toEqual([
    violation('actions permissions have allowedActions "all", not "selected" or "local_only"'),
  ]);
  expect(await check(organization({ allowedActions: undefined }))).toEqual([
    violation('actions permissions have allowedActions unset, not "selected" or "local_only"'),
  ]);
});

test("actions not pinned to a commit SHA are reported", async () => {
  expect(await check(permissions({ shaPinningRequired: undefined }))).toEqual([
    violation("actions permissions have shaPinningRequired unset, not true"),
  ]);
});

test("a pattern that allows every action is reported", async () => {
  const config = { githubOwnedAllowed: true, patternsAlloweds: ["pulumi/*", "*", "*/*"] };
  expect(await check(permissions({ allowedActionsConfig: config }))).toEqual([
    violation(
      'actions permissions allow every action through allowedActionsConfig.patternsAlloweds "*", "*/*"',
    ),
  ]);
});

test("malformed patterns are reported", async () => {
  const config = { githubOwnedAllowed: true, patternsAlloweds: "*" };
  expect(await check(permissions({ allowedActionsConfig: config }))).toEqual([
    violation("actions permissions have allowedActionsConfig.patternsAlloweds malformed"),
  ]);
});

test("unknown settings cannot pass: the SDK's advisory", async () => {
  const config = { githubOwnedAllowed: true, patternsAlloweds: [UNKNOWN] };
  expect(await check(permissions({ allowedActionsConfig: config }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'github-actions-repository-permissions-enforce-selected-actions' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .allowedActionsConfig.patternsAlloweds.0 can't be known during preview",
    ],
  ]);
});

test("a setting not known yet is never guessed: the SDK's advisory alone", async () => {
  expect(await check(permissions({ allowedActions: UNKNOWN }))).toEqual([
    unknownRow(NAME, ".allowedActions"),
  ]);
  expect(await check(permissions({ shaPinningRequired: UNKNOWN }))).toEqual([
    unknownRow(NAME, ".shaPinningRequired"),
  ]);
  expect(await check(permissions({ allowedActionsConfig: UNKNOWN }))).toEqual([
    unknownRow(NAME, ".allowedActionsConfig"),
  ]);
  const config = { githubOwnedAllowed: true, patternsAlloweds: UNKNOWN };
  expect(await check(permissions({ allowedActionsConfig: config }))).toEqual([
    unknownRow(NAME, ".allowedActionsConfig.patternsAlloweds"),
  ]);
});

test("selected actions without patterns pass; the patterns of local_only are not judged", async () => {
  expect(await check(permissions({ allowedActionsConfig: undefined }))).toEqual([]);
  expect(
    await check(
      permissions({ allowedActionsConfig: { githubOwnedAllowed: true, patternsAlloweds: null } }),
    ),
  ).toEqual([]);
  const everything = { githubOwnedAllowed: true, patternsAlloweds: ["*"] };
  expect(
    await check(permissions({ allowedActions: "local_only", allowedActionsConfig: everything })),
  ).toEqual([]);
});
