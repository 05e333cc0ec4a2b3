import type { PolicyResource } from "@pulumi/policy";
import { bucketConfigs, label, S3 } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { actionMatches, type NormalizedStatement, statementsOf } from "../../../../lib/iamDocument";
import { StackIndex } from "../../../../lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

/**
 * Whether an IAM resource pattern covers `arn`. `actionMatches` is plain IAM wildcard matching; a
 * pattern without `?` that matches the literal `…/*` matches every key, and one with `?` might not.
 */
const covers = (pattern: string, arn: string) =>
  !pattern.includes("?") && actionMatches(pattern, arn);

/** The names a statement's own bucket ARNs give, when the bucket's name is not known. */
const namesIn = (resources: string[]) =>
  resources.flatMap((r) => /^arn:[^:]+:s3:::([^/]+)$/.exec(r)?.slice(1) ?? []).concat("*");

function coversBucketAndObjects(resources: string[], name: string | undefined): boolean {
  const partitions = new Set(["aws", ...resources.map((r) => r.split(":")[1] ?? "")]);
  return [...partitions].some((p) =>
    (name === undefined ? namesIn(resources) : [name]).some(
      (n) =>
        resources.some((r) => covers(r, `arn:${p}:s3:::${n}`)) &&
        resources.some((r) => covers(r, `arn:${p}:s3:::${n}/*`)),
    ),
  );
}

function deniesInsecureTransport(s: NormalizedStatement, name: string | undefined): boolean {
  if (s.effect !== "Deny" || !s.principals.includes("*")) return false;
  if (!s.actions.some((a) => /^(s3:)?\*$/i.test(a))) return false;
  // Any further condition would narrow the deny to some of the insecure requests.
  const operators = Object.entries(s.conditions);
  if (operators.length !== 1 || !["Bool", "BoolIfExists"].includes(operators[0][0])) return false;
  const keys = Object.entries(operators[0][1]);
  if (keys.length !== 1 || keys[0][0].toLowerCase() !== "aws:securetransport") return false;
  return keys[0][1].includes("false") && coversBucketAndObjects(s.resources, name);
}

/** The bucket's name, or undefined while it is unknown or generated. */
function nameOf(bucket: PolicyResource): string | undefined {
  const name = new Verdict().read(() => bucket.props.bucket as unknown);
  return typeof name === "string" ? name : undefined;
}

/**
 * name: aws-s3-bucket-enforce-tls
 * description: Every S3 bucket's policy denies all requests that do not use TLS.
 * severity: high
 * tags: aws-fsbp:S3.5, cis-aws:2.1.1
 *
 * The policy is found through its `bucket` dependency. It needs a Deny statement for every
 * principal and every S3 action, conditioned only on `aws:SecureTransport` being "false", on the
 * bucket's ARN and its objects. While the bucket's name is unknown (or generated), any bucket's
 * ARN and objects are accepted: AWS refuses a bucket policy whose resources are outside its bucket,
 * so the policy being attached decides whose they are.
 */
export const enforceTls = stackPolicy({
  name: "aws-s3-bucket-enforce-tls",
  description: "Every S3 bucket's policy denies all requests that do not use TLS.",
  severity: "high",
  tags: ["aws-fsbp:S3.5", "cis-aws:2.1.1"],
  remediationSteps:
    "Create an aws.s3.BucketPolicy whose bucket is the bucket's id, with a statement " +
    '{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [<bucket ARN>, "<bucket ARN>/*"], ' +
    'Condition: { Bool: { "aws:SecureTransport": "false" } } }.',
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const bucket of index.ofType(...S3.bucket)) {
      const policies = bucketConfigs(index, bucket, S3.policy);
      if (policies.length === 0) {
        report(`${label(bucket)} has no bucket policy`, bucket.urn);
        continue;
      }
      const documents = policies.map((policy) => {
        const document = verdict.read(() => policy.props.policy as unknown);
        return document === UNKNOWN ? UNKNOWN : verdict.read(() => statementsOf(document));
      });
      const name = nameOf(bucket);
      if (
        documents.some((d) => d !== UNKNOWN && d?.some((s) => deniesInsecureTransport(s, name)))
      ) {
        continue;
      }
      if (documents.includes(UNKNOWN)) continue;
      report(
        documents.includes(undefined)
          ? `${label(bucket)} has a bucket policy that is not a readable IAM policy document`
          : `${label(bucket)} has a bucket policy that does not deny requests without TLS`,
        bucket.urn,
      );
    }
    verdict.finish();
  },
});
