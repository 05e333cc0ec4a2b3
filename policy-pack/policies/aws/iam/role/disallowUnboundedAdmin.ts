import { label } from "../../../../lib/aws";
import { IAM_ROLE } from "../../../../lib/compute";
import { stackPolicy } from "../../../../lib/definePolicy";
import { carryUnknown } from "../../../../lib/github";
import { adminEvidence, boundaryOf, identityPoliciesOf } from "../../../../lib/rolePermissions";
import { StackIndex } from "../../../../lib/stackIndex";
import { Verdict } from "../../../../lib/unknowns";

/**
 * name: aws-iam-role-disallow-unbounded-admin
 * description: No role is granted every action on every resource without a permissions boundary.
 * severity: critical
 * tags:
 *
 * Judges the roles' identity policies only: an Allow of Action "*" (or "*:*") on Resource "*", AWS's
 * AdministratorAccess, or a managed policy from outside the stack, which may grant as much. The
 * boundary policy itself allows "*" on "*" by design and is never judged as a policy of its own;
 * attached to a role as an identity policy, it is. A boundary still unknown counts as set.
 */
export const disallowUnboundedAdmin = stackPolicy({
  name: "aws-iam-role-disallow-unbounded-admin",
  description: "No role is granted every action on every resource without a permissions boundary.",
  severity: "critical",
  remediationSteps:
    'Grant the role the actions and resources it needs instead of "*" on "*" (and no ' +
    "AdministratorAccess), or, where a deploy role must create what it manages, set its " +
    "permissionsBoundary to the baseline's boundary policy, which denies tampering with the " +
    "audit archive and with the boundary itself.",
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const role of index.ofType(IAM_ROLE)) {
      const own = new Verdict();
      if (boundaryOf(role, own) !== undefined) continue;
      const grants = identityPoliciesOf(index, role, own).flatMap((p) => adminEvidence(p) ?? []);
      if (grants.length === 0) {
        carryUnknown(own, verdict);
        continue;
      }
      report(
        `${label(role)} has no permissions boundary but may be granted every action on every ` +
          `resource: ${grants.join("; ")}`,
        role.urn,
      );
    }
    verdict.finish();
  },
});
