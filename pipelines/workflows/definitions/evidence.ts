/**
 * Evidence on a schedule and on demand: the auditor's bundle of the committed stack (npm run
 * evidence), with the change history from GitHub (the job's token reads pull requests and checks),
 * kept as a build artifact. No AWS role: the bundle judges the program as committed. Each deploy
 * also files its bundle in the audit archive (deploy.ts).
 */
import { ACTIONS } from "../actions";
import { checkout, install, RUNNER, type Workflow } from "../model";

export const evidence: Workflow = {
  name: "Evidence",
  on: { schedule: [{ cron: "23 6 * * 1" }], workflow_dispatch: {} },
  permissions: {},
  jobs: {
    evidence: {
      name: "evidence",
      "runs-on": RUNNER,
      permissions: { contents: "read", "pull-requests": "read", checks: "read" },
      "timeout-minutes": 30,
      steps: [
        checkout({ "fetch-depth": 0 }),
        ...install(),
        {
          name: "Evidence bundle",
          run: 'npm run evidence -- --out evidence --stack "$STACK"\nnpm run evidence:verify -- evidence',
          env: {
            STACK: "${{ vars.PULUMI_STACK || 'example' }}",
            GITHUB_TOKEN: "${{ github.token }}",
          },
        },
        {
          name: "Keep the bundle",
          uses: ACTIONS.uploadArtifact.uses,
          with: { name: "evidence-${{ github.run_id }}", path: "evidence", "retention-days": 90 },
        },
      ],
    },
  },
};
