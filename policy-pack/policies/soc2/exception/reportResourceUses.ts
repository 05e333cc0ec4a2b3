import { resourcePolicy } from "../../../lib/definePolicy";
import { describeUse, takeUses } from "../../../lib/exceptions";

/**
 * name: soc2-exception-report-resource-uses
 * description: Reports every use of an approved exception to a resource policy, so none is silent.
 * severity: low
 * tags:
 *
 * Reports, on the resource, every control exception that a resource policy used for it: applied
 * (with reason, approver and expiry), expired, or ignored as malformed. Runs after every other
 * resource policy of the pack.
 */
export const reportResourceUses = resourcePolicy({
  name: "soc2-exception-report-resource-uses",
  description:
    "Reports every use of an approved exception to a resource policy, so none is silent.",
  severity: "low",
  remediationSteps:
    "Nothing to fix while the exception is justified. Review it before it expires; remove it from " +
    "the policy config once the resource complies.",
  validate: (resource, report) => {
    for (const use of takeUses(resource.urn)) report(describeUse(use));
  },
});
