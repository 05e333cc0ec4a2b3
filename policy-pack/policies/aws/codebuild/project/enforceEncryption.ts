import { CODEBUILD_PROJECT } from "../../../../lib/compute";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { field, isSet, shown } from "../../../../lib/props";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

/**
 * name: aws-codebuild-project-enforce-encryption
 * description: CodeBuild projects use a customer-managed KMS key and keep S3 build logs encrypted.
 * severity: high
 * tags: aws-fsbp:CodeBuild.3
 *
 * The key is judged by presence: its ARN is unknown in a first preview. The S3 logs' status is read
 * only when they turn encryption off.
 */
export const enforceEncryption = resourcePolicy({
  name: "aws-codebuild-project-enforce-encryption",
  description:
    "CodeBuild projects use a customer-managed KMS key and keep S3 build logs encrypted.",
  severity: "high",
  tags: ["aws-fsbp:CodeBuild.3"],
  remediationSteps:
    "Set encryptionKey: key.arn on the aws.codebuild.Project, with a key policy that lets the " +
    "project's service role use the key, and leave logsConfig.s3Logs.encryptionDisabled unset or " +
    "false.",
  types: [CODEBUILD_PROJECT],
  validate: (resource, report) => {
    const verdict = new Verdict();
    const props = resource.props;
    if (!isSet(props, "encryptionKey")) {
      report("build output is not encrypted with a customer-managed KMS key");
    }
    const s3Logs = verdict.read(() => field(props.logsConfig, "s3Logs"));
    const disabled =
      s3Logs === UNKNOWN ? UNKNOWN : verdict.read(() => field(s3Logs, "encryptionDisabled"));
    if (disabled !== UNKNOWN && disabled !== undefined && disabled !== null && disabled !== false) {
      const status = verdict.read(() => field(s3Logs, "status"));
      if (status === "ENABLED") {
        report(
          disabled === true
            ? "S3 build logs are written unencrypted"
            : `S3 build logs have encryptionDisabled ${shown(disabled)}, not a boolean`,
        );
      }
    }
    verdict.finish();
  },
});
