import { resourcePolicy } from "../../../lib/definePolicy";
import { has, UNKNOWN, Verdict } from "../../../lib/unknowns";

/**
 * name: aws-any-enforce-allowed-regions
 * description: AWS resources are created only in the regions the organization allows.
 * severity: medium
 * tags:
 *
 * A resource's region is its own `region` input (AWS provider v7) when set, else its provider's.
 * Global services (IAM, CloudFront) are judged by their provider's region too, which keeps their
 * API calls in an allowed region.
 */
export const enforceAllowedRegions = resourcePolicy<{ allowedRegions: string[] }>({
  name: "aws-any-enforce-allowed-regions",
  description: "AWS resources are created only in the regions the organization allows.",
  severity: "medium",
  remediationSteps:
    "Set the region of the aws.Provider (the aws:region config of the stack), or the resource's " +
    "own region input, to one of the allowed regions; ask the platform team to extend " +
    "allowedRegions if the region is needed.",
  config: {
    allowedRegions: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "The AWS regions resources may be created in; empty means not enforced.",
    },
  },
  validate: (resource, report, config) => {
    if (!resource.type.startsWith("aws:")) resource.notApplicable("applies to AWS resources only");
    const allowed = config.allowedRegions;
    if (allowed.length === 0) resource.notApplicable("no allowedRegions configured");
    const verdict = new Verdict();
    const provider = resource.provider?.props;
    const region = has(resource.props, "region")
      ? verdict.read(() => resource.props.region as unknown)
      : provider && verdict.read(() => provider.region as unknown);
    const list = allowed.join(", ");
    if (region === undefined || region === null || region === "") {
      report(`no region is set on the resource or its provider (allowed: ${list})`);
    } else if (region !== UNKNOWN && (typeof region !== "string" || !allowed.includes(region))) {
      const shown = typeof region === "string" ? region : JSON.stringify(region);
      report(`region ${shown} is not allowed (allowed: ${list})`);
    }
    verdict.finish();
  },
});
