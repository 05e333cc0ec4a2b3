import { IAM_ROLE } from "../../../../lib/compute";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { statementsOf } from "../../../../lib/iamDocument";
import {
  AUDIENCE_KEY,
  checksOf,
  type GitHubTrust,
  gitHubTrusts,
  hasWildcard,
  STS_AUDIENCE,
  SUBJECT_KEY,
} from "../../../../lib/oidcTrust";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

/** What is wrong with how `trust` checks `key`, as predicates of the statement. */
function keyGaps(trust: GitHubTrust, key: string, valueGap: (value: string) => string | undefined) {
  // An empty list of values checks nothing.
  const checks = checksOf(trust, key).filter((c) => c.values.length > 0);
  if (checks.length === 0) return [`does not check ${key}`];
  return checks.flatMap(({ operator, values }) =>
    operator === "StringEquals"
      ? values.flatMap((v) => valueGap(v) ?? [])
      : [`checks ${key} with ${operator}; only StringEquals is allowed`],
  );
}

/**
 * name: aws-iam-role-enforce-oidc-trust-conditions
 * description: Roles GitHub Actions can assume check the token's audience and an exact subject.
 * severity: critical
 * tags:
 *
 * A GitHub trust is an Allow statement of assumeRolePolicy for sts:AssumeRoleWithWebIdentity
 * whose Federated principal is an OIDC provider for token.actions.githubusercontent.com. Without
 * an exact `sub`, any repository's workflow — a fork's, a pull request's — could assume the role.
 * Only StringEquals is accepted: StringLike, IgnoreCase, ForAnyValue/ForAllValues and IfExists
 * variants all admit more than the values they list.
 */
export const enforceOidcTrustConditions = resourcePolicy({
  name: "aws-iam-role-enforce-oidc-trust-conditions",
  description: "Roles GitHub Actions can assume check the token's audience and an exact subject.",
  severity: "critical",
  remediationSteps:
    "In each assumeRolePolicy statement that trusts the token.actions.githubusercontent.com OIDC " +
    'provider, add "Condition": { "StringEquals": { "token.actions.githubusercontent.com:aud": ' +
    '"sts.amazonaws.com", "token.actions.githubusercontent.com:sub": [exact subjects such as ' +
    '"repo:OWNER/REPO:environment:production"] } }, with no wildcard and no other operator on ' +
    "either key.",
  types: [IAM_ROLE],
  validate: (resource, report) => {
    const verdict = new Verdict();
    const statements = verdict.read(() => statementsOf(resource.props.assumeRolePolicy));
    if (statements === UNKNOWN) return verdict.finish();
    if (!statements) return report("role has an unreadable assumeRolePolicy");
    for (const trust of gitHubTrusts(statements)) {
      const gaps = [
        ...keyGaps(trust, AUDIENCE_KEY, (v) =>
          v === STS_AUDIENCE ? undefined : `admits ${AUDIENCE_KEY} ${JSON.stringify(v)}`,
        ),
        ...keyGaps(trust, SUBJECT_KEY, (v) =>
          hasWildcard(v) ? `admits ${SUBJECT_KEY} ${JSON.stringify(v)}, not exact` : undefined,
        ),
      ];
      for (const gap of gaps) report(`role trust statement ${trust.statement} ${gap}`);
    }
  },
});
