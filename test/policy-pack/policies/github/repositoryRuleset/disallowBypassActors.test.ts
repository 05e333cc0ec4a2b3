import { disallowBypassActors } from "../../../../../policy-pack/policies/github/repositoryRuleset/disallowBypassActors";
import { reportResourceUses } from "../../../../../policy-pack/policies/soc2/exception/reportResourceUses";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../support/analyze";
import { organizationRuleset, repositoryRuleset } from "../../../support/github";

const NAME = "github-repository-ruleset-disallow-bypass-actors";

const check = async (fixture: Fixture, config = {}) =>
  rows(
    await analyzeResource(
      [disallowBypassActors, reportResourceUses],
      { ...fixture, deps: undefined },
      config,
    ),
  );
const violation = (text: string) => [NAME, "mandatory", "", text];
const admins = { actorType: "OrganizationAdmin", actorId: 1, bypassMode: "always" };

test("the baseline's rulesets have no bypass actors", async () => {
  expect(await check(repositoryRuleset())).toEqual([]);
  expect(await check(organizationRuleset())).toEqual([]);
  expect(await check(repositoryRuleset("app", { bypassActors: [] }))).toEqual([]);
  expect(await check(repositoryRuleset("app", { bypassActors: null }))).toEqual([]);
});

test("each bypass actor is reported", async () => {
  const team = { actorType: "Team", actorId: 42, bypassMode: "pull_request" };
  expect(await check(repositoryRuleset("app", { bypassActors: [admins, team] }))).toEqual([
    violation(
      'ruleset lets actorType "OrganizationAdmin", actorId 1 bypass it (bypassMode "always")',
    ),
    violation('ruleset lets actorType "Team", actorId 42 bypass it (bypassMode "pull_request")'),
  ]);
  expect(await check(organizationRuleset({ bypassActors: [admins] }))).toEqual([
    violation(
      'ruleset lets actorType "OrganizationAdmin", actorId 1 bypass it (bypassMode "always")',
    ),
  ]);
});

test("an actor whose id is unknown in a preview is still a bypass", async () => {
  const team = { actorType: "Team", actorId: UNKNOWN, bypassMode: "always" };
  expect(await check(repositoryRuleset("app", { bypassActors: [team] }))).toEqual([
    violation('ruleset lets actorType "Team", actorId unknown bypass it (bypassMode "always")'),
  ]);
});

test("malformed bypass actors are reported", async () => {
  expect(await check(repositoryRuleset("app", { bypassActors: "admins" }))).toEqual([
    violation("ruleset has bypassActors malformed"),
  ]);
  expect(await check(repositoryRuleset("app", { bypassActors: ["admins"] }))).toEqual([
    violation("ruleset lets actorType unset, actorId unset bypass it (bypassMode unset)"),
  ]);
});

test("unknown bypass actors cannot pass: the SDK's advisory", async () => {
  expect(await check(repositoryRuleset("app", { bypassActors: UNKNOWN }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'github-repository-ruleset-disallow-bypass-actors' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .bypassActors can't be known during preview",
    ],
  ]);
});

test("an approved bypass is an exception, reported as an advisory", async () => {
  const config = {
    [NAME]: {
      exceptions: [
        {
          urn: "*::app-default-branch",
          reason: "Release automation merges signed release commits",
          approver: "ciso@example.com",
          expires: "2999-12-31",
        },
      ],
    },
  };
  expect(await check(repositoryRuleset("app", { bypassActors: [admins] }), config)).toEqual([
    [
      "soc2-exception-report-resource-uses",
      "advisory",
      "",
      'exception to github-repository-ruleset-disallow-bypass-actors applied (approved by ciso@example.com, expires 2999-12-31): Release automation merges signed release commits — suppressed violation: ruleset lets actorType "OrganizationAdmin", actorId 1 bypass it (bypassMode "always")',
    ],
  ]);
});
