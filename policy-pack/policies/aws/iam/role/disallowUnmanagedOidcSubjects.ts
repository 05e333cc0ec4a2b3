import { label } from "../../../../lib/aws";
import { stackPolicy } from "../../../../lib/definePolicy";
import { carryUnknown, GITHUB } from "../../../../lib/github";
import {
  admittedSubjects,
  gitHubTrustedRoles,
  namesRepository,
  parseSubject,
  repositoryNamedBy,
  repositoryOf,
  some,
  type StackRepository,
  SUBJECT_KEY,
} from "../../../../lib/oidcTrust";
import { StackIndex } from "../../../../lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../../lib/unknowns";

interface Config {
  managedRepositories: string[];
}

/**
 * name: aws-iam-role-disallow-unmanaged-oidc-subjects
 * description: GitHub Actions can assume roles only from repositories the baseline manages.
 * severity: high
 * tags:
 *
 * A repository is managed when the stack defines it (a github.Repository, its owner its GitHub
 * provider's `owner`, any owner when the provider states none) or protects its default branch (a
 * github.RepositoryRuleset naming it), or when managedRepositories lists it for stacks that do not
 * manage GitHub. Every subject a GitHub trust statement admits must name one, in either form; a
 * wildcard in OWNER/REPO names none. Names compare as GitHub compares them, case-insensitively.
 */
export const disallowUnmanagedOidcSubjects = stackPolicy<Config>({
  name: "aws-iam-role-disallow-unmanaged-oidc-subjects",
  description: "GitHub Actions can assume roles only from repositories the baseline manages.",
  severity: "high",
  remediationSteps:
    "Trust only subjects repo:OWNER/REPO:… of repositories this stack manages (a " +
    "github.Repository or a github.RepositoryRuleset protecting it, through a GitHub provider " +
    'whose owner is OWNER), or list "OWNER/REPO" in this policy\'s managedRepositories when the ' +
    "repositories are managed by another baseline stack.",
  config: {
    managedRepositories: {
      type: "array",
      items: { type: "string", pattern: "^[^/]+/[^/]+$" },
      default: [],
      description: 'Repositories ("OWNER/REPO") managed outside this stack that roles may trust.',
    },
  },
  validate: (stack, report, config) => {
    const index = new StackIndex(stack.resources);
    const verdict = new Verdict();
    // An unknown name or owner matters only for a subject that no known repository names.
    const reading = new Verdict();
    const managed: StackRepository[] = [
      ...index.ofType(GITHUB.repository).map((r) => repositoryOf(r, reading)),
      ...index.ofType(GITHUB.repositoryRuleset).map((r) => repositoryNamedBy(r, reading)),
      ...config.managedRepositories.map((full) => {
        const [owner, name] = full.split("/");
        return { owner, name };
      }),
    ];
    for (const { role, trusts } of gitHubTrustedRoles(index, verdict)) {
      for (const trust of trusts) {
        const subjects = admittedSubjects(trust);
        if (!subjects) {
          report(
            `${label(role)} trust statement ${trust.statement} admits every repository: it ` +
              `does not check ${SUBJECT_KEY}`,
            role.urn,
          );
          continue;
        }
        for (const text of subjects) {
          const subject = parseSubject(text);
          const named = subject ? some(...managed.map((r) => namesRepository(subject, r))) : false;
          if (named === UNKNOWN) {
            carryUnknown(reading, verdict);
          } else if (!named) {
            report(
              `${label(role)} trusts ${JSON.stringify(text)}, which names no repository this ` +
                "stack manages",
              role.urn,
            );
          }
        }
      }
    }
    verdict.finish();
  },
});
