import { enforceImdsv2 } from "../../../../../../policy-pack/policies/aws/ec2/instance/enforceImdsv2";
import { analyzeResource, rows, UNKNOWN } from "../../../../support/analyze";
import { defined, R } from "../../../../support/runners";

const NAME = "aws-ec2-instance-enforce-imdsv2";

const instance = (metadataOptions: Record<string, unknown> | undefined) =>
  analyzeResource([enforceImdsv2], {
    type: R.instance,
    name: "bastion",
    props: defined({
      ami: "ami-0abcdef1234567890",
      instanceType: "t3.micro",
      subnetId: UNKNOWN,
      metadataOptions,
    }),
  });
const template = (metadataOptions: Record<string, unknown> | undefined) =>
  analyzeResource([enforceImdsv2], {
    type: R.launchTemplate,
    name: "workers",
    props: defined({ imageId: "ami-0abcdef1234567890", metadataOptions }),
  });
const violation = (text: string) => [NAME, "mandatory", "", text];

test("an instance and a launch template that require tokens pass", async () => {
  expect(rows(await instance({ httpTokens: "required", httpEndpoint: "enabled" }))).toEqual([]);
  expect(rows(await template({ httpTokens: "required" }))).toEqual([]);
});

test("optional tokens are reported", async () => {
  expect(rows(await instance({ httpTokens: "optional" }))).toEqual([
    violation('metadata service accepts IMDSv1: httpTokens is "optional", not "required"'),
  ]);
  expect(rows(await template({ httpTokens: "optional" }))).toEqual([
    violation('metadata service accepts IMDSv1: httpTokens is "optional", not "required"'),
  ]);
});

test("unset metadata options, which default to optional tokens, are reported", async () => {
  expect(rows(await instance(undefined))).toEqual([
    violation('metadata service accepts IMDSv1: httpTokens is unset, not "required"'),
  ]);
  expect(rows(await template({ httpEndpoint: "enabled" }))).toEqual([
    violation('metadata service accepts IMDSv1: httpTokens is unset, not "required"'),
  ]);
});

test("malformed metadata options are reported", async () => {
  expect(rows(await instance({ httpTokens: ["required"] }))).toEqual([
    violation('metadata service accepts IMDSv1: httpTokens is malformed, not "required"'),
  ]);
});

test("unknown tokens cannot pass: the SDK's advisory", async () => {
  expect(rows(await template({ httpTokens: UNKNOWN }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-ec2-instance-enforce-imdsv2' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .metadataOptions.httpTokens can't be known during preview",
    ],
  ]);
});
