/**
 * Control drops of the policies on every AWS resource — an allowed region, the required tags — on
 * the audit key through the baseline's provider and on a bucket with tags of its own.
 */
import { enforceAllowedRegions } from "../../../../policy-pack/policies/aws/any/enforceAllowedRegions";
import { missingRequiredTags } from "../../../../policy-pack/policies/aws/any/missingRequiredTags";
import { type Case, REMOVE } from "../edit";
import { drop, type Entry, set, setProvider } from "./entry";

const provider = (properties: Record<string, unknown>) => ({
  urn: "urn:pulumi:test::soc2-baseline::pulumi:providers:aws::aws",
  type: "pulumi:providers:aws",
  name: "aws",
  properties,
});
/** The audit key through the baseline's provider, and a bucket with its own owner tag. */
const tagged = (): Case => ({
  fixtures: [
    {
      type: "aws:kms/key:Key",
      name: "audit-key",
      props: { description: "Encrypts the audit trail", enableKeyRotation: true },
      provider: provider({
        region: "eu-west-1",
        allowedAccountIds: '["111122223333"]',
        defaultTags: '{"tags":{"cost-center":"security","owner":"platform-team"}}',
      }),
    },
    {
      type: "aws:s3/bucket:Bucket",
      name: "data",
      props: { bucket: "example-data", tags: { owner: "data-team", "cost-center": "data" } },
      provider: provider({ region: "eu-central-1" }),
    },
  ],
  config: { "aws-any-enforce-allowed-regions": { allowedRegions: ["eu-west-1", "eu-central-1"] } },
});

export const awsAny: Entry[] = [
  {
    policy: enforceAllowedRegions,
    base: tagged,
    drops: [
      drop(
        "an allowed provider region",
        /^region us-east-1 is not allowed \(allowed: eu-west-1, eu-central-1\)$/,
        setProvider("audit-key", "region", "us-east-1"),
      ),
      drop(
        "an allowed resource region",
        /^region ap-south-1 is not allowed \(allowed: eu-west-1, eu-central-1\)$/,
        set("data", "region", "ap-south-1"),
      ),
      drop(
        "a region",
        /^no region is set on the resource or its provider \(allowed: eu-west-1, eu-central-1\)$/,
        setProvider("data", "region", REMOVE),
      ),
    ],
    irrelevant: {
      "audit-key": ["*", "provider:allowedAccountIds", "provider:defaultTags"],
      data: ["*"],
    },
  },
  {
    policy: missingRequiredTags,
    base: tagged,
    drops: [
      drop("the owner tag", /^missing required tags: owner$/, set("data", "tags.owner", REMOVE)),
      drop("every tag", /^missing required tags: owner$/, set("data", "tags", REMOVE)),
      drop(
        "the provider's owner tag",
        /^missing required tags: owner$/,
        setProvider("audit-key", "defaultTags", '{"tags":{"cost-center":"security"}}'),
      ),
    ],
    irrelevant: {
      "audit-key": [
        "description",
        "enableKeyRotation",
        "provider:region",
        "provider:allowedAccountIds",
      ],
      data: ["bucket", "tags.cost-center", "provider:region"],
    },
  },
];
