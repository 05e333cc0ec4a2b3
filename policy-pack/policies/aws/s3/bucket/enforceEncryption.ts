import type { PolicyResource } from "@pulumi/policy";
import {
  accessLogTargets,
  auditLogBuckets,
  bucketConfigs,
  KMS_KEY,
  label,
  S3,
} from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { StackIndex } from "../../../../lib/stackIndex";
import { has, UNKNOWN, Verdict } from "../../../../lib/unknowns";
import { field, shown } from "../../../../lib/props";

const KMS = ["aws:kms", "aws:kms:dsse"];
/** `alias/aws/…`, by name or ARN: the aliases AWS reserves for its managed keys. */
const AWS_MANAGED = /^(arn:[^:]+:kms:[^:]*:[^:]*:)?alias\/aws\//;

/**
 * name: aws-s3-bucket-enforce-encryption
 * description: Every S3 bucket encrypts by default; audit logs use a customer-managed KMS key.
 * severity: high
 * tags:
 *
 * The configuration is found through its `bucket` dependency. Targets of server access logs must use
 * SSE-S3, the only default encryption AWS delivers those logs to. An audit-log bucket's key counts as
 * customer-managed when the `rules` depend on a KMS key of the stack (known in a first preview), or
 * when the known kmsMasterKeyId is not an `alias/aws/…` alias. A trail or logging target that is
 * unknown and does not depend on a bucket is taken to point elsewhere.
 */
export const enforceEncryption = stackPolicy({
  name: "aws-s3-bucket-enforce-encryption",
  description: "Every S3 bucket encrypts by default; audit logs use a customer-managed KMS key.",
  severity: "high",
  remediationSteps:
    "Create an aws.s3.BucketServerSideEncryptionConfiguration whose bucket is the bucket's id, with " +
    'rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: ' +
    "key.arn }, bucketKeyEnabled: true }], using an aws.kms.Key of the stack for audit logs. A bucket " +
    'that receives S3 server access logs uses sseAlgorithm: "AES256" instead.',
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    // The recognizers record an unknown target even when it depends on another bucket only; such a
    // target is that bucket's, so their unknowns do not make this policy undecidable.
    const roles = new Verdict();
    const audit = new Set(auditLogBuckets(index, roles));
    const targets = new Set(accessLogTargets(index, roles));
    for (const bucket of index.ofType(...S3.bucket)) {
      const configs = bucketConfigs(index, bucket, S3.encryption);
      if (configs.length === 0) {
        report(`${label(bucket)} has no default encryption configuration`, bucket.urn);
        continue;
      }
      const problems = configs.flatMap((config) =>
        ruleProblems(config, verdict, targets.has(bucket), audit.has(bucket)),
      );
      for (const problem of new Set(problems)) report(`${label(bucket)} ${problem}`, bucket.urn);
    }
    verdict.finish();
  },
});

function ruleProblems(
  config: PolicyResource,
  verdict: Verdict,
  target: boolean,
  audit: boolean,
): string[] {
  const rules = verdict.read(() => {
    const list = config.props.rules as unknown;
    // Copying reads every rule here, where an unknown one is recorded.
    return Array.isArray(list) ? [...(list as unknown[])] : [];
  });
  if (rules === UNKNOWN) return [];
  if (rules.length === 0) return ["has a default encryption configuration without rules"];
  return rules.flatMap((rule): string[] => {
    const byDefault = verdict.read(() => field(rule, "applyServerSideEncryptionByDefault"));
    const algorithm = verdict.read(() => field(byDefault, "sseAlgorithm"));
    if (algorithm === UNKNOWN || byDefault === UNKNOWN) return [];
    if (typeof algorithm !== "string") {
      return ["has a default encryption rule without an sseAlgorithm"];
    }
    if (target) {
      return algorithm === "AES256"
        ? []
        : [
            `receives S3 server access logs but is encrypted with "${algorithm}": AWS ` +
              'delivers them only to buckets encrypted with SSE-S3 ("AES256")',
          ];
    }
    if (!KMS.includes(algorithm)) {
      return [`is encrypted with "${algorithm}", not SSE-KMS ("aws:kms" or "aws:kms:dsse")`];
    }
    if (!has(byDefault as object, "kmsMasterKeyId")) {
      return ["uses SSE-KMS without a kmsMasterKeyId, so S3 falls back to the AWS-managed key"];
    }
    if (!audit || StackIndex.sources(config, "rules").some((s) => s.type === KMS_KEY)) return [];
    const key = verdict.read(() => field(byDefault, "kmsMasterKeyId"));
    if (key === UNKNOWN || (typeof key === "string" && key !== "" && !AWS_MANAGED.test(key))) {
      return [];
    }
    return [`holds audit logs but its KMS key ${shown(key)} is not customer-managed`];
  });
}
