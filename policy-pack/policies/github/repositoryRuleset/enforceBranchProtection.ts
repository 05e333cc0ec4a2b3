import { resourcePolicy } from "../../../lib/definePolicy";
import { type BranchProtectionConfig, branchProtectionConfig, RULESETS } from "../../../lib/github";
import { field, shown } from "../../../lib/props";
import { UNKNOWN, Verdict } from "../../../lib/unknowns";

const PULL_REQUEST_FLAGS = [
  "dismissStaleReviewsOnPush",
  "requireCodeOwnerReview",
  "requireLastPushApproval",
  "requiredReviewThreadResolution",
];

/**
 * What a ruleset lacks to protect the default branch, as predicates ("has rules.deletion unset, not
 * true"); undefined when it does not apply to the default branch. Unknown values go to `verdict`
 * (an unknown target or ref list: no gaps, and the verdict incomplete).
 */
function protectionGaps(
  props: Record<string, unknown>,
  config: BranchProtectionConfig,
  verdict: Verdict,
): string[] | undefined {
  const target = verdict.read(() => props.target);
  const refs = verdict.read(() => field(field(props.conditions, "refName"), "includes"));
  if (target === UNKNOWN || refs === UNKNOWN) return [];
  if (target !== "branch" || !Array.isArray(refs)) return undefined;
  const onDefault = verdict.read(() => refs.includes("~DEFAULT_BRANCH"));
  if (onDefault === UNKNOWN) return [];
  if (!onDefault) return undefined;

  const gaps: string[] = [];
  /** Reports `at.key` unless it is `wanted` (without `wanted`: unless it is set); returns it. */
  const want = (at: unknown, path: string, key: string, wanted?: unknown) => {
    const value = verdict.read(() => field(at, key)) ?? undefined;
    if (value === UNKNOWN) return value;
    if (wanted === undefined) {
      if (value === undefined) gaps.push(`has ${path}${key} unset`);
    } else if (value !== wanted) {
      gaps.push(`has ${path}${key} ${shown(value)}, not ${shown(wanted)}`);
    }
    return value;
  };
  want(props, "", "enforcement", "active");
  const flags = ["deletion", "nonFastForward", "requiredLinearHistory"];
  if (config.requireSignedCommits) flags.push("requiredSignatures");
  for (const flag of flags) want(props.rules, "rules.", flag, true);

  const pr = want(props.rules, "rules.", "pullRequest");
  if (pr !== undefined && pr !== UNKNOWN) {
    const count = verdict.read(() => field(pr, "requiredApprovingReviewCount"));
    if (count !== UNKNOWN && !(typeof count === "number" && count >= config.minApprovals)) {
      gaps.push(
        `has rules.pullRequest.requiredApprovingReviewCount ${shown(count)}, not at least ` +
          `${config.minApprovals}`,
      );
    }
    for (const flag of PULL_REQUEST_FLAGS) want(pr, "rules.pullRequest.", flag, true);
  }
  const checks = want(props.rules, "rules.", "requiredStatusChecks");
  if (checks !== undefined && checks !== UNKNOWN) {
    want(checks, "rules.requiredStatusChecks.", "strictRequiredStatusChecksPolicy", true);
    const contexts = verdict.read(() => {
      const list = field(checks, "requiredChecks");
      return Array.isArray(list) ? list.map((c) => field(c, "context")) : [];
    });
    const missing =
      contexts === UNKNOWN ? [] : config.requiredChecks.filter((c) => !contexts.includes(c));
    if (missing.length > 0) {
      gaps.push(
        "has rules.requiredStatusChecks.requiredChecks without " +
          missing.map((c) => JSON.stringify(c)).join(", "),
      );
    }
  }
  return gaps;
}

/**
 * name: github-repository-ruleset-enforce-branch-protection
 * description: A ruleset on the default branch enforces reviewed, checked, linear, signed history.
 * severity: high
 * tags:
 *
 * Judges repository and organization rulesets that target branches and include ~DEFAULT_BRANCH;
 * others are not applicable. A value unknown in a preview leaves the policy unable to run.
 * github-repository-missing-ruleset runs this policy on each repository's rulesets.
 */
export const enforceBranchProtection = resourcePolicy<BranchProtectionConfig>({
  name: "github-repository-ruleset-enforce-branch-protection",
  description:
    "A ruleset on the default branch enforces reviewed, checked, linear, signed history.",
  severity: "high",
  remediationSteps:
    'On the github.RepositoryRuleset (or OrganizationRuleset) set enforcement: "active"; rules ' +
    "deletion, nonFastForward, requiredLinearHistory and requiredSignatures: true; a pullRequest " +
    "rule with requiredApprovingReviewCount of at least minApprovals, dismissStaleReviewsOnPush, " +
    "requireCodeOwnerReview, requireLastPushApproval and requiredReviewThreadResolution: true; " +
    "and a requiredStatusChecks rule with strictRequiredStatusChecksPolicy: true listing every " +
    "configured check in requiredChecks.",
  config: branchProtectionConfig,
  types: RULESETS,
  validate: (resource, report, config) => {
    const verdict = new Verdict();
    const gaps = protectionGaps(resource.props, config, verdict);
    if (gaps === undefined) {
      resource.notApplicable("the ruleset does not protect the default branch");
    }
    for (const gap of gaps ?? []) report(`ruleset ${gap}`);
    verdict.finish();
  },
});
