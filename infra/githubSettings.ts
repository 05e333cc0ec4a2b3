/**
 * The GitHub part of the stack config (`soc2-baseline:github` and `soc2-baseline:repositories`):
 * how every managed repository's default branch, deployments and Actions are protected. Part of
 * the one schema in config.ts; defaults live here only.
 */
import { z } from "zod";
import { setting, type Setting } from "./configProblems";

const REPOSITORY_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
const githubId = z.int().min(1);
const reviewersSchema = z.strictObject({ teams: z.array(githubId), users: z.array(githubId) });
const codeOwnersSchema = z.array(z.string().regex(/^@[A-Za-z0-9-]+(\/[A-Za-z0-9_.-]+)?$/));

/** Who may bypass the default-branch ruleset: each entry carries its reason (CC8.1). */
export interface BypassActor {
  actorId: number;
  actorType: "Team" | "Integration" | "RepositoryRole" | "OrganizationAdmin" | "DeployKey";
  bypassMode: "always" | "pull_request";
  reason: string;
}

/** The GitHub settings, validated. */
export interface GithubConfig {
  blueprintRepository: string;
  requiredApprovals: number;
  requireSignedCommits: boolean;
  requiredChecks: string[];
  deploymentEnvironment: string;
  environmentReviewers: { teams: number[]; users: number[] };
  codeOwners: string[];
  allowedActions: string[];
  bypassActors: BypassActor[];
}

export const githubSettings = {
  blueprintRepository: setting(
    z.string().regex(REPOSITORY_NAME),
    "a repository name (letters, digits, '.', '-', '_')",
    "The repository that holds this blueprint; it is protected like every managed repository. (CC8.1)",
    "soc2-pipeline-blueprint",
  ),
  requiredApprovals: setting(
    z.int().min(1).max(10),
    "a whole number from 1 to 10",
    "Approvals a pull request into the default branch needs; 2 keeps OpenSSF Scorecard's Branch-Protection at its top tier. (CC8.1)",
    2,
  ),
  requireSignedCommits: setting(
    z.boolean(),
    "true or false",
    "Whether the default branch accepts only signed commits. (CC8.1)",
    true,
  ),
  requiredChecks: setting(
    z.array(z.string().min(1)).min(1),
    "a non-empty list of status check names",
    "Status checks (the pull-request pipeline's job names) that must pass, up to date, before a merge. (CC8.1)",
    ["test", "gate"],
  ),
  deploymentEnvironment: setting(
    z.string().regex(/^[A-Za-z0-9_.-]{1,255}$/),
    "an environment name (letters, digits, '.', '-', '_')",
    "The GitHub deployment environment deploys and rollbacks run in. (CC8.1)",
    "production",
  ),
  environmentReviewers: setting(
    reviewersSchema,
    "a mapping { teams: [team ids], users: [user ids] } of GitHub numeric ids",
    "Who approves each deployment (ids: `gh api orgs/ORG/teams/SLUG --jq .id`, `gh api users/LOGIN --jq .id`); at least one in a production stack. (CC8.1)",
    { teams: [], users: [] },
  ),
  codeOwners: setting(
    codeOwnersSchema,
    "a list of @user or @org/team handles",
    "Owners whose review CODEOWNERS requires for the whole repository and infra/, policy-pack/, pipelines/, .github/; at least one in a production stack. (CC8.1)",
    [],
  ),
  allowedActions: setting(
    z.array(z.string().regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.*/-]+@\S+$/)),
    "a list of owner/repository@ref patterns",
    "Actions beyond GitHub's own and verified creators' that workflows may use; every action must be pinned to a full commit SHA. (CC6.8)",
    ["pulumi/actions@*", "aws-actions/configure-aws-credentials@*"],
  ),
  bypassActors: setting(
    z.array(
      z.strictObject({
        actorId: githubId,
        actorType: z.enum([
          "Team",
          "Integration",
          "RepositoryRole",
          "OrganizationAdmin",
          "DeployKey",
        ]),
        bypassMode: z.enum(["always", "pull_request"]),
        reason: z.string().min(20),
      }),
    ),
    "a list of { actorId, actorType, bypassMode, reason (at least 20 characters) }",
    "Who may bypass the default-branch ruleset, each with its reason; nobody by default. (CC8.1)",
    [],
  ),
} satisfies Record<string, Setting>;

const ownerLogin = z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/);

/** A repository as listed in `soc2-baseline:repositories`. */
export interface RepositoryEntry {
  name: string;
  owner?: string;
  ownerType?: "organization" | "user";
  create: boolean;
  environmentReviewers?: { teams: number[]; users: number[] };
  codeOwners?: string[];
}

export const repositoriesSetting = setting(
  z.array(
    z.strictObject({
      name: z.string().regex(REPOSITORY_NAME),
      owner: ownerLogin.optional(),
      ownerType: z.enum(["organization", "user"]).optional(),
      create: z.boolean().default(false),
      environmentReviewers: reviewersSchema.optional(),
      codeOwners: codeOwnersSchema.optional(),
    }),
  ),
  "a list of { name, owner?, ownerType?, create?, environmentReviewers?, codeOwners? }",
  "The repositories the baseline protects besides the blueprint's own; each gets the same ruleset, environment, CODEOWNERS, Actions policy and security settings. Existing ones are adopted (create: false, the default), never recreated. owner defaults to githubOwner; another owner needs its ownerType, and a personal one (user) its own user-only environmentReviewers and codeOwners. (CC8.1)",
  [],
);

/** A managed repository with everything its protections need resolved from the config. */
export interface ManagedRepository {
  name: string;
  owner: string;
  ownerType: "organization" | "user";
  /** Whether the repository already exists and the stack adopts it (imports it) rather than creating it. */
  adopt: boolean;
  environmentReviewers: { teams: number[]; users: number[] };
  codeOwners: string[];
}

/**
 * Every repository the baseline manages, the blueprint's own first (always adopted, under
 * githubOwner), each with its owner and its reviewers and code owners (its own or github's).
 */
export function managedRepositories(cfg: {
  githubOwner: string;
  githubOwnerType: "organization" | "user";
  github: GithubConfig;
  repositories: RepositoryEntry[];
}): ManagedRepository[] {
  const gh = cfg.github;
  const blueprint: ManagedRepository = {
    name: gh.blueprintRepository,
    owner: cfg.githubOwner,
    ownerType: cfg.githubOwnerType,
    adopt: true,
    environmentReviewers: gh.environmentReviewers,
    codeOwners: gh.codeOwners,
  };
  return [
    blueprint,
    ...cfg.repositories.map((r) => {
      const owner = r.owner ?? cfg.githubOwner;
      return {
        name: r.name,
        owner,
        ownerType: r.ownerType ?? (owner === cfg.githubOwner ? cfg.githubOwnerType : "user"),
        adopt: !r.create,
        environmentReviewers: r.environmentReviewers ?? gh.environmentReviewers,
        codeOwners: r.codeOwners ?? gh.codeOwners,
      };
    }),
  ];
}
