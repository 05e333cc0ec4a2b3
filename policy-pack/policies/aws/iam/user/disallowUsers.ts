import { resourcePolicy } from "../../../../lib/definePolicy";

/** IAM users and everything that gives one credentials or permissions, by what it is. */
const USER_RESOURCES: Record<string, string> = {
  "aws:iam/user:User": "an IAM user",
  "aws:iam/accessKey:AccessKey": "an access key of an IAM user",
  "aws:iam/userLoginProfile:UserLoginProfile": "a console password of an IAM user",
  "aws:iam/sshKey:SshKey": "an SSH key of an IAM user",
  "aws:iam/serviceSpecificCredential:ServiceSpecificCredential":
    "a service-specific credential of an IAM user",
  "aws:iam/signingCertificate:SigningCertificate": "a signing certificate of an IAM user",
  "aws:iam/userPolicy:UserPolicy": "an inline policy of an IAM user",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment": "a policy attachment of an IAM user",
  "aws:iam/userPoliciesExclusive:UserPoliciesExclusive": "the inline policies of an IAM user",
  "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive":
    "the policy attachments of an IAM user",
  "aws:iam/userGroupMembership:UserGroupMembership": "the group memberships of an IAM user",
};

/**
 * name: aws-iam-user-disallow-users
 * description: No IAM users or user credentials: people sign in through SSO, workloads use roles.
 * severity: high
 * tags: aws-fsbp:IAM.2
 *
 * Judged by type alone: creating the resource is the violation, whatever its properties.
 */
export const disallowUsers = resourcePolicy({
  name: "aws-iam-user-disallow-users",
  description: "No IAM users or user credentials: people sign in through SSO, workloads use roles.",
  severity: "high",
  tags: ["aws-fsbp:IAM.2"],
  remediationSteps:
    "Remove the aws.iam.User and its credentials and policies. Give people access through IAM " +
    "Identity Center (SSO) permission sets, and workloads through an aws.iam.Role they assume " +
    "(for CI, through OIDC federation), so that no long-lived personal credential exists.",
  types: Object.keys(USER_RESOURCES),
  validate: (resource, report) => {
    report(
      `${USER_RESOURCES[resource.type]} is not allowed: people sign in through SSO, workloads ` +
        "assume IAM roles",
    );
  },
});
