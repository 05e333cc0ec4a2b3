import { disallowUsers } from "../../../../../../policy-pack/policies/aws/iam/user/disallowUsers";
import { analyzeResource, rows, UNKNOWN } from "../../../../support/analyze";

const NAME = "aws-iam-user-disallow-users";
const WHY = "is not allowed: people sign in through SSO, workloads assume IAM roles";

const check = async (type: string, props: Record<string, unknown> = {}) =>
  rows(await analyzeResource([disallowUsers], { type, name: "x", props }));

test("the baseline's trail role passes", async () => {
  expect(
    await check("aws:iam/role:Role", {
      name: "example-audit-trail-role",
      assumeRolePolicy: "{}",
      maxSessionDuration: 3600,
    }),
  ).toEqual([]);
  expect(await check("aws:iam/rolePolicy:RolePolicy", { role: UNKNOWN, policy: "{}" })).toEqual([]);
});

test.each([
  ["aws:iam/user:User", "an IAM user"],
  ["aws:iam/accessKey:AccessKey", "an access key of an IAM user"],
  ["aws:iam/userLoginProfile:UserLoginProfile", "a console password of an IAM user"],
  ["aws:iam/sshKey:SshKey", "an SSH key of an IAM user"],
  [
    "aws:iam/serviceSpecificCredential:ServiceSpecificCredential",
    "a service-specific credential of an IAM user",
  ],
  ["aws:iam/signingCertificate:SigningCertificate", "a signing certificate of an IAM user"],
  ["aws:iam/userPolicy:UserPolicy", "an inline policy of an IAM user"],
  ["aws:iam/userPolicyAttachment:UserPolicyAttachment", "a policy attachment of an IAM user"],
  ["aws:iam/userPoliciesExclusive:UserPoliciesExclusive", "the inline policies of an IAM user"],
  [
    "aws:iam/userPolicyAttachmentsExclusive:UserPolicyAttachmentsExclusive",
    "the policy attachments of an IAM user",
  ],
  ["aws:iam/userGroupMembership:UserGroupMembership", "the group memberships of an IAM user"],
])("%s is reported", async (type, what) => {
  expect(await check(type, { user: UNKNOWN })).toEqual([[NAME, "mandatory", "", `${what} ${WHY}`]]);
});

test("a user is reported whatever its properties, even unknown ones", async () => {
  expect(await check("aws:iam/user:User", { name: UNKNOWN })).toEqual([
    [NAME, "mandatory", "", `an IAM user ${WHY}`],
  ]);
});
