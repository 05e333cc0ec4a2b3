import type { Registration } from "../../../pipelines/gate/capture";
import { FirstPreview, UNKNOWN } from "../../../pipelines/gate/firstPreview";

/** Each resource's first-preview form, derived in registration order as the gate does. */
const firstPreviewOf = (resources: Registration[]) => {
  const preview = new FirstPreview();
  return resources.map((r) => preview.add(r));
};

const KEY_ARN = "arn:aws:kms:eu-west-1:111122223333:key/0831d896-0e34-9c2c-222f-9028215259c2";

function registered(urn: string, fields: Partial<Registration>): Registration {
  return {
    urn,
    id: "",
    serializedOutputs: {},
    type: "t",
    name: urn,
    custom: true,
    parent: "",
    provider: "",
    serializedInputs: {},
    protect: false,
    retainOnDelete: false,
    importId: "",
    ignoreChanges: [],
    dependencies: [],
    propertyDependencies: {},
    ...fields,
  };
}

const key = registered("key", {
  id: "0831d896-0e34-9c2c-222f-9028215259c2",
  serializedInputs: { description: "audit key", enableKeyRotation: true },
  serializedOutputs: { description: "audit key", enableKeyRotation: true, arn: KEY_ARN },
});
const bucket = registered("bucket", {
  id: "example-audit-logs",
  serializedInputs: { bucket: "example-audit-logs" },
  serializedOutputs: { bucket: "example-audit-logs", arn: "arn:aws:s3:::example-audit-logs" },
});

test("values taken from another resource's outputs become unknown, nested and interpolated", () => {
  const encryption = registered("encryption", {
    serializedInputs: {
      bucket: "example-audit-logs",
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: KEY_ARN },
        },
      ],
      note: `${KEY_ARN}:*`,
    },
    propertyDependencies: { bucket: ["bucket"], rules: ["key"], note: ["key"] },
  });
  const [, , first] = firstPreviewOf([key, bucket, encryption]);
  expect(first.serializedInputs).toEqual({
    bucket: UNKNOWN,
    rules: [
      { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: UNKNOWN } },
    ],
    note: UNKNOWN,
  });
});

test("literals stay known, even when they equal an input of the resource depended on", () => {
  const policy = registered("policy", {
    serializedInputs: {
      bucket: "example-audit-logs",
      policy: '{"Resource":"arn:aws:s3:::example-audit-logs/*"}',
      description: "audit key",
    },
    propertyDependencies: { bucket: ["bucket"], policy: [], description: ["key"] },
  });
  const [, , first] = firstPreviewOf([key, bucket, policy]);
  expect(first.serializedInputs).toEqual({
    bucket: UNKNOWN,
    policy: '{"Resource":"arn:aws:s3:::example-audit-logs/*"}',
    description: "audit key",
  });
});

test("secret values keep their wrapper with the unknown inside", () => {
  const secret = {
    "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
    value: KEY_ARN,
  };
  const user = registered("user", {
    serializedInputs: { key: secret },
    propertyDependencies: { key: ["key"] },
  });
  expect(firstPreviewOf([key, user])[1].serializedInputs).toEqual({
    key: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: UNKNOWN },
  });
});
