import { enforceSecurityAlerts } from "../../../../../policy-pack/policies/github/repository/enforceSecurityAlerts";
import { analyzeResource, type Fixture, rows, UNKNOWN } from "../../../support/analyze";
import { repository } from "../../../support/github";

const NAME = "github-repository-enforce-security-alerts";

const check = async (fixture: Fixture) =>
  rows(await analyzeResource([enforceSecurityAlerts], fixture));
const violation = (text: string) => [NAME, "mandatory", "", text];
const scanning = (securityAndAnalysis: Record<string, unknown>) =>
  repository("app", { securityAndAnalysis });

test("the baseline's repository passes", async () => {
  expect(await check(repository())).toEqual([]);
});

test("vulnerability alerts off or unset are reported", async () => {
  expect(await check(repository("app", { vulnerabilityAlerts: false }))).toEqual([
    violation("repository has vulnerabilityAlerts false, not true"),
  ]);
  expect(await check(repository("app", { vulnerabilityAlerts: undefined }))).toEqual([
    violation("repository has vulnerabilityAlerts unset, not true"),
  ]);
});

test("secret scanning or push protection off is reported", async () => {
  expect(
    await check(
      scanning({
        secretScanning: { status: "disabled" },
        secretScanningPushProtection: { status: "enabled" },
      }),
    ),
  ).toEqual([
    violation('repository has securityAndAnalysis.secretScanning.status "disabled", not "enabled"'),
  ]);
  expect(await check(scanning({ secretScanning: { status: "enabled" } }))).toEqual([
    violation(
      'repository has securityAndAnalysis.secretScanningPushProtection.status unset, not "enabled"',
    ),
  ]);
});

test("no security-and-analysis settings at all are reported per feature", async () => {
  expect(await check(repository("app", { securityAndAnalysis: undefined }))).toEqual([
    violation('repository has securityAndAnalysis.secretScanning.status unset, not "enabled"'),
    violation(
      'repository has securityAndAnalysis.secretScanningPushProtection.status unset, not "enabled"',
    ),
  ]);
});

test("an unknown setting cannot pass: the SDK's advisory", async () => {
  expect(
    await check(
      scanning({
        secretScanning: { status: UNKNOWN },
        secretScanningPushProtection: { status: "enabled" },
      }),
    ),
  ).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'github-repository-enforce-security-alerts' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .securityAndAnalysis.secretScanning.status can't be known during preview",
    ],
  ]);
});
