import { enableRotation } from "../../../../../policy-pack/policies/aws/kms/key/enableRotation";
import { reportResourceUses } from "../../../../../policy-pack/policies/soc2/exception/reportResourceUses";
import { analyzeResource, rows } from "../../../support/analyze";

const KEY = { type: "aws:kms/key:Key", name: "legacy", props: { enableKeyRotation: false } };
const exception = (fields: Record<string, string>) => ({
  "aws-kms-key-enable-rotation": {
    exceptions: [
      {
        urn: "urn:pulumi:test::soc2-baseline::aws:kms/key:Key::legacy",
        reason: "Imported HSM-backed key; rotation is done by re-keying yearly",
        approver: "ciso@example.com",
        expires: "2999-01-31",
        ...fields,
      },
    ],
  },
});

test("without an exception the violation is mandatory", async () => {
  expect(rows(await analyzeResource([enableRotation, reportResourceUses], KEY))).toEqual([
    ["aws-kms-key-enable-rotation", "mandatory", "", "key rotation is not enabled"],
  ]);
});

test("an applying exception turns it into an advisory naming reason, approver, expiry and ticket", async () => {
  expect(
    rows(
      await analyzeResource(
        [enableRotation, reportResourceUses],
        KEY,
        exception({ ticket: "RISK-7" }),
      ),
    ),
  ).toEqual([
    [
      "soc2-exception-report-resource-uses",
      "advisory",
      "",
      "exception to aws-kms-key-enable-rotation applied (approved by ciso@example.com, expires 2999-01-31, RISK-7): " +
        "Imported HSM-backed key; rotation is done by re-keying yearly — suppressed violation: key rotation is not enabled",
    ],
  ]);
});

test("an exception with a reason under 20 characters is ignored, and says so", async () => {
  expect(
    rows(
      await analyzeResource(
        [enableRotation, reportResourceUses],
        KEY,
        exception({ reason: "legacy key" }),
      ),
    ),
  ).toEqual([
    ["aws-kms-key-enable-rotation", "mandatory", "", "key rotation is not enabled"],
    [
      "soc2-exception-report-resource-uses",
      "advisory",
      "",
      "exception to aws-kms-key-enable-rotation for urn:pulumi:test::soc2-baseline::aws:kms/key:Key::legacy " +
        "is ignored because its reason is shorter than 20 characters: key rotation is not enabled",
    ],
  ]);
});

test("an exception for another resource does not apply", async () => {
  const config = exception({ urn: "*::aws:kms/key:Key::other" });
  expect(rows(await analyzeResource([enableRotation, reportResourceUses], KEY, config))).toEqual([
    ["aws-kms-key-enable-rotation", "mandatory", "", "key rotation is not enabled"],
  ]);
});
