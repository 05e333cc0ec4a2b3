/**
 * What an IAM role of the stack is allowed to do: its identity policies, wherever the program
 * defines them, and whether they let it write or grant it everything.
 *
 * A role's identity policies are its own `inlinePolicies` and `managedPolicyArns`, the RolePolicy
 * resources and the managed policies attached to it (RolePolicyAttachment, PolicyAttachment). They
 * belong to the role through the dependency of their `role`/`roles` on it (known in a first
 * preview) or by its known name. A permissions boundary is none of them: it only caps them.
 */
import type { PolicyResource } from "@pulumi/policy";
import { IAM_ROLE_POLICY, IAM_ROLE_POLICY_ATTACHMENT } from "./compute";
import { type NormalizedStatement, statementsOf } from "./iamDocument";
import { field, hasKey } from "./props";
import { StackIndex } from "./stackIndex";
import { type Maybe, UNKNOWN, Verdict } from "./unknowns";

export const IAM_POLICY = "aws:iam/policy:Policy";
const IAM_POLICY_ATTACHMENT = "aws:iam/policyAttachment:PolicyAttachment";

/** One place a role's permissions are defined, read only when a policy needs it. */
export interface PolicySource {
  /** How a violation names it: `RolePolicy deploy-baseline`, `Role deploy inlinePolicies[0]`. */
  source: string;
  /** An inline document, or a managed policy known by its ARN. */
  kind: "document" | "managed";
  /** The document, or the managed policy's ARN, read through `verdict`. */
  read(verdict: Verdict): Maybe<unknown>;
  /** For a managed policy: the aws.iam.Policy of this stack its ARN comes from. */
  policy?: PolicyResource;
}

/** Resources of `type` whose `property` depends on `role`, or names it by its known name. */
function attachedTo(
  index: StackIndex,
  role: PolicyResource,
  type: string,
  property: string,
): PolicyResource[] {
  const byDependency = index.attached(role, [type], property);
  // Peeking: a name that is not known yet only means no match by name.
  const peek = new Verdict();
  const name = peek.read(() => role.props.name as unknown);
  if (typeof name !== "string") return byDependency;
  const names = (r: PolicyResource) => {
    const value = peek.read(() => r.props[property] as unknown);
    if (!Array.isArray(value)) return value === name;
    // A list (PolicyAttachment's roles) is read entry by entry, as one may be unknown.
    return Array.from({ length: value.length }, (_, i) =>
      peek.read(() => value[i] as unknown),
    ).includes(name);
  };
  const byName = index.ofType(type).filter((r) => !byDependency.includes(r) && names(r));
  return [...byDependency, ...byName];
}

/** Where `role`'s identity policies are defined; an unknown list of its own goes to `verdict`. */
export function policySourcesOf(
  index: StackIndex,
  role: PolicyResource,
  verdict: Verdict,
): PolicySource[] {
  const managed = (r: PolicyResource): PolicySource => ({
    source: `${r.type.split(":").pop()} ${r.name}`,
    kind: "managed",
    read: (v) => v.read(() => r.props.policyArn as unknown),
    policy: StackIndex.sources(r, "policyArn").find((p) => p.type === IAM_POLICY),
  });
  // A list of the role's own is read here to know its length, its entries when a policy needs them.
  const own = (key: string, kind: PolicySource["kind"], ...path: string[]): PolicySource[] => {
    if (!hasKey(role.props, key)) return [];
    const list = verdict.read(() => role.props[key] as unknown);
    if (!Array.isArray(list)) return [];
    // Iterating the proxied list itself would throw on an unknown entry.
    return Array.from({ length: list.length }, (_, i) => ({
      source: `Role ${role.name} ${key}[${i}]`,
      kind,
      read: (v: Verdict) =>
        v.read(() => path.reduce<unknown>((value, k) => field(value, k), list[i])),
    }));
  };
  return [
    ...attachedTo(index, role, IAM_ROLE_POLICY, "role").map((r): PolicySource => ({
      source: `RolePolicy ${r.name}`,
      kind: "document",
      read: (v) => v.read(() => r.props.policy as unknown),
    })),
    ...attachedTo(index, role, IAM_ROLE_POLICY_ATTACHMENT, "role").map(managed),
    ...attachedTo(index, role, IAM_POLICY_ATTACHMENT, "roles").map(managed),
    ...own("inlinePolicies", "document", "policy"),
    ...own("managedPolicyArns", "managed"),
  ];
}

/** An identity policy of a role as far as the stack shows it. */
export interface IdentityPolicy {
  source: string;
  /** Its statements; undefined when the document is unreadable or not in the stack. */
  statements?: NormalizedStatement[];
  /** The ARN of a managed policy whose document is not in the stack. */
  managedArn?: string;
}

/**
 * `role`'s identity policies, documents read and parsed. A policy whose document or ARN is unknown
 * goes to `verdict` and is left out; one attached from this stack's aws.iam.Policy is read from it.
 */
export function identityPoliciesOf(
  index: StackIndex,
  role: PolicyResource,
  verdict: Verdict,
): IdentityPolicy[] {
  return policySourcesOf(index, role, verdict).flatMap((p): IdentityPolicy[] => {
    const source = p.policy ? `${p.source} (Policy ${p.policy.name})` : p.source;
    const { policy } = p;
    const value = policy ? verdict.read(() => policy.props.policy as unknown) : p.read(verdict);
    if (value === UNKNOWN) return [];
    if (p.kind === "managed" && !policy) {
      return [typeof value === "string" ? { source, managedArn: value } : { source }];
    }
    const statements = verdict.read(() => statementsOf(value));
    if (statements === UNKNOWN) return [];
    return [{ source, statements }];
  });
}

/** The name of an AWS-managed policy (`arn:aws:iam::aws:policy/job-function/ViewOnlyAccess`). */
function awsManagedName(arn: string): string | undefined {
  return /^arn:[\w-]+:iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/.exec(arn)?.[1];
}

/** AWS-managed policies that grant reading only. */
const READ_ONLY_MANAGED = /(?:ReadOnlyAccess|ReadOnly|^ViewOnlyAccess|^SecurityAudit)$/;

/**
 * Verbs of actions that read (or, for kms:Decrypt, use a key to read) and change nothing. A
 * wildcard action is read-only only when its verb starts with one of them.
 */
const READ_VERBS =
  /^(?:Get|List|Describe|BatchGet|BatchDescribe|View|Search|Lookup|Head|Query|Scan|Filter|Decrypt)/i;

/** Whether an action pattern (`s3:GetObject`, `ec2:Describe*`) grants reading only. */
function isReadAction(action: string): boolean {
  const verb = action.split(":")[1];
  return verb !== undefined && READ_VERBS.test(verb);
}

/** `items` for a message: the first three, then how many more. */
export function summary(items: readonly string[]): string {
  const shown = items.slice(0, 3).join(", ");
  return items.length > 3 ? `${shown} and ${items.length - 3} more` : shown;
}

/**
 * What `policy` lets its role write, as a violation shows it (`RolePolicy x allows s3:PutObject`),
 * or undefined when it grants reading only. A managed policy from outside the stack writes unless
 * AWS publishes it as read-only; an unreadable document may grant anything. `exempt` spares an
 * allowed action of a statement.
 */
export function writeEvidence(
  policy: IdentityPolicy,
  exempt: (action: string, statement: NormalizedStatement) => boolean = () => false,
): string | undefined {
  if (policy.managedArn !== undefined) {
    const name = awsManagedName(policy.managedArn);
    if (name !== undefined && READ_ONLY_MANAGED.test(name)) return undefined;
    return `${policy.source} attaches ${policy.managedArn}`;
  }
  if (!policy.statements) return `${policy.source} is unreadable`;
  const writes = new Set<string>();
  for (const s of policy.statements.filter((s) => s.effect === "Allow")) {
    if (s.notActions.length > 0) writes.add(`all but ${s.notActions.join(", ")}`);
    s.actions.filter((a) => !isReadAction(a) && !exempt(a, s)).forEach((a) => writes.add(a));
  }
  return writes.size > 0 ? `${policy.source} allows ${summary([...writes])}` : undefined;
}

/**
 * How `policy` grants every action on every resource, as a violation shows it, or undefined when
 * it does not. A managed policy from outside the stack, other than AWS's, may do so.
 */
export function adminEvidence(policy: IdentityPolicy): string | undefined {
  if (policy.managedArn !== undefined) {
    const name = awsManagedName(policy.managedArn);
    if (name === "AdministratorAccess") return `${policy.source} attaches ${policy.managedArn}`;
    return name === undefined
      ? `${policy.source} attaches ${policy.managedArn}, which is not in this stack`
      : undefined;
  }
  if (!policy.statements) return `${policy.source} is unreadable`;
  const everything = policy.statements.some(
    (s) =>
      s.effect === "Allow" &&
      s.actions.some((a) => a === "*" || a === "*:*") &&
      s.resources.includes("*"),
  );
  return everything ? `${policy.source} allows "*" on "*"` : undefined;
}

/** A role's permissions boundary as read, `UNKNOWN` while unknown, undefined when unset. */
export function boundaryOf(role: PolicyResource, verdict: Verdict): Maybe<unknown> {
  if (!hasKey(role.props, "permissionsBoundary")) return undefined;
  const value = verdict.read(() => role.props.permissionsBoundary as unknown);
  return value === "" || value === null ? undefined : value;
}
