import type { PolicyResource } from "@pulumi/policy";
import {
  auditLogBuckets,
  bucketConfigs,
  CLOUDTRAIL_TRAIL,
  KMS_KEY,
  label,
  LOG_GROUP,
  S3,
} from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { StackIndex } from "../../../../lib/stackIndex";
import { Verdict } from "../../../../lib/unknowns";

/**
 * name: aws-kms-key-enforce-audit-protection
 * description: Every KMS key that encrypts the audit record is protected from deletion.
 * severity: high
 * tags:
 *
 * The keys are found through property dependencies, known in a first preview: a trail's kmsKeyId,
 * the default-encryption rules of each audit-log bucket, and the kmsKeyId of each log group a trail
 * delivers to (its cloudWatchLogsGroupArn). No unknown ARN or id keeps it from running.
 */
export const enforceAuditProtection = stackPolicy({
  name: "aws-kms-key-enforce-audit-protection",
  description: "Every KMS key that encrypts the audit record is protected from deletion.",
  severity: "high",
  remediationSteps:
    "Create the aws.kms.Key with the resource options protect: true and retainOnDelete: true, so " +
    "that no `pulumi destroy` or refactor can schedule the key that decrypts the audit logs for " +
    "deletion.",
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    // Key → what of the audit record it encrypts, by label.
    const uses = new Map<PolicyResource, string[]>();
    const keysOf = (holder: PolicyResource, property: string, user: PolicyResource) => {
      for (const key of StackIndex.sources(holder, property)) {
        if (key.type !== KMS_KEY) continue;
        const list = uses.get(key) ?? [];
        if (!list.includes(label(user))) list.push(label(user));
        uses.set(key, list);
      }
    };
    for (const trail of index.ofType(CLOUDTRAIL_TRAIL)) {
      keysOf(trail, "kmsKeyId", trail);
      for (const group of StackIndex.sources(trail, "cloudWatchLogsGroupArn")) {
        if (group.type === LOG_GROUP) keysOf(group, "kmsKeyId", group);
      }
    }
    const verdict = new Verdict();
    for (const bucket of auditLogBuckets(index, verdict)) {
      for (const config of bucketConfigs(index, bucket, S3.encryption)) {
        keysOf(config, "rules", bucket);
      }
    }
    for (const [key, users] of uses) {
      if (!key.opts.protect) {
        report(
          `${label(key)} encrypts the audit record (${users.join(", ")}) but is not protected`,
          key.urn,
        );
      }
    }
    verdict.finish();
  },
});
