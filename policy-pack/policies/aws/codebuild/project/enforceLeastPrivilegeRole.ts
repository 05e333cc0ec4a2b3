import { label } from "../../../../lib/aws";
import { CODEBUILD_PROJECT, IAM_ROLE } from "../../../../lib/compute";
import { stackPolicy } from "../../../../lib/definePolicy";
import { actionMatches, statementsOf } from "../../../../lib/iamDocument";
import { shown } from "../../../../lib/props";
import { policySourcesOf } from "../../../../lib/rolePermissions";
import { StackIndex } from "../../../../lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

interface Config {
  allowedActionPatterns: string[];
  allowedManagedPolicyArns: string[];
}

/**
 * name: aws-codebuild-project-enforce-least-privilege-role
 * description: CodeBuild runners' service roles grant only what a runner itself needs.
 * severity: high
 * tags:
 *
 * Every job on a runner gets the service role's credentials, so the role may grant only logging,
 * the source connection and the project's key. The role is found through the `serviceRole`
 * property's dependency, its policies as lib/rolePermissions finds them (attached through their
 * dependency on it or its known name, or its own inlinePolicies and managedPolicyArns). Actions
 * are compared as patterns: a wildcard in a document passes only if an allowed pattern covers all
 * it could match.
 */
export const enforceLeastPrivilegeRole = stackPolicy<Config>({
  name: "aws-codebuild-project-enforce-least-privilege-role",
  description: "CodeBuild runners' service roles grant only what a runner itself needs.",
  severity: "high",
  remediationSteps:
    "Give the aws.codebuild.Project a serviceRole: role.arn of an aws.iam.Role in the same " +
    "stack, and grant it only aws.iam.RolePolicy statements for " +
    "logs:CreateLogStream/PutLogEvents on the project's log group, the CodeConnections " +
    "connection and the project's KMS key; remove aws.iam.RolePolicyAttachment resources and " +
    "managedPolicyArns. Workflow jobs inherit these credentials: deployments must assume the " +
    "OIDC deployment roles instead of widening this role.",
  config: {
    allowedActionPatterns: {
      type: "array",
      items: { type: "string" },
      default: [
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "codeconnections:UseConnection",
        "codeconnections:GetConnectionToken",
        "codestar-connections:UseConnection",
        "codestar-connections:GetConnectionToken",
        "kms:Decrypt",
        "kms:GenerateDataKey",
        "kms:Encrypt",
        "kms:DescribeKey",
      ],
      description: "IAM action patterns the service role's Allow statements may grant.",
    },
    allowedManagedPolicyArns: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Managed policy ARNs that may be attached to the service role.",
    },
  },
  validate: (stack, report, config) => {
    const verdict = new Verdict();
    const index = new StackIndex(stack.resources);
    const allowedAction = (action: string) =>
      config.allowedActionPatterns.some((p) => actionMatches(p, action));
    const allowed = config.allowedManagedPolicyArns;
    // With no managed policy allowed, any is a violation, whatever its (unknown) ARN.
    const arnVerdict = allowed.length === 0 ? new Verdict() : verdict;

    for (const project of index.ofType(CODEBUILD_PROJECT)) {
      const fail = (text: string) => report(`${label(project)} ${text}`, project.urn);
      /** Judges one policy document of the role; `source` names where it is defined. */
      const judgeDocument = (document: unknown, source: string) => {
        if (document === UNKNOWN) return;
        const statements = verdict.read(() => statementsOf(document));
        if (statements === UNKNOWN) return;
        if (!statements) return fail(`has an unreadable service-role policy (${source})`);
        const allows = statements.filter((s) => s.effect === "Allow");
        if (allows.some((s) => s.notActions.length > 0)) {
          fail(`has a service-role policy that allows by NotAction (${source})`);
        }
        const extra = [
          ...new Set(allows.flatMap((s) => s.actions).filter((a) => !allowedAction(a))),
        ];
        if (extra.length > 0) {
          fail(
            `has a service role granting ${extra.join(", ")} beyond the allowed actions ` +
              `(${source})`,
          );
        }
      };
      const judgeManaged = (arn: unknown, source: string) => {
        if (
          arn === UNKNOWN ? allowed.length > 0 : typeof arn === "string" && allowed.includes(arn)
        ) {
          return;
        }
        const shownArn = arn === UNKNOWN ? "of unknown ARN" : shown(arn);
        fail(`has managed policy ${shownArn} on its service role (${source})`);
      };

      const roles = StackIndex.sources(project, "serviceRole").filter((r) => r.type === IAM_ROLE);
      if (roles.length === 0) fail("has a service role that is not an IAM role of this stack");
      for (const role of roles) {
        for (const p of policySourcesOf(index, role, verdict)) {
          if (p.kind === "document") judgeDocument(p.read(verdict), p.source);
          else judgeManaged(p.read(arnVerdict), p.source);
        }
      }
    }
    verdict.finish();
  },
});
