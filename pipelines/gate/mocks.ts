/**
 * The SDK mocks the gate runs a program with: resources report realistic ids and ARNs, as when
 * `pulumi up` analyses each resource just before creating it with the real values of what already
 * exists (the update view). The first-preview view is derived from the same run (firstPreview.ts).
 */
import type * as Pulumi from "@pulumi/pulumi";

/** The two views of a change: a first `pulumi preview` of a new stack, and `pulumi up`. */
export type View = "first" | "update";

/** Where the mock resources live, for ARNs that look like AWS's. */
export interface MockPlace {
  region: string;
  accountId: string;
}

/** A short stable hex digest of a string, so mock ids look generated but never change. */
function digest(text: string, length: number): string {
  let h = 0x811c9dc5;
  let out = "";
  while (out.length < length) {
    for (const ch of `${text}${out.length}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, length);
}

/** The id and ARN AWS would give the resource, from its type token and inputs. */
export function awsOutputs(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  place: MockPlace,
): { id: string; outputs: Record<string, unknown> } {
  const [, module = "", kind = ""] = /^aws:([^/]+)\/([^:]+):/.exec(type) ?? [];
  const given = typeof inputs.name === "string" ? inputs.name : `${name}-${digest(type + name, 7)}`;
  const { region, accountId } = place;
  switch (type) {
    case "aws:s3/bucket:Bucket":
    case "aws:s3/bucketV2:BucketV2": {
      const bucket =
        typeof inputs.bucket === "string" ? inputs.bucket : `${name}-${digest(name, 7)}`;
      return { id: bucket, outputs: { bucket, arn: `arn:aws:s3:::${bucket}` } };
    }
    case "aws:kms/key:Key": {
      const id = [8, 4, 4, 4, 12].map((n, i) => digest(`${name}${i}`, n)).join("-");
      return { id, outputs: { keyId: id, arn: `arn:aws:kms:${region}:${accountId}:key/${id}` } };
    }
    case "aws:iam/role:Role":
      return {
        id: given,
        outputs: { name: given, arn: `arn:aws:iam::${accountId}:role/${given}` },
      };
    case "aws:cloudwatch/logGroup:LogGroup":
      return {
        id: given,
        outputs: { name: given, arn: `arn:aws:logs:${region}:${accountId}:log-group:${given}` },
      };
    case "aws:cloudtrail/trail:Trail":
      return {
        id: given,
        outputs: { name: given, arn: `arn:aws:cloudtrail:${region}:${accountId}:trail/${given}` },
      };
    default: {
      const id = given;
      const arn = module
        ? `arn:aws:${module}:${region}:${accountId}:${kind.toLowerCase()}/${id}`
        : undefined;
      return { id, outputs: arn ? { arn } : {} };
    }
  }
}

/** The mocks; `place` shapes the ARNs. */
export function mocksFor(place: MockPlace): Pulumi.runtime.Mocks {
  return {
    newResource: (args) => {
      const inputs = args.inputs as Record<string, unknown>;
      if (args.type.startsWith("pulumi:providers:"))
        return { id: `${args.name}-provider`, state: inputs };
      const { id, outputs } = awsOutputs(args.type, args.name, inputs, place);
      return { id, state: { ...inputs, ...outputs } };
    },
    call: (args) => args.inputs as Record<string, unknown>,
  };
}
