/**
 * A merge to the default branch deploys: in the protected deployment environment (its reviewers
 * approve before the job starts), the gate, then `pulumi up --policy-pack policy-pack` with the
 * deploy role, whose trust admits only this environment's jobs. One deployment per stack at a time,
 * shared with rollbacks, and never cancelled mid-update. Whatever the outcome, a deployment record
 * goes to the ledger in the audit archive.
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
      permissions: { contents: "read", "id-token": "write", "pull-requests": "read" },
      "timeout-minutes": 120,
      steps: [
        checkout(),
        ...install(),
        gate(),
        gateSummary(),
        assumeRole(VARS.deployRole),
        pulumi("up"),
        ledgerRecord("deploy"),
      ],
    },
  },
};
