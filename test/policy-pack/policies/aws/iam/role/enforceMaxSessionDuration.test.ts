import { enforceMaxSessionDuration } from "../../../../../../policy-pack/policies/aws/iam/role/enforceMaxSessionDuration";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../../support/analyze";
import { deploymentIdentity } from "../../../../support/identity";

const NAME = "aws-iam-role-enforce-max-session-duration";

const deployRole = (props: Record<string, unknown> = {}) =>
  deploymentIdentity({ deployRole: props }).find(
    (f) => f.name === "deployment-deploy-role",
  ) as Fixture;
const check = async (fixture: Fixture, config = {}) =>
  rows(await analyzeResource([enforceMaxSessionDuration], fixture, config));
const violation = (text: string) => [NAME, "mandatory", "", text];

test("the deploy role's one-hour session passes", async () => {
  expect(await check(deployRole())).toEqual([]);
});

test("an unset duration is AWS's default of an hour and passes", async () => {
  expect(await check(deployRole({ maxSessionDuration: undefined }))).toEqual([]);
});

test("a longer session is reported", async () => {
  expect(await check(deployRole({ maxSessionDuration: 43200 }))).toEqual([
    violation("role has maxSessionDuration 43200, more than 3600 seconds"),
  ]);
});

test("maxSeconds raises the limit", async () => {
  const config = { [NAME]: { maxSeconds: 7200 } };
  expect(await check(deployRole({ maxSessionDuration: 7200 }), config)).toEqual([]);
  expect(await check(deployRole({ maxSessionDuration: 7201 }), config)).toEqual([
    violation("role has maxSessionDuration 7201, more than 7200 seconds"),
  ]);
});

test("a duration that is not a number is reported", async () => {
  expect(await check(deployRole({ maxSessionDuration: "1h" }))).toEqual([
    violation('role has maxSessionDuration "1h", not a number of seconds'),
  ]);
});

test("an unknown duration cannot pass: the SDK's advisory", async () => {
  expect(await check(deployRole({ maxSessionDuration: UNKNOWN }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      `can't run policy '${NAME}' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .maxSessionDuration can't be known during preview`,
    ],
  ]);
});
