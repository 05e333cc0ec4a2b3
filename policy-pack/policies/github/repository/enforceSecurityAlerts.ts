import type { PolicyResource } from "@pulumi/policy";
import { label } from "../../../lib/aws";
import { stackPolicy } from "../../../lib/definePolicy";
import { carryUnknown, GITHUB, ofRepository } from "../../../lib/github";
import { field, shown } from "../../../lib/props";
import { StackIndex } from "../../../lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../lib/unknowns";

const SCANNING = ["secretScanning", "secretScanningPushProtection"];

/**
 * Whether `repo` has vulnerability alerts on: its deprecated `vulnerabilityAlerts` input, or a
 * RepositoryVulnerabilityAlerts of it that does not switch them off (the provider's default is on).
 * What stays unknown goes to `verdict`; a definite gap is returned as a message.
 */
function alertsGap(index: StackIndex, repo: PolicyResource, verdict: Verdict): string | undefined {
  const own = verdict.read(() => repo.props.vulnerabilityAlerts as unknown);
  if (own === true || own === UNKNOWN) return undefined;
  if (own === false) return "repository has vulnerabilityAlerts false, not true";
  const resources = ofRepository(index, repo, [GITHUB.repositoryVulnerabilityAlerts]);
  const enabled = resources.map((r) => verdict.read(() => r.props.enabled as unknown));
  if (enabled.some((e) => e === UNKNOWN || e === true || e === undefined)) return undefined;
  return (
    "repository has no vulnerability alerts: vulnerabilityAlerts is unset and no " +
    "RepositoryVulnerabilityAlerts of it is enabled"
  );
}

/**
 * name: github-repository-enforce-security-alerts
 * description: Repositories alert on vulnerable dependencies and scan and block pushed secrets.
 * severity: high
 * tags:
 *
 * Vulnerability alerts count when the repository sets `vulnerabilityAlerts: true` (deprecated in
 * @pulumi/github v6) or a RepositoryVulnerabilityAlerts attached to it (by dependency or known
 * name) leaves `enabled` on; a RepositoryVulnerabilityAlerts that switches them off is reported
 * itself.
 */
export const enforceSecurityAlerts = stackPolicy({
  name: "github-repository-enforce-security-alerts",
  description: "Repositories alert on vulnerable dependencies and scan and block pushed secrets.",
  severity: "high",
  remediationSteps:
    "Give each github.Repository a github.RepositoryVulnerabilityAlerts with enabled: true, and " +
    'set securityAndAnalysis { secretScanning: { status: "enabled" }, ' +
    'secretScanningPushProtection: { status: "enabled" } } on the repository.',
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const repo of index.ofType(GITHUB.repository)) {
      const own = new Verdict();
      for (const feature of SCANNING) {
        const status = own.read(() =>
          field(field(repo.props.securityAndAnalysis, feature), "status"),
        );
        if (status !== UNKNOWN && status !== "enabled") {
          report(
            `repository has securityAndAnalysis.${feature}.status ${shown(status)}, not "enabled"`,
            repo.urn,
          );
        }
      }
      const gap = alertsGap(index, repo, own);
      if (gap) report(gap, repo.urn);
      carryUnknown(own, verdict);
    }
    for (const alerts of index.ofType(GITHUB.repositoryVulnerabilityAlerts)) {
      if (verdict.read(() => alerts.props.enabled as unknown) === false) {
        report(`${label(alerts)} has enabled false, not true`, alerts.urn);
      }
    }
    verdict.finish();
  },
});
