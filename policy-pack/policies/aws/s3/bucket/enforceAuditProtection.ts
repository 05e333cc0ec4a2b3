import { accessLogTargets, auditLogBuckets, label, S3 } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { StackIndex } from "../../../../lib/stackIndex";
import { Verdict } from "../../../../lib/unknowns";

/**
 * name: aws-s3-bucket-enforce-audit-protection
 * description: Buckets holding audit or access logs are protected against deletion.
 * severity: high
 * tags:
 *
 * Applies to the buckets a CloudTrail trail writes to, those that receive S3 server access logs, and
 * those tagged `soc2:audit-role`; a trail or logging whose unknown target does not depend on a bucket
 * is taken to point elsewhere. Only the `protect` resource option is read, and it is always known;
 * `pulumi destroy` and a refactor that drops the resource both fail on a protected bucket.
 */
export const enforceAuditProtection = stackPolicy({
  name: "aws-s3-bucket-enforce-audit-protection",
  description: "Buckets holding audit or access logs are protected against deletion.",
  severity: "high",
  remediationSteps:
    "Give the aws.s3.Bucket the resource options { protect: true, retainOnDelete: true }; removing " +
    "it then takes a reviewed change that lifts the protection first.",
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    // The recognizers record an unknown target even when it depends on another bucket only; such a
    // target is that bucket's, so their unknowns do not make this policy undecidable.
    const roles = new Verdict();
    const audit = new Set(auditLogBuckets(index, roles));
    const targets = new Set(accessLogTargets(index, roles));
    for (const bucket of index.ofType(...S3.bucket)) {
      if (bucket.opts.protect) continue;
      const holds = audit.has(bucket)
        ? "audit logs"
        : targets.has(bucket)
          ? "server access logs"
          : "";
      if (holds) {
        report(`${label(bucket)} holds ${holds} but is not protected (protect: true)`, bucket.urn);
      }
    }
  },
});
