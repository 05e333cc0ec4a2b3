/**
 * Control drops of the CodeBuild policies, on the CI runner: an unprivileged, encrypted build, a
 * webhook for queued jobs of named repositories, retained and encrypted logs, a least-privilege
 * service role.
 */
import { configureLogs } from "../../../../policy-pack/policies/aws/codebuild/project/configureLogs";
import { disallowPrivilegedMode } from "../../../../policy-pack/policies/aws/codebuild/project/disallowPrivilegedMode";
import { enforceEncryption } from "../../../../policy-pack/policies/aws/codebuild/project/enforceEncryption";
import { enforceLeastPrivilegeRole } from "../../../../policy-pack/policies/aws/codebuild/project/enforceLeastPrivilegeRole";
import { configureFilters } from "../../../../policy-pack/policies/aws/codebuild/webhook/configureFilters";
import { UNKNOWN } from "../../support/analyze";
import { R, RUNNER_POLICY } from "../../support/runners";
import { REMOVE } from "../edit";
import { everywhereBut, only, runnerStack } from "./bases";
import { add, cutDep, drop, type Entry, set } from "./entry";

const project = only(runnerStack, "runner-small", "runner-key");
const webhook = only(runnerStack, "runner-small-webhook", "runner-small");
/** What of the runner project no CodeBuild policy reads. */
const PROJECT_SETTINGS = ["name", "artifacts", "source"];

const withStatement = (statement: object) =>
  JSON.stringify({ ...RUNNER_POLICY, Statement: [...RUNNER_POLICY.Statement, statement] });

export const codebuild: Entry[] = [
  {
    policy: disallowPrivilegedMode,
    base: project,
    drops: [
      drop(
        "an unprivileged build container",
        /^build environment runs in privileged mode$/,
        set("runner-small", "environment.privilegedMode", true),
      ),
      drop(
        "a boolean privilegedMode",
        /^build environment has privilegedMode "yes", not a boolean$/,
        set("runner-small", "environment.privilegedMode", "yes"),
      ),
    ],
    irrelevant: everywhereBut(project, {
      "runner-small": [
        ...PROJECT_SETTINGS,
        "serviceRole",
        "encryptionKey",
        "logsConfig",
        "environment.type",
        "environment.computeType",
        "environment.image",
        "environment.imagePullCredentialsType",
      ],
    }),
  },
  {
    policy: enforceEncryption,
    base: project,
    drops: [
      drop(
        "the customer-managed key",
        /^build output is not encrypted with a customer-managed KMS key$/,
        set("runner-small", "encryptionKey", REMOVE),
      ),
      drop(
        "a key's ARN",
        /^build output is not encrypted with a customer-managed KMS key$/,
        set("runner-small", "encryptionKey", ""),
      ),
      drop(
        "encrypted S3 build logs",
        /^S3 build logs are written unencrypted$/,
        set("runner-small", "logsConfig.s3Logs", { status: "ENABLED", encryptionDisabled: true }),
      ),
    ],
    irrelevant: everywhereBut(project, {
      "runner-small": [
        ...PROJECT_SETTINGS,
        "serviceRole",
        "environment",
        "logsConfig.cloudwatchLogs",
      ],
    }),
  },
  {
    policy: configureFilters,
    base: webhook,
    drops: [
      drop(
        "the filter groups",
        /^webhook has no filter groups, so it starts a build for every event$/,
        set("runner-small-webhook", "filterGroups", REMOVE),
      ),
      drop(
        "every filter group",
        /^webhook has no filter groups, so it starts a build for every event$/,
        set("runner-small-webhook", "filterGroups", []),
      ),
      drop(
        "the EVENT filter",
        /^filterGroups\[0\] has no EVENT filter for WORKFLOW_JOB_QUEUED$/,
        set("runner-small-webhook", "filterGroups.0.filters.0", REMOVE),
      ),
      drop(
        "the queued-job event",
        /^filterGroups\[0\] has (no EVENT filter for WORKFLOW_JOB_QUEUED|EVENT filters other than WORKFLOW_JOB_QUEUED: "WORKFLOW_JOB_QUEUED")$/,
        set("runner-small-webhook", "filterGroups.0.filters.0.excludeMatchedPattern", true),
      ),
      drop(
        "the repository filter",
        /^filterGroups\[0\] has no REPOSITORY_NAME filter naming the repositories$/,
        set("runner-small-webhook", "filterGroups.0.filters.1.pattern", ".*"),
      ),
      drop(
        "builds of type BUILD",
        /^webhook starts builds of type "BUILD_BATCH", not "BUILD"$/,
        set("runner-small-webhook", "buildType", "BUILD_BATCH"),
      ),
    ],
    irrelevant: everywhereBut(webhook, {
      "runner-small-webhook": [
        "projectName",
        "scopeConfiguration.name",
        "scopeConfiguration.scope",
      ],
    }),
  },
  {
    policy: configureLogs,
    base: runnerStack,
    drops: [
      drop(
        "CloudWatch build logs",
        /^Project runner-small has CloudWatch build logs disabled$/,
        set("runner-small", "logsConfig.cloudwatchLogs.status", "DISABLED"),
      ),
      drop(
        "an enabled status",
        /^Project runner-small has CloudWatch build-log status "ON"$/,
        set("runner-small", "logsConfig.cloudwatchLogs.status", "ON"),
      ),
      drop(
        "the log group",
        /^Project runner-small names no log group, so CodeBuild logs to an unencrypted, never-expiring one$/,
        set("runner-small", "logsConfig.cloudwatchLogs.groupName", REMOVE),
      ),
      drop(
        "the log group's retention",
        /^Project runner-small logs to LogGroup runner-small-logs, which keeps events only 7 days \(minimum 365\)$/,
        set("runner-small-logs", "retentionInDays", 7),
      ),
      drop(
        "the log group's encryption",
        /^Project runner-small logs to LogGroup runner-small-logs, which is not encrypted with a KMS key$/,
        set("runner-small-logs", "kmsKeyId", REMOVE),
      ),
    ],
    irrelevant: everywhereBut(runnerStack, {
      "runner-small": [
        ...PROJECT_SETTINGS,
        "serviceRole",
        "encryptionKey",
        "environment",
        "logsConfig.s3Logs",
      ],
      "runner-small-logs": ["name"],
    }),
  },
  {
    policy: enforceLeastPrivilegeRole,
    base: runnerStack,
    drops: [
      drop(
        "least privilege",
        /^Project runner-small has a service role granting s3:PutObject beyond the allowed actions \(RolePolicy runner-small-policy\)$/,
        set(
          "runner-small-policy",
          "policy",
          withStatement({ Effect: "Allow", Action: "s3:PutObject", Resource: "*" }),
        ),
      ),
      drop(
        "allowing by Action",
        /^Project runner-small has a service-role policy that allows by NotAction \(RolePolicy runner-small-policy\)$/,
        set(
          "runner-small-policy",
          "policy",
          withStatement({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
        ),
      ),
      drop(
        "a readable policy",
        /^Project runner-small has an unreadable service-role policy \(RolePolicy runner-small-policy\)$/,
        set("runner-small-policy", "policy", "{ not a policy document"),
      ),
      drop(
        "no managed policy",
        /^Project runner-small has managed policy "arn:aws:iam::aws:policy\/AdministratorAccess" on its service role \(RolePolicyAttachment runner-small-admin\)$/,
        add({
          type: R.attachment,
          name: "runner-small-admin",
          props: { role: UNKNOWN, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
          deps: { role: ["runner-small-role"] },
        }),
      ),
      drop(
        "a service role of the stack",
        /^Project runner-small has a service role that is not an IAM role of this stack$/,
        cutDep("runner-small", "serviceRole"),
      ),
    ],
    irrelevant: everywhereBut(runnerStack, {
      "runner-small": [...PROJECT_SETTINGS, "encryptionKey", "environment", "logsConfig"],
      "runner-small-role": ["name", "assumeRolePolicy"],
      "runner-small-policy": [
        "role",
        "policy.{json}.Version",
        ...[0, 1, 2].map((i) => `policy.{json}.Statement.${i}.Resource`),
      ],
    }),
  },
];
