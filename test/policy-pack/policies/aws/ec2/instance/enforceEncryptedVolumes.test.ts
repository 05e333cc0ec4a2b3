import { enforceEncryptedVolumes } from "../../../../../../policy-pack/policies/aws/ec2/instance/enforceEncryptedVolumes";
import { analyzeResource, rows, UNKNOWN, unknownRow } from "../../../../support/analyze";
import { defined, R } from "../../../../support/runners";

const NAME = "aws-ec2-instance-enforce-encrypted-volumes";

const ROOT = { volumeSize: 20, volumeType: "gp3", encrypted: true, kmsKeyId: UNKNOWN };
const DATA = { deviceName: "/dev/xvdb", volumeSize: 100, encrypted: true, kmsKeyId: UNKNOWN };

const instance = async (changes: Record<string, unknown> = {}) =>
  rows(
    await analyzeResource([enforceEncryptedVolumes], {
      type: R.instance,
      name: "bastion",
      props: defined({
        ami: "ami-0abcdef1234567890",
        instanceType: "t3.micro",
        rootBlockDevice: ROOT,
        ebsBlockDevices: [DATA],
        ...changes,
      }),
    }),
  );
const template = async (blockDeviceMappings: unknown) =>
  rows(
    await analyzeResource([enforceEncryptedVolumes], {
      type: R.launchTemplate,
      name: "workers",
      props: defined({ imageId: "ami-0abcdef1234567890", blockDeviceMappings }),
    }),
  );
const mapping = (encrypted: unknown) => ({
  deviceName: "/dev/xvda",
  ebs: defined({ volumeSize: 20, encrypted, kmsKeyId: UNKNOWN }),
});
const violation = (text: string) => [NAME, "mandatory", "", text];

test("encrypted volumes pass, key ARNs unknown", async () => {
  expect(await instance()).toEqual([]);
  expect(await instance({ ebsBlockDevices: undefined })).toEqual([]);
  expect(await template([mapping("true"), mapping(true)])).toEqual([]);
});

test("an instance without a declared root volume is reported", async () => {
  expect(await instance({ rootBlockDevice: undefined })).toEqual([
    violation("root volume is not declared, so its encryption is left to the account default"),
  ]);
});

test("unencrypted instance volumes are reported, each by name", async () => {
  expect(await instance({ rootBlockDevice: { ...ROOT, encrypted: false } })).toEqual([
    violation("root volume is not encrypted"),
  ]);
  expect(await instance({ ebsBlockDevices: [DATA, { deviceName: "/dev/xvdc" }] })).toEqual([
    violation("ebsBlockDevices[1] is not encrypted"),
  ]);
});

test("unencrypted launch template volumes are reported; instance-store mappings pass", async () => {
  expect(
    await template([mapping("false"), { deviceName: "/dev/sdb", virtualName: "ephemeral0" }]),
  ).toEqual([violation("blockDeviceMappings[0].ebs is not encrypted")]);
  expect(await template([mapping(undefined)])).toEqual([
    violation("blockDeviceMappings[0].ebs is not encrypted"),
  ]);
});

test("malformed values are reported", async () => {
  expect(await instance({ rootBlockDevice: { ...ROOT, encrypted: "yes" } })).toEqual([
    violation('root volume has encrypted "yes", not a boolean'),
  ]);
  expect(await template("all")).toEqual([violation("blockDeviceMappings is malformed")]);
});

test("an unknown flag cannot pass: the SDK's advisory, after known violations", async () => {
  expect(
    await instance({ rootBlockDevice: { ...ROOT, encrypted: UNKNOWN }, ebsBlockDevices: [{}] }),
  ).toEqual([
    violation("ebsBlockDevices[0] is not encrypted"),
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-ec2-instance-enforce-encrypted-volumes' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .rootBlockDevice.encrypted can't be known during preview",
    ],
  ]);
});

test("null is no value: a null flag is off, a null root volume undeclared, null lists empty", async () => {
  expect(await instance({ rootBlockDevice: { ...ROOT, encrypted: null } })).toEqual([
    violation("root volume is not encrypted"),
  ]);
  expect(await instance({ rootBlockDevice: null })).toEqual([
    violation("root volume is not declared, so its encryption is left to the account default"),
  ]);
  expect(await instance({ ebsBlockDevices: null })).toEqual([]);
  expect(await template([{ deviceName: "/dev/sdc", ebs: null }])).toEqual([]);
});

test("an unknown root volume or volume list cannot pass: the SDK's advisory alone", async () => {
  expect(await instance({ rootBlockDevice: UNKNOWN })).toEqual([
    unknownRow(NAME, ".rootBlockDevice"),
  ]);
  expect(await instance({ ebsBlockDevices: UNKNOWN })).toEqual([
    unknownRow(NAME, ".ebsBlockDevices"),
  ]);
});
