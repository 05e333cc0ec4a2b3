import { resourcePolicy } from "../../../lib/definePolicy";
import { WORKFLOW_PERMISSIONS } from "../../../lib/github";
import { shown } from "../../../lib/props";
import { UNKNOWN, Verdict } from "../../../lib/unknowns";

/**
 * name: github-workflow-repository-permissions-enforce-read-only
 * description: Workflows get a read-only GITHUB_TOKEN that cannot approve pull requests.
 * severity: high
 * tags:
 *
 * Judges repository and organization workflow permissions alike; an unset setting leaves the
 * choice to GitHub's defaults, which this policy does not rely on.
 */
export const enforceReadOnly = resourcePolicy({
  name: "github-workflow-repository-permissions-enforce-read-only",
  description: "Workflows get a read-only GITHUB_TOKEN that cannot approve pull requests.",
  severity: "high",
  remediationSteps:
    "On the github.WorkflowRepositoryPermissions (or ActionsOrganizationWorkflowPermissions) set " +
    'defaultWorkflowPermissions: "read" and canApprovePullRequestReviews: false; grant a ' +
    "workflow more through its own permissions block.",
  types: WORKFLOW_PERMISSIONS,
  validate: (resource, report) => {
    const verdict = new Verdict();
    const props = resource.props;
    const defaults = verdict.read(() => props.defaultWorkflowPermissions as unknown);
    if (defaults !== UNKNOWN && defaults !== "read") {
      report(`workflow permissions have defaultWorkflowPermissions ${shown(defaults)}, not "read"`);
    }
    const approve = verdict.read(() => props.canApprovePullRequestReviews as unknown);
    if (approve !== UNKNOWN && approve !== false) {
      report(`workflow permissions have canApprovePullRequestReviews ${shown(approve)}, not false`);
    }
    verdict.finish();
  },
});
