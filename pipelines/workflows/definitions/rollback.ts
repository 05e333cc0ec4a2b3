/**
 * A rollback is a deployment of an earlier commit through the same controls (CC8.1): dispatched by
 * hand with the target ref, the incident or post-mortem it answers and a reason. The program is
 * taken at the target ref, the policy pack and the gate from the protected branch, so a rollback
 * cannot bring back an older, weaker pack. First the gate in rollback mode and a preview with the
 * read-only role; then, after the deployment environment's reviewers approve, the gate again and
 * `pulumi up` with the deploy role, serialized with deployments; the ledger records it as a
 * rollback with its incident reference.
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
import {
  DEPLOYMENT_CONCURRENCY,
  DEPLOYMENT_ENVIRONMENT,
  ledgerRecord,
  TARGET_DIR,
  targetTree,
} from "./shared";

const TARGET = { TARGET_REF: "${{ inputs.target_ref }}" };
const rollbackGate = () => gate(' --rollback-ref "$TARGET_REF"', TARGET);
const inTarget = { "work-dir": TARGET_DIR, policyPacks: "${{ github.workspace }}/policy-pack" };

export const rollback: Workflow = {
  name: "Rollback",
  on: {
    workflow_dispatch: {
      inputs: {
        target_ref: {
          description: "The commit, tag or branch to roll back to",
          required: true,
          type: "string",
        },
        incident: {
          description: "The incident or post-mortem this rollback answers (e.g. INC-1234)",
          required: true,
          type: "string",
        },
        reason: { description: "Why this rollback", required: true, type: "string" },
      },
    },
  },
  permissions: {},
  jobs: {
    check: {
      name: "check",
      "runs-on": RUNNER,
      permissions: { contents: "read", "id-token": "write" },
      "timeout-minutes": 30,
      steps: [
        checkout({ "fetch-depth": 0 }),
        ...install(),
        rollbackGate(),
        gateSummary(),
        targetTree(),
        assumeRole(VARS.previewRole),
        pulumi("preview", inTarget),
      ],
    },
    rollback: {
      name: "rollback",
      "runs-on": RUNNER,
      needs: ["check"],
      environment: DEPLOYMENT_ENVIRONMENT,
      concurrency: DEPLOYMENT_CONCURRENCY,
      permissions: { contents: "read", "id-token": "write", "pull-requests": "read" },
      "timeout-minutes": 120,
      steps: [
        checkout({ "fetch-depth": 0 }),
        ...install(),
        rollbackGate(),
        gateSummary(),
        targetTree(),
        assumeRole(VARS.deployRole),
        pulumi("up", inTarget),
        ledgerRecord("rollback", {
          args: ' --target-ref "$TARGET_REF" --incident "$INCIDENT" --reason "$REASON"',
          env: {
            ...TARGET,
            COMMIT: "${{ inputs.target_ref }}",
            INCIDENT: "${{ inputs.incident }}",
            REASON: "${{ inputs.reason }}",
          },
        }),
      ],
    },
  },
};
