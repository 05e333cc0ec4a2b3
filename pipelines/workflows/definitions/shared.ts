/** What the deploying workflows (deploy.ts, rollback.ts) share. */
import { PULUMI_ENV, type Step, VARS } from "../model";

/**
 * The protected environment deploys and rollbacks run in: the example stack's
 * github.deploymentEnvironment (infra/githubSettings.ts), whose reviewers approve every run.
 */
export const DEPLOYMENT_ENVIRONMENT = "production";

/** One deployment or rollback per stack at a time; a started update is never cancelled. */
export const DEPLOYMENT_CONCURRENCY = {
  group: "deploy-${{ vars.PULUMI_STACK }}",
  "cancel-in-progress": false,
};

/**
 * The record of a deployment or rollback, whatever its outcome, written to the ledger in the audit
 * archive (Object Lock keeps it): the commit, its pull request and approvers, the pack's version
 * and hash, the gate's summary and Pulumi's update summary (pipelines/ledger/).
 */
export function ledgerRecord(
  kind: "deploy" | "rollback",
  extra: { args: string; env: Record<string, string> } = { args: "", env: {} },
): Step {
  return {
    name: "Record the deployment in the ledger",
    if: "always() && steps.gate.outcome != 'skipped'",
    run: [
      'gh api "repos/$GITHUB_REPOSITORY/commits/$COMMIT/pulls" > pulls.json',
      "PR=$(jq -r '.[0].number // empty' pulls.json)",
      'if [ -n "$PR" ]; then gh api "repos/$GITHUB_REPOSITORY/pulls/$PR/reviews" > reviews.json; else echo "[]" > reviews.json; fi',
      'pulumi stack history --stack "$STACK" --json --page-size 1 > update.json || echo "[]" > update.json',
      `npm run ledger -- record --kind ${kind} --commit "$COMMIT" --outcome "$OUTCOME" --pulls pulls.json --reviews reviews.json --gate gate.json --update update.json --out ledger${extra.args}`,
      'aws s3 cp ledger/ "$LEDGER/" --recursive',
    ].join("\n"),
    env: {
      GH_TOKEN: "${{ github.token }}",
      STACK: VARS.stack,
      LEDGER: VARS.ledger,
      COMMIT: "${{ github.sha }}",
      OUTCOME: "${{ steps.up.outcome }}",
      PULUMI_ACCESS_TOKEN: PULUMI_ENV.PULUMI_ACCESS_TOKEN,
      ...extra.env,
    },
  };
}

/**
 * The program as it was at the rollback's target ref, in its own folder with its own locked
 * dependencies; the policy pack stays the protected branch's.
 */
export const TARGET_DIR = "${{ runner.temp }}/target";

export function targetTree(): Step {
  return {
    name: "Check out the target ref beside the protected branch",
    run: 'git worktree add --detach "$TARGET_DIR" "$TARGET_REF"\nnpm ci --no-audit --no-fund --prefix "$TARGET_DIR"',
    env: { TARGET_DIR, TARGET_REF: "${{ inputs.target_ref }}" },
  };
}
