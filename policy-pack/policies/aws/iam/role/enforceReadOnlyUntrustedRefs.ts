import { label } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { carryUnknown } from "../../../../lib/github";
import type { NormalizedStatement } from "../../../../lib/iamDocument";
import {
  admitsUntrustedRefs,
  admittedSubjects,
  gitHubTrustedRoles,
  parseSubject,
  SUBJECT_KEY,
} from "../../../../lib/oidcTrust";
import { identityPoliciesOf, summary, writeEvidence } from "../../../../lib/rolePermissions";
import { StackIndex } from "../../../../lib/stackIndex";
import { Verdict } from "../../../../lib/unknowns";

/** Pulumi's DIY-backend lock objects, which a preview writes and deletes. */
const LOCK_OBJECTS = /^arn:[\w-]+:s3:::[^/*?]+\/\.pulumi\/locks\/.*$/;
const LOCK_ACTIONS = ["s3:putobject", "s3:deleteobject"];

/** Whether `action` of `statement` only takes or releases a preview's state lock. */
const locksState = (action: string, statement: NormalizedStatement) =>
  LOCK_ACTIONS.includes(action.toLowerCase()) &&
  statement.resources.length > 0 &&
  statement.resources.every((r) => LOCK_OBJECTS.test(r));

/**
 * name: aws-iam-role-enforce-read-only-untrusted-refs
 * description: Roles that pull-request or branch workflows can assume can only read.
 * severity: critical
 * tags:
 *
 * Anyone who can push a branch or open a pull request chooses what such a workflow runs, so its
 * role may not write: no allowed action whose verb does not only read (as in
 * aws-iam-role-missing-permissions-boundary), except s3:PutObject and s3:DeleteObject on Pulumi
 * DIY-backend lock objects (arn:aws:s3:::BUCKET/.pulumi/locks/…). A subject is untrusted when it
 * admits `pull_request`, `ref:refs/heads/…` or `ref:refs/tags/…`, through wildcards too, or is not
 * of the form repo:OWNER/REPO:…; a statement with no subject condition admits every workflow.
 */
export const enforceReadOnlyUntrustedRefs = stackPolicy({
  name: "aws-iam-role-enforce-read-only-untrusted-refs",
  description: "Roles that pull-request or branch workflows can assume can only read.",
  severity: "critical",
  remediationSteps:
    "Grant roles trusted for pull_request or ref:refs/heads/… subjects only read actions (Get, " +
    "List, Describe, …) plus, for a self-managed state backend, s3:PutObject and s3:DeleteObject " +
    "on arn:aws:s3:::BUCKET/.pulumi/locks/*; deploy through a separate role trusted only for a " +
    "reviewed environment (repo:OWNER/REPO:environment:ENV).",
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    for (const { role, trusts } of gitHubTrustedRoles(index, verdict)) {
      const untrusted = trusts.flatMap((trust) => {
        const subjects = admittedSubjects(trust);
        if (!subjects) {
          return [`every workflow (statement ${trust.statement} has no ${SUBJECT_KEY})`];
        }
        return subjects
          .filter((text) => {
            const subject = parseSubject(text);
            return !subject || admitsUntrustedRefs(subject.context);
          })
          .map((text) => JSON.stringify(text));
      });
      if (untrusted.length === 0) continue;
      const own = new Verdict();
      const writes = identityPoliciesOf(index, role, own).flatMap(
        (p) => writeEvidence(p, locksState) ?? [],
      );
      if (writes.length === 0) {
        carryUnknown(own, verdict);
        continue;
      }
      report(
        `${label(role)} is trusted for ${summary(untrusted)} but can write: ${writes.join("; ")}`,
        role.urn,
      );
    }
    verdict.finish();
  },
});
