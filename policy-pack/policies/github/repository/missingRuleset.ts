import type {
  PolicyResource,
  ResourceValidation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { label } from "../../../lib/aws";
import { stackPolicy } from "../../../lib/definePolicy";
import {
  baselineProjects,
  type BranchProtectionConfig,
  branchProtectionConfig,
  carryUnknown,
  GITHUB,
  ofRepository,
  requireBaselineProject,
} from "../../../lib/github";
import { field } from "../../../lib/props";
import { StackIndex } from "../../../lib/stackIndex";
import { isUnknownValueError, UNKNOWN, Verdict } from "../../../lib/unknowns";
import { enforceBranchProtection } from "../repositoryRuleset/enforceBranchProtection";

interface Config extends BranchProtectionConfig {
  baselineProjects: string[];
}
interface Judged {
  ruleset: PolicyResource;
  gaps: string[];
  verdict: Verdict;
}

const NOT_APPLICABLE = new Error("the ruleset does not protect the default branch");

/**
 * What github-repository-ruleset-enforce-branch-protection finds wrong with `ruleset`, as
 * predicates ("ruleset has …" → "has …"); undefined when the ruleset is not for the default
 * branch. An unknown value the policy needed goes to `verdict`.
 */
function protectionGaps(
  ruleset: PolicyResource,
  stack: StackValidationArgs,
  config: BranchProtectionConfig,
  verdict: Verdict,
): string[] | undefined {
  const validate = enforceBranchProtection.validateResource as ResourceValidation;
  const { minApprovals, requireSignedCommits, requiredChecks } = config;
  const found: string[] = [];
  const args = {
    ...ruleset,
    stackTags: stack.stackTags,
    getConfig: () => ({ minApprovals, requireSignedCommits, requiredChecks }),
    notApplicable: () => {
      throw NOT_APPLICABLE;
    },
  } as ResourceValidationArgs;
  try {
    void validate(args, (m) => found.push(m.replace(/^ruleset /, "")));
  } catch (err) {
    if (err === NOT_APPLICABLE) return undefined;
    if (!isUnknownValueError(err)) throw err;
    verdict.unknown(err);
  }
  return found;
}

/** Whether an organization ruleset names every repository, with no exclusions. */
function coversAll(ruleset: PolicyResource, verdict: Verdict): boolean | typeof UNKNOWN {
  return verdict.read(() => {
    const names = field(ruleset.props.conditions, "repositoryName");
    const [includes, excludes] = [field(names, "includes"), field(names, "excludes")];
    const excluding = Array.isArray(excludes) && excludes.length > 0;
    return Array.isArray(includes) && includes.includes("~ALL") && !excluding;
  });
}

/**
 * name: github-repository-missing-ruleset
 * description: Every repository's default branch is protected by a ruleset that passes review.
 * severity: critical
 * tags:
 *
 * Applies to the stacks of the baseline's projects (read from the URNs). A repository qualifies
 * through a RepositoryRuleset whose `repository` depends on it (known in a first preview) or names
 * it, or through an OrganizationRuleset covering all repositories (~ALL, nothing excluded); either
 * must pass github-repository-ruleset-enforce-branch-protection with this policy's settings. When
 * none qualifies but one might once its unknown values are known, the policy cannot run.
 */
export const missingRuleset = stackPolicy<Config>({
  name: "github-repository-missing-ruleset",
  description: "Every repository's default branch is protected by a ruleset that passes review.",
  severity: "critical",
  remediationSteps:
    "Give each github.Repository a github.RepositoryRuleset with repository: repo.name, target " +
    '"branch" and conditions.refName.includes ["~DEFAULT_BRANCH"] that passes ' +
    "github-repository-ruleset-enforce-branch-protection, or protect all repositories with a " +
    'github.OrganizationRuleset whose conditions.repositoryName.includes is ["~ALL"].',
  config: { baselineProjects, ...branchProtectionConfig },
  validate: (stack, report, config) => {
    const index = new StackIndex(stack.resources);
    requireBaselineProject(stack, index, config.baselineProjects);
    const verdict = new Verdict();
    const judge = (ruleset: PolicyResource, own = new Verdict()): Judged[] => {
      const gaps = protectionGaps(ruleset, stack, config, own);
      return gaps ? [{ ruleset, gaps, verdict: own }] : [];
    };
    const forAll = index.ofType(GITHUB.organizationRuleset).flatMap((ruleset) => {
      const own = new Verdict();
      return coversAll(ruleset, own) === false ? [] : judge(ruleset, own);
    });
    for (const repo of index.ofType(GITHUB.repository)) {
      const rulesets = ofRepository(index, repo, [GITHUB.repositoryRuleset]);
      const judged = [...rulesets.flatMap((r) => judge(r)), ...forAll];
      if (judged.some((j) => j.gaps.length === 0 && j.verdict.complete)) continue;
      const pending = judged.find((j) => j.gaps.length === 0);
      if (pending) {
        carryUnknown(pending.verdict, verdict);
        continue;
      }
      report(
        judged.length === 0
          ? `${label(repo)} has no ruleset protecting its default branch`
          : `${label(repo)} has no ruleset protecting its default branch as required: ` +
              judged.map((j) => `${label(j.ruleset)} ${j.gaps.join(" and ")}`).join("; "),
        repo.urn,
      );
    }
    verdict.finish();
  },
});
