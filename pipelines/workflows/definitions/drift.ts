/**
 * Drift: every day, the stack refreshed from the cloud and previewed with the read-only role,
 * expecting no change. A change means someone altered a resource outside the pipeline (or a
 * control drifted): the job fails and opens an issue for the platform team (CC7.1, CC8.1).
 */
import { assumeRole, checkout, install, pulumi, RUNNER, VARS, type Workflow } from "../model";

export const drift: Workflow = {
  name: "Drift",
  on: { schedule: [{ cron: "17 5 * * *" }], workflow_dispatch: {} },
  permissions: {},
  concurrency: { group: "drift", "cancel-in-progress": false },
  jobs: {
    drift: {
      name: "drift",
      "runs-on": RUNNER,
      permissions: { contents: "read", "id-token": "write", issues: "write" },
      "timeout-minutes": 30,
      steps: [
        checkout(),
        ...install(),
        assumeRole(VARS.previewRole),
        pulumi("preview", { refresh: true, "expect-no-changes": true }),
        {
          name: "Open an issue on drift",
          if: "failure() && steps.preview.outcome == 'failure'",
          run: [
            'RUN="$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID"',
            'gh issue create --title "Drift in stack $STACK" --body "The scheduled preview of $STACK found changes made outside the pipeline: $RUN"',
          ].join("\n"),
          env: {
            GH_TOKEN: "${{ github.token }}",
            GH_REPO: "${{ github.repository }}",
            STACK: VARS.stack,
          },
        },
      ],
    },
  },
};
