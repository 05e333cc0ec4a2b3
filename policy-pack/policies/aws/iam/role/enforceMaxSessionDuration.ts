import { IAM_ROLE } from "../../../../lib/compute";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { shown } from "../../../../lib/props";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

interface Config {
  maxSeconds: number;
}

/** AWS's maxSessionDuration when the role does not set one. */
const AWS_DEFAULT_SECONDS = 3600;

/**
 * name: aws-iam-role-enforce-max-session-duration
 * description: Role sessions last at most an hour, so leaked credentials expire soon.
 * severity: high
 * tags:
 *
 * An unset maxSessionDuration is AWS's default of 3600 seconds.
 */
export const enforceMaxSessionDuration = resourcePolicy<Config>({
  name: "aws-iam-role-enforce-max-session-duration",
  description: "Role sessions last at most an hour, so leaked credentials expire soon.",
  severity: "high",
  remediationSteps:
    "Set maxSessionDuration on the aws.iam.Role to at most maxSeconds (3600 by default), or leave " +
    "it unset for AWS's default of one hour; long jobs re-assume the role.",
  types: [IAM_ROLE],
  config: {
    maxSeconds: {
      type: "integer",
      minimum: 3600,
      maximum: 43200,
      default: 3600,
      description: "The longest maxSessionDuration a role may have, in seconds.",
    },
  },
  validate: (resource, report, config) => {
    const verdict = new Verdict();
    const value = verdict.read(() => resource.props.maxSessionDuration as unknown);
    if (value === UNKNOWN) return verdict.finish();
    const seconds = value ?? AWS_DEFAULT_SECONDS;
    if (typeof seconds !== "number") {
      report(`role has maxSessionDuration ${shown(seconds)}, not a number of seconds`);
    } else if (seconds > config.maxSeconds) {
      report(`role has maxSessionDuration ${seconds}, more than ${config.maxSeconds} seconds`);
    }
  },
});
