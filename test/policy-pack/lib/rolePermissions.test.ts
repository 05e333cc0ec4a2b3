/**
 * What a role of the stack may do: where its identity policies are defined (its own lists, the
 * RolePolicy and attachment resources that depend on it or name it), and whether they let it
 * write or grant it everything.
 */
import type { PolicyResource } from "@pulumi/policy";
import {
  adminEvidence,
  boundaryOf,
  identityPoliciesOf,
  policySourcesOf,
  summary,
  writeEvidence,
} from "../../../policy-pack/lib/rolePermissions";
import { StackIndex } from "../../../policy-pack/lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../policy-pack/lib/unknowns";
import { type Fixture, UNKNOWN as ENGINE_UNKNOWN } from "../support/analyze";
import { resourcesOf } from "../support/stack";

const ROLE = "aws:iam/role:Role";
const document = (...statements: object[]) => JSON.stringify({ Statement: statements });
const allow = (Action: unknown, Resource: unknown = "*") => ({ Effect: "Allow", Action, Resource });

async function stack(fixtures: Fixture[]) {
  const resources = await resourcesOf(fixtures);
  return {
    index: new StackIndex(resources),
    role: (name: string) => resources.find((r) => r.name === name)!,
  };
}

test("a role's policies, wherever the program defines them, in a fixed order", async () => {
  const { index, role } = await stack([
    {
      type: ROLE,
      name: "deploy",
      props: {
        name: "deploy-role",
        inlinePolicies: [{ name: "inline", policy: document(allow("s3:GetObject")) }],
        managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
      },
    },
    {
      type: "aws:iam/policy:Policy",
      name: "custom",
      props: { policy: document(allow("s3:PutObject")) },
    },
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      name: "by-dependency",
      props: { role: ENGINE_UNKNOWN, policy: document(allow("sqs:SendMessage")) },
      deps: { role: ["deploy"] },
    },
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      name: "by-name",
      props: { role: "deploy-role", policy: document(allow("sns:Publish")) },
    },
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      name: "elsewhere",
      props: { role: "other-role", policy: "{}" },
    },
    {
      type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      name: "attached",
      props: { role: "deploy-role", policyArn: ENGINE_UNKNOWN },
      deps: { policyArn: ["custom"] },
    },
    { type: "random:index/randomPet:RandomPet", name: "pet" },
    {
      type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
      name: "looked-up",
      props: { role: "deploy-role", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" },
      deps: { policyArn: ["pet"] },
    },
    {
      type: "aws:iam/policyAttachment:PolicyAttachment",
      name: "shared",
      props: {
        roles: ["other-role", "deploy-role"],
        policyArn: "arn:aws:iam::111122223333:policy/shared",
      },
    },
    {
      type: "aws:iam/policyAttachment:PolicyAttachment",
      name: "partly-unknown",
      props: {
        roles: [ENGINE_UNKNOWN, "other-role"],
        policyArn: "arn:aws:iam::111122223333:policy/x",
      },
    },
  ]);
  const verdict = new Verdict();
  const sources = policySourcesOf(index, role("deploy"), verdict);
  expect(sources.map((s) => [s.source, s.kind, s.policy?.name])).toEqual([
    ["RolePolicy by-dependency", "document", undefined],
    ["RolePolicy by-name", "document", undefined],
    ["RolePolicyAttachment attached", "managed", "custom"],
    ["RolePolicyAttachment looked-up", "managed", undefined],
    ["PolicyAttachment shared", "managed", undefined],
    ["Role deploy inlinePolicies[0]", "document", undefined],
    ["Role deploy managedPolicyArns[0]", "managed", undefined],
  ]);
  expect(sources.map((s) => s.read(verdict))).toEqual([
    document(allow("sqs:SendMessage")),
    document(allow("sns:Publish")),
    UNKNOWN,
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::111122223333:policy/shared",
    document(allow("s3:GetObject")),
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
  ]);
  const policies = identityPoliciesOf(index, role("deploy"), new Verdict());
  expect(
    policies.map((p) => [p.source, p.managedArn, p.statements?.flatMap((s) => s.actions)]),
  ).toEqual([
    ["RolePolicy by-dependency", undefined, ["sqs:SendMessage"]],
    ["RolePolicy by-name", undefined, ["sns:Publish"]],
    ["RolePolicyAttachment attached (Policy custom)", undefined, ["s3:PutObject"]],
    ["RolePolicyAttachment looked-up", "arn:aws:iam::aws:policy/ReadOnlyAccess", undefined],
    ["PolicyAttachment shared", "arn:aws:iam::111122223333:policy/shared", undefined],
    ["Role deploy inlinePolicies[0]", undefined, ["s3:GetObject"]],
    ["Role deploy managedPolicyArns[0]", "arn:aws:iam::aws:policy/ReadOnlyAccess", undefined],
  ]);
});

test("unknown policies are recorded and left out; unreadable ones are kept as such", async () => {
  const { index, role } = await stack([
    {
      type: ROLE,
      name: "ci",
      props: {
        name: ENGINE_UNKNOWN,
        inlinePolicies: [
          { policy: ENGINE_UNKNOWN },
          { policy: "not json" },
          { policy: { Version: "2012-10-17", Statement: ENGINE_UNKNOWN } },
        ],
        managedPolicyArns: [ENGINE_UNKNOWN, 7],
      },
    },
    { type: "aws:iam/rolePolicy:RolePolicy", name: "named", props: { role: "ci", policy: "{}" } },
    {
      type: "aws:iam/rolePolicy:RolePolicy",
      name: "unknown-role",
      props: { role: ENGINE_UNKNOWN, policy: "{}" },
    },
  ]);
  const verdict = new Verdict();
  expect(identityPoliciesOf(index, role("ci"), verdict)).toEqual([
    { source: "Role ci inlinePolicies[1]" },
    { source: "Role ci managedPolicyArns[1]" },
  ]);
  expect(verdict.complete).toBe(false);
  const { index: i2, role: r2 } = await stack([
    {
      type: ROLE,
      name: "lists",
      props: { inlinePolicies: ENGINE_UNKNOWN, managedPolicyArns: "arn" },
    },
  ]);
  const listVerdict = new Verdict();
  expect(policySourcesOf(i2, r2("lists"), listVerdict)).toEqual([]);
  expect(listVerdict.complete).toBe(false);
});

describe("writeEvidence", () => {
  test("reading only is no evidence; everything else names what it writes", async () => {
    const { index, role } = await stack([
      {
        type: ROLE,
        name: "r",
        props: {
          inlinePolicies: [
            {
              policy: document(
                allow([
                  "s3:GetObject",
                  "ec2:Describe*",
                  "kms:Decrypt",
                  "s3:listbucket",
                  "logs:FilterLogEvents",
                ]),
              ),
            },
            {
              policy: document(allow(["s3:PutObject", "s3:GetObject"]), {
                Effect: "Deny",
                Action: "iam:*",
              }),
            },
            { policy: document({ Effect: "Allow", NotAction: ["iam:*", "sts:*"] }) },
            {
              policy: document(
                allow(["a:Put1", "a:Put2", "a:Put3", "a:Put4", "a:Put5", "*", "s3"]),
              ),
            },
          ],
          managedPolicyArns: [
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
            "arn:aws:iam::aws:policy/SecurityAudit",
            "arn:aws-cn:iam::aws:policy/AmazonS3ReadOnly",
            "arn:aws:iam::aws:policy/AmazonS3FullAccess",
            "arn:aws:iam::111122223333:policy/ReadOnlyAccess",
            "arn:aws:iam::aws:policy/MyViewOnlyAccess",
            "arn:aws:iam::aws:policy/ReadOnlyAccess/",
            "x:arn:aws:iam::aws:policy/ReadOnlyAccess",
          ],
        },
      },
    ]);
    const evidence = identityPoliciesOf(index, role("r"), new Verdict()).map((p) =>
      writeEvidence(p),
    );
    expect(evidence).toEqual([
      undefined,
      "Role r inlinePolicies[1] allows s3:PutObject",
      "Role r inlinePolicies[2] allows all but iam:*, sts:*",
      "Role r inlinePolicies[3] allows a:Put1, a:Put2, a:Put3 and 4 more",
      undefined,
      undefined,
      undefined,
      undefined,
      "Role r managedPolicyArns[4] attaches arn:aws:iam::aws:policy/AmazonS3FullAccess",
      "Role r managedPolicyArns[5] attaches arn:aws:iam::111122223333:policy/ReadOnlyAccess",
      "Role r managedPolicyArns[6] attaches arn:aws:iam::aws:policy/MyViewOnlyAccess",
      "Role r managedPolicyArns[7] attaches arn:aws:iam::aws:policy/ReadOnlyAccess/",
      "Role r managedPolicyArns[8] attaches x:arn:aws:iam::aws:policy/ReadOnlyAccess",
    ]);
    expect(writeEvidence({ source: "RolePolicy p" })).toBe("RolePolicy p is unreadable");
  });

  test("an exempt action of a statement is spared", async () => {
    const { index, role } = await stack([
      {
        type: ROLE,
        name: "r",
        props: {
          inlinePolicies: [{ policy: document(allow(["logs:PutLogEvents", "s3:PutObject"])) }],
        },
      },
    ]);
    const [policy] = identityPoliciesOf(index, role("r"), new Verdict());
    const seen: unknown[] = [];
    const exempt = (action: string, statement: { resources: string[] }) => {
      seen.push([action, statement.resources]);
      return action.startsWith("logs:");
    };
    expect(writeEvidence(policy, exempt)).toBe("Role r inlinePolicies[0] allows s3:PutObject");
    expect(seen).toEqual([
      ["logs:PutLogEvents", ["*"]],
      ["s3:PutObject", ["*"]],
    ]);
  });
});

test("admin evidence: every action on every resource, AdministratorAccess, or a policy not in the stack", async () => {
  const { index, role } = await stack([
    {
      type: ROLE,
      name: "r",
      props: {
        inlinePolicies: [
          { policy: document(allow("*")) },
          { policy: document(allow("*:*")) },
          { policy: document(allow("*", "arn:aws:s3:::logs")) },
          { policy: document(allow("s3:*")) },
          { policy: document({ Effect: "Deny", Action: "*", Resource: "*" }) },
        ],
        managedPolicyArns: [
          "arn:aws:iam::aws:policy/AdministratorAccess",
          "arn:aws:iam::aws:policy/ReadOnlyAccess",
          "arn:aws:iam::111122223333:policy/custom",
        ],
      },
    },
  ]);
  expect(identityPoliciesOf(index, role("r"), new Verdict()).map(adminEvidence)).toEqual([
    'Role r inlinePolicies[0] allows "*" on "*"',
    'Role r inlinePolicies[1] allows "*" on "*"',
    undefined,
    undefined,
    undefined,
    "Role r managedPolicyArns[0] attaches arn:aws:iam::aws:policy/AdministratorAccess",
    undefined,
    "Role r managedPolicyArns[2] attaches arn:aws:iam::111122223333:policy/custom, which is not in this stack",
  ]);
  expect(adminEvidence({ source: "RolePolicy p" })).toBe("RolePolicy p is unreadable");
});

test("summary names three items and counts the rest", () => {
  expect(summary([])).toBe("");
  expect(summary(["a", "b", "c"])).toBe("a, b, c");
  expect(summary(["a", "b", "c", "d"])).toBe("a, b, c and 1 more");
});

test("a permissions boundary as read: unset, empty or null is none", async () => {
  const resources: PolicyResource[] = await resourcesOf([
    {
      type: ROLE,
      name: "set",
      props: { permissionsBoundary: "arn:aws:iam::111122223333:policy/b" },
    },
    { type: ROLE, name: "empty", props: { permissionsBoundary: "" } },
    { type: ROLE, name: "null", props: { permissionsBoundary: null } },
    { type: ROLE, name: "unset", props: {} },
    { type: ROLE, name: "unknown", props: { permissionsBoundary: ENGINE_UNKNOWN } },
  ]);
  const verdict = new Verdict();
  expect(resources.map((r) => boundaryOf(r, verdict))).toEqual([
    "arn:aws:iam::111122223333:policy/b",
    undefined,
    undefined,
    undefined,
    UNKNOWN,
  ]);
  expect(verdict.complete).toBe(false);
});
