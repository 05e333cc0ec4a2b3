import { disallowPublicIp } from "../../../../../../policy-pack/policies/aws/ec2/instance/disallowPublicIp";
import { analyzeResource, rows, UNKNOWN, unknownRow } from "../../../../support/analyze";
import { defined, R } from "../../../../support/runners";

const NAME = "aws-ec2-instance-disallow-public-ip";

const instance = async (associatePublicIpAddress: unknown) =>
  rows(
    await analyzeResource([disallowPublicIp], {
      type: R.instance,
      name: "bastion",
      props: defined({
        ami: "ami-0abcdef1234567890",
        instanceType: "t3.micro",
        subnetId: UNKNOWN,
        associatePublicIpAddress,
      }),
    }),
  );
const template = async (networkInterfaces: unknown) =>
  rows(
    await analyzeResource([disallowPublicIp], {
      type: R.launchTemplate,
      name: "workers",
      props: defined({ imageId: "ami-0abcdef1234567890", networkInterfaces }),
    }),
  );
const nic = (associatePublicIpAddress: unknown) =>
  defined({ deviceIndex: 0, subnetId: UNKNOWN, associatePublicIpAddress });
const violation = (text: string) => [NAME, "mandatory", "", text];

test("private instances and launch templates pass, subnets unknown", async () => {
  expect(await instance(false)).toEqual([]);
  expect(await instance(undefined)).toEqual([]);
  expect(await template([nic("false"), nic(undefined)])).toEqual([]);
  expect(await template(undefined)).toEqual([]);
});

test("an instance with a public IP is reported", async () => {
  expect(await instance(true)).toEqual([violation("instance gets a public IP address")]);
});

test("a launch template interface with a public IP is reported by index", async () => {
  expect(await template([nic("false"), nic("true")])).toEqual([
    violation("networkInterfaces[1] gets a public IP address"),
  ]);
  expect(await template([nic(true)])).toEqual([
    violation("networkInterfaces[0] gets a public IP address"),
  ]);
});

test("malformed values are reported", async () => {
  expect(await instance("yes")).toEqual([
    violation('instance has associatePublicIpAddress "yes", not a boolean'),
  ]);
  expect(await template({ associatePublicIpAddress: "true" })).toEqual([
    violation("launch template has malformed networkInterfaces"),
  ]);
});

test("an unknown value cannot pass: the SDK's advisory, after known violations", async () => {
  expect(await template([nic(UNKNOWN), nic("true")])).toEqual([
    violation("networkInterfaces[1] gets a public IP address"),
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-ec2-instance-disallow-public-ip' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .networkInterfaces.0.associatePublicIpAddress can't be known during preview",
    ],
  ]);
});

test("null and empty values are off", async () => {
  expect(await instance(null)).toEqual([]);
  expect(await template([nic(""), nic(null)])).toEqual([]);
  expect(await template(null)).toEqual([]);
});

test("unknown interfaces cannot pass: the SDK's advisory alone", async () => {
  expect(await template(UNKNOWN)).toEqual([unknownRow(NAME, ".networkInterfaces")]);
});
