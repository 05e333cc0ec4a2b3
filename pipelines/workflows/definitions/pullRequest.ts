/**
 * Every pull request: the tests and the gate, the two checks the default-branch ruleset requires
 * (github.requiredChecks; a test keeps the job names equal to them). Neither job holds a secret or
 * assumes a role, so both run for pull requests from forks too; the SARIF upload and the comment
 * need a writable token, which a fork's run does not get, so a fork's report stays on the job's
 * summary page. The preview with real credentials is preview.ts.
 */
import { ACTIONS } from "../actions";
import { checkout, gate, gateSummary, install, RUNNER, type Workflow } from "../model";

const SAME_REPOSITORY = "github.event.pull_request.head.repo.full_name == github.repository";

export const pullRequest: Workflow = {
  name: "Pull request",
  on: { pull_request: { branches: ["main"] } },
  permissions: {},
  concurrency: {
    group: "pull-request-${{ github.event.pull_request.number }}",
    "cancel-in-progress": true,
  },
  jobs: {
    test: {
      name: "test",
      "runs-on": RUNNER,
      permissions: { contents: "read" },
      "timeout-minutes": 60,
      steps: [checkout(), ...install(), { name: "Lint, type-check and test", run: "npm test" }],
    },
    gate: {
      name: "gate",
      "runs-on": RUNNER,
      permissions: { contents: "read", "security-events": "write", "pull-requests": "write" },
      "timeout-minutes": 20,
      steps: [
        checkout(),
        ...install(),
        gate(),
        gateSummary(),
        {
          name: "Findings to code scanning",
          if: `always() && steps.gate.outcome != 'skipped' && ${SAME_REPOSITORY}`,
          uses: ACTIONS.uploadSarif.uses,
          with: { sarif_file: "gate.sarif", category: "soc2-gate" },
        },
        {
          name: "Gate report as a pull-request comment",
          if: `always() && steps.gate.outcome != 'skipped' && ${SAME_REPOSITORY}`,
          run: 'gh pr comment "$PR" --body-file gate.md --edit-last || gh pr comment "$PR" --body-file gate.md',
          env: {
            GH_TOKEN: "${{ github.token }}",
            GH_REPO: "${{ github.repository }}",
            PR: "${{ github.event.pull_request.number }}",
          },
        },
      ],
    },
  },
};
