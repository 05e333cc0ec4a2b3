/**
 * Control drops of the GitHub repository policies, on a managed repository and the organization's
 * ruleset: a ruleset that protects the default branch without bypass, CODEOWNERS, security alerts.
 */
import { enforceSecurityAlerts } from "../../../../policy-pack/policies/github/repository/enforceSecurityAlerts";
import { missingCodeowners } from "../../../../policy-pack/policies/github/repository/missingCodeowners";
import { missingRuleset } from "../../../../policy-pack/policies/github/repository/missingRuleset";
import { disallowBypassActors } from "../../../../policy-pack/policies/github/repositoryRuleset/disallowBypassActors";
import { enforceBranchProtection } from "../../../../policy-pack/policies/github/repositoryRuleset/enforceBranchProtection";
import { organizationRuleset, repositoryRuleset } from "../../support/github";
import { type Case, REMOVE } from "../edit";
import { everywhereBut, repositoryStack } from "./bases";
import { cutDep, drop, type Entry, remove, set } from "./entry";

const rulesets = (): Case => ({ fixtures: [repositoryRuleset("app"), organizationRuleset()] });
/** What of a ruleset the branch-protection policies never read. */
const RULESET_NAMING = ["name", "repository", "conditions.refName.excludes"];
const unprotected = (why: string) =>
  new RegExp(
    "^Repository app has no ruleset protecting its default branch as required: " +
      `RepositoryRuleset app-default-branch ${why}$`,
  );
export const github: Entry[] = [
  {
    policy: enforceBranchProtection,
    base: rulesets,
    drops: [
      drop(
        "active enforcement",
        /^ruleset has enforcement "evaluate", not "active"$/,
        set("app-default-branch", "enforcement", "evaluate"),
      ),
      drop(
        "the deletion rule",
        /^ruleset has rules\.deletion false, not true$/,
        set("app-default-branch", "rules.deletion", false),
      ),
      drop(
        "signed commits",
        /^ruleset has rules\.requiredSignatures unset, not true$/,
        set("org-default-branch", "rules.requiredSignatures", REMOVE),
      ),
      drop(
        "two approvals",
        /^ruleset has rules\.pullRequest\.requiredApprovingReviewCount 1, not at least 2$/,
        set("app-default-branch", "rules.pullRequest.requiredApprovingReviewCount", 1),
      ),
      drop(
        "the pull-request rule",
        /^ruleset has rules\.pullRequest unset$/,
        set("app-default-branch", "rules.pullRequest", REMOVE),
      ),
      drop(
        "the required check",
        /^ruleset has rules\.requiredStatusChecks\.requiredChecks without "gate"$/,
        set("org-default-branch", "rules.requiredStatusChecks.requiredChecks", []),
      ),
    ],
    irrelevant: {
      "app-default-branch": RULESET_NAMING,
      "org-default-branch": [...RULESET_NAMING, "conditions.repositoryName"],
    },
  },
  {
    policy: disallowBypassActors,
    base: rulesets,
    drops: [
      drop(
        "no bypass",
        /^ruleset lets actorType "OrganizationAdmin", actorId 1 bypass it \(bypassMode "always"\)$/,
        set("app-default-branch", "bypassActors", [
          { actorType: "OrganizationAdmin", actorId: 1, bypassMode: "always" },
        ]),
      ),
      drop(
        "a list of bypass actors",
        /^ruleset has bypassActors malformed$/,
        set("org-default-branch", "bypassActors", "everyone"),
      ),
    ],
    irrelevant: everywhereBut(rulesets, {}),
  },
  {
    policy: missingRuleset,
    base: repositoryStack,
    drops: [
      drop(
        "the ruleset",
        /^Repository app has no ruleset protecting its default branch$/,
        remove("app-default-branch"),
      ),
      drop(
        "a ruleset on the default branch",
        /^Repository app has no ruleset protecting its default branch$/,
        set("app-default-branch", "target", "tag"),
      ),
      drop(
        "active enforcement",
        unprotected('has enforcement "disabled", not "active"'),
        set("app-default-branch", "enforcement", "disabled"),
      ),
      drop(
        "two approvals",
        unprotected("has rules\\.pullRequest\\.requiredApprovingReviewCount 1, not at least 2"),
        set("app-default-branch", "rules.pullRequest.requiredApprovingReviewCount", 1),
      ),
    ],
    irrelevant: everywhereBut(repositoryStack, {
      app: ["name", "securityAndAnalysis"],
      "app-default-branch": RULESET_NAMING,
    }),
  },
  {
    policy: missingCodeowners,
    base: repositoryStack,
    drops: [
      drop(
        "the CODEOWNERS file",
        /^Repository app has no CODEOWNERS file$/,
        remove("app-codeowners"),
      ),
      drop(
        "the CODEOWNERS path",
        /^Repository app has no CODEOWNERS file$/,
        set("app-codeowners", "file", "README.md"),
      ),
      drop(
        "the file's repository",
        /^Repository app has no CODEOWNERS file$/,
        cutDep("app-codeowners", "repository"),
      ),
    ],
    irrelevant: everywhereBut(repositoryStack, {
      app: ["name", "securityAndAnalysis"],
      // Not its repository: with the dependency cut, the name it states decides.
      "app-codeowners": ["content", "commitMessage"],
    }),
  },
  {
    policy: enforceSecurityAlerts,
    base: repositoryStack,
    drops: [
      drop(
        "secret scanning",
        /^repository has securityAndAnalysis\.secretScanning\.status "disabled", not "enabled"$/,
        set("app", "securityAndAnalysis.secretScanning.status", "disabled"),
      ),
      drop(
        "the security settings",
        /^repository has securityAndAnalysis\.secretScanning(PushProtection)?\.status unset, not "enabled"$/,
        set("app", "securityAndAnalysis", REMOVE),
      ),
      drop(
        "enabled vulnerability alerts",
        /^(RepositoryVulnerabilityAlerts app-vulnerability-alerts has enabled false, not true|repository has no vulnerability alerts: vulnerabilityAlerts is unset and no RepositoryVulnerabilityAlerts of it is enabled)$/,
        set("app-vulnerability-alerts", "enabled", false),
      ),
      drop(
        "the vulnerability alerts",
        /^repository has no vulnerability alerts: vulnerabilityAlerts is unset and no RepositoryVulnerabilityAlerts of it is enabled$/,
        remove("app-vulnerability-alerts"),
      ),
      drop(
        "the repository's own alerts",
        /^repository has vulnerabilityAlerts false, not true$/,
        set("app", "vulnerabilityAlerts", false),
      ),
    ],
    irrelevant: everywhereBut(repositoryStack, {
      app: ["name"],
      "app-vulnerability-alerts": ["repository"],
    }),
  },
];
