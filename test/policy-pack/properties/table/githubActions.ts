/**
 * Control drops of the GitHub Actions policies: deployments wait for a reviewed environment,
 * workflows run only selected actions pinned to a SHA, and their token only reads.
 */
import { enforceSelectedActions } from "../../../../policy-pack/policies/github/actionsRepositoryPermissions/enforceSelectedActions";
import { enforceReview } from "../../../../policy-pack/policies/github/repositoryEnvironment/enforceReview";
import { enforceReadOnly } from "../../../../policy-pack/policies/github/workflowRepositoryPermissions/enforceReadOnly";
import { UNKNOWN } from "../../support/analyze";
import { GH } from "../../support/github";
import { repositoryProtection, REPO } from "../../support/identity";
import { type Case, REMOVE } from "../edit";
import { everywhereBut } from "./bases";
import { drop, type Entry, set } from "./entry";

const protection = (): Case => ({ fixtures: repositoryProtection() });
const ENVIRONMENT = `${REPO}-environment`;

/** A repository's and the organization's Actions permissions, as the baseline sets them. */
const actions = (): Case => ({
  fixtures: [
    {
      type: GH.actionsRepositoryPermissions,
      name: "app-actions",
      props: {
        repository: UNKNOWN,
        allowedActions: "selected",
        shaPinningRequired: true,
        allowedActionsConfig: { githubOwnedAllowed: true, patternsAlloweds: ["pulumi/*"] },
      },
    },
    {
      type: GH.actionsOrganizationPermissions,
      name: "org-actions",
      props: { allowedActions: "local_only", shaPinningRequired: true, enabledRepositories: "all" },
    },
  ],
});
/** A repository's and the organization's workflow permissions, as the baseline sets them. */
const workflows = (): Case => ({
  fixtures: [
    {
      type: GH.workflowRepositoryPermissions,
      name: "app-workflow-permissions",
      props: {
        repository: UNKNOWN,
        defaultWorkflowPermissions: "read",
        canApprovePullRequestReviews: false,
      },
    },
    {
      type: GH.actionsOrganizationWorkflowPermissions,
      name: "org-workflow-permissions",
      props: {
        organizationSlug: "example",
        defaultWorkflowPermissions: "read",
        canApprovePullRequestReviews: false,
      },
    },
  ],
});

export const githubActions: Entry[] = [
  {
    policy: enforceReview,
    base: protection,
    drops: [
      drop(
        "the reviewers",
        /^environment has no required reviewers$/,
        set(ENVIRONMENT, "reviewers", []),
      ),
      drop(
        "no self-review",
        /^environment has preventSelfReview false, not true$/,
        set(ENVIRONMENT, "preventSelfReview", false),
      ),
      drop(
        "no admin bypass",
        /^environment has canAdminsBypass unset, not false$/,
        set(ENVIRONMENT, "canAdminsBypass", REMOVE),
      ),
      drop(
        "the branch policy",
        /^environment has deploymentBranchPolicy unset$/,
        set(ENVIRONMENT, "deploymentBranchPolicy", REMOVE),
      ),
      drop(
        "protected branches",
        /^environment has deploymentBranchPolicy\.protectedBranches false, not true$/,
        set(ENVIRONMENT, "deploymentBranchPolicy.protectedBranches", false),
      ),
    ],
    irrelevant: everywhereBut(protection, {
      [ENVIRONMENT]: ["repository", "environment", "provider:owner"],
    }),
  },
  {
    policy: enforceSelectedActions,
    base: actions,
    drops: [
      drop(
        "selected actions",
        /^actions permissions have allowedActions "all", not "selected" or "local_only"$/,
        set("app-actions", "allowedActions", "all"),
      ),
      drop(
        "the allowed actions",
        /^actions permissions have allowedActions unset, not "selected" or "local_only"$/,
        set("org-actions", "allowedActions", REMOVE),
      ),
      drop(
        "SHA pinning",
        /^actions permissions have shaPinningRequired false, not true$/,
        set("org-actions", "shaPinningRequired", false),
      ),
      drop(
        "a selection",
        /^actions permissions allow every action through allowedActionsConfig\.patternsAlloweds "\*\/\*"$/,
        set("app-actions", "allowedActionsConfig.patternsAlloweds", ["pulumi/*", "*/*"]),
      ),
    ],
    irrelevant: {
      "app-actions": ["repository", "allowedActionsConfig.githubOwnedAllowed"],
      "org-actions": ["enabledRepositories"],
    },
  },
  {
    policy: enforceReadOnly,
    base: workflows,
    drops: [
      drop(
        "a read-only token",
        /^workflow permissions have defaultWorkflowPermissions "write", not "read"$/,
        set("app-workflow-permissions", "defaultWorkflowPermissions", "write"),
      ),
      drop(
        "the default token setting",
        /^workflow permissions have defaultWorkflowPermissions unset, not "read"$/,
        set("org-workflow-permissions", "defaultWorkflowPermissions", REMOVE),
      ),
      drop(
        "no approvals by workflows",
        /^workflow permissions have canApprovePullRequestReviews true, not false$/,
        set("app-workflow-permissions", "canApprovePullRequestReviews", true),
      ),
    ],
    irrelevant: {
      "app-workflow-permissions": ["repository"],
      "org-workflow-permissions": ["organizationSlug"],
    },
  },
];
