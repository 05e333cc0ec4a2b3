import { enforceSecurityAlerts } from "../../../../../policy-pack/policies/github/repository/enforceSecurityAlerts";
import { analyzeStack, type Fixture, rows, UNKNOWN, unknownRow } from "../../../support/analyze";
import { GH, repository, vulnerabilityAlerts } from "../../../support/github";

const NAME = "github-repository-enforce-security-alerts";

const check = async (fixtures: Fixture[]) =>
  rows(await analyzeStack([enforceSecurityAlerts], fixtures));
const violation = (resource: string, text: string) => [NAME, "mandatory", resource, text];
const scanning = (securityAndAnalysis: Record<string, unknown>) => [
  repository("app", { securityAndAnalysis }),
  vulnerabilityAlerts("app"),
];
const NO_ALERTS =
  "repository has no vulnerability alerts: vulnerabilityAlerts is unset and no " +
  "RepositoryVulnerabilityAlerts of it is enabled";

test("the baseline's repositories pass in a first preview", async () => {
  expect(
    await check([
      repository("app"),
      vulnerabilityAlerts("app"),
      repository("web"),
      vulnerabilityAlerts("web"),
    ]),
  ).toEqual([]);
});

test("alerts count from the deprecated input, a resource naming the repository, or the provider's default", async () => {
  expect(await check([repository("app", { vulnerabilityAlerts: true })])).toEqual([]);
  const byName = { ...vulnerabilityAlerts("app", { repository: "app" }), deps: undefined };
  expect(await check([repository("app"), byName])).toEqual([]);
  expect(
    await check([repository("app"), vulnerabilityAlerts("app", { enabled: undefined })]),
  ).toEqual([]);
});

test("a repository without vulnerability alerts is reported", async () => {
  expect(await check([repository("app")])).toEqual([violation("app", NO_ALERTS)]);
  expect(await check([repository("app"), repository("web"), vulnerabilityAlerts("web")])).toEqual([
    violation("app", NO_ALERTS),
  ]);
  expect(
    await check([repository("app", { vulnerabilityAlerts: false }), vulnerabilityAlerts("app")]),
  ).toEqual([violation("app", "repository has vulnerabilityAlerts false, not true")]);
});

test("vulnerability alerts switched off are reported on the resource and leave the repository without", async () => {
  expect(await check([repository("app"), vulnerabilityAlerts("app", { enabled: false })])).toEqual([
    violation("app", NO_ALERTS),
    violation(
      "app-vulnerability-alerts",
      "RepositoryVulnerabilityAlerts app-vulnerability-alerts has enabled false, not true",
    ),
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
    violation(
      "app",
      'repository has securityAndAnalysis.secretScanning.status "disabled", not "enabled"',
    ),
  ]);
  expect(await check(scanning({ secretScanning: { status: "enabled" } }))).toEqual([
    violation(
      "app",
      'repository has securityAndAnalysis.secretScanningPushProtection.status unset, not "enabled"',
    ),
  ]);
});

test("no security-and-analysis settings at all are reported per feature", async () => {
  expect(
    await check([
      repository("app", { securityAndAnalysis: undefined }),
      vulnerabilityAlerts("app"),
    ]),
  ).toEqual([
    violation(
      "app",
      'repository has securityAndAnalysis.secretScanning.status unset, not "enabled"',
    ),
    violation(
      "app",
      'repository has securityAndAnalysis.secretScanningPushProtection.status unset, not "enabled"',
    ),
  ]);
});

test("an unknown setting cannot pass: the SDK's advisory, after the other repositories are judged", async () => {
  expect(
    await check([
      ...scanning({
        secretScanning: { status: UNKNOWN },
        secretScanningPushProtection: { status: "enabled" },
      }),
      repository("web"),
    ]),
  ).toEqual([
    violation("web", NO_ALERTS),
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'github-repository-enforce-security-alerts' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .securityAndAnalysis.secretScanning.status can't be known during preview",
    ],
  ]);
  expect(
    await check([repository("app"), vulnerabilityAlerts("app", { enabled: UNKNOWN })]),
  ).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'github-repository-enforce-security-alerts' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .enabled can't be known during preview",
    ],
  ]);
  expect(GH.repositoryVulnerabilityAlerts).toBe(
    "github:index/repositoryVulnerabilityAlerts:RepositoryVulnerabilityAlerts",
  );
});

test("an unknown deprecated input is not taken for unset", async () => {
  expect(await check([repository("app", { vulnerabilityAlerts: UNKNOWN })])).toEqual([
    unknownRow(NAME, ".vulnerabilityAlerts"),
  ]);
});
