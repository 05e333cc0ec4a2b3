import { resourcePolicy } from "../../../lib/definePolicy";
import { ACTIONS_PERMISSIONS } from "../../../lib/github";
import { field, shown } from "../../../lib/props";
import { UNKNOWN, Verdict } from "../../../lib/unknowns";

const RESTRICTED = ["selected", "local_only"];
const EVERY_ACTION = ["*", "*/*"];

/**
 * name: github-actions-repository-permissions-enforce-selected-actions
 * description: GitHub Actions run only selected or local actions, pinned to a full commit SHA.
 * severity: high
 * tags:
 *
 * Judges repository and organization Actions permissions alike. With "selected", GitHub-owned
 * actions may be allowed, but a pattern that matches every action undoes the selection.
 */
export const enforceSelectedActions = resourcePolicy({
  name: "github-actions-repository-permissions-enforce-selected-actions",
  description: "GitHub Actions run only selected or local actions, pinned to a full commit SHA.",
  severity: "high",
  remediationSteps:
    "On the github.ActionsRepositoryPermissions (or ActionsOrganizationPermissions) set " +
    'allowedActions: "selected" (or "local_only") and shaPinningRequired: true, and list in ' +
    "allowedActionsConfig.patternsAlloweds only the owners or actions you trust, never * or */*.",
  types: ACTIONS_PERMISSIONS,
  validate: (resource, report) => {
    const verdict = new Verdict();
    const props = resource.props;
    const allowed = verdict.read(() => props.allowedActions as unknown);
    if (allowed !== UNKNOWN && !RESTRICTED.includes(allowed as string)) {
      report(
        `actions permissions have allowedActions ${shown(allowed)}, not "selected" or "local_only"`,
      );
    }
    const pinning = verdict.read(() => props.shaPinningRequired as unknown);
    if (pinning !== UNKNOWN && pinning !== true) {
      report(`actions permissions have shaPinningRequired ${shown(pinning)}, not true`);
    }
    if (allowed === "selected") {
      const patterns = verdict.read(() => field(props.allowedActionsConfig, "patternsAlloweds"));
      if (patterns !== UNKNOWN && patterns !== undefined && patterns !== null) {
        if (!Array.isArray(patterns)) {
          report("actions permissions have allowedActionsConfig.patternsAlloweds malformed");
        } else {
          const wildcards = verdict.read(() =>
            (patterns as unknown[]).filter((p) => EVERY_ACTION.includes(p as string)),
          );
          if (wildcards !== UNKNOWN && wildcards.length > 0) {
            report(
              "actions permissions allow every action through " +
                "allowedActionsConfig.patternsAlloweds " +
                wildcards.map((p) => JSON.stringify(p)).join(", "),
            );
          }
        }
      }
    }
    verdict.finish();
  },
});
