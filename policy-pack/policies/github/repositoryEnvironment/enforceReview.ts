import { resourcePolicy } from "../../../lib/definePolicy";
import { GITHUB } from "../../../lib/github";
import { field, shown } from "../../../lib/props";
import { UNKNOWN, Verdict } from "../../../lib/unknowns";

/**
 * name: github-repository-environment-enforce-review
 * description: Deploying to an environment needs a reviewer's approval and a protected branch.
 * severity: high
 * tags:
 *
 * Reviewers count by the team and user ids listed, so ids unknown in a preview (a team's id) still
 * count. canAdminsBypass defaults to true in the provider, so leaving it unset is a violation.
 */
export const enforceReview = resourcePolicy({
  name: "github-repository-environment-enforce-review",
  description: "Deploying to an environment needs a reviewer's approval and a protected branch.",
  severity: "high",
  remediationSteps:
    "On the github.RepositoryEnvironment set reviewers to at least one team or user id, " +
    "preventSelfReview: true, canAdminsBypass: false and deploymentBranchPolicy " +
    "{ protectedBranches: true, customBranchPolicies: false }.",
  types: [GITHUB.repositoryEnvironment],
  validate: (resource, report) => {
    const verdict = new Verdict();
    const props = resource.props;
    // Lengths only: the ids themselves are often unknown in a preview.
    const reviewers = verdict.read(() => {
      const list = props.reviewers as unknown;
      if (!Array.isArray(list)) return 0;
      const ids = (r: unknown, key: string) => {
        const value = field(r, key);
        return Array.isArray(value) ? value.length : 0;
      };
      return list.reduce<number>((n, r) => n + ids(r, "teams") + ids(r, "users"), 0);
    });
    if (reviewers === 0) report("environment has no required reviewers");
    const want = (at: unknown, path: string, key: string, wanted: boolean) => {
      const value = verdict.read(() => field(at, key));
      if (value !== UNKNOWN && value !== wanted) {
        report(`environment has ${path}${key} ${shown(value)}, not ${wanted}`);
      }
    };
    want(props, "", "preventSelfReview", true);
    want(props, "", "canAdminsBypass", false);
    const branches = verdict.read(() => props.deploymentBranchPolicy as unknown);
    if (branches === undefined || branches === null) {
      report("environment has deploymentBranchPolicy unset");
    } else if (branches !== UNKNOWN) {
      want(branches, "deploymentBranchPolicy.", "protectedBranches", true);
      want(branches, "deploymentBranchPolicy.", "customBranchPolicies", false);
    }
    verdict.finish();
  },
});
