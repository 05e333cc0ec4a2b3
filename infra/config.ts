/**
 * The baseline's stack configuration: one typed, validated schema for every key a stack file may set.
 *
 * Each setting carries its default (the only place defaults live; `Pulumi.yaml`'s `template:` section
 * offers the same values, and a test keeps the two in step), what it accepts, and the SOC 2 criterion
 * it serves. `loadConfig` validates the whole stack config before the program registers anything and
 * fails with one line per problem, each naming the full key.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { describeProblems, setting, type Setting, type SettingsTree } from "./configProblems";
import {
  type GithubConfig,
  githubSettings,
  managedRepositories,
  repositoriesSetting,
  type RepositoryEntry,
} from "./githubSettings";
import { type DeploymentConfig, deploymentSettings } from "./deploymentSettings";
import { type RunnersConfig, runnerSettings } from "./runnerSettings";

/** The Pulumi project name, and so the namespace of the baseline's own config keys. */
export const PROJECT = "soc2-baseline";

/** CloudWatch Logs accepts only these retention periods (days) of a year or more. */
export const CLOUDWATCH_RETENTION_DAYS = [
  365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The shortest COMPLIANCE-mode retention a production audit archive may have (CC7.2, A1.2). */
export const MIN_COMPLIANCE_RETENTION_DAYS = 365;

const wholeDays = (min: number, max: number) => z.int().min(min).max(max);

/** The audit-log archive's settings (`soc2-baseline:auditLog`). */
export const auditLogSettings = {
  retentionMode: setting(
    z.enum(["COMPLIANCE", "GOVERNANCE"]),
    "one of COMPLIANCE, GOVERNANCE",
    "Object Lock mode of the audit-log bucket. COMPLIANCE: nobody, root included, can shorten or " +
      "remove a log before its retention ends; GOVERNANCE is allowed only in a sandbox stack. (CC7.2, A1.2)",
    "COMPLIANCE",
  ),
  retentionDays: setting(
    wholeDays(1, 36500),
    "a whole number of days from 1 to 36500",
    "Default Object Lock retention of every log object, in days; at least 365 in COMPLIANCE mode. (CC7.2, A1.2)",
    MIN_COMPLIANCE_RETENTION_DAYS,
  ),
  coldStorageAfterDays: setting(
    wholeDays(30, 36500),
    "a whole number of days from 30 to 36500",
    "Age in days at which log objects move to S3 Glacier Flexible Retrieval (cost; logs stay retrievable). (A1.2)",
    90,
  ),
  expireAfterDays: setting(
    z.union([z.null(), wholeDays(1, 36500)]),
    "null (keep logs forever) or a whole number of days from 1 to 36500",
    "Age in days at which log objects are deleted; null keeps them forever. Never before the retention ends. (A1.2)",
    null,
  ),
  accessLogRetentionDays: setting(
    wholeDays(365, 36500),
    "a whole number of days from 365 to 36500",
    "Age in days at which S3 server access logs of the archive are deleted. (CC7.2)",
    3653,
  ),
  cloudWatchRetentionDays: setting(
    z.union(CLOUDWATCH_RETENTION_DAYS.map((days) => z.literal(days))),
    `one of CloudWatch Logs' retention periods: ${CLOUDWATCH_RETENTION_DAYS.join(", ")}`,
    "Retention of the CloudWatch log group that receives the trail, for search and alarms. (CC7.2)",
    365,
  ),
  keyDeletionWindowDays: setting(
    wholeDays(7, 30),
    "a whole number of days from 7 to 30",
    "Waiting period before AWS deletes the audit KMS key once deletion is scheduled. (CC6.1, A1.2)",
    30,
  ),
} satisfies Record<string, Setting>;

/** Every top-level key: `aws:region` and the project's own keys, in the order people set them. */
export const settings = {
  "aws:region": setting(
    z.string().regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/),
    "an AWS region code such as us-east-1",
    "AWS region of the audit archive and the trail's home region (the trail itself covers every region).",
  ),
  accountId: setting(
    z.string().regex(/^\d{12}$/),
    "a 12-digit AWS account id",
    "The AWS account the baseline deploys to; the AWS provider refuses credentials of any other account. (CC6.1)",
  ),
  githubOwner: setting(
    z.string().regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/),
    "a GitHub organization or user login (letters, digits and single hyphens, at most 39)",
    "The GitHub organization or user whose repositories the baseline protects. (CC8.1)",
  ),
  githubOwnerType: setting(
    z.enum(["organization", "user"]),
    "one of organization, user",
    "Whether githubOwner is an organization (org-level rulesets and Actions policy) or a personal account.",
    "organization",
  ),
  environment: setting(
    z.enum(["production", "sandbox"]),
    "one of production, sandbox",
    "production enforces every control at full strength; sandbox allows GOVERNANCE-mode log retention for trials.",
    "production",
  ),
  namePrefix: setting(
    z.string().regex(/^[a-z][a-z0-9-]{0,18}[a-z0-9]$/),
    "2 to 20 lowercase letters, digits or hyphens, starting with a letter",
    "Prefix of every physical resource name (buckets, trail, key alias, log group).",
    "soc2",
  ),
  tags: setting(
    z.record(z.string().regex(/^(?!aws:)[\w.:/=+\-@ ]{1,128}$/), z.string().max(256)),
    "a map of tag keys (1-128 characters, not starting with aws:) to string values (at most 256)",
    "Tags added to every AWS resource through the provider's default tags, e.g. owner and cost centre. (CC9.1)",
    {},
  ),
  auditLog: {
    description:
      "The immutable audit-log archive: retention, storage tiers, log group and key settings.",
    settings: auditLogSettings,
  },
  github: {
    description:
      "How every managed repository is protected: default-branch ruleset, deployment environment, CODEOWNERS, Actions policy.",
    settings: githubSettings,
  },
  repositories: repositoriesSetting,
  runners: {
    description:
      "CodeBuild-hosted GitHub Actions runners for the managed repositories; off by default.",
    settings: runnerSettings,
  },
  deployment: {
    description:
      "The OIDC roles that alone preview and deploy the baseline, and who hears of attempts to tamper with the audit archive.",
    settings: deploymentSettings,
  },
} as const;

/** The settings and the project that namespaces them, for messages, docs and the template check. */
export const settingsTree: SettingsTree = { project: PROJECT, settings };

/** A group's schema: its settings as a strict object, absent → all defaults. */
function groupSchema(group: Record<string, Setting>): z.ZodType {
  const shape = Object.fromEntries(Object.entries(group).map(([k, s]) => [k, s.schema]));
  return z.strictObject(shape).prefault({});
}

type RepositoryConfigs = Parameters<typeof managedRepositories>[0] & { environment: string };

/**
 * A personal repository has no teams: its reviewers and code owners are users, and no Team or
 * OrganizationAdmin bypasses its ruleset. Problems are reported where the value must change: the
 * repository's own setting, or github's when the blueprint itself is personal.
 */
function checkPersonal(
  cfg: RepositoryConfigs,
  index: number,
  entry: RepositoryEntry | undefined,
  issue: (path: PropertyKey[], message: string) => void,
): void {
  const gh = cfg.github;
  const where = entry ? `repositories[${index - 1}]` : "github.blueprintRepository";
  const reviewers = entry?.environmentReviewers ?? gh.environmentReviewers;
  if (reviewers.teams.length > 0) {
    if (entry && !entry.environmentReviewers) {
      issue(
        ["repositories", index - 1, "environmentReviewers"],
        "must be set, users only, for a personal repository (github.environmentReviewers names teams)",
      );
    } else {
      issue(
        entry
          ? ["repositories", index - 1, "environmentReviewers"]
          : ["github", "environmentReviewers"],
        `must name users only: ${where} is a personal repository`,
      );
    }
  }
  const owners = entry?.codeOwners ?? gh.codeOwners;
  if (owners.some((owner) => owner.includes("/"))) {
    if (entry && !entry.codeOwners) {
      issue(
        ["repositories", index - 1, "codeOwners"],
        "must be set, @users only, for a personal repository (github.codeOwners names teams)",
      );
    } else {
      issue(
        entry ? ["repositories", index - 1, "codeOwners"] : ["github", "codeOwners"],
        `must name @users only: ${where} is a personal repository`,
      );
    }
  }
  if (gh.bypassActors.some((a) => a.actorType === "Team" || a.actorType === "OrganizationAdmin")) {
    issue(
      ["github", "bypassActors"],
      `must not name a Team or OrganizationAdmin: ${where} is a personal repository`,
    );
  }
}

/**
 * The repositories' cross-field rules: each (owner, name) once; another owner states its type;
 * personal repositories as checkPersonal says; a production stack's own reviewers and code owners
 * are never empty (CC8.1).
 */
function checkRepositories(cfg: RepositoryConfigs, ctx: z.RefinementCtx): void {
  const issue = (path: PropertyKey[], message: string) =>
    ctx.addIssue({ code: "custom", path, message });
  const managed = managedRepositories(cfg);
  const seen = new Map<string, number>();
  managed.forEach((repo, i) => {
    const at = ["repositories", i - 1];
    const entry: RepositoryEntry | undefined = cfg.repositories[i - 1];
    const full = `${repo.owner}/${repo.name}`;
    const first = seen.get(full);
    if (first !== undefined) {
      issue(
        at,
        first === 0
          ? `must not list ${full} again (github.blueprintRepository is managed already)`
          : `must not list ${full} again (repositories[${first - 1}] lists it)`,
      );
    }
    seen.set(full, i);
    const ownOwner = entry?.owner === undefined || entry.owner === cfg.githubOwner;
    let typed = true;
    if (entry && !ownOwner && !entry.ownerType) {
      issue([...at, "ownerType"], `is required when owner (${entry.owner}) is not githubOwner`);
      typed = false;
    }
    if (entry && ownOwner && entry.ownerType && entry.ownerType !== cfg.githubOwnerType) {
      issue(
        [...at, "ownerType"],
        `must be githubOwnerType (${cfg.githubOwnerType}) for a repository of githubOwner`,
      );
      typed = false;
    }
    if (typed && repo.ownerType === "user") checkPersonal(cfg, i, entry, issue);
    if (!entry) return;
    if (cfg.environment === "production") {
      const reviewers = repo.environmentReviewers;
      if (entry.environmentReviewers && reviewers.teams.length + reviewers.users.length === 0) {
        issue(
          [...at, "environmentReviewers"],
          "must name at least one team or user id in a production stack",
        );
      }
      if (entry.codeOwners?.length === 0) {
        issue([...at, "codeOwners"], "must name at least one owner in a production stack");
      }
    }
  });
}

const baselineSchema = z
  .strictObject({
    "aws:region": settings["aws:region"].schema,
    accountId: settings.accountId.schema,
    githubOwner: settings.githubOwner.schema,
    githubOwnerType: settings.githubOwnerType.schema,
    environment: settings.environment.schema,
    namePrefix: settings.namePrefix.schema,
    tags: settings.tags.schema,
    auditLog: groupSchema(auditLogSettings),
    github: groupSchema(githubSettings),
    repositories: repositoriesSetting.schema,
    runners: groupSchema(runnerSettings),
    deployment: groupSchema(deploymentSettings),
  })
  .superRefine((cfg, ctx) => {
    const gh = cfg.github as GithubConfig;
    if (cfg.environment === "production") {
      const reviewers = gh.environmentReviewers;
      if (reviewers.teams.length + reviewers.users.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["github", "environmentReviewers"],
          message: "must name at least one team or user id in a production stack",
        });
      }
      if (gh.codeOwners.length === 0) {
        ctx.addIssue({
          code: "custom",
          path: ["github", "codeOwners"],
          message: "must name at least one owner in a production stack",
        });
      }
    }
    checkRepositories(cfg as RepositoryConfigs, ctx);
    const runners = cfg.runners as RunnersConfig;
    if (runners.enabled && runners.connectionArn === "") {
      ctx.addIssue({
        code: "custom",
        path: ["runners", "connectionArn"],
        message: "must be the ARN of a CodeConnections connection when runners.enabled is true",
      });
    }
    const classes = runners.runnerClasses.map((c) => c.name);
    const twice = classes.find((n, i) => classes.indexOf(n) !== i);
    if (twice) {
      ctx.addIssue({
        code: "custom",
        path: ["runners", "runnerClasses"],
        message: `must not name the runner class ${twice} twice`,
      });
    }
    const deployment = cfg.deployment as DeploymentConfig;
    if ((deployment.ownerId === null) !== (deployment.repositoryId === null)) {
      const [set, unset] =
        deployment.ownerId === null ? ["repositoryId", "ownerId"] : ["ownerId", "repositoryId"];
      ctx.addIssue({
        code: "custom",
        path: ["deployment", unset],
        message: `must be set with deployment.${set}: the immutable subject form needs both`,
      });
    }
    if (cfg.environment === "production" && deployment.alarmSubscribers.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["deployment", "alarmSubscribers"],
        message: "must name at least one subscriber in a production stack",
      });
    }
    const log = cfg.auditLog as AuditLogConfig;
    if (log.retentionMode === "GOVERNANCE" && cfg.environment !== "sandbox") {
      ctx.addIssue({
        code: "custom",
        path: ["auditLog", "retentionMode"],
        message: `must be COMPLIANCE unless ${PROJECT}:environment is sandbox`,
      });
    }
    if (log.retentionMode === "COMPLIANCE" && log.retentionDays < MIN_COMPLIANCE_RETENTION_DAYS) {
      ctx.addIssue({
        code: "custom",
        path: ["auditLog", "retentionDays"],
        message: `must be at least ${MIN_COMPLIANCE_RETENTION_DAYS} in COMPLIANCE mode`,
      });
    }
    if (log.expireAfterDays !== null && log.expireAfterDays < log.retentionDays) {
      ctx.addIssue({
        code: "custom",
        path: ["auditLog", "expireAfterDays"],
        message: `must be null or at least auditLog.retentionDays (${log.retentionDays}): logs may not expire while locked`,
      });
    }
    if (log.coldStorageAfterDays >= log.accessLogRetentionDays) {
      ctx.addIssue({
        code: "custom",
        path: ["auditLog", "coldStorageAfterDays"],
        message: `must be less than auditLog.accessLogRetentionDays (${log.accessLogRetentionDays})`,
      });
    }
    if (log.expireAfterDays !== null && log.coldStorageAfterDays >= log.expireAfterDays) {
      ctx.addIssue({
        code: "custom",
        path: ["auditLog", "coldStorageAfterDays"],
        message: `must be less than auditLog.expireAfterDays (${log.expireAfterDays})`,
      });
    }
  });

/** The audit-log archive's validated settings. */
export interface AuditLogConfig {
  retentionMode: "COMPLIANCE" | "GOVERNANCE";
  retentionDays: number;
  coldStorageAfterDays: number;
  expireAfterDays: number | null;
  accessLogRetentionDays: number;
  cloudWatchRetentionDays: (typeof CLOUDWATCH_RETENTION_DAYS)[number];
  keyDeletionWindowDays: number;
}

/** The whole baseline's validated configuration. */
export interface BaselineConfig {
  region: string;
  accountId: string;
  githubOwner: string;
  githubOwnerType: "organization" | "user";
  environment: "production" | "sandbox";
  namePrefix: string;
  tags: Record<string, string>;
  auditLog: AuditLogConfig;
  github: GithubConfig;
  repositories: RepositoryEntry[];
  runners: RunnersConfig;
  deployment: DeploymentConfig;
}

/** The stack config is invalid: `problems` holds one line per problem, each naming its key. */
export class ConfigError extends pulumi.RunError {
  constructor(readonly problems: string[]) {
    super(`Invalid stack configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Keys whose values are structured (the engine hands them to the program as JSON text). */
const STRUCTURED_KEYS = new Set([
  "tags",
  "auditLog",
  "github",
  "repositories",
  "runners",
  "deployment",
]);

/**
 * Validates a stack's config, as the engine hands it to the program (`namespace:key` → string), and
 * returns the typed baseline config. Keys of other namespaces than the project's and `aws:region` are
 * left to their providers. Throws `ConfigError` listing every problem.
 */
export function parseConfig(raw: Record<string, string>): BaselineConfig {
  const input: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [fullKey, text] of Object.entries(raw)) {
    if (fullKey === "aws:region") {
      input[fullKey] = text;
      continue;
    }
    if (!fullKey.startsWith(`${PROJECT}:`)) continue;
    const key = fullKey.slice(PROJECT.length + 1);
    if (!STRUCTURED_KEYS.has(key)) {
      input[key] = text;
      continue;
    }
    try {
      input[key] = JSON.parse(text);
    } catch {
      problems.push(`${fullKey} must be a YAML mapping (got ${JSON.stringify(text)})`);
    }
  }
  const result = baselineSchema.safeParse(input);
  problems.push(
    ...(result.success ? [] : describeProblems(settingsTree, result.error.issues, input)),
  );
  if (problems.length > 0 || !result.success) throw new ConfigError(problems);
  const { "aws:region": region, ...rest } = result.data;
  return { region, ...rest } as BaselineConfig;
}

/** Reads and validates the running stack's config. */
export function loadConfig(): BaselineConfig {
  return parseConfig(pulumi.runtime.allConfig());
}
