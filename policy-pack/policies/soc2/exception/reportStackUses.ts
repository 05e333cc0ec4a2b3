import { stackPolicy } from "../../../lib/definePolicy";
import { describeUse, takeUses } from "../../../lib/exceptions";

/**
 * name: soc2-exception-report-stack-uses
 * description: Reports every use of an approved exception to a stack policy, so none is silent.
 * severity: low
 * tags:
 *
 * Reports every control exception that a stack policy used in this analysis, on the resource it
 * concerns. Runs after every other stack policy of the pack.
 */
export const reportStackUses = stackPolicy({
  name: "soc2-exception-report-stack-uses",
  description: "Reports every use of an approved exception to a stack policy, so none is silent.",
  severity: "low",
  remediationSteps:
    "Nothing to fix while the exception is justified. Review it before it expires; remove it from " +
    "the policy config once the resource complies.",
  validate: (_stack, report) => {
    for (const use of takeUses("")) report(describeUse(use), use.urn);
  },
});
