import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { BinaryWriter } from "google-protobuf";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import {
  type AnalyzedResource,
  analyzeStackBytes,
  encodeResource,
  writeStruct,
} from "../../../pipelines/gate/analyzerMessages";
import { analyzed } from "../../support/analyzed";

const bucket: AnalyzedResource = {
  urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::logs",
  type: "aws:s3/bucket:Bucket",
  name: "logs",
  properties: { bucket: "logs", tags: { owner: "platform" }, versions: [1, true, null] },
  protect: true,
  ignoreChanges: ["tags"],
  parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
  dependencies: ["urn:pulumi:dev::p::aws:kms/key:Key::k"],
  propertyDependencies: { kmsKeyId: ["urn:pulumi:dev::p::aws:kms/key:Key::k"] },
  provider: {
    urn: "urn:pulumi:dev::p::pulumi:providers:aws::default",
    type: "pulumi:providers:aws",
    name: "default",
    properties: { region: "eu-west-1" },
  },
  source: { uri: "file:///p/index.ts", line: 3 },
};

/** The fields Analyze and AnalyzeStack share (1–6), read back from a decoded message. */
function shared(m: analyzer.AnalyzeRequest | analyzer.AnalyzerResource) {
  const provider = m.getProvider();
  return {
    type: m.getType(),
    urn: m.getUrn(),
    name: m.getName(),
    properties: m.getProperties()?.toJavaScript(),
    protect: m.getOptions()?.getProtect(),
    ignoreChanges: m.getOptions()?.getIgnorechangesList(),
    optionsParent: m.getOptions()?.getParent(),
    provider: provider && {
      urn: provider.getUrn(),
      type: provider.getType(),
      name: provider.getName(),
      properties: provider.getProperties()?.toJavaScript(),
    },
  };
}

const SHARED = {
  type: "aws:s3/bucket:Bucket",
  urn: "urn:pulumi:dev::p::aws:s3/bucket:Bucket::logs",
  name: "logs",
  properties: { bucket: "logs", tags: { owner: "platform" }, versions: [1, true, null] },
  protect: true,
  ignoreChanges: ["tags"],
  optionsParent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
  provider: {
    urn: "urn:pulumi:dev::p::pulumi:providers:aws::default",
    type: "pulumi:providers:aws",
    name: "default",
    properties: { region: "eu-west-1" },
  },
};

describe("a Struct written straight into the wire format", () => {
  const value = {
    zeta: "last",
    alpha: [null, 1, -2.5, 0, true, false, "", { nested: null }, [], {}],
    "\u00e9t\u00e9": { deep: { deeper: [[null], ["x"]] } },
    Beta: null,
    empty: {},
    count: 1e21,
  };

  it("gives the bytes of the library's own Struct, keys in its order", () => {
    const writer = new BinaryWriter();
    writeStruct(value, writer);
    expect(Buffer.from(writer.getResultBuffer()).toString("hex")).toBe(
      Buffer.from(Struct.fromJavaScript(value).serializeBinary()).toString("hex"),
    );
  });

  it("reads back as the value it was given", () => {
    const writer = new BinaryWriter();
    writeStruct(value, writer);
    expect(Struct.deserializeBinary(writer.getResultBuffer()).toJavaScript()).toEqual(value);
  });

  it("refuses a value JSON cannot carry, naming its type", () => {
    expect(() => writeStruct({ later: undefined }, new BinaryWriter())).toThrow(
      "a value of type undefined cannot be sent in a protobuf Struct",
    );
  });
});

describe("analyzer messages, serialized once per resource", () => {
  it("encodes the Analyze request with the resource, its options and its provider", () => {
    const request = analyzer.AnalyzeRequest.deserializeBinary(encodeResource(bucket).request);
    expect(shared(request)).toEqual(SHARED);
  });

  it("builds each AnalyzeStack entry from the request's bytes and the resource's place", () => {
    const root = analyzed("urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev");
    const stack = analyzer.AnalyzeStackRequest.deserializeBinary(
      analyzeStackBytes([root, bucket].map(encodeResource)),
    );
    const [first, second] = stack.getResourcesList();
    expect(stack.getResourcesList()).toHaveLength(2);
    expect([first.getUrn(), first.getType(), first.getParent(), first.hasProvider()]).toEqual([
      "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
      "pulumi:pulumi:Stack",
      "",
      false,
    ]);
    expect(shared(second)).toEqual(SHARED);
    const propertyDependencies: Record<string, string[]> = {};
    second.getPropertydependenciesMap().forEach((deps, key) => {
      propertyDependencies[key] = deps.getUrnsList();
    });
    expect({
      parent: second.getParent(),
      dependencies: second.getDependenciesList(),
      propertyDependencies,
    }).toEqual({
      parent: "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev",
      dependencies: ["urn:pulumi:dev::p::aws:kms/key:Key::k"],
      propertyDependencies: { kmsKeyId: ["urn:pulumi:dev::p::aws:kms/key:Key::k"] },
    });
  });

  it("sends an empty stack as an empty request", () => {
    expect(analyzeStackBytes([])).toHaveLength(0);
  });
});
