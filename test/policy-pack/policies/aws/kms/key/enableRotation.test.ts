import { enableRotation } from "../../../../../../policy-pack/policies/aws/kms/key/enableRotation";
import {
  analyzeResource,
  type Fixture,
  notApplicableTo,
  rows,
  UNKNOWN,
  unknownRow,
} from "../../../../support/analyze";
import { auditKey } from "../../../../support/auditFixtures";

const NAME = "aws-kms-key-enable-rotation";

const key = auditKey;

const check = async (fixture: Fixture, config = {}) =>
  rows(await analyzeResource([enableRotation], fixture, config));

test("a rotating key passes", async () => {
  expect(await check(key())).toEqual([]);
  expect(await check(key({ rotationPeriodInDays: undefined }))).toEqual([]);
});

test("a symmetric key without rotation is reported", async () => {
  expect(await check(key({ enableKeyRotation: false }))).toEqual([
    [NAME, "mandatory", "", "key rotation is not enabled"],
  ]);
  expect(
    await check(
      key({
        enableKeyRotation: undefined,
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        keyUsage: "ENCRYPT_DECRYPT",
      }),
    ),
  ).toEqual([[NAME, "mandatory", "", "key rotation is not enabled"]]);
});

test("a malformed rotation flag counts as off", async () => {
  expect(await check(key({ enableKeyRotation: "true" }))).toEqual([
    [NAME, "mandatory", "", "key rotation is not enabled"],
  ]);
});

test("asymmetric, HMAC and custom-store keys cannot rotate and are not judged", async () => {
  for (const props of [
    { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" },
    { customerMasterKeySpec: "HMAC_256", keyUsage: "GENERATE_VERIFY_MAC" },
    { customKeyStoreId: "cks-1234" },
  ]) {
    expect(await check(key({ enableKeyRotation: false, ...props }))).toEqual([]);
  }
});

test("a rotation period above the maximum is reported", async () => {
  expect(await check(key({ rotationPeriodInDays: 730 }))).toEqual([
    [NAME, "mandatory", "", "key rotation period of 730 days exceeds the maximum of 365"],
  ]);
});

test("a malformed rotation period is reported", async () => {
  expect(await check(key({ rotationPeriodInDays: "365" }))).toEqual([
    [NAME, "mandatory", "", 'rotationPeriodInDays "365" is not a number of days'],
  ]);
});

test("maxRotationPeriodDays tightens the limit", async () => {
  expect(await check(key(), { [NAME]: { maxRotationPeriodDays: 180 } })).toEqual([
    [NAME, "mandatory", "", "key rotation period of 365 days exceeds the maximum of 180"],
  ]);
});

test("an unknown rotation flag cannot pass: the SDK's advisory", async () => {
  expect(await check(key({ enableKeyRotation: UNKNOWN }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-kms-key-enable-rotation' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .enableKeyRotation can't be known during preview",
    ],
  ]);
});

test("an unknown key spec matters only when rotation is off", async () => {
  expect(await check(key({ customerMasterKeySpec: UNKNOWN }))).toEqual([]);
  expect(await check(key({ enableKeyRotation: false, customerMasterKeySpec: UNKNOWN }))).toEqual([
    [
      NAME,
      "advisory",
      "",
      "can't run policy 'aws-kms-key-enable-rotation' from policy pack 'soc2-baseline@v0.0.0-test' during preview: string value at .customerMasterKeySpec can't be known during preview",
    ],
  ]);
});

test("a key that cannot rotate says why it is not judged, by its spec or its usage alone", async () => {
  const reasons = (props: Record<string, unknown>) =>
    notApplicableTo([enableRotation], key({ enableKeyRotation: false, ...props }));
  const asymmetric = [[NAME, "asymmetric and HMAC keys cannot rotate"]];
  expect(await reasons({ customerMasterKeySpec: "ECC_NIST_P256", keyUsage: undefined })).toEqual(
    asymmetric,
  );
  expect(await reasons({ customerMasterKeySpec: undefined, keyUsage: "SIGN_VERIFY" })).toEqual(
    asymmetric,
  );
  expect(await reasons({ customKeyStoreId: "cks-1234" })).toEqual([
    [NAME, "keys in a custom key store cannot rotate automatically"],
  ]);
  expect(await reasons({})).toEqual([]);
});

test("an unknown key usage or rotation period cannot pass: the SDK's advisory alone", async () => {
  expect(await check(key({ enableKeyRotation: false, keyUsage: UNKNOWN }))).toEqual([
    unknownRow(NAME, ".keyUsage"),
  ]);
  expect(await check(key({ rotationPeriodInDays: UNKNOWN }))).toEqual([
    unknownRow(NAME, ".rotationPeriodInDays"),
  ]);
});
