import type {
  PolicyResource,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
} from "@pulumi/policy";
import { bucketConfigs, CLOUDTRAIL_TRAIL, label, LOG_GROUP, S3 } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { StackIndex } from "../../../../lib/stackIndex";
import { isUnknownValueError, Verdict } from "../../../../lib/unknowns";
import { configureRetention } from "../../cloudwatch/logGroup/configureRetention";
import { enforceKms } from "../../cloudwatch/logGroup/enforceKms";
import { configureLogging } from "./configureLogging";

interface Config {
  baselineProjects: string[];
  minLogRetentionDays: number;
}
type Check = (resource: PolicyResource) => string[];
type Judging = { stack: StackValidationArgs; index: StackIndex; config: Config; verdict: Verdict };

/**
 * A resource policy as a check: what it finds wrong, as predicates (its messages without their
 * subject: "trail has no …" → "has no …"); an unknown value it needed goes to the verdict.
 */
function asCheck(rule: ResourceValidationPolicy, config: object, j: Judging): Check {
  const validate = rule.validateResource as ResourceValidation;
  return (resource) => {
    const found: string[] = [];
    const args = {
      ...resource,
      stackTags: j.stack.stackTags,
      getConfig: () => config,
      notApplicable: (reason?: string) => j.stack.notApplicable(reason),
    } as ResourceValidationArgs;
    try {
      void validate(args, (m) => found.push(m.replace(/^(trail|log group) /, "")));
    } catch (err) {
      if (!isUnknownValueError(err)) throw err;
      j.verdict.unknown(err);
    }
    return found;
  };
}

/** `verb` and what each target lacks; nothing when one of the targets lacks nothing. */
function targetGaps(verb: string, targets: PolicyResource[], check: Check): string[] {
  const judged = targets.map((t) => [t, check(t)] as const);
  if (judged.some(([, lacks]) => lacks.length === 0)) return [];
  return judged.map(([t, lacks]) => `${verb} ${label(t)}, which ${lacks.join(" and ")}`);
}

/** The buckets of the stack a trail writes to: by dependency, or by equal known names. */
function bucketsOf(trail: PolicyResource, index: StackIndex): PolicyResource[] {
  const buckets = index.ofType(...S3.bucket);
  const byDependency = StackIndex.sources(trail, "s3BucketName").filter((b) => buckets.includes(b));
  if (byDependency.length > 0) return byDependency;
  const peek = new Verdict();
  const name = peek.read(() => trail.props.s3BucketName as unknown);
  if (typeof name !== "string") return [];
  return buckets.filter((b) => peek.read(() => b.props.bucket as unknown) === name);
}

/** What keeps `trail` from being the audit trail, as predicates ("is not protected"). */
function auditGaps(trail: PolicyResource, j: Judging): string[] {
  const gaps = asCheck(configureLogging, {}, j)(trail);
  if (!trail.opts.protect) gaps.push("is not protected");
  const buckets = bucketsOf(trail, j.index);
  if (buckets.length === 0) gaps.push("writes to no bucket of this stack");
  const objectLock = (b: PolicyResource) => bucketConfigs(j.index, b, S3.objectLock).length > 0;
  gaps.push(
    ...targetGaps("writes to", buckets, (b) => [
      ...(b.opts.protect ? [] : ["is not protected"]),
      ...(objectLock(b) ? [] : ["has no Object Lock configuration"]),
    ]),
  );
  // configure-logging has already found a trail that names no log group at all.
  if (gaps.includes("delivers to no CloudWatch log group")) return gaps;
  const sources = StackIndex.sources(trail, "cloudWatchLogsGroupArn");
  const groups = sources.filter((g) => g.type === LOG_GROUP);
  if (groups.length === 0) gaps.push("delivers to no log group of this stack");
  const minRetentionDays = j.config.minLogRetentionDays;
  const retention = asCheck(configureRetention, { minRetentionDays }, j);
  const kms = asCheck(enforceKms, {}, j);
  gaps.push(...targetGaps("delivers to", groups, (g) => [...retention(g), ...kms(g)]));
  return gaps;
}

/**
 * name: aws-cloudtrail-trail-missing-audit-trail
 * description: A baseline stack has a protected trail logging the account to immutable storage.
 * severity: critical
 * tags: aws-fsbp:CloudTrail.1, cis-aws:3.1
 *
 * Applies to the stacks of the baseline's projects (read from the URNs). A trail qualifies when it
 * passes aws-cloudtrail-trail-configure-logging, is protected, writes to a protected bucket of the
 * stack with an Object Lock configuration, and delivers to a log group of the stack that passes the
 * log-group policies; relationships come from property dependencies, known in a first preview. When
 * no trail qualifies but one might once its unknown values are known, the policy cannot run.
 */
export const missingAuditTrail = stackPolicy<Config>({
  name: "aws-cloudtrail-trail-missing-audit-trail",
  description: "A baseline stack has a protected trail logging the account to immutable storage.",
  severity: "critical",
  tags: ["aws-fsbp:CloudTrail.1", "cis-aws:3.1"],
  remediationSteps:
    "Deploy the AuditLogArchive component (infra/aws/auditLogArchive.ts), or an " +
    "aws.cloudtrail.Trail that passes aws-cloudtrail-trail-configure-logging, with protect: " +
    "true, writing to a protected aws.s3.Bucket with an aws.s3.BucketObjectLockConfiguration and " +
    "to a KMS-encrypted aws.cloudwatch.LogGroup that keeps events at least minLogRetentionDays.",
  config: {
    baselineProjects: {
      type: "array",
      items: { type: "string" },
      default: ["soc2-baseline"],
      description: "The Pulumi projects whose stacks must hold the account's audit trail.",
    },
    minLogRetentionDays: {
      type: "integer",
      minimum: 1,
      default: 365,
      description: "Shortest retentionInDays of the trail's log group; 0 or unset never expires.",
    },
  },
  validate: (stack, report, config) => {
    const index = new StackIndex(stack.resources);
    const project = index.project();
    if (project === undefined || !config.baselineProjects.includes(project)) {
      stack.notApplicable(`project ${project ?? "(none)"} is not a baseline project`);
    }
    const trails = index.ofType(CLOUDTRAIL_TRAIL).map((trail) => {
      const verdict = new Verdict();
      return { trail, verdict, gaps: auditGaps(trail, { stack, index, config, verdict }) };
    });
    if (trails.some((t) => t.gaps.length === 0 && t.verdict.complete)) return;
    trails.find((t) => t.gaps.length === 0)?.verdict.finish();
    report(
      trails.length === 0
        ? "the stack has no CloudTrail trail"
        : "no trail records the account as the audit trail must: " +
            trails.map((t) => `${label(t.trail)} ${t.gaps.join(", ")}`).join("; "),
    );
  },
});
