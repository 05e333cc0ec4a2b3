/**
 * Instantiates only CiRunners, behind an explicit AWS provider, under the SDK's mocks (as
 * test/support/baseline.ts does for the whole program) and checks what it registers.
 */
import { type ComponentRun, registered, runComponent } from "../../support/components";
import type { CiRunners, CiRunnersArgs } from "../../../infra/aws/ciRunners";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";
const CONNECTION = `arn:aws:codeconnections:${REGION}:${ACCOUNT}:connection/0a1b2c3d-4e5f`;
const LOG_GROUP = "/example/ci-runners";
const LOG_GROUP_ARN = `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${LOG_GROUP}`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/example-ci-runners`;
const ACCOUNT_ROOT = `arn:aws:iam::${ACCOUNT}:root`;

const ARGS: CiRunnersArgs = {
  namePrefix: "example",
  accountId: ACCOUNT,
  region: REGION,
  connectionArn: CONNECTION,
  owner: "acme",
  repositories: ["api", "web.app", "infra"],
  runnerClasses: [{ name: "small" }, { name: "large", computeType: "BUILD_GENERAL1_LARGE" }],
};

type Run = ComponentRun<CiRunners>;

/** Only CiRunners, behind an explicit AWS provider. */
const runRunners = (args: CiRunnersArgs): Promise<Run> =>
  runComponent(() => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const aws = require("@pulumi/aws") as typeof import("@pulumi/aws");
    const { CiRunners: Component } =
      require("../../../infra/aws/ciRunners") as typeof import("../../../infra/aws/ciRunners");
    /* eslint-enable @typescript-eslint/no-require-imports */
    const provider = new aws.Provider("aws", { region: REGION, allowedAccountIds: [ACCOUNT] });
    return new Component("ci", args, { providers: [provider] });
  });

const T = {
  runners: "soc2:aws:CiRunners",
  provider: "pulumi:providers:aws",
  key: "aws:kms/key:Key",
  alias: "aws:kms/alias:Alias",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  project: "aws:codebuild/project:Project",
  webhook: "aws:codebuild/webhook:Webhook",
};

let run: Run;
beforeAll(async () => {
  run = await runRunners(ARGS);
});

const get = (type: string, name: string, from: Run = run) => registered(from, type, name);
const inputs = (type: string, name: string, from: Run = run) => get(type, name, from).inputs;
const document = (type: string, name: string, key: string, from: Run = run) =>
  JSON.parse(inputs(type, name, from)[key] as string) as Record<string, unknown>;

test("constructs without error", () => {
  expect(run.error).toBeUndefined();
});

test("has exactly its children, under the component, through the given provider", () => {
  const parent = get(T.runners, "ci").urn;
  const children = run.resources.filter((r) => r.parent === parent);
  expect(children.map((r) => `${r.type} ${r.name}`).sort()).toEqual(
    [
      `${T.key} ci-key`,
      `${T.alias} ci-key-alias`,
      `${T.logGroup} ci-log-group`,
      `${T.role} ci-role`,
      `${T.rolePolicy} ci-role-policy`,
      `${T.project} ci-runner-small`,
      `${T.project} ci-runner-large`,
      `${T.webhook} ci-runner-small-webhook`,
      `${T.webhook} ci-runner-large-webhook`,
    ].sort(),
  );
  const provider = get(T.provider, "aws");
  expect(new Set(children.map((r) => r.provider))).toEqual(
    new Set([`${provider.urn}::${provider.id}`]),
  );
  expect(run.resources).toHaveLength(children.length + 2);
});

test("protects nothing and retains only the log group on delete", () => {
  expect(run.resources.filter((r) => r.protect)).toEqual([]);
  expect(run.resources.filter((r) => r.retainOnDelete).map((r) => r.name)).toEqual([
    "ci-log-group",
  ]);
});

describe("KMS key", () => {
  test("rotates yearly, waits 30 days before deletion and has its alias", () => {
    expect(inputs(T.key, "ci-key")).toMatchObject({
      enableKeyRotation: true,
      rotationPeriodInDays: 365,
      deletionWindowInDays: 30,
    });
    expect(inputs(T.alias, "ci-key-alias").name).toBe("alias/example-ci-runners");
    expect(inputs(T.alias, "ci-key-alias").targetKeyId).toBe("ci-key-id");
    expect(get(T.alias, "ci-key-alias").propertyDependencies.targetKeyId).toEqual([
      get(T.key, "ci-key").urn,
    ]);
  });

  test("keeps account administration, limits CloudWatch Logs to the runners' log group", () => {
    expect(document(T.key, "ci-key", "policy")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "AccountAdministersKeyThroughIam",
          Effect: "Allow",
          Principal: { AWS: ACCOUNT_ROOT },
          Action: "kms:*",
          Resource: "*",
        },
        {
          Sid: "CloudWatchLogsUsesKeyForRunnerLogGroup",
          Effect: "Allow",
          Principal: { Service: `logs.${REGION}.amazonaws.com` },
          Action: [
            "kms:Encrypt*",
            "kms:Decrypt*",
            "kms:ReEncrypt*",
            "kms:GenerateDataKey*",
            "kms:Describe*",
          ],
          Resource: "*",
          Condition: { ArnEquals: { "kms:EncryptionContext:aws:logs:arn": LOG_GROUP_ARN } },
        },
        {
          Sid: "CodeBuildUsesKeyThroughRunnerRole",
          Effect: "Allow",
          Principal: { AWS: ACCOUNT_ROOT },
          Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt", "kms:DescribeKey"],
          Resource: "*",
          Condition: { ArnEquals: { "aws:PrincipalArn": ROLE_ARN } },
        },
      ],
    });
  });
});

test("logs to a KMS-encrypted log group kept for the default year", () => {
  expect(inputs(T.logGroup, "ci-log-group")).toEqual({
    name: LOG_GROUP,
    retentionInDays: 365,
    kmsKeyId: "arn:aws:kms:eu-west-1:111122223333:key/ci-key-id",
  });
  expect(get(T.logGroup, "ci-log-group").propertyDependencies.kmsKeyId).toEqual([
    get(T.key, "ci-key").urn,
  ]);
});

describe("service role", () => {
  test("only this account's runner projects can assume it, for at most an hour", () => {
    expect(inputs(T.role, "ci-role")).toMatchObject({
      name: "example-ci-runners",
      maxSessionDuration: 3600,
    });
    expect(document(T.role, "ci-role", "assumeRolePolicy")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "CodeBuildForRunnerProjects",
          Effect: "Allow",
          Principal: { Service: "codebuild.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": ACCOUNT },
            ArnLike: {
              "aws:SourceArn": `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/example-runner-*`,
            },
          },
        },
      ],
    });
  });

  test("may only write its log streams, use the connection and use the runners' key", () => {
    expect(get(T.rolePolicy, "ci-role-policy").propertyDependencies.role).toEqual([
      get(T.role, "ci-role").urn,
    ]);
    expect(document(T.rolePolicy, "ci-role-policy", "policy")).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "WriteRunnerLogStreams",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
          Resource: `${LOG_GROUP_ARN}:log-stream:*`,
        },
        {
          Sid: "UseGitHubConnection",
          Effect: "Allow",
          Action: [
            "codeconnections:UseConnection",
            "codeconnections:GetConnectionToken",
            "codestar-connections:UseConnection",
            "codestar-connections:GetConnectionToken",
          ],
          Resource: CONNECTION,
        },
        {
          Sid: "UseRunnerKey",
          Effect: "Allow",
          Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:Encrypt", "kms:DescribeKey"],
          Resource: `arn:aws:kms:${REGION}:${ACCOUNT}:key/*`,
          Condition: {
            "ForAnyValue:StringEquals": { "kms:ResourceAliases": "alias/example-ci-runners" },
          },
        },
      ],
    });
  });
});

describe.each([
  ["small", "BUILD_GENERAL1_SMALL"],
  ["large", "BUILD_GENERAL1_LARGE"],
])("runner class %s", (runnerClass, computeType) => {
  const project = `ci-runner-${runnerClass}`;

  test("is an unprivileged, KMS-encrypted project logging to CloudWatch only", () => {
    expect(inputs(T.project, project)).toEqual({
      name: `example-runner-${runnerClass}`,
      description: `GitHub Actions runner (${runnerClass}) for acme`,
      source: {
        type: "GITHUB",
        location: "CODEBUILD_DEFAULT_WEBHOOK_SOURCE_LOCATION",
        auth: { type: "CODECONNECTIONS", resource: CONNECTION },
      },
      environment: {
        type: "LINUX_CONTAINER",
        computeType,
        image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
        privilegedMode: false,
        imagePullCredentialsType: "CODEBUILD",
      },
      artifacts: { type: "NO_ARTIFACTS" },
      encryptionKey: "arn:aws:kms:eu-west-1:111122223333:key/ci-key-id",
      logsConfig: {
        cloudwatchLogs: { status: "ENABLED", groupName: LOG_GROUP },
        s3Logs: { status: "DISABLED" },
      },
      concurrentBuildLimit: 5,
      serviceRole: "arn:aws:mock:::aws:iam/role:Role/ci-role",
    });
  });

  test("takes its key, log group and role from the component's own resources", () => {
    const registered = get(T.project, project);
    expect(registered.propertyDependencies).toMatchObject({
      encryptionKey: [get(T.key, "ci-key").urn],
      logsConfig: [get(T.logGroup, "ci-log-group").urn],
      serviceRole: [get(T.role, "ci-role").urn],
    });
    expect(registered.dependencies).toEqual(
      expect.arrayContaining([
        get(T.rolePolicy, "ci-role-policy").urn,
        get(T.alias, "ci-key-alias").urn,
      ]),
    );
  });

  test("starts on queued workflow jobs of exactly the three repositories, org-wide", () => {
    const webhook = get(T.webhook, `${project}-webhook`);
    expect(webhook.inputs).toEqual({
      projectName: `example-runner-${runnerClass}`,
      buildType: "BUILD",
      scopeConfiguration: { name: "acme", scope: "GITHUB_ORGANIZATION" },
      filterGroups: [
        {
          filters: [
            { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" },
            { type: "REPOSITORY_NAME", pattern: "^api$" },
          ],
        },
        {
          filters: [
            { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" },
            { type: "REPOSITORY_NAME", pattern: "^web\\.app$" },
          ],
        },
        {
          filters: [
            { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" },
            { type: "REPOSITORY_NAME", pattern: "^infra$" },
          ],
        },
      ],
    });
    expect(webhook.propertyDependencies.projectName).toEqual([get(T.project, project).urn]);
  });
});

test("gives workflows the runner label AWS documents", () => {
  expect(run.component!.runnerLabel("large")).toBe(
    "codebuild-example-runner-large-${{ github.run_id }}-${{ github.run_attempt }}",
  );
  expect(() => run.component!.runnerLabel("huge")).toThrow(
    'runnerLabel: no runner class "huge" (runnerClasses: small, large)',
  );
});

test("a personal account's runners serve its one repository through a repository webhook", async () => {
  const user = await runRunners({ ...ARGS, ownerType: "user", repositories: ["api"] });
  expect(user.error).toBeUndefined();
  expect(
    (inputs(T.project, "ci-runner-small", user).source as Record<string, unknown>).location,
  ).toBe("https://github.com/acme/api.git");
  expect(inputs(T.webhook, "ci-runner-small-webhook", user)).toEqual({
    projectName: "example-runner-small",
    buildType: "BUILD",
    filterGroups: [{ filters: [{ type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" }] }],
  });
});

test("settings reach the projects, the log group and the role policy", async () => {
  const custom = await runRunners({
    ...ARGS,
    concurrentBuildLimit: 2,
    logRetentionDays: 731,
    vpc: { vpcId: "vpc-1", subnetIds: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] },
  });
  expect(custom.error).toBeUndefined();
  expect(inputs(T.logGroup, "ci-log-group", custom).retentionInDays).toBe(731);
  expect(inputs(T.project, "ci-runner-large", custom)).toMatchObject({
    concurrentBuildLimit: 2,
    vpcConfig: { vpcId: "vpc-1", subnets: ["subnet-a", "subnet-b"], securityGroupIds: ["sg-1"] },
  });
  const statements = document(T.rolePolicy, "ci-role-policy", "policy", custom).Statement;
  expect((statements as Record<string, unknown>[]).slice(3)).toEqual([
    {
      Sid: "ManageBuildNetworkInterfaces",
      Effect: "Allow",
      Action: [
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:DescribeDhcpOptions",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeVpcs",
      ],
      Resource: "*",
    },
    {
      Sid: "AttachBuildNetworkInterfacesInRunnerSubnets",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterfacePermission",
      Resource: `arn:aws:ec2:${REGION}:${ACCOUNT}:network-interface/*`,
      Condition: {
        StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
        ArnEquals: {
          "ec2:Subnet": [
            `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/subnet-a`,
            `arn:aws:ec2:${REGION}:${ACCOUNT}:subnet/subnet-b`,
          ],
        },
      },
    },
  ]);
});

describe("contradictory args fail at construction, before any child is registered", () => {
  const vpc = { vpcId: "vpc-1", subnetIds: ["subnet-a"], securityGroupIds: ["sg-1"] };
  test.each<[string, Partial<CiRunnersArgs>, string]>([
    [
      "no runner class",
      { runnerClasses: [] },
      "CiRunners: runnerClasses is empty, so no runner would serve repositories (3)",
    ],
    [
      "no repository",
      { repositories: [] },
      "CiRunners: repositories is empty, so runnerClasses (2) would serve nothing",
    ],
    [
      "a class name unfit for a project name",
      { runnerClasses: [{ name: "small" }, { name: "big one" }] },
      'CiRunners: runnerClasses[1].name "big one" must be letters, digits, "-" and "_"',
    ],
    [
      "two classes with one name",
      { runnerClasses: [{ name: "small" }, { name: "large" }, { name: "small" }] },
      'CiRunners: runnerClasses[0].name and runnerClasses[2].name are both "small"',
    ],
    [
      "a repository given with its owner",
      { repositories: ["api", "acme/web"] },
      'CiRunners: repositories[1] "acme/web" is not a repository name of owner',
    ],
    [
      "a repository listed twice",
      { repositories: ["api", "web", "api"] },
      'CiRunners: repositories[0] and repositories[2] are both "api"',
    ],
    [
      "a personal account with several repositories",
      { ownerType: "user" },
      'CiRunners: ownerType "user" allows one repository but repositories lists 3: ' +
        "a personal account has no organization webhook",
    ],
    [
      "no concurrent build",
      { concurrentBuildLimit: 0 },
      "CiRunners: concurrentBuildLimit 0 is not a positive integer",
    ],
    [
      "a retention CloudWatch does not offer",
      { logRetentionDays: 366 },
      "CiRunners: logRetentionDays 366 is not a retention CloudWatch Logs offers (1, 3, 5, 7, " +
        "14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)",
    ],
    [
      "a VPC without subnets",
      { vpc: { ...vpc, subnetIds: [] } },
      "CiRunners: vpc is set but vpc.subnetIds is empty",
    ],
    [
      "a VPC without security groups",
      { vpc: { ...vpc, securityGroupIds: [] } },
      "CiRunners: vpc is set but vpc.securityGroupIds is empty",
    ],
  ])("%s", async (_case, change, message) => {
    const failed = await runRunners({ ...ARGS, ...change });
    expect(failed.error?.message).toBe(message);
    expect(failed.resources.map((r) => r.type).sort()).toEqual([T.runners, T.provider].sort());
  });
});
