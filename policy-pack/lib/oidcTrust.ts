/**
 * GitHub Actions' OIDC federation in IAM role trust policies: which statements let GitHub's token
 * assume a role, the subjects (`sub` claims) they admit, and which GitHub repository and
 * environment of the stack a subject names.
 *
 * GitHub writes a job's subject as `repo:OWNER/REPO:CONTEXT` — CONTEXT `environment:ENV`,
 * `pull_request`, `ref:refs/heads/BRANCH` or `ref:refs/tags/TAG` — or, for repositories created
 * from July 2026, in the immutable form `repo:OWNER@OWNER_ID/REPO@REPO_ID:CONTEXT`; both name the
 * same OWNER/REPO. GitHub's owner, repository and environment names are case-insensitive.
 */
import type { PolicyResource } from "@pulumi/policy";
import { IAM_ROLE } from "./compute";
import { GITHUB } from "./github";
import { actionMatches, type NormalizedStatement, statementsOf } from "./iamDocument";
import { StackIndex } from "./stackIndex";
import { type Maybe, UNKNOWN, type Verdict } from "./unknowns";

const GITHUB_ISSUER = "token.actions.githubusercontent.com";
export const AUDIENCE_KEY = `${GITHUB_ISSUER}:aud`;
export const SUBJECT_KEY = `${GITHUB_ISSUER}:sub`;
/** The audience aws-actions/configure-aws-credentials requests. */
export const STS_AUDIENCE = "sts.amazonaws.com";

const GITHUB_PROVIDER =
  /^Federated:arn:[\w-]+:iam::[^:]*:oidc-provider\/token\.actions\.githubusercontent\.com$/;
const WEB_IDENTITY = "sts:AssumeRoleWithWebIdentity";
/** Operators that admit the values they list (as opposed to StringNotEquals, Null, …). */
const ADMITTING =
  /^(?:ForAnyValue:|ForAllValues:)?String(?:Equals|Like|EqualsIgnoreCase)(?:IfExists)?$/;

/** An Allow statement of a trust policy that lets GitHub Actions' token assume the role. */
export interface GitHubTrust {
  /** How a violation names it: its Sid, quoted, or its index in the document. */
  statement: string;
  conditions: NormalizedStatement["conditions"];
}

/** The statements of a trust policy that let GitHub's token assume the role by web identity. */
export function gitHubTrusts(statements: NormalizedStatement[]): GitHubTrust[] {
  return statements.flatMap((s, i) => {
    const grants =
      s.actions.some((a) => actionMatches(a, WEB_IDENTITY)) ||
      (s.notActions.length > 0 && !s.notActions.some((a) => actionMatches(a, WEB_IDENTITY)));
    const trustsGitHub = s.principals.some((p) => GITHUB_PROVIDER.test(p));
    if (s.effect !== "Allow" || !grants || !trustsGitHub) return [];
    return [
      {
        statement: s.sid === undefined ? String(i) : JSON.stringify(s.sid),
        conditions: s.conditions,
      },
    ];
  });
}

/** Each condition of `trust` on `key` (condition keys are case-insensitive): operator and values. */
export function checksOf(
  trust: GitHubTrust,
  key: string,
): { operator: string; values: string[] }[] {
  return Object.entries(trust.conditions).flatMap(([operator, keys]) =>
    Object.entries(keys)
      .filter(([k]) => k.toLowerCase() === key)
      .map(([, values]) => ({ operator, values })),
  );
}

/**
 * The subjects `trust` admits, as its conditions list them, or undefined when no condition limits
 * the subject (every workflow of every repository). Conditions that must all hold are taken
 * together, so a value any of them lists counts.
 */
export function admittedSubjects(trust: GitHubTrust): string[] | undefined {
  const admitting = checksOf(trust, SUBJECT_KEY).filter((c) => ADMITTING.test(c.operator));
  if (admitting.length === 0) return undefined;
  return [...new Set(admitting.flatMap((c) => c.values))];
}

/** A subject's parts; a wildcard in the document stays in the part it is in. */
export interface Subject {
  text: string;
  owner: string;
  repository: string;
  /** What follows OWNER/REPO: `environment:ENV`, `pull_request`, `ref:refs/heads/main`, … */
  context: string;
}

/** The parts of a `repo:OWNER/REPO:CONTEXT` subject (either form), or undefined for any other. */
export function parseSubject(text: string): Subject | undefined {
  const m = /^repo:([^/:@]+)(?:@[^/:]*)?\/([^/:@]+)(?:@[^/:]*)?:(.+)$/.exec(text);
  return m ? { text, owner: m[1], repository: m[2], context: m[3] } : undefined;
}

export const hasWildcard = (value: string): boolean => /[*?]/.test(value);

/** Whether some value `pattern` (with `*` and `?`) matches starts with `prefix`. */
function mayStartWith(pattern: string, prefix: string): boolean {
  const literal = pattern.split(/[*?]/)[0];
  if (literal === pattern) return pattern.startsWith(prefix);
  return literal.startsWith(prefix) || prefix.startsWith(literal);
}

/**
 * The environment a subject's context names; `*` when a wildcard context admits any, undefined
 * when it admits no environment subject.
 */
export function environmentOf(context: string): string | undefined {
  if (context.startsWith("environment:")) return context.slice("environment:".length);
  return hasWildcard(context) && mayStartWith(context, "environment:") ? "*" : undefined;
}

/** Whether a subject's context admits pull-request, branch or tag workflows. */
export function admitsUntrustedRefs(context: string): boolean {
  return (
    actionMatches(context, "pull_request") ||
    mayStartWith(context, "ref:refs/heads/") ||
    mayStartWith(context, "ref:refs/tags/")
  );
}

/** A role of the stack whose trust policy lets GitHub's token assume it. */
export interface GitHubTrustedRole {
  role: PolicyResource;
  trusts: GitHubTrust[];
}

/**
 * The roles GitHub's token may assume. A role whose trust policy is unknown goes to `verdict`; one
 * whose trust policy is unreadable is aws-iam-role-enforce-oidc-trust-conditions' to report.
 */
export function gitHubTrustedRoles(index: StackIndex, verdict: Verdict): GitHubTrustedRole[] {
  return index.ofType(IAM_ROLE).flatMap((role) => {
    const statements = verdict.read(() => statementsOf(role.props.assumeRolePolicy));
    if (statements === UNKNOWN || !statements) return [];
    const trusts = gitHubTrusts(statements);
    return trusts.length > 0 ? [{ role, trusts }] : [];
  });
}

/** A GitHub repository as the stack knows it; the owner undefined when its provider states none. */
export interface StackRepository {
  name: Maybe<unknown>;
  owner: Maybe<unknown>;
}

/** The owner a GitHub resource's provider acts for. */
function ownerOf(resource: PolicyResource, verdict: Verdict): Maybe<unknown> {
  const provider = resource.provider?.props;
  return provider ? verdict.read(() => provider.owner as unknown) : undefined;
}

/** A github.Repository of the stack: its name, owned by its provider's owner. */
export function repositoryOf(repository: PolicyResource, verdict: Verdict): StackRepository {
  return {
    name: verdict.read(() => repository.props.name as unknown),
    owner: ownerOf(repository, verdict),
  };
}

/**
 * The repository a GitHub resource's `repository` property names: the github.Repository it depends
 * on (known in a first preview, when its name output is not), else the name it states.
 */
export function repositoryNamedBy(resource: PolicyResource, verdict: Verdict): StackRepository {
  const source = StackIndex.sources(resource, "repository").find(
    (r) => r.type === GITHUB.repository,
  );
  if (source) return repositoryOf(source, verdict);
  return {
    name: verdict.read(() => resource.props.repository as unknown),
    owner: ownerOf(resource, verdict),
  };
}

/** Whether `value` is the GitHub name `name`, `UNKNOWN` while it is not known. */
export function sameName(value: Maybe<unknown>, name: string): Maybe<boolean> {
  if (value === UNKNOWN) return UNKNOWN;
  return typeof value === "string" && value.toLowerCase() === name.toLowerCase();
}

/** `true` when every part is, `false` when one is not, else `UNKNOWN`. */
export function all(...parts: Maybe<boolean>[]): Maybe<boolean> {
  if (parts.includes(false)) return false;
  return parts.includes(UNKNOWN) ? UNKNOWN : true;
}

/** `true` when some part is, `false` when none is, else `UNKNOWN`. */
export function some(...parts: Maybe<boolean>[]): Maybe<boolean> {
  if (parts.includes(true)) return true;
  return parts.includes(UNKNOWN) ? UNKNOWN : false;
}

/** Whether `repository` is OWNER/REPO of `subject`; an owner its provider does not state matches. */
export function namesRepository(subject: Subject, repository: StackRepository): Maybe<boolean> {
  const stated =
    repository.owner === UNKNOWN ||
    (typeof repository.owner === "string" && repository.owner !== "");
  const owner = stated ? sameName(repository.owner, subject.owner) : true;
  return all(sameName(repository.name, subject.repository), owner);
}
