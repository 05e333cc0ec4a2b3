/**
 * OpenSSF Scorecard's Branch-Protection check, computed for the ruleset the baseline registers, from
 * Scorecard's published criteria (docs/checks.md, "Branch-Protection"): tiered scoring, each tier
 * counting only when every tier before it is fully met.
 *   Tier 1 (3/10): prevent force push; prevent branch deletion; administrators included.
 *   Tier 2 (6/10): required reviewers ≥ 1; strict status checks (branch up to date).
 *   Tier 3 (8/10): status checks defined.
 *   Tier 4 (9/10): required reviewers ≥ 2.
 *   Tier 5 (10/10): dismiss stale reviews; require code-owner review.
 */
import { PROJECT } from "../../../infra/config";
import { EXAMPLE_CONFIG, resource, runBaseline } from "../../support/baseline";

interface Ruleset {
  enforcement: string;
  bypassActors: unknown[];
  rules: {
    deletion?: boolean;
    nonFastForward?: boolean;
    pullRequest?: {
      requiredApprovingReviewCount?: number;
      dismissStaleReviewsOnPush?: boolean;
      requireCodeOwnerReview?: boolean;
    };
    requiredStatusChecks?: {
      strictRequiredStatusChecksPolicy?: boolean;
      requiredChecks?: unknown[];
    };
  };
}

const TIERS: { score: number; met: (r: Ruleset) => boolean }[] = [
  {
    score: 3,
    // A ruleset with no bypass actors binds administrators too.
    met: (r) =>
      r.enforcement === "active" &&
      r.rules.nonFastForward === true &&
      r.rules.deletion === true &&
      r.bypassActors.length === 0,
  },
  {
    score: 6,
    met: (r) =>
      (r.rules.pullRequest?.requiredApprovingReviewCount ?? 0) >= 1 &&
      r.rules.requiredStatusChecks?.strictRequiredStatusChecksPolicy === true,
  },
  { score: 8, met: (r) => (r.rules.requiredStatusChecks?.requiredChecks?.length ?? 0) > 0 },
  { score: 9, met: (r) => (r.rules.pullRequest?.requiredApprovingReviewCount ?? 0) >= 2 },
  {
    score: 10,
    met: (r) =>
      r.rules.pullRequest?.dismissStaleReviewsOnPush === true &&
      r.rules.pullRequest?.requireCodeOwnerReview === true,
  },
];

/** The Branch-Protection score: the last tier reached with every earlier tier met. */
function branchProtectionScore(ruleset: Ruleset): number {
  let score = 0;
  for (const tier of TIERS) {
    if (!tier.met(ruleset)) break;
    score = tier.score;
  }
  return score;
}

async function defaultRuleset(config: Record<string, string>): Promise<Ruleset> {
  const run = await runBaseline(config);
  return resource(
    run,
    "github:index/repositoryRuleset:RepositoryRuleset",
    "payments-api-default-branch",
  ).inputs as unknown as Ruleset;
}

test("the baseline's default ruleset reaches tier 5, 10/10", async () => {
  expect(branchProtectionScore(await defaultRuleset(EXAMPLE_CONFIG))).toBe(10);
});

test("one required approval instead of two drops it to tier 3, 8/10", async () => {
  const github = JSON.parse(EXAMPLE_CONFIG[`${PROJECT}:github`]) as Record<string, unknown>;
  const config = {
    ...EXAMPLE_CONFIG,
    [`${PROJECT}:github`]: JSON.stringify({ ...github, requiredApprovals: 1 }),
  };
  expect(branchProtectionScore(await defaultRuleset(config))).toBe(8);
});

test("the scorer follows the tiers: a bypass actor costs every tier", () => {
  const full: Ruleset = {
    enforcement: "active",
    bypassActors: [],
    rules: {
      deletion: true,
      nonFastForward: true,
      pullRequest: {
        requiredApprovingReviewCount: 2,
        dismissStaleReviewsOnPush: true,
        requireCodeOwnerReview: true,
      },
      requiredStatusChecks: {
        strictRequiredStatusChecksPolicy: true,
        requiredChecks: [{ context: "gate" }],
      },
    },
  };
  expect(branchProtectionScore(full)).toBe(10);
  expect(branchProtectionScore({ ...full, bypassActors: [{ actorId: 1 }] })).toBe(0);
  expect(
    branchProtectionScore({
      ...full,
      rules: { ...full.rules, requiredStatusChecks: { strictRequiredStatusChecksPolicy: false } },
    }),
  ).toBe(3);
});
