import { KMS_KEY } from "../../../../lib/aws";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { has, UNKNOWN, Verdict } from "../../../../lib/unknowns";

/**
 * name: aws-kms-key-enable-rotation
 * description: Symmetric KMS encryption keys rotate their key material at least yearly.
 * severity: high
 * tags: cis-aws:3.6
 *
 * AWS rotates only symmetric encryption keys outside custom key stores, so the policy does not
 * apply to asymmetric, HMAC or custom-store keys; their spec and usage are read only when rotation
 * is not already on.
 */
export const enableRotation = resourcePolicy<{ maxRotationPeriodDays: number }>({
  name: "aws-kms-key-enable-rotation",
  description: "Symmetric KMS encryption keys rotate their key material at least yearly.",
  severity: "high",
  tags: ["cis-aws:3.6"],
  remediationSteps:
    "Set enableKeyRotation: true on the aws.kms.Key, and leave rotationPeriodInDays unset (365) " +
    "or set it no higher than the configured maximum.",
  config: {
    maxRotationPeriodDays: {
      type: "integer",
      minimum: 90,
      maximum: 2560,
      default: 365,
      description: "The longest rotationPeriodInDays a key may have.",
    },
  },
  types: [KMS_KEY],
  validate: (resource, report, config) => {
    const verdict = new Verdict();
    const props = resource.props;
    const rotation = verdict.read(() => props.enableKeyRotation as unknown);
    if (rotation !== true && rotation !== UNKNOWN) {
      if (has(props, "customKeyStoreId")) {
        resource.notApplicable("keys in a custom key store cannot rotate automatically");
      }
      const spec = verdict.read(() => props.customerMasterKeySpec as unknown);
      const usage = verdict.read(() => props.keyUsage as unknown);
      if (
        (typeof spec === "string" && spec !== "SYMMETRIC_DEFAULT") ||
        (typeof usage === "string" && usage !== "ENCRYPT_DECRYPT")
      ) {
        resource.notApplicable("asymmetric and HMAC keys cannot rotate");
      }
      if (spec !== UNKNOWN && usage !== UNKNOWN) report("key rotation is not enabled");
    }
    const period = verdict.read(() => props.rotationPeriodInDays as unknown);
    if (period !== undefined && period !== UNKNOWN) {
      if (typeof period !== "number" || !Number.isFinite(period)) {
        report(`rotationPeriodInDays ${JSON.stringify(period)} is not a number of days`);
      } else if (period > config.maxRotationPeriodDays) {
        report(
          `key rotation period of ${period} days exceeds the maximum of ` +
            `${config.maxRotationPeriodDays}`,
        );
      }
    }
    verdict.finish();
  },
});
