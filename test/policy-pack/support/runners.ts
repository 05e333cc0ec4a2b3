/**
 * A CodeBuild-hosted GitHub Actions runner as a first preview registers it: a project, its webhook,
 * service role and policy, KMS key and log group. Names, flags and documents built from known
 * strings are known; every id, ARN and output-derived name is unknown, relationships carried by
 * property dependencies. Tests change one part at a time.
 */
import { type Fixture, UNKNOWN } from "./analyze";

export const R = {
  project: "aws:codebuild/project:Project",
  webhook: "aws:codebuild/webhook:Webhook",
  role: "aws:iam/role:Role",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  key: "aws:kms/key:Key",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  instance: "aws:ec2/instance:Instance",
  launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
} as const;

/** Props without the keys set to undefined, which the engine would not send. */
export const defined = (props: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(props).filter(([, v]) => v !== undefined));

const LOG_GROUP_ARN = "arn:aws:logs:eu-west-1:111122223333:log-group:/ci/runners/small";
const KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/*";

/** What a runner's service role needs: write its logs, read the source connection, use its key. */
export const RUNNER_POLICY = {
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: [LOG_GROUP_ARN, `${LOG_GROUP_ARN}:*`],
    },
    {
      Effect: "Allow",
      Action: ["codeconnections:UseConnection", "codeconnections:GetConnectionToken"],
      Resource: "arn:aws:codeconnections:eu-west-1:111122223333:connection/*",
    },
    {
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
      Resource: KEY_ARN,
    },
  ],
};

/** The runner project's props, with `changes` (an undefined value removes the key). */
export const projectProps = (changes: Record<string, unknown> = {}) =>
  defined({
    name: "ci-runner-small",
    serviceRole: UNKNOWN,
    encryptionKey: UNKNOWN,
    artifacts: { type: "NO_ARTIFACTS" },
    source: { type: "GITHUB", location: "https://github.com/example/app.git" },
    environment: {
      type: "LINUX_CONTAINER",
      computeType: "BUILD_GENERAL1_SMALL",
      image: "aws/codebuild/amazonlinux-x86_64-standard:5.0",
      imagePullCredentialsType: "CODEBUILD",
      privilegedMode: false,
    },
    logsConfig: {
      cloudwatchLogs: { status: "ENABLED", groupName: UNKNOWN },
      s3Logs: { status: "DISABLED", encryptionDisabled: false },
    },
    ...changes,
  });

export const webhookProps = (changes: Record<string, unknown> = {}) =>
  defined({
    projectName: UNKNOWN,
    buildType: "BUILD",
    scopeConfiguration: { name: "example", scope: "GITHUB_ORGANIZATION" },
    filterGroups: [
      {
        filters: [
          { type: "EVENT", pattern: "WORKFLOW_JOB_QUEUED" },
          { type: "REPOSITORY_NAME", pattern: "^example/app$" },
        ],
      },
    ],
    ...changes,
  });

/** One runner class, its project named `runner-small`. */
export function runner(
  changes: {
    project?: Record<string, unknown>;
    logGroup?: Record<string, unknown>;
    rolePolicy?: Record<string, unknown>;
  } = {},
): Fixture[] {
  return [
    {
      type: R.key,
      name: "runner-key",
      props: { description: "CI runner logs and artifacts", enableKeyRotation: true },
    },
    {
      type: R.logGroup,
      name: "runner-small-logs",
      props: defined({
        name: "/ci/runners/small",
        retentionInDays: 400,
        kmsKeyId: UNKNOWN,
        ...changes.logGroup,
      }),
      deps: { kmsKeyId: ["runner-key"] },
    },
    {
      type: R.role,
      name: "runner-small-role",
      props: {
        name: "ci-runner-small",
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { Service: "codebuild.amazonaws.com" },
              Action: "sts:AssumeRole",
            },
          ],
        }),
      },
    },
    {
      type: R.rolePolicy,
      name: "runner-small-policy",
      props: defined({
        role: UNKNOWN,
        policy: JSON.stringify(RUNNER_POLICY),
        ...changes.rolePolicy,
      }),
      deps: { role: ["runner-small-role"] },
    },
    {
      type: R.project,
      name: "runner-small",
      props: projectProps(changes.project),
      deps: {
        serviceRole: ["runner-small-role"],
        encryptionKey: ["runner-key"],
        logsConfig: ["runner-small-logs"],
      },
    },
    {
      type: R.webhook,
      name: "runner-small-webhook",
      props: webhookProps(),
      deps: { projectName: ["runner-small"] },
    },
  ];
}
