/**
 * Inputs the property tests found, or led to, that make a policy fail the analyzer instead of
 * judging: each test states the fixed behaviour. The root cause is shared — lib/iamDocument.ts's
 * actionMatches turned a pattern read from a document into a RegExp, which throws for a pattern of
 * more than about 32,000 characters and backtracks for seconds on a few `*` in a row. Patterns now go
 * to lib/wildcard.ts, whose cost its own tests bound in steps; here the policies must send them there.
 */
import { enforceOidcTrustConditions } from "../../../policy-pack/policies/aws/iam/role/enforceOidcTrustConditions";
import { enforceTls } from "../../../policy-pack/policies/aws/s3/bucket/enforceTls";
import * as wildcard from "../../../policy-pack/lib/wildcard";
import { analyzeResource, analyzeStack, rows } from "../support/analyze";
import { archive, config, NAMES, T } from "../support/archive";
import { DEPLOY_SUBJECTS, gitHubTrust, I, trustPolicy } from "../support/identity";

/** The archive with the audit-log bucket's TLS deny on these resources. */
const denyingOn = (...resources: string[]) =>
  archive().map((f) =>
    f.name === "audit-logs-policy"
      ? config(T.policy, "audit-logs-policy", "audit-logs", {
          policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              {
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: resources,
                Condition: { Bool: { "aws:SecureTransport": "false" } },
              },
            ],
          }),
        })
      : f,
  );
const NO_TLS_DENY = [
  "aws-s3-bucket-enforce-tls",
  "mandatory",
  "audit-logs",
  "Bucket audit-logs has a bucket policy that does not deny requests without TLS",
];

/** The deploy role with its GitHub trust statement allowing `action`. */
const trustingFor = (action: string) => ({
  type: I.role,
  name: "deployment-deploy-role",
  props: {
    name: "example-deploy",
    assumeRolePolicy: trustPolicy(gitHubTrust(DEPLOY_SUBJECTS, { Action: action })),
  },
});

test("enforce-tls judges a 90,000-character resource pattern instead of failing on its RegExp", async () => {
  const fixtures = denyingOn(" ".repeat(90_000), `${NAMES.logBucketArn}/*`);
  expect(rows(await analyzeStack([enforceTls], fixtures))).toEqual([NO_TLS_DENY]);
});

test("enforce-oidc-trust-conditions judges a 90,000-character action instead of failing on its RegExp", async () => {
  // The action grants no web-identity federation, so the statement is no GitHub trust.
  expect(
    rows(await analyzeResource([enforceOidcTrustConditions], trustingFor(" ".repeat(90_000)))),
  ).toEqual([]);
});

const matcher = jest.spyOn(wildcard, "wildcardMatches");
beforeEach(() => matcher.mockClear());
/** Every pattern the policies gave the step-bounded matcher in this test. */
const patternsMatched = () => matcher.mock.calls.map(([pattern]) => pattern);

test("enforce-tls judges a resource pattern of many wildcards with the step-bounded matcher", async () => {
  const fixtures = denyingOn("arn:aws:s3:::*******x", `${NAMES.logBucketArn}/*`);
  expect(rows(await analyzeStack([enforceTls], fixtures))).toEqual([NO_TLS_DENY]);
  expect(patternsMatched()).toContain("arn:aws:s3:::*******x");
});

test("enforce-oidc-trust-conditions judges an action of many wildcards with the step-bounded matcher", async () => {
  expect(
    rows(await analyzeResource([enforceOidcTrustConditions], trustingFor("********x"))),
  ).toEqual([]);
  expect(patternsMatched()).toContain("********x");
});
