/**
 * What Actions may run and what the workflow token may do, shared by the repository and
 * organization settings (SOC 2 CC6.8): only GitHub's own, verified creators' and listed actions,
 * each pinned to a full commit SHA; a token that reads by default and cannot approve pull requests.
 */

export function selectedActions(allowedActions: string[]) {
  return {
    allowedActions: "selected",
    allowedActionsConfig: {
      githubOwnedAllowed: true,
      verifiedAllowed: true,
      patternsAlloweds: allowedActions,
    },
    shaPinningRequired: true,
  };
}

export const READ_ONLY_WORKFLOW_TOKEN = {
  defaultWorkflowPermissions: "read",
  canApprovePullRequestReviews: false,
};
