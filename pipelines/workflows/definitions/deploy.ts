/**
 * A merge to the default branch deploys: in the protected deployment environment (its reviewers
 * approve before the job starts), the gate, then `pulumi up --policy-pack policy-pack` with the
 * deploy role, whose trust admits only this environment's jobs. One deployment per stack at a time,
 * shared with rollbacks, and never cancelled mid-update. Whatever the outcome, a deployment record
 * goes to the ledger in the audit archive, and after a successful update the evidence bundle too.
 */
import {
  assumeRole,
  checkout,
  gate,
  gateSummary,
  install,
  pulumi,
  RUNNER,
  VARS,
  type Workflow,
} from "../model";
import { DEPLOYMENT_CONCURRENCY, DEPLOYMENT_ENVIRONMENT, ledgerRecord } from "./shared";

export const deploy: Workflow = {
  name: "Deploy",
  on: { push: { branches: ["main"] } },
  permissions: {},
  jobs: {
    deploy: {
      name: "deploy",
      "runs-on": RUNNER,
      environment: DEPLOYMENT_ENVIRONMENT,
      concurrency: DEPLOYMENT_CONCURRENCY,
      permissions: {
        contents: "read",
        "id-token": "write",
        "pull-requests": "read",
        checks: "read",
      },
      "timeout-minutes": 120,
      steps: [
        checkout(),
        ...install(),
        gate(),
        gateSummary(),
        assumeRole(VARS.deployRole),
        pulumi("up"),
        ledgerRecord("deploy"),
        {
          name: "File the evidence bundle in the audit archive",
          if: "steps.up.outcome == 'success'",
          run: 'npm run evidence -- --out evidence --stack "$STACK"\naws s3 cp evidence/ "$LEDGER/evidence/$GITHUB_RUN_ID/" --recursive',
          env: { STACK: VARS.stack, LEDGER: VARS.ledger, GITHUB_TOKEN: "${{ github.token }}" },
        },
      ],
    },
  },
};
