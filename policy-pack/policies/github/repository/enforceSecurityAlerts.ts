import { resourcePolicy } from "../../../lib/definePolicy";
import { GITHUB } from "../../../lib/github";
import { field, shown } from "../../../lib/props";
import { UNKNOWN, Verdict } from "../../../lib/unknowns";

const SCANNING = ["secretScanning", "secretScanningPushProtection"];

/**
 * name: github-repository-enforce-security-alerts
 * description: Repositories alert on vulnerable dependencies and scan and block pushed secrets.
 * severity: high
 * tags:
 */
export const enforceSecurityAlerts = resourcePolicy({
  name: "github-repository-enforce-security-alerts",
  description: "Repositories alert on vulnerable dependencies and scan and block pushed secrets.",
  severity: "high",
  remediationSteps:
    "On the github.Repository set vulnerabilityAlerts: true and securityAndAnalysis " +
    '{ secretScanning: { status: "enabled" }, secretScanningPushProtection: { status: ' +
    '"enabled" } }.',
  types: [GITHUB.repository],
  validate: (resource, report) => {
    const verdict = new Verdict();
    const props = resource.props;
    const alerts = verdict.read(() => props.vulnerabilityAlerts as unknown);
    if (alerts !== UNKNOWN && alerts !== true) {
      report(`repository has vulnerabilityAlerts ${shown(alerts)}, not true`);
    }
    for (const feature of SCANNING) {
      const status = verdict.read(() => field(field(props.securityAndAnalysis, feature), "status"));
      if (status !== UNKNOWN && status !== "enabled") {
        report(
          `repository has securityAndAnalysis.${feature}.status ${shown(status)}, not "enabled"`,
        );
      }
    }
    verdict.finish();
  },
});
