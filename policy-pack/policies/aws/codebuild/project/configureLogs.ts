import type { PolicyResource } from "@pulumi/policy";
import { label, LOG_GROUP } from "../../../../lib/aws";
import { CODEBUILD_PROJECT } from "../../../../lib/compute";
import { stackPolicy } from "../../../../lib/definePolicy";
import { field, isSet, shown } from "../../../../lib/props";
import { StackIndex } from "../../../../lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

/**
 * name: aws-codebuild-project-configure-logs
 * description: CodeBuild projects log to a retained, KMS-encrypted CloudWatch log group.
 * severity: high
 * tags: aws-fsbp:CodeBuild.4
 *
 * The log group is the one `logsConfig` depends on (its name is unknown in a first preview when
 * taken from the group), else the stack's log group whose known name equals `groupName`. Without a
 * group name CodeBuild creates /aws/codebuild/<project> itself, unencrypted and never expiring.
 */
export const configureLogs = stackPolicy<{ minRetentionDays: number }>({
  name: "aws-codebuild-project-configure-logs",
  description: "CodeBuild projects log to a retained, KMS-encrypted CloudWatch log group.",
  severity: "high",
  tags: ["aws-fsbp:CodeBuild.4"],
  remediationSteps:
    "Create an aws.cloudwatch.LogGroup with kmsKeyId: key.arn and retentionInDays of at least " +
    "the configured minimum (or unset, to keep events forever), and set " +
    'logsConfig.cloudwatchLogs: { status: "ENABLED", groupName: logGroup.name } on the ' +
    "aws.codebuild.Project.",
  config: {
    minRetentionDays: {
      type: "integer",
      minimum: 1,
      default: 365,
      description:
        "The shortest retentionInDays the project's log group may have; 0 or unset never expires.",
    },
  },
  validate: (stack, report, config) => {
    const verdict = new Verdict();
    const index = new StackIndex(stack.resources);
    const groups = index.ofType(LOG_GROUP);
    const nameOf = (group: PolicyResource) => new Verdict().read(() => group.props.name as unknown);

    const judgeGroup = (project: PolicyResource, group: PolicyResource) => {
      const subject = `${label(project)} logs to ${label(group)}`;
      const days = verdict.read(() => group.props.retentionInDays as unknown);
      if (days !== UNKNOWN && days !== undefined && days !== null && days !== 0) {
        if (typeof days !== "number" || !Number.isFinite(days)) {
          report(
            `${subject}, whose retentionInDays ${shown(days)} is not a number of days`,
            project.urn,
          );
        } else if (days < config.minRetentionDays) {
          report(
            `${subject}, which keeps events only ${days} days (minimum ${config.minRetentionDays})`,
            project.urn,
          );
        }
      }
      if (!isSet(group.props, "kmsKeyId")) {
        report(`${subject}, which is not encrypted with a KMS key`, project.urn);
      }
    };

    for (const project of index.ofType(CODEBUILD_PROJECT)) {
      const cloudwatch = verdict.read(() => field(project.props.logsConfig, "cloudwatchLogs"));
      if (cloudwatch === UNKNOWN) continue;
      const status = verdict.read(() => field(cloudwatch, "status"));
      if (status === UNKNOWN) continue;
      if (status === "DISABLED") {
        report(`${label(project)} has CloudWatch build logs disabled`, project.urn);
        continue;
      }
      if (status !== undefined && status !== null && status !== "ENABLED") {
        report(`${label(project)} has CloudWatch build-log status ${shown(status)}`, project.urn);
        continue;
      }
      const named =
        typeof cloudwatch === "object" &&
        cloudwatch !== null &&
        isSet(cloudwatch as Record<string, unknown>, "groupName");
      if (!named) {
        report(
          `${label(project)} names no log group, so CodeBuild logs to an unencrypted, ` +
            "never-expiring one",
          project.urn,
        );
        continue;
      }
      let targets = StackIndex.sources(project, "logsConfig").filter((r) => r.type === LOG_GROUP);
      if (targets.length === 0) {
        const groupName = verdict.read(() => field(cloudwatch, "groupName"));
        if (groupName === UNKNOWN) continue;
        targets = groups.filter((g) => nameOf(g) === groupName);
        if (targets.length === 0) {
          report(
            `${label(project)} logs to ${shown(groupName)}, which is no log group of this stack`,
            project.urn,
          );
        }
      }
      for (const group of targets) judgeGroup(project, group);
    }
    verdict.finish();
  },
});
