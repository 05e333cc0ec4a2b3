/**
 * The workflows as data: the shapes of a GitHub Actions workflow the definitions use, and the steps
 * they share. Keys keep GitHub's spelling, so what is written here is what the YAML says.
 */
import { ACTIONS } from "./actions";

export type Permission = "read" | "write" | "none";

export interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
  run?: string;
  env?: Record<string, string>;
  "working-directory"?: string;
}

export interface Job {
  name: string;
  "runs-on": string;
  if?: string;
  needs?: string[];
  environment?: string;
  permissions: Record<string, Permission>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  "timeout-minutes": number;
  env?: Record<string, string>;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions: Record<string, Permission>;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}

/** The runner of every job: GitHub-hosted, so that pull requests from forks never reach ours. */
export const RUNNER = "ubuntu-24.04";

/** The repository variables the stack sets (infra/github/deploymentVariables.ts). */
export const VARS = {
  stack: "${{ vars.PULUMI_STACK }}",
  region: "${{ vars.AWS_REGION }}",
  previewRole: "${{ vars.AWS_PREVIEW_ROLE_ARN }}",
  deployRole: "${{ vars.AWS_DEPLOY_ROLE_ARN }}",
  ledger: "${{ vars.AUDIT_LEDGER_URI }}",
  backend: "${{ vars.PULUMI_BACKEND_URL }}",
};

/** The checkout keeps no token in .git/config: later steps cannot push with it (CC8.1). */
export function checkout(extra: Record<string, string | number> = {}): Step {
  return {
    name: "Check out",
    uses: ACTIONS.checkout.uses,
    with: { "persist-credentials": false, ...extra },
  };
}

/** Node.js 20 with npm's cache, then the locked dependencies (the pack builds in postinstall). */
export function install(): Step[] {
  return [
    {
      name: "Set up Node.js",
      uses: ACTIONS.setupNode.uses,
      with: { "node-version": 20, cache: "npm" },
    },
    { name: "Install", run: "npm ci --no-audit --no-fund" },
  ];
}

/** Assumes a role through GitHub's OIDC token; no AWS key is stored anywhere (CC6.1). */
export function assumeRole(roleArn: string): Step {
  return {
    name: "Assume the AWS role",
    uses: ACTIONS.configureAwsCredentials.uses,
    with: { "role-to-assume": roleArn, "aws-region": VARS.region, "role-duration-seconds": 3600 },
  };
}

/**
 * What the Pulumi CLI needs besides AWS: the backend (Pulumi Cloud's token, or a self-managed
 * backend's URL and secrets passphrase) and the GitHub provider's token.
 */
export const PULUMI_ENV: Record<string, string> = {
  PULUMI_ACCESS_TOKEN: "${{ secrets.PULUMI_ACCESS_TOKEN }}",
  PULUMI_CONFIG_PASSPHRASE: "${{ secrets.PULUMI_CONFIG_PASSPHRASE }}",
  GITHUB_TOKEN: "${{ secrets.BASELINE_GITHUB_TOKEN }}",
};

/** A Pulumi CLI command on the stack with the policy pack, as pulumi/actions runs it. */
export function pulumi(
  command: "preview" | "up",
  extra: Record<string, string | boolean> = {},
): Step {
  return {
    name: `pulumi ${command} with the policy pack`,
    id: command,
    uses: ACTIONS.pulumi.uses,
    with: {
      command,
      "stack-name": VARS.stack,
      "cloud-url": VARS.backend,
      policyPacks: "policy-pack",
      ...extra,
    },
    env: PULUMI_ENV,
  };
}

/**
 * The gate over the checked-out program and the stack's committed config (the example stack until
 * PULUMI_STACK is set), writing its Markdown, JSON and SARIF reports.
 */
export function gate(extraArgs = "", env: Record<string, string> = {}): Step {
  return {
    name: "Gate",
    id: "gate",
    run:
      `npm run gate -- --stack "$STACK"${extraArgs} --format markdown --out gate.md ` +
      "--report json=gate.json --report sarif=gate.sarif",
    env: { STACK: "${{ vars.PULUMI_STACK || 'example' }}", ...env },
  };
}

/** After the gate ran, whatever its verdict: its Markdown report on the job's summary page. */
export function gateSummary(): Step {
  return {
    name: "Gate report on the job summary",
    if: "always() && steps.gate.outcome != 'skipped'",
    run: 'cat gate.md >> "$GITHUB_STEP_SUMMARY"',
  };
}
