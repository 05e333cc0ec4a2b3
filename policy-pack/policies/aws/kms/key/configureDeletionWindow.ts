import { KMS_KEY } from "../../../../lib/aws";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

/** What AWS waits before deleting a key when deletionWindowInDays is not set. */
const AWS_DEFAULT_DAYS = 30;

/**
 * name: aws-kms-key-configure-deletion-window
 * description: A KMS key scheduled for deletion stays recoverable for a long enough window.
 * severity: high
 * tags:
 *
 * An unset deletionWindowInDays counts as AWS's default of 30 days.
 */
export const configureDeletionWindow = resourcePolicy<{ minDeletionWindowDays: number }>({
  name: "aws-kms-key-configure-deletion-window",
  description: "A KMS key scheduled for deletion stays recoverable for a long enough window.",
  severity: "high",
  remediationSteps:
    "Leave deletionWindowInDays unset on the aws.kms.Key (30 days) or set it to at least the " +
    "configured minimum, so that a key deleted by mistake can be restored before the data it " +
    "encrypts becomes unreadable.",
  config: {
    minDeletionWindowDays: {
      type: "integer",
      minimum: 7,
      maximum: 30,
      default: 30,
      description: "The shortest deletionWindowInDays a key may have.",
    },
  },
  types: [KMS_KEY],
  validate: (resource, report, config) => {
    const verdict = new Verdict();
    const days = verdict.read(() => resource.props.deletionWindowInDays as unknown);
    const window = days === undefined ? AWS_DEFAULT_DAYS : days;
    if (window !== UNKNOWN) {
      if (typeof window !== "number" || !Number.isFinite(window)) {
        report(`deletionWindowInDays ${JSON.stringify(window)} is not a number of days`);
      } else if (window < config.minDeletionWindowDays) {
        report(
          `deletion window of ${window} days is shorter than the minimum of ` +
            `${config.minDeletionWindowDays}`,
        );
      }
    }
    verdict.finish();
  },
});
