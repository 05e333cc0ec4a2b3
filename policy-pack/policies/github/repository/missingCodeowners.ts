import { label } from "../../../lib/aws";
import { stackPolicy } from "../../../lib/definePolicy";
import {
  baselineProjects,
  carryUnknown,
  GITHUB,
  ofRepository,
  requireBaselineProject,
} from "../../../lib/github";
import { StackIndex } from "../../../lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../lib/unknowns";

const CODEOWNERS = [".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

interface Config {
  baselineProjects: string[];
  requiredPaths: string[];
}

/** The required paths, quoted, that no non-comment line of `content` starts with. */
function unowned(content: unknown, required: string[]): string[] {
  if (typeof content !== "string") return required.map((p) => JSON.stringify(p));
  const lines = content
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
  return required
    .filter((path) => !lines.some((line) => line.startsWith(path)))
    .map((path) => JSON.stringify(path));
}

/**
 * name: github-repository-missing-codeowners
 * description: Every repository has a CODEOWNERS file that assigns owners to the required paths.
 * severity: high
 * tags:
 *
 * Applies to the stacks of the baseline's projects (read from the URNs). The file is a
 * RepositoryFile whose `repository` depends on the repository (known in a first preview) or names
 * it, at one of the paths GitHub reads CODEOWNERS from. Its content is read only when requiredPaths
 * is set; an unknown content or path that might qualify leaves the policy unable to run.
 */
export const missingCodeowners = stackPolicy<Config>({
  name: "github-repository-missing-codeowners",
  description: "Every repository has a CODEOWNERS file that assigns owners to the required paths.",
  severity: "high",
  remediationSteps:
    "Give each github.Repository a github.RepositoryFile with repository: repo.name and file " +
    '".github/CODEOWNERS" whose content has an owner line for each of the configured ' +
    "requiredPaths; with requireCodeOwnerReview on the default branch's ruleset, owners must " +
    "approve every change to their paths.",
  config: {
    baselineProjects,
    requiredPaths: {
      type: "array",
      items: { type: "string" },
      default: [],
      description: "Paths (as CODEOWNERS patterns) that must each start an owner line.",
    },
  },
  validate: (stack, report, config) => {
    const index = new StackIndex(stack.resources);
    requireBaselineProject(stack, index, config.baselineProjects);
    const verdict = new Verdict();
    for (const repo of index.ofType(GITHUB.repository)) {
      const own = new Verdict();
      const lacking: string[] = [];
      const qualifies = ofRepository(index, repo, [GITHUB.repositoryFile]).some((file) => {
        const path = own.read(() => file.props.file as unknown);
        if (path !== UNKNOWN && !CODEOWNERS.includes(path as string)) return false;
        const content =
          config.requiredPaths.length === 0 ? "" : own.read(() => file.props.content as unknown);
        if (path === UNKNOWN || content === UNKNOWN) return false;
        const paths = unowned(content, config.requiredPaths);
        if (paths.length > 0) lacking.push(`${label(file)} has no line for ${paths.join(", ")}`);
        return paths.length === 0;
      });
      if (qualifies) continue;
      if (!own.complete) {
        carryUnknown(own, verdict);
      } else if (lacking.length === 0) {
        report(`${label(repo)} has no CODEOWNERS file`, repo.urn);
      } else {
        report(
          `${label(repo)} has no CODEOWNERS file that owns every required path: ` +
            lacking.join("; "),
          repo.urn,
        );
      }
    }
    verdict.finish();
  },
});
