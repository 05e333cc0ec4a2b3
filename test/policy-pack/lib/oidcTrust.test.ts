/**
 * GitHub Actions' OIDC trust in IAM role trust policies: which statements trust GitHub's token,
 * the subjects they admit, and what a subject's context allows (environments, untrusted refs).
 */
import { GITHUB } from "../../../policy-pack/lib/github";
import { statementsOf } from "../../../policy-pack/lib/iamDocument";
import {
  admitsUntrustedRefs,
  admittedSubjects,
  all,
  checksOf,
  environmentOf,
  gitHubTrustedRoles,
  gitHubTrusts,
  namesRepository,
  parseSubject,
  repositoryNamedBy,
  repositoryOf,
  sameName,
  some,
  SUBJECT_KEY,
} from "../../../policy-pack/lib/oidcTrust";
import { StackIndex } from "../../../policy-pack/lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../policy-pack/lib/unknowns";
import { UNKNOWN as UNKNOWN_IN_ENGINE } from "../support/analyze";
import { resourcesOf } from "../support/stack";

const PROVIDER = "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com";
const trustStatement = (extra: Record<string, unknown> = {}) => ({
  Effect: "Allow",
  Principal: { Federated: PROVIDER },
  Action: "sts:AssumeRoleWithWebIdentity",
  Condition: { StringEquals: { [SUBJECT_KEY]: "repo:example/app:environment:prod" } },
  ...extra,
});
const document = (...statements: object[]) => JSON.stringify({ Statement: statements });
const trustsOf = (...statements: object[]) =>
  gitHubTrusts(statementsOf({ Statement: statements }) ?? []);

test("only Allow statements letting GitHub's provider assume by web identity trust GitHub", () => {
  expect(trustsOf(trustStatement(), trustStatement({ Sid: "Deploy" }))).toEqual([
    {
      statement: "0",
      conditions: { StringEquals: { [SUBJECT_KEY]: ["repo:example/app:environment:prod"] } },
    },
    {
      statement: '"Deploy"',
      conditions: { StringEquals: { [SUBJECT_KEY]: ["repo:example/app:environment:prod"] } },
    },
  ]);
  expect(trustsOf(trustStatement({ Action: "sts:*" }))).toHaveLength(1);
  expect(trustsOf(trustStatement({ Action: [], NotAction: "sts:AssumeRole" }))).toHaveLength(1);
  expect(
    trustsOf(
      trustStatement({ Effect: "Deny" }),
      trustStatement({ Action: "sts:AssumeRole" }),
      trustStatement({ Action: [], NotAction: "sts:AssumeRoleWithWebIdentity" }),
      trustStatement({ Action: [], NotAction: ["s3:*", "sts:AssumeRoleWithWebIdentity"] }),
      trustStatement({ Action: [] }),
      trustStatement({ Principal: { Federated: `${PROVIDER}.example.com` } }),
      trustStatement({ Principal: { Federated: `x${PROVIDER}` } }),
      trustStatement({ Principal: { AWS: PROVIDER } }),
    ),
  ).toEqual([]);
  expect(
    trustsOf(
      trustStatement({
        Principal: {
          Federated:
            "arn:aws-us-gov:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
        },
      }),
    ),
  ).toHaveLength(1);
  expect(
    trustsOf(trustStatement({ Principal: { Federated: ["accounts.google.com", PROVIDER] } })),
  ).toHaveLength(1);
});

test("the subjects a trust admits: every admitting condition on the subject, case-insensitive key", () => {
  const [trust] = trustsOf(
    trustStatement({
      Condition: {
        StringLike: { "Token.Actions.GitHubUserContent.com:SUB": ["repo:example/*", "repo:a/b:x"] },
        "ForAnyValue:StringEqualsIgnoreCaseIfExists": { [SUBJECT_KEY]: "repo:a/b:x" },
        StringNotEquals: { [SUBJECT_KEY]: "repo:example/evil:pull_request" },
        StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
      },
    }),
  );
  expect(checksOf(trust, SUBJECT_KEY)).toEqual([
    { operator: "StringLike", values: ["repo:example/*", "repo:a/b:x"] },
    { operator: "ForAnyValue:StringEqualsIgnoreCaseIfExists", values: ["repo:a/b:x"] },
    { operator: "StringNotEquals", values: ["repo:example/evil:pull_request"] },
  ]);
  expect(admittedSubjects(trust)).toEqual(["repo:example/*", "repo:a/b:x"]);
  const [onlyDenying] = trustsOf(
    trustStatement({ Condition: { StringNotLike: { [SUBJECT_KEY]: "repo:*" } } }),
  );
  expect(admittedSubjects(onlyDenying)).toBeUndefined();
  const [notAnOperator] = trustsOf(
    trustStatement({ Condition: { XStringEquals: { [SUBJECT_KEY]: "repo:a/b:x" } } }),
  );
  expect(admittedSubjects(notAnOperator)).toBeUndefined();
});

test("a subject's owner, repository and context, in either of GitHub's forms", () => {
  expect(parseSubject("repo:example/app:environment:prod")).toEqual({
    text: "repo:example/app:environment:prod",
    owner: "example",
    repository: "app",
    context: "environment:prod",
  });
  expect(parseSubject("repo:example@123/app@456:ref:refs/heads/main")).toEqual({
    text: "repo:example@123/app@456:ref:refs/heads/main",
    owner: "example",
    repository: "app",
    context: "ref:refs/heads/main",
  });
  for (const text of [
    "repo:example/app",
    "repo:example:app:x",
    "xrepo:example/app:x",
    "*",
    "repo:example/app:environment:prod\n",
  ]) {
    expect([text, parseSubject(text)]).toEqual([text, undefined]);
  }
});

test("the environment a context names, `*` when a wildcard may name any", () => {
  expect(environmentOf("environment:prod")).toBe("prod");
  expect(environmentOf("environment:*")).toBe("*");
  expect(environmentOf("*")).toBe("*");
  expect(environmentOf("env*")).toBe("*");
  expect(environmentOf("ref:refs/heads/main")).toBeUndefined();
  expect(environmentOf("ref:*")).toBeUndefined();
  expect(environmentOf("pull_request")).toBeUndefined();
});

test("contexts that admit pull requests, branches or tags", () => {
  for (const context of [
    "pull_request",
    "pull_*",
    "ref:refs/heads/main",
    "ref:refs/tags/v1",
    "ref:*",
    "ref:refs/he?ds/*",
    "ref:refs/heads/release-*",
    "*",
  ]) {
    expect([context, admitsUntrustedRefs(context)]).toEqual([context, true]);
  }
  for (const context of [
    "environment:prod",
    "environment:*",
    "ref:refs/pull/1/merge",
    "refs",
    "ref:",
  ]) {
    expect([context, admitsUntrustedRefs(context)]).toEqual([context, false]);
  }
});

test("GitHub names compare case-insensitively; an unknown name is undecided", () => {
  expect(sameName("Example", "example")).toBe(true);
  expect(sameName("other", "example")).toBe(false);
  expect(sameName(7, "7")).toBe(false);
  expect(sameName(UNKNOWN, "example")).toBe(UNKNOWN);
});

test("all and some over undecided parts", () => {
  expect([all(), all(true, true), all(true, UNKNOWN), all(UNKNOWN, false)]).toEqual([
    true,
    true,
    UNKNOWN,
    false,
  ]);
  expect([some(), some(false, false), some(false, UNKNOWN), some(UNKNOWN, true)]).toEqual([
    false,
    false,
    UNKNOWN,
    true,
  ]);
});

test("a subject names a repository by name and owner; an owner the stack does not state matches", () => {
  const subject = parseSubject("repo:Example/App:pull_request")!;
  expect(namesRepository(subject, { name: "app", owner: "example" })).toBe(true);
  expect(namesRepository(subject, { name: "app", owner: "other" })).toBe(false);
  expect(namesRepository(subject, { name: "api", owner: "example" })).toBe(false);
  expect(namesRepository(subject, { name: "app", owner: undefined })).toBe(true);
  expect(namesRepository(subject, { name: "app", owner: "" })).toBe(true);
  expect(namesRepository(subject, { name: "app", owner: UNKNOWN })).toBe(UNKNOWN);
  expect(namesRepository(subject, { name: UNKNOWN, owner: "example" })).toBe(UNKNOWN);
  expect(namesRepository(subject, { name: UNKNOWN, owner: "other" })).toBe(false);
});

describe("in a stack", () => {
  const ROLE = "aws:iam/role:Role";
  const provider = {
    urn: "urn:pulumi:test::soc2-baseline::pulumi:providers:github::org",
    type: "pulumi:providers:github",
    name: "org",
    properties: { owner: "example" },
  };

  test("the roles GitHub's token may assume, with the statements that let it", async () => {
    const resources = await resourcesOf([
      { type: ROLE, name: "deploy", props: { assumeRolePolicy: document(trustStatement()) } },
      {
        type: ROLE,
        name: "service",
        props: { assumeRolePolicy: document(trustStatement({ Principal: { Service: "x" } })) },
      },
      { type: ROLE, name: "unreadable", props: { assumeRolePolicy: "not json" } },
      { type: ROLE, name: "unknown", props: { assumeRolePolicy: UNKNOWN_IN_ENGINE } },
    ]);
    const verdict = new Verdict();
    expect(
      gitHubTrustedRoles(new StackIndex(resources), verdict).map((r) => [
        r.role.name,
        r.trusts.map((t) => t.statement),
      ]),
    ).toEqual([["deploy", ["0"]]]);
    expect(verdict.complete).toBe(false);
  });

  test("the repository a resource names: the Repository it depends on, else the name it states", async () => {
    const resources = await resourcesOf([
      { type: GITHUB.repository, name: "app", props: { name: "app" }, provider },
      { type: "random:index/randomPet:RandomPet", name: "pet", props: { id: "x" } },
      {
        type: GITHUB.repositoryRuleset,
        name: "by-dependency",
        props: { repository: UNKNOWN_IN_ENGINE },
        deps: { repository: ["app"] },
      },
      {
        type: GITHUB.repositoryRuleset,
        name: "by-name",
        props: { repository: "api" },
        deps: { repository: ["pet"] },
        provider,
      },
      { type: GITHUB.repositoryRuleset, name: "no-provider", props: { repository: "web" } },
    ]);
    const verdict = new Verdict();
    const named = (name: string) => resources.find((r) => r.name === name)!;
    expect(repositoryOf(named("app"), verdict)).toEqual({ name: "app", owner: "example" });
    expect(
      ["by-dependency", "by-name", "no-provider"].map((n) => repositoryNamedBy(named(n), verdict)),
    ).toEqual([
      { name: "app", owner: "example" },
      { name: "api", owner: "example" },
      { name: "web", owner: undefined },
    ]);
    expect(verdict.complete).toBe(true);
  });
});
