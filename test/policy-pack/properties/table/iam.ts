/**
 * Control drops of the IAM policies, on the example stack's deployment identity: GitHub-trusted
 * roles check an exact subject and audience, answer to a reviewed environment, keep short sessions,
 * write only behind a boundary and never from untrusted refs; and no IAM users.
 */
import { disallowUnboundedAdmin } from "../../../../policy-pack/policies/aws/iam/role/disallowUnboundedAdmin";
import { disallowUnmanagedOidcSubjects } from "../../../../policy-pack/policies/aws/iam/role/disallowUnmanagedOidcSubjects";
import { enforceMaxSessionDuration } from "../../../../policy-pack/policies/aws/iam/role/enforceMaxSessionDuration";
import { enforceOidcTrustConditions } from "../../../../policy-pack/policies/aws/iam/role/enforceOidcTrustConditions";
import { enforceReadOnlyUntrustedRefs } from "../../../../policy-pack/policies/aws/iam/role/enforceReadOnlyUntrustedRefs";
import { missingPermissionsBoundary } from "../../../../policy-pack/policies/aws/iam/role/missingPermissionsBoundary";
import { missingReviewedEnvironment } from "../../../../policy-pack/policies/aws/iam/role/missingReviewedEnvironment";
import { disallowUsers } from "../../../../policy-pack/policies/aws/iam/user/disallowUsers";
import { type Fixture, UNKNOWN } from "../../support/analyze";
import {
  DEPLOY_SUBJECTS,
  gitHubTrust,
  I,
  PREVIEW_POLICY,
  REPO,
  subject,
  trustPolicy,
} from "../../support/identity";
import { type Case, changeFixture, REMOVE } from "../edit";
import { everywhereBut, identityStack, only } from "./bases";
import { add, all, changing, drop, type Entry, remove, set, setProvider } from "./entry";

const DEPLOY = "deployment-deploy-role";
const PREVIEW = "deployment-preview-role";
const ENVIRONMENT = `${REPO}-environment`;
const RULESET = `${REPO}-default-branch`;
const SUB_KEY = "token.actions.githubusercontent.com:sub";
/** The subject key as a pattern. */
const SUB = SUB_KEY.replace(/\./g, "\\.");

const roles = only(identityStack, PREVIEW, DEPLOY, "deployment-github-oidc");
/** Role properties no identity stack policy reads. */
const ROLE_SETTINGS = ["name", "maxSessionDuration"];
/** The identity's resources that no role policy reads: the OIDC provider and the boundary policy. */
const UNREAD = {
  "deployment-github-oidc": ["*"],
  "deployment-boundary": ["*"],
};

const trusting = (role: string, subjects: unknown, changes: Record<string, unknown> = {}) =>
  set(role, "assumeRolePolicy", trustPolicy(gitHubTrust(subjects, changes)));
const AUD = "token.actions.githubusercontent.com:aud";
/** A trust of `role` whose condition is `operator` on these keys alone. */
const checking = (role: string, operator: string, keys: Record<string, unknown>) =>
  trusting(role, DEPLOY_SUBJECTS, { Condition: { [operator]: keys } });
const granting = (policy: string, document: object) =>
  set(policy, "policy", JSON.stringify(document));
const withAction = (document: typeof PREVIEW_POLICY, action: string) => ({
  ...document,
  Statement: [{ ...document.Statement[0], Action: [...document.Statement[0].Action, action] }],
});
const ADMIN = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }],
};
const attachment = (name: string, role: string, policyArn: string): Fixture => ({
  type: I.attachment,
  name,
  props: { role: UNKNOWN, policyArn },
  deps: { role: [role] },
});
/** Fixture `name` through a GitHub provider acting for `owner`. */
const owner = (name: string, value: string) => setProvider(name, "owner", value);

/** The trail's role and its policy: no IAM user. */
const trailRole = (): Case => ({
  fixtures: [
    {
      type: I.role,
      name: "audit-trail-role",
      props: {
        name: "example-audit-trail-to-logs",
        assumeRolePolicy: "{}",
        maxSessionDuration: 3600,
      },
    },
    { type: I.rolePolicy, name: "audit-trail-role-policy", props: { role: UNKNOWN, policy: "{}" } },
  ],
});
const retype = (name: string, type: string) =>
  changing((f) => changeFixture(f, name, (x) => ({ ...x, type })));

export const iam: Entry[] = [
  {
    policy: disallowUsers,
    base: trailRole,
    types: ["aws:iam/user:User", "aws:iam/accessKey:AccessKey", "aws:iam/userPolicy:UserPolicy"],
    drops: [
      drop(
        "roles instead of users",
        /^an IAM user is not allowed: people sign in through SSO, workloads assume IAM roles$/,
        retype("audit-trail-role", "aws:iam/user:User"),
      ),
      drop(
        "no access key",
        /^an access key of an IAM user is not allowed: people sign in through SSO, workloads assume IAM roles$/,
        retype("audit-trail-role-policy", "aws:iam/accessKey:AccessKey"),
      ),
    ],
    irrelevant: everywhereBut(trailRole, {}),
  },
  {
    policy: enforceOidcTrustConditions,
    base: roles,
    drops: [
      drop(
        "the subject check",
        new RegExp(`^role trust statement "GitHubActions" does not check ${SUB}$`),
        checking(DEPLOY, "StringEquals", { [AUD]: "sts.amazonaws.com" }),
      ),
      drop(
        "an exact subject",
        new RegExp(
          `^role trust statement "GitHubActions" admits ${SUB} "repo:example-org/\\*:\\*", not exact$`,
        ),
        trusting(PREVIEW, ["repo:example-org/*:*"]),
      ),
      drop(
        "the STS audience",
        /^role trust statement "GitHubActions" admits token\.actions\.githubusercontent\.com:aud "github"$/,
        checking(DEPLOY, "StringEquals", { [AUD]: "github", [SUB_KEY]: DEPLOY_SUBJECTS }),
      ),
      drop(
        "StringEquals",
        /^role trust statement "GitHubActions" checks token\.actions\.githubusercontent\.com:(aud|sub) with StringLike; only StringEquals is allowed$/,
        checking(DEPLOY, "StringLike", {
          [AUD]: "sts.amazonaws.com",
          [SUB_KEY]: DEPLOY_SUBJECTS,
        }),
      ),
      drop(
        "a readable trust policy",
        /^role has an unreadable assumeRolePolicy$/,
        set(PREVIEW, "assumeRolePolicy", "{ not a policy"),
      ),
    ],
    irrelevant: everywhereBut(roles, {
      [DEPLOY]: [...ROLE_SETTINGS, "permissionsBoundary", "assumeRolePolicy.{json}.Version"],
      [PREVIEW]: [...ROLE_SETTINGS, "permissionsBoundary", "assumeRolePolicy.{json}.Version"],
    }),
  },
  {
    policy: enforceMaxSessionDuration,
    base: roles,
    drops: [
      drop(
        "an hour's sessions",
        /^role has maxSessionDuration 7200, more than 3600 seconds$/,
        set(DEPLOY, "maxSessionDuration", 7200),
      ),
      drop(
        "a duration in seconds",
        /^role has maxSessionDuration "3600", not a number of seconds$/,
        set(PREVIEW, "maxSessionDuration", "3600"),
      ),
    ],
    irrelevant: everywhereBut(roles, {
      [DEPLOY]: ["name", "assumeRolePolicy", "permissionsBoundary"],
      [PREVIEW]: ["name", "assumeRolePolicy", "permissionsBoundary"],
    }),
  },
  {
    policy: disallowUnboundedAdmin,
    base: identityStack,
    drops: [
      drop(
        "the deploy role's boundary over its grant of everything",
        /^Role deployment-deploy-role has no permissions boundary but may be granted every action on every resource: RolePolicy deployment-deploy-baseline allows "\*" on "\*"$/,
        all(
          set(DEPLOY, "permissionsBoundary", REMOVE),
          granting("deployment-deploy-baseline", ADMIN),
        ),
      ),
      drop(
        "the preview role's boundary over AdministratorAccess",
        /^Role deployment-preview-role has no permissions boundary but may be granted every action on every resource: RolePolicyAttachment preview-admin attaches arn:aws:iam::aws:policy\/AdministratorAccess$/,
        all(
          set(PREVIEW, "permissionsBoundary", ""),
          add(attachment("preview-admin", PREVIEW, "arn:aws:iam::aws:policy/AdministratorAccess")),
        ),
      ),
    ],
    irrelevant: everywhereBut(identityStack, {
      ...UNREAD,
      [DEPLOY]: [...ROLE_SETTINGS, "assumeRolePolicy"],
      [PREVIEW]: [...ROLE_SETTINGS, "assumeRolePolicy"],
      "deployment-preview-read": [],
      "deployment-deploy-baseline": [],
    }),
  },
  {
    policy: missingPermissionsBoundary,
    base: identityStack,
    drops: [
      drop(
        "the deploy role's boundary",
        /^Role deployment-deploy-role has no permissions boundary but can write: RolePolicy deployment-deploy-baseline allows s3:\*, kms:\*, cloudtrail:\* and 5 more$/,
        set(DEPLOY, "permissionsBoundary", REMOVE),
      ),
      drop(
        "a boundary's ARN",
        /^Role deployment-deploy-role has no permissions boundary but can write: RolePolicy deployment-deploy-baseline allows s3:\*, kms:\*, cloudtrail:\* and 5 more$/,
        set(DEPLOY, "permissionsBoundary", null),
      ),
      drop(
        "the preview role's boundary over a write",
        /^Role deployment-preview-role has no permissions boundary but can write: RolePolicy deployment-preview-read allows s3:PutObject$/,
        all(
          set(PREVIEW, "permissionsBoundary", REMOVE),
          granting("deployment-preview-read", withAction(PREVIEW_POLICY, "s3:PutObject")),
        ),
      ),
    ],
    irrelevant: everywhereBut(identityStack, {
      ...UNREAD,
      [DEPLOY]: [...ROLE_SETTINGS, "assumeRolePolicy"],
      [PREVIEW]: [...ROLE_SETTINGS, "assumeRolePolicy"],
      "deployment-deploy-baseline": [],
      "deployment-preview-read": [],
    }),
  },
  {
    policy: enforceReadOnlyUntrustedRefs,
    base: identityStack,
    drops: [
      drop(
        "reading only from pull requests and branches",
        /^Role deployment-preview-role is trusted for "repo:example-org\/soc2-pipeline-blueprint:pull_request", "repo:example-org\/soc2-pipeline-blueprint:ref:refs\/heads\/main" but can write: RolePolicy deployment-preview-read allows s3:PutObject$/,
        granting("deployment-preview-read", withAction(PREVIEW_POLICY, "s3:PutObject")),
      ),
      drop(
        "trusting only a reviewed environment to write",
        /^Role deployment-deploy-role is trusted for "repo:example-org\/soc2-pipeline-blueprint:pull_request" but can write: RolePolicy deployment-deploy-baseline allows s3:\*, kms:\*, cloudtrail:\* and 5 more$/,
        trusting(DEPLOY, [...DEPLOY_SUBJECTS, subject("pull_request")]),
      ),
    ],
    irrelevant: everywhereBut(identityStack, {
      ...UNREAD,
      [DEPLOY]: [...ROLE_SETTINGS, "permissionsBoundary"],
      [PREVIEW]: [...ROLE_SETTINGS, "permissionsBoundary"],
      "deployment-deploy-baseline": [],
      "deployment-preview-read": [],
    }),
  },
  {
    policy: disallowUnmanagedOidcSubjects,
    base: identityStack,
    drops: [
      drop(
        "a managed repository",
        /^Role deployment-deploy-role trusts "repo:other-org\/other-repo:environment:production", which names no repository this stack manages$/,
        trusting(DEPLOY, ["repo:other-org/other-repo:environment:production"]),
      ),
      drop(
        "the ruleset that makes the repository managed",
        /^Role deployment-(deploy|preview)-role trusts "repo:example-org\/soc2-pipeline-blueprint:[^"]+", which names no repository this stack manages$/,
        remove(RULESET),
      ),
      drop(
        "the owner of the managed repository",
        /^Role deployment-(deploy|preview)-role trusts "repo:example-org\/soc2-pipeline-blueprint:[^"]+", which names no repository this stack manages$/,
        owner(RULESET, "someone-else"),
      ),
      drop(
        "the subject check",
        new RegExp(
          `^Role deployment-deploy-role trust statement "GitHubActions" admits every repository: it does not check ${SUB}$`,
        ),
        checking(DEPLOY, "StringEquals", { [AUD]: "sts.amazonaws.com" }),
      ),
    ],
    irrelevant: everywhereBut(identityStack, {
      ...UNREAD,
      [DEPLOY]: [...ROLE_SETTINGS, "permissionsBoundary"],
      [PREVIEW]: [...ROLE_SETTINGS, "permissionsBoundary"],
      [RULESET]: ["name", "target", "enforcement"],
    }),
  },
  {
    policy: missingReviewedEnvironment,
    base: identityStack,
    drops: [
      drop(
        "the environment",
        /^Role deployment-deploy-role is trusted for environment "production" of example-org\/soc2-pipeline-blueprint, which this stack does not define$/,
        remove(ENVIRONMENT),
      ),
      drop(
        "the environment's name",
        /^Role deployment-deploy-role is trusted for environment "production" of example-org\/soc2-pipeline-blueprint, which this stack does not define$/,
        set(ENVIRONMENT, "environment", "staging"),
      ),
      drop(
        "the environment's owner",
        /^Role deployment-deploy-role is trusted for environment "production" of example-org\/soc2-pipeline-blueprint, which this stack does not define$/,
        owner(ENVIRONMENT, "someone-else"),
      ),
      drop(
        "the environment's review",
        /^Role deployment-deploy-role is trusted for environment "production" of example-org\/soc2-pipeline-blueprint, but RepositoryEnvironment soc2-pipeline-blueprint-environment has preventSelfReview false, not true$/,
        set(ENVIRONMENT, "preventSelfReview", false),
      ),
      drop(
        "the environment's reviewers",
        /^Role deployment-deploy-role is trusted for environment "production" of example-org\/soc2-pipeline-blueprint, but RepositoryEnvironment soc2-pipeline-blueprint-environment has no required reviewers$/,
        set(ENVIRONMENT, "reviewers", []),
      ),
    ],
    irrelevant: everywhereBut(identityStack, {
      ...UNREAD,
      [DEPLOY]: [...ROLE_SETTINGS, "permissionsBoundary"],
      [PREVIEW]: [...ROLE_SETTINGS, "permissionsBoundary"],
      [ENVIRONMENT]: [],
    }),
  },
];
