/**
 * Control drops of the exception reports: the control they guard is that no exception is used
 * silently, so each drop lets a policy's violation meet an exception — applied, expired or
 * malformed — and the report must say so.
 */
import { enableRotation } from "../../../../policy-pack/policies/aws/kms/key/enableRotation";
import { missingPublicAccessBlock } from "../../../../policy-pack/policies/aws/s3/bucket/missingPublicAccessBlock";
import { reportResourceUses } from "../../../../policy-pack/policies/soc2/exception/reportResourceUses";
import { reportStackUses } from "../../../../policy-pack/policies/soc2/exception/reportStackUses";
import { urnOf } from "../../support/analyze";
import { auditKey } from "../../support/auditFixtures";
import type { Case } from "../edit";
import { archiveStack, everywhereBut } from "./bases";
import { all, drop, type Entry, remove, set } from "./entry";

const REASON = "Imported HSM-backed key; rotation is done by re-keying yearly";

/** `policy`'s config with one exception for `urn`, with `changes` to it. */
const excepting = (policy: string, urn: string, changes: Record<string, string> = {}) => ({
  [policy]: {
    exceptions: [
      { urn, reason: REASON, approver: "ciso@example.com", expires: "2999-01-31", ...changes },
    ],
  },
});
const configured =
  (config: Case["config"]) =>
  (c: Case): Case => ({ ...c, config });

const ROTATION = "aws-kms-key-enable-rotation";
const KEY_URN = urnOf("aws:kms/key:Key", "audit-key");
const key = (): Case => ({ fixtures: [auditKey()], config: excepting(ROTATION, KEY_URN) });
const noRotation = set("audit-key", "enableKeyRotation", false);

const BLOCK = "aws-s3-bucket-missing-public-access-block";
const BUCKET_URN = urnOf("aws:s3/bucket:Bucket", "audit-logs");
const archive = (): Case => ({ ...archiveStack(), config: excepting(BLOCK, BUCKET_URN) });
const noBlock = remove("audit-logs-public-access-block");

export const exceptions: Entry[] = [
  {
    policy: reportResourceUses,
    after: [enableRotation],
    base: key,
    drops: [
      drop(
        "silence about an applied exception",
        /^exception to aws-kms-key-enable-rotation applied \(approved by ciso@example\.com, expires 2999-01-31\): Imported HSM-backed key; rotation is done by re-keying yearly — suppressed violation: key rotation is not enabled$/,
        noRotation,
      ),
      drop(
        "silence about an expired exception",
        /^exception to aws-kms-key-enable-rotation expired on 2000-01-31 and no longer applies: key rotation is not enabled$/,
        all(noRotation, configured(excepting(ROTATION, KEY_URN, { expires: "2000-01-31" }))),
      ),
      drop(
        "silence about a malformed exception",
        /^exception to aws-kms-key-enable-rotation for urn:pulumi:test::soc2-baseline::aws:kms\/key:Key::audit-key is ignored because its reason is shorter than 20 characters: key rotation is not enabled$/,
        all(noRotation, configured(excepting(ROTATION, KEY_URN, { reason: "legacy" }))),
      ),
    ],
    irrelevant: everywhereBut(key, {
      "audit-key": ["description", "policy", "deletionWindowInDays"],
    }),
  },
  {
    policy: reportStackUses,
    after: [missingPublicAccessBlock],
    base: archive,
    drops: [
      drop(
        "silence about an applied exception",
        /^exception to aws-s3-bucket-missing-public-access-block applied \(approved by ciso@example\.com, expires 2999-01-31\): Imported HSM-backed key; rotation is done by re-keying yearly — suppressed violation: Bucket audit-logs has no public-access block$/,
        noBlock,
      ),
      drop(
        "silence about an expired exception",
        /^exception to aws-s3-bucket-missing-public-access-block expired on 2000-01-31 and no longer applies: Bucket audit-logs has no public-access block$/,
        all(noBlock, configured(excepting(BLOCK, BUCKET_URN, { expires: "2000-01-31" }))),
      ),
    ],
    irrelevant: everywhereBut(archive, {}),
  },
];
