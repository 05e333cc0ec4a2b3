import type { PolicyResource } from "@pulumi/policy";
import { label } from "../../../../lib/aws";
import { IAM_ROLE } from "../../../../lib/compute";
import { stackPolicy } from "../../../../lib/definePolicy";
import { carryUnknown } from "../../../../lib/github";
import { shown } from "../../../../lib/props";
import {
  boundaryOf,
  IAM_POLICY,
  identityPoliciesOf,
  writeEvidence,
} from "../../../../lib/rolePermissions";
import { StackIndex } from "../../../../lib/stackIndex";
import { type Maybe, UNKNOWN, Verdict } from "../../../../lib/unknowns";

interface Config {
  requiredBoundary: string;
}

const policyName = (arnOrName: string) => arnOrName.split("/").pop() ?? arnOrName;

/**
 * Whether `boundary` is `required` (an ARN, or a policy name): compared as known, else by the name
 * of the aws.iam.Policy of this stack it comes from.
 */
function isRequired(
  role: PolicyResource,
  boundary: Maybe<unknown>,
  required: string,
  verdict: Verdict,
): Maybe<boolean> {
  if (required === "") return true;
  const byArn = required.startsWith("arn:");
  if (typeof boundary === "string") {
    return byArn ? boundary === required : policyName(boundary) === required;
  }
  if (boundary !== UNKNOWN) return false;
  const policies = StackIndex.sources(role, "permissionsBoundary").filter(
    (p) => p.type === IAM_POLICY,
  );
  if (policies.length === 0) return UNKNOWN;
  const names = policies.map((p) => verdict.read(() => p.props.name as unknown));
  if (names.includes(policyName(required))) return true;
  return names.includes(UNKNOWN) ? UNKNOWN : false;
}

/** A boundary as a message shows it: its ARN, or the aws.iam.Policy it comes from. */
function shownBoundary(role: PolicyResource, boundary: Maybe<unknown>): string {
  if (boundary !== UNKNOWN) return shown(boundary);
  return StackIndex.sources(role, "permissionsBoundary").map(label).join(", ");
}

/**
 * name: aws-iam-role-missing-permissions-boundary
 * description: Every role that can write carries a permissions boundary.
 * severity: high
 * tags:
 *
 * The boundary caps whatever a role's policies grant and denies tampering with the audit archive,
 * so every role that can write needs it — service roles too. A role can write when one of
 * its identity policies allows an action whose verb does not only read (Get, List, Describe,
 * BatchGet, BatchDescribe, View, Search, Lookup, Head, Query, Scan, Filter, Decrypt), allows by
 * NotAction, is unreadable, or is a managed policy AWS does not publish as read-only. With
 * requiredBoundary set, the boundary must be that policy: its ARN, or a policy of that name.
 */
export const missingPermissionsBoundary = stackPolicy<Config>({
  name: "aws-iam-role-missing-permissions-boundary",
  description: "Every role that can write carries a permissions boundary.",
  severity: "high",
  remediationSteps:
    "Set permissionsBoundary on the aws.iam.Role to the ARN of the baseline's boundary policy " +
    "(DeploymentIdentity's boundary, e.g. arn:aws:iam::ACCOUNT:policy/PREFIX-deployment-boundary), " +
    "or grant the role reading only.",
  config: {
    requiredBoundary: {
      type: "string",
      default: "",
      description:
        'The permissions boundary roles that can write must carry (ARN or policy name); "" ' +
        "accepts any.",
    },
  },
  validate: (stack, report, config) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const role of index.ofType(IAM_ROLE)) {
      const own = new Verdict();
      const boundary = boundaryOf(role, own);
      const required =
        boundary === undefined ? false : isRequired(role, boundary, config.requiredBoundary, own);
      if (required === true) continue;
      const writes = identityPoliciesOf(index, role, own).flatMap((p) => writeEvidence(p) ?? []);
      if (writes.length === 0 || required === UNKNOWN) {
        carryUnknown(own, verdict);
        continue;
      }
      const has =
        boundary === undefined
          ? "has no permissions boundary"
          : `has permissions boundary ${shownBoundary(role, boundary)}, not ` +
            `${JSON.stringify(config.requiredBoundary)},`;
      report(`${label(role)} ${has} but can write: ${writes.join("; ")}`, role.urn);
    }
    verdict.finish();
  },
});
