/**
 * The rules every managed default branch gets, shared by the repository and organization rulesets
 * (SOC 2 CC8.1): no deletion or force push, linear history, signed commits, reviewed pull requests
 * and required checks on an up-to-date branch.
 */
import type { BypassActor } from "../githubSettings";

export interface DefaultBranchPolicy {
  /** Approvals a pull request needs. @default 2 */
  requiredApprovals: number;
  /** Only signed commits. @default true */
  requireSignedCommits: boolean;
  /** Status checks that must pass on an up-to-date branch. @default ["test", "gate"] */
  requiredChecks: string[];
  /** Who may bypass, each with a reason (kept in config, not sent to GitHub). @default [] */
  bypassActors: BypassActor[];
}

export function defaultBranchRules(policy: DefaultBranchPolicy) {
  return {
    deletion: true,
    nonFastForward: true,
    requiredLinearHistory: true,
    requiredSignatures: policy.requireSignedCommits,
    pullRequest: {
      requiredApprovingReviewCount: policy.requiredApprovals,
      dismissStaleReviewsOnPush: true,
      requireCodeOwnerReview: true,
      requireLastPushApproval: true,
      requiredReviewThreadResolution: true,
    },
    requiredStatusChecks: {
      strictRequiredStatusChecksPolicy: true,
      requiredChecks: policy.requiredChecks.map((context) => ({ context })),
    },
  };
}

/** The bypass actors as GitHub takes them; their reasons stay in the stack config. */
export function bypassActorsOf(policy: DefaultBranchPolicy) {
  return policy.bypassActors.map(({ actorId, actorType, bypassMode }) => ({
    actorId,
    actorType,
    bypassMode,
  }));
}

/** The condition that selects each repository's default branch. */
export const DEFAULT_BRANCH = { includes: ["~DEFAULT_BRANCH"], excludes: [] };
