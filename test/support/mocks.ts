/**
 * The outputs a resource would have once created, for tests that run the program or its components
 * under the SDK's mocks: its inputs, an id, an ARN (of its real shape for a KMS key, in the example
 * account and region), a key's id and a repository's numeric id.
 */
import type * as Pulumi from "@pulumi/pulumi";

const ACCOUNT = "111122223333";
const REGION = "eu-west-1";

/** A repository's numeric id as GitHub would give it: stable for a name, distinct in practice. */
export function mockRepoId(name: string): number {
  return [...name].reduce((id, c) => (id * 31 + c.charCodeAt(0)) % 1_000_000_007, 7);
}

function generated(type: string, name: string, inputs: Record<string, unknown>) {
  switch (type) {
    case "aws:kms/key:Key":
      return { arn: `arn:aws:kms:${REGION}:${ACCOUNT}:key/${name}-id`, keyId: `${name}-id` };
    case "github:index/repository:Repository":
      return { arn: `arn:aws:mock:::${type}/${name}`, repoId: mockRepoId(String(inputs.name)) };
    default:
      return { arn: `arn:aws:mock:::${type}/${name}` };
  }
}

export const mocks: Pulumi.runtime.Mocks = {
  newResource: (args) => {
    const inputs = args.inputs as Record<string, unknown>;
    return {
      id: `${args.name}-id`,
      state: { ...inputs, ...generated(args.type, args.name, inputs) },
    };
  },
  call: (args) => args.inputs as Record<string, unknown>,
};
