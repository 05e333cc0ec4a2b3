/**
 * The hardening checks: the fully hardened fixture passes; each rule is then fed the fixture with
 * one line changed (where one line can show the weakness) and must report exactly one finding.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { checkWorkflow, type Finding } from "../../../pipelines/workflows/hardening";

const HARDENED = readFileSync(path.join(__dirname, "fixtures", "hardened.yml"), "utf8");
const FILE = ".github/workflows/deploy.yml";
const CHECKOUT = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683";
const PULUMI = "pulumi/actions@8e5e406f4007fca908480587cb9893c07090f58d";
const UNTRUSTED_ADVICE =
  "where it can inject code; pass it through env: and read the variable instead";
const CANCEL_REASON = "so no newer run cancels an update half-way";
const READ_ONLY_ADVICE =
  'keep them read-only ("permissions: {}") and grant write access only to the jobs that need it';

const check = (text: string, deploymentEnvironment = "production"): Finding[] =>
  checkWorkflow(FILE, text, { deploymentEnvironment });

/**
 * The hardened fixture with each [line, from, to] applied: `from` must be on that (1-based) line
 * of the fixture. A `to` with newlines adds lines, which moves the lines below it down.
 */
function hardenedWith(...edits: [line: number, from: string, to: string][]): string {
  const lines = HARDENED.split("\n");
  for (const [line, from, to] of edits) {
    if (!lines[line - 1].includes(from)) throw new Error(`line ${line} has no ${from}`);
    lines[line - 1] = lines[line - 1].replace(from, to);
  }
  return lines.join("\n");
}

// toEqual takes `job: undefined` for an absent job.
const finding = (line: number, rule: Finding["rule"], message: string, job?: string): Finding => ({
  file: FILE,
  line,
  job,
  rule,
  message,
});

test("the hardened workflow has no finding", () => {
  expect(check(HARDENED)).toEqual([]);
});

describe("unpinned-action", () => {
  test.each([
    ["a tag", "@v4"],
    ["a branch", "@main"],
    ["a short SHA", "@11bd719"],
    ["an upper-case SHA", "@11BD71901BBE5B1630CEEA73D27597364C9AF683"],
    ["no ref at all", ""],
  ])("a step pinned to %s", (_, ref) => {
    const text = hardenedWith([46, "@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2", ref]);
    expect(check(text)).toEqual([
      finding(
        46,
        "unpinned-action",
        `job "deploy" step "Check out the program" uses "actions/checkout${ref}", which is not pinned to a full 40-character commit SHA`,
        "deploy",
      ),
    ]);
  });

  test.each([
    ["no comment", ""],
    ["a comment that names no version", " # pinned"],
  ])("a SHA with %s", (_, comment) => {
    expect(check(hardenedWith([55, " # v7", comment]))).toEqual([
      finding(
        55,
        "unpinned-action",
        `job "deploy" step "Deploy" uses "${PULUMI}" without a "# vX.Y" comment naming the version it pins`,
        "deploy",
      ),
    ]);
  });

  test("a quoted SHA keeps its comment", () => {
    expect(check(hardenedWith([55, PULUMI, `"${PULUMI}"`]))).toEqual([]);
  });

  test("a Docker image by tag; by digest it is pinned", () => {
    const tagged = hardenedWith([
      68,
      "./.github/actions/record-deployment",
      "docker://alpine:3.20",
    ]);
    expect(check(tagged)).toEqual([
      finding(
        68,
        "unpinned-action",
        'job "deploy" step "Record" uses "docker://alpine:3.20", which is not pinned to a sha256 digest',
        "deploy",
      ),
    ]);
    const digest = `docker://alpine@sha256:${"0123456789abcdef".repeat(4)}`;
    expect(check(hardenedWith([68, "./.github/actions/record-deployment", digest]))).toEqual([]);
  });

  test("an unnamed step is named by its position", () => {
    expect(check(hardenedWith([54, "name: Deploy", "id: deploy"], [55, " # v7", ""]))).toEqual([
      finding(
        55,
        "unpinned-action",
        `job "deploy" step 3 uses "${PULUMI}" without a "# vX.Y" comment naming the version it pins`,
        "deploy",
      ),
    ]);
  });

  test("a job calling a reusable workflow by branch; by SHA with a comment, or locally, it is pinned", () => {
    const calling = (uses: string) =>
      hardenedWith([
        16,
        "  test:",
        `  call:\n    permissions:\n      id-token: write\n    uses: ${uses}\n  test:`,
      ]);
    expect(check(calling("example-org/workflows/.github/workflows/release.yml@main"))).toEqual([
      finding(
        19,
        "unpinned-action",
        'job "call" uses "example-org/workflows/.github/workflows/release.yml@main", which is not pinned to a full 40-character commit SHA',
        "call",
      ),
    ]);
    expect(
      check(
        calling(`example-org/workflows/.github/workflows/release.yml@${"a".repeat(40)} # v1.2`),
      ),
    ).toEqual([]);
    expect(check(calling("./.github/workflows/release.yml"))).toEqual([]);
  });

  test("a step reused through a YAML alias is judged in every job that uses it", () => {
    const text = [
      "on: push",
      "permissions: {}",
      "jobs:",
      "  a:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - &checkout",
      "        uses: actions/checkout@v4",
      "        with: { persist-credentials: false }",
      "  b:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      "      - *checkout",
    ].join("\n");
    const message = (job: string) =>
      `job "${job}" step 1 uses "actions/checkout@v4", which is not pinned to a full 40-character commit SHA`;
    expect(check(text)).toEqual([
      finding(8, "unpinned-action", message("a"), "a"),
      finding(8, "unpinned-action", message("b"), "b"),
    ]);
  });
});

describe("top-level-permissions", () => {
  test("missing", () => {
    expect(check(hardenedWith([11, "permissions: {}", ""]))).toEqual([
      finding(
        2,
        "top-level-permissions",
        'the workflow has no top-level permissions; add "permissions: {}" and grant each job only what it needs',
      ),
    ]);
  });

  test.each([
    ["write-all", "write-all"],
    ["empty", ""],
    ["[contents]", "[contents]"],
  ])("set to %s", (_, value) => {
    const shown = value ? `"${value}"` : "empty";
    expect(check(hardenedWith([11, "{}", value]))).toEqual([
      finding(
        11,
        "top-level-permissions",
        `the workflow's top-level permissions are ${shown}; ${READ_ONLY_ADVICE}`,
      ),
    ]);
  });

  test.each(["write", "admin"])("a scope granted %s", (level) => {
    const text = hardenedWith([11, "{}", `\n  contents: read\n  id-token: ${level}`]);
    expect(check(text)).toEqual([
      finding(
        13,
        "top-level-permissions",
        `the workflow's top-level permissions grant "id-token: ${level}"; ${READ_ONLY_ADVICE}`,
      ),
    ]);
  });

  test("read-all and read or none scopes are read-only", () => {
    expect(check(hardenedWith([11, "{}", "read-all"]))).toEqual([]);
    expect(check(hardenedWith([11, "{}", "{ contents: read, pull-requests: none }"]))).toEqual([]);
  });
});

describe("id-token-without-role", () => {
  test("a job that assumes no role", () => {
    expect(check(hardenedWith([19, "contents: read", "id-token: write"]))).toEqual([
      finding(
        19,
        "id-token-without-role",
        'job "test" grants id-token: write but assumes no role; remove it, or assume a role with aws-actions/configure-aws-credentials (role-to-assume) or pulumi/auth-actions',
        "test",
      ),
    ]);
  });

  test("configure-aws-credentials without role-to-assume assumes no role", () => {
    const text = hardenedWith([
      52,
      "role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}",
      "role-duration-seconds: 900",
    ]);
    expect(check(text)).toEqual([
      finding(
        43,
        "id-token-without-role",
        'job "deploy" grants id-token: write but assumes no role; remove it, or assume a role with aws-actions/configure-aws-credentials (role-to-assume) or pulumi/auth-actions',
        "deploy",
      ),
    ]);
  });

  test("pulumi/auth-actions assumes a role", () => {
    const text = hardenedWith(
      [
        50,
        "aws-actions/configure-aws-credentials@ececac1a45f3b08a01d2dd070d28d111c5fe6722 # v4.1.0",
        `pulumi/auth-actions@${"b".repeat(40)} # v1.0.1`,
      ],
      [52, "role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}", "organization: example-org"],
      [
        53,
        "aws-region: ${{ vars.AWS_REGION }}",
        "requested-token-type: urn:pulumi:token-type:access_token:organization",
      ],
    );
    expect(check(text)).toEqual([]);
  });
});

describe("dangerous-trigger", () => {
  const PR_TARGET =
    "the workflow runs on pull_request_target, with the base repository's secrets and a write token for events any fork can open; use pull_request";

  test("pull_request_target as a map key", () => {
    expect(check(hardenedWith([4, "push:", "pull_request_target:"]))).toEqual([
      finding(4, "dangerous-trigger", PR_TARGET),
    ]);
  });

  test.each([
    ["a string", "on: pull_request_target", 1],
    ["a list item", "on:\n  - push\n  - pull_request_target", 3],
    ["a flow list item", "on: [push, pull_request_target]", 1],
  ])("pull_request_target as %s", (_, on, line) => {
    expect(check(`${on}\npermissions: {}\njobs: {}\n`)).toEqual([
      finding(line, "dangerous-trigger", PR_TARGET),
    ]);
  });

  test.each([
    ["ref", "${{ github.event.workflow_run.head_sha }}"],
    ["repository", "${{ github.event.workflow_run.head_repository.full_name }}"],
  ])("workflow_run checking out the triggering run's %s", (input, value) => {
    const text = hardenedWith(
      [4, "push:", "workflow_run:"],
      [5, "branches: [main]", "workflows: [test]"],
      [
        48,
        "persist-credentials: false",
        `persist-credentials: false\n          ${input}: ${value}`,
      ],
    );
    expect(check(text)).toEqual([
      finding(
        49,
        "dangerous-trigger",
        `job "deploy" step "Check out the program" checks out "${value}" on workflow_run, running pull-request code with the base repository's secrets and write token`,
        "deploy",
      ),
    ]);
  });

  test("workflow_run checking out its own commit is not dangerous", () => {
    const text = hardenedWith(
      [4, "push:", "workflow_run:"],
      [5, "branches: [main]", "workflows: [test]"],
    );
    expect(check(text)).toEqual([]);
  });
});

describe("untrusted-expression", () => {
  test("a workflow_dispatch input inside run:", () => {
    expect(check(hardenedWith([32, "$REASON", "${{ inputs.reason }}"]))).toEqual([
      finding(
        32,
        "untrusted-expression",
        `job "test" step "Explain" interpolates "\${{ inputs.reason }}" into run:, ${UNTRUSTED_ADVICE}`,
        "test",
      ),
    ]);
  });

  test.each([
    "${{ github.event.pull_request.title }}",
    "${{github.event.comment.body}}",
    "${{ GitHub.Event.issue.body }}",
    "${{ github.event['pull_request']['title'] }}",
    "${{ toJSON(github.event) }}",
    "${{ github.event_path }}",
    "${{ github.head_ref }}",
    "${{ format('{0}', inputs.reason) }}",
  ])("%s inside run:", (expression) => {
    expect(check(hardenedWith([26, "npm ci && npm test", `echo "${expression}"`]))).toEqual([
      finding(
        26,
        "untrusted-expression",
        `job "test" step "Test" interpolates "${expression}" into run:, ${UNTRUSTED_ADVICE}`,
        "test",
      ),
    ]);
  });

  test.each([
    "${{ github.sha }}",
    "${{ github.event_name }}",
    "${{ vars.AWS_REGION }}",
    "${{ env.REASON }}",
    "${{ steps.plan.outputs.inputs.count }}",
  ])("%s inside run: is not untrusted", (expression) => {
    expect(check(hardenedWith([26, "npm ci && npm test", `echo "${expression}"`]))).toEqual([]);
  });

  test("each expression of a multi-line run: at its own line", () => {
    const text = hardenedWith(
      [32, "$REASON", "${{ inputs.reason }}"],
      [33, "$MESSAGE", "${{ github.event.head_commit.message }}"],
    );
    expect(check(text).map((f) => [f.line, f.message])).toEqual([
      [
        32,
        `job "test" step "Explain" interpolates "\${{ inputs.reason }}" into run:, ${UNTRUSTED_ADVICE}`,
      ],
      [
        33,
        `job "test" step "Explain" interpolates "\${{ github.event.head_commit.message }}" into run:, ${UNTRUSTED_ADVICE}`,
      ],
    ]);
  });

  test("an event value inside actions/github-script's script:", () => {
    expect(check(hardenedWith([66, "${process.env.AFTER}", "${{ github.event.after }}"]))).toEqual([
      finding(
        66,
        "untrusted-expression",
        `job "deploy" step "Summarize" interpolates "\${{ github.event.after }}" into script:, ${UNTRUSTED_ADVICE}`,
        "deploy",
      ),
    ]);
  });
});

describe("unprotected-deploy", () => {
  test("a deploy job in another environment", () => {
    expect(check(hardenedWith([37, "production", "staging"]))).toEqual([
      finding(
        37,
        "unprotected-deploy",
        'job "deploy" deploys in environment "staging", not in the protected environment "production"',
        "deploy",
      ),
    ]);
  });

  test("the protected environment comes from the options", () => {
    expect(check(HARDENED, "prod-eu")).toEqual([
      finding(
        37,
        "unprotected-deploy",
        'job "deploy" deploys in environment "production", not in the protected environment "prod-eu"',
        "deploy",
      ),
    ]);
  });

  test("the environment as a mapping is judged by its name", () => {
    const named = (name: string) =>
      hardenedWith([37, "production", `{ name: ${name}, url: https://example.org }`]);
    expect(check(named("production"))).toEqual([]);
    expect(check(named("staging"))).toEqual([
      finding(
        37,
        "unprotected-deploy",
        'job "deploy" deploys in environment "staging", not in the protected environment "production"',
        "deploy",
      ),
    ]);
  });

  test("a deploy job outside any environment", () => {
    expect(check(hardenedWith([37, "environment: production", ""]))).toEqual([
      finding(
        34,
        "unprotected-deploy",
        'job "deploy" deploys outside any environment; run it in the protected environment "production"',
        "deploy",
      ),
    ]);
  });

  test("a job concurrency group that cancels", () => {
    expect(check(hardenedWith([40, "false", "true"]))).toEqual([
      finding(
        40,
        "unprotected-deploy",
        `job "deploy" deploys under its concurrency group, which sets "cancel-in-progress: true"; set it to false ${CANCEL_REASON}`,
        "deploy",
      ),
    ]);
  });

  test("a workflow concurrency group that may cancel", () => {
    const expression = "${{ github.ref != 'refs/heads/main' }}";
    expect(check(hardenedWith([14, "false", expression]))).toEqual([
      finding(
        14,
        "unprotected-deploy",
        `job "deploy" deploys under the workflow's concurrency group, which sets "cancel-in-progress: ${expression}"; set it to false ${CANCEL_REASON}`,
        "deploy",
      ),
    ]);
  });

  test("a concurrency group that leaves cancel-in-progress unstated", () => {
    expect(check(hardenedWith([40, "cancel-in-progress: false", ""]))).toEqual([
      finding(
        38,
        "unprotected-deploy",
        `job "deploy" deploys under its concurrency group, which does not state "cancel-in-progress: false"; state it ${CANCEL_REASON}`,
        "deploy",
      ),
    ]);
    const groupOnly = hardenedWith(
      [12, "concurrency:", "concurrency: deploy"],
      [13, "group: deploy-${{ github.ref }}", ""],
      [14, "cancel-in-progress: false", ""],
    );
    expect(check(groupOnly)).toEqual([
      finding(
        12,
        "unprotected-deploy",
        `job "deploy" deploys under the workflow's concurrency group, which does not state "cancel-in-progress: false"; state it ${CANCEL_REASON}`,
        "deploy",
      ),
    ]);
  });

  test("a deploy job without any concurrency group", () => {
    const text = hardenedWith(
      [12, "concurrency:", ""],
      [13, "group: deploy-${{ github.ref }}", ""],
      [14, "cancel-in-progress: false", ""],
      [38, "concurrency:", ""],
      [39, "group: pulumi-production", ""],
      [40, "cancel-in-progress: false", ""],
    );
    expect(check(text)).toEqual([
      finding(
        34,
        "unprotected-deploy",
        'job "deploy" deploys without a concurrency group; add one with "cancel-in-progress: false" so deployments of a stack never overlap',
        "deploy",
      ),
    ]);
  });

  /** A one-job workflow with no environment and no concurrency group: a deploy job fails both. */
  const shipping = (...steps: string[]) =>
    [
      "on: push",
      "permissions: {}",
      "jobs:",
      "  ship:",
      "    runs-on: ubuntu-latest",
      "    steps:",
      ...steps,
    ].join("\n");
  const AWS =
    "aws-actions/configure-aws-credentials@ececac1a45f3b08a01d2dd070d28d111c5fe6722 # v4.1.0";

  test.each([
    ["pulumi up in run:", ["      - run: pulumi up --yes --stack production"]],
    ["pulumi up with options first", ["      - run: pulumi --cwd infra --non-interactive up"]],
    [
      "pulumi update in a script",
      [
        "      - run: |",
        "          pulumi stack select production",
        "          pulumi update --yes",
      ],
    ],
    [
      "pulumi/actions with command: up",
      [`      - uses: ${PULUMI} # v7`, "        with: { command: up, stack-name: production }"],
    ],
    [
      "the deploy role",
      [
        `      - uses: ${AWS}`,
        "        with:",
        "          role-to-assume: ${{ vars.AWS_DEPLOY_ROLE_ARN }}",
        "          aws-region: eu-west-1",
      ],
    ],
  ])("%s makes a deploy job", (_, steps) => {
    expect(check(shipping(...steps))).toEqual([
      finding(
        4,
        "unprotected-deploy",
        'job "ship" deploys outside any environment; run it in the protected environment "production"',
        "ship",
      ),
      finding(
        4,
        "unprotected-deploy",
        'job "ship" deploys without a concurrency group; add one with "cancel-in-progress: false" so deployments of a stack never overlap',
        "ship",
      ),
    ]);
  });

  test.each([
    ["pulumi preview", ["      - run: pulumi preview --diff --stack production"]],
    ["a step that sets up", ["      - run: echo pulumi will set up the stack"]],
    [
      "pulumi/actions previewing",
      [
        `      - uses: ${PULUMI} # v7`,
        "        with: { command: preview, stack-name: production }",
      ],
    ],
    [
      "the preview role",
      [
        `      - uses: ${AWS}`,
        "        with:",
        "          role-to-assume: ${{ vars.AWS_PREVIEW_ROLE_ARN }}",
        "          aws-region: eu-west-1",
      ],
    ],
  ])("%s does not make a deploy job", (_, steps) => {
    expect(check(shipping(...steps))).toEqual([]);
  });
});

describe("persisted-checkout-credentials", () => {
  test("persist-credentials left true", () => {
    expect(check(hardenedWith([24, "false", "true"]))).toEqual([
      finding(
        24,
        "persisted-checkout-credentials",
        `job "test" step "Check out" uses actions/checkout without "persist-credentials: false", leaving the job's token in .git/config for every later step`,
        "test",
      ),
    ]);
  });

  test("persist-credentials not stated", () => {
    expect(check(hardenedWith([23, "with:", ""], [24, "persist-credentials: false", ""]))).toEqual([
      finding(
        22,
        "persisted-checkout-credentials",
        `job "test" step "Check out" uses actions/checkout without "persist-credentials: false", leaving the job's token in .git/config for every later step`,
        "test",
      ),
    ]);
  });

  test('the string "false" turns it off too', () => {
    expect(check(hardenedWith([24, "false", '"false"']))).toEqual([]);
  });
});

describe("invalid-workflow", () => {
  test.each([
    [
      "broken YAML",
      "on: push\njobs: [\n",
      3,
      "not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
    ],
    [
      "bad indentation",
      hardenedWith([17, "    runs-on", "   runs-on"]),
      17,
      "not valid YAML: Nested mappings are not allowed in compact mappings",
    ],
    [
      "two documents",
      "on: push\n---\njobs: {}\n",
      2,
      "not valid YAML: Source contains multiple documents; please use YAML.parseAllDocuments()",
    ],
    ["an empty file", "", 1, "a workflow must be a YAML mapping (with on: and jobs:)"],
    [
      "a list",
      "# triggers\n- push\n- pull_request\n",
      2,
      "a workflow must be a YAML mapping (with on: and jobs:)",
    ],
    ["a scalar", "deploy on push", 1, "a workflow must be a YAML mapping (with on: and jobs:)"],
  ])("%s", (_, text, line, message) => {
    expect(check(text)).toEqual([finding(line, "invalid-workflow", message)]);
  });

  /** Shapes no workflow has: what can be judged is, the rest is left to actionlint. */
  test.each([
    ["jobs as a list", "on: push\npermissions: {}\njobs: [build]\n", []],
    ["a job as a list", "on: push\npermissions: {}\njobs:\n  a: [1]\n", []],
    ["steps as a string", "on: push\npermissions: {}\njobs:\n  a:\n    steps: run\n", []],
    [
      "steps that are not mappings, or uses: that is not a string",
      "on: push\npermissions: {}\njobs:\n  a:\n    steps:\n      - a string\n      - [1, 2]\n      - uses: { a: 1 }\n",
      ["8 unpinned-action"],
    ],
    ["on: as a number", "on: 42\npermissions: {}\njobs: {}\n", []],
    ["a complex key", "? [on]\n: push\npermissions: {}\njobs:\n  ? [x]\n  : { steps: [] }\n", []],
    ["an alias to no anchor", "on: push\npermissions: {}\njobs:\n  a: *missing\n", []],
    [
      "environment and concurrency as lists",
      "on: push\npermissions: {}\nconcurrency: [1]\njobs:\n  a:\n    environment: [x]\n    steps:\n      - run: pulumi up\n",
      ["3 unprotected-deploy", "6 unprotected-deploy"],
    ],
    [
      "with: as a list",
      `on: push\npermissions: {}\njobs:\n  a:\n    steps:\n      - uses: ${CHECKOUT} # v4.2.2\n        with: [x]\n`,
      ["6 persisted-checkout-credentials"],
    ],
    [
      "permissions as a list of one job",
      "on: push\npermissions: {}\njobs:\n  a:\n    permissions: [id-token]\n",
      [],
    ],
  ])("%s: no exception", (_, text, found) => {
    expect(check(text).map((f) => `${f.line} ${f.rule}`)).toEqual(found);
  });
});

test("the hardened workflow cut, or with a line dropped or dedented, never makes the checks throw", () => {
  const lines = HARDENED.split("\n");
  const variants = lines.flatMap((line, i) => {
    const before = lines.slice(0, i);
    const after = lines.slice(i + 1);
    return [
      [...before, line.slice(0, line.length / 2)],
      [...before, ...after],
      [...before, line.slice(1), ...after],
    ].map((v) => v.join("\n"));
  });
  for (const text of variants) {
    for (const f of check(text)) expect(f.line).toBeGreaterThanOrEqual(1);
  }
});
