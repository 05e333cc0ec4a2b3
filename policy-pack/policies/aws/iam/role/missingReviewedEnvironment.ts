import type {
  PolicyResource,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { label } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { carryUnknown, GITHUB } from "../../../../lib/github";
import {
  admittedSubjects,
  all,
  environmentOf,
  gitHubTrustedRoles,
  namesRepository,
  parseSubject,
  repositoryNamedBy,
  sameName,
  type Subject,
  SUBJECT_KEY,
} from "../../../../lib/oidcTrust";
import { StackIndex } from "../../../../lib/stackIndex";
import { isUnknownValueError, type Maybe, UNKNOWN, Verdict } from "../../../../lib/unknowns";
import { enforceReview } from "../../../github/repositoryEnvironment/enforceReview";

/**
 * What github-repository-environment-enforce-review finds wrong with `environment`, as predicates
 * ("environment has …" → "has …"); an unknown value it needed goes to `verdict`.
 */
function reviewGaps(
  environment: PolicyResource,
  stack: StackValidationArgs,
  verdict: Verdict,
): string[] {
  const validate = enforceReview.validateResource as ResourceValidation;
  const found: string[] = [];
  const args = {
    ...environment,
    stackTags: stack.stackTags,
    getConfig: () => ({}),
    notApplicable: (reason?: string) => stack.notApplicable(reason),
  } as ResourceValidationArgs;
  try {
    void validate(args, (m) => found.push(m.replace(/^environment /, "")));
  } catch (err) {
    if (!isUnknownValueError(err)) throw err;
    verdict.unknown(err);
  }
  return found;
}

/** A GitHub environment of the stack and what it was read as. */
interface StackEnvironment {
  resource: PolicyResource;
  /** Holds what reading its repository and name could not know. */
  reading: Verdict;
  matches(subject: Subject, environment: string): Maybe<boolean>;
}

function environmentsOf(index: StackIndex): StackEnvironment[] {
  return index.ofType(GITHUB.repositoryEnvironment).map((resource) => {
    const reading = new Verdict();
    const repository = repositoryNamedBy(resource, reading);
    const name = reading.read(() => resource.props.environment as unknown);
    return {
      resource,
      reading,
      matches: (subject, environment) =>
        all(namesRepository(subject, repository), sameName(name, environment)),
    };
  });
}

/**
 * name: aws-iam-role-missing-reviewed-environment
 * description: A role GitHub deploys with answers to a reviewed GitHub environment of the stack.
 * severity: high
 * tags:
 *
 * The cross-system control: a role trusted for `repo:OWNER/REPO:environment:ENV` (either form)
 * can be assumed by any job that names ENV, so the stack must define ENV for OWNER/REPO — a
 * github.RepositoryEnvironment whose `repository` names it or depends on its github.Repository,
 * through a provider of that owner (any, when the provider states none) — and it must pass
 * github-repository-environment-enforce-review: required reviewers, no self-review, no admin
 * bypass, deployments only from protected branches. Each gap is reported on the role. A wildcard
 * context that admits environment subjects counts as environment "*", which no stack defines.
 */
export const missingReviewedEnvironment = stackPolicy({
  name: "aws-iam-role-missing-reviewed-environment",
  description: "A role GitHub deploys with answers to a reviewed GitHub environment of the stack.",
  severity: "high",
  remediationSteps:
    "For each role trusted for repo:OWNER/REPO:environment:ENV, define in the same stack a " +
    "github.RepositoryEnvironment with repository REPO (through a GitHub provider for OWNER) " +
    "and environment ENV, with reviewers naming at least one team or user, preventSelfReview: " +
    "true, canAdminsBypass: false and deploymentBranchPolicy { protectedBranches: true, " +
    "customBranchPolicies: false } — the RepositoryProtection component does — or trust only " +
    "environments the stack defines.",
  validate: (stack, report) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    const environments = environmentsOf(index);
    for (const { role, trusts } of gitHubTrustedRoles(index, verdict)) {
      const fail = (text: string) => report(`${label(role)} ${text}`, role.urn);
      const judged = new Set<string>();
      for (const trust of trusts) {
        const subjects = admittedSubjects(trust);
        if (!subjects) {
          fail(
            `trust statement ${trust.statement} admits every environment of every repository: ` +
              `it does not check ${SUBJECT_KEY}`,
          );
          continue;
        }
        for (const subject of subjects.flatMap((text) => parseSubject(text) ?? [])) {
          const environment = environmentOf(subject.context);
          const trusted = `${subject.owner}/${subject.repository}:${environment}`.toLowerCase();
          if (environment === undefined || judged.has(trusted)) continue;
          judged.add(trusted);
          const what =
            `is trusted for environment ${JSON.stringify(environment)} of ` +
            `${subject.owner}/${subject.repository}`;
          const candidates = environments
            .map((e) => ({ ...e, match: e.matches(subject, environment) }))
            .filter((e) => e.match !== false);
          const matching = candidates
            .filter((e) => e.match === true)
            .map((e) => {
              const own = new Verdict();
              return { ...e, own, gaps: reviewGaps(e.resource, stack, own) };
            });
          if (matching.some((e) => e.gaps.length === 0 && e.own.complete)) continue;
          const pending =
            matching.find((e) => e.gaps.length === 0)?.own ??
            candidates.find((e) => e.match === UNKNOWN)?.reading;
          if (pending) {
            carryUnknown(pending, verdict);
          } else if (matching.length === 0) {
            fail(`${what}, which this stack does not define`);
          } else {
            for (const e of matching) {
              for (const gap of e.gaps) fail(`${what}, but ${label(e.resource)} ${gap}`);
            }
          }
        }
      }
    }
    verdict.finish();
  },
});
