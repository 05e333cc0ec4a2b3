import { parseConfig, PROJECT } from "../../infra/config";
import { stackConfigFromYaml } from "../../pipelines/gate/stackConfig";
import { EXAMPLE_CONFIG, runBaseline } from "../support/baseline";

/** Stack-file lines: key (bare keys are the project's) → YAML value text; `null` leaves it out. */
type Lines = Record<string, string | null>;

const REQUIRED: Lines = {
  "aws:region": "us-east-1",
  accountId: '"123456789012"',
  githubOwner: "acme",
  // A production stack must name its deployment reviewers, code owners and alarm subscribers.
  github: '{ environmentReviewers: { teams: [7], users: [] }, codeOwners: ["@acme/platform"] }',
  deployment: "{ alarmSubscribers: [{ protocol: email, endpoint: security@acme.example }] }",
};

/** A stack file as a platform engineer writes it: the required keys, changed by `lines`. */
function stackFile(lines: Lines = {}): Record<string, string> {
  const entries = Object.entries({ ...REQUIRED, ...lines }).filter(([, v]) => v !== null);
  const text = [
    "config:",
    ...entries.map(([k, v]) => `  ${k.includes(":") ? k : `${PROJECT}:${k}`}: ${v}`),
  ].join("\n");
  return stackConfigFromYaml(text, "Pulumi.test.yaml", PROJECT);
}

describe("valid config", () => {
  test("required keys alone give the documented defaults", () => {
    expect(parseConfig(stackFile())).toEqual({
      region: "us-east-1",
      accountId: "123456789012",
      githubOwner: "acme",
      githubOwnerType: "organization",
      environment: "production",
      namePrefix: "soc2",
      tags: {},
      auditLog: {
        retentionMode: "COMPLIANCE",
        retentionDays: 365,
        coldStorageAfterDays: 90,
        expireAfterDays: null,
        accessLogRetentionDays: 3653,
        cloudWatchRetentionDays: 365,
        keyDeletionWindowDays: 30,
      },
      github: {
        blueprintRepository: "soc2-pipeline-blueprint",
        requiredApprovals: 2,
        requireSignedCommits: true,
        requiredChecks: ["test", "gate"],
        deploymentEnvironment: "production",
        environmentReviewers: { teams: [7], users: [] },
        codeOwners: ["@acme/platform"],
        allowedActions: ["pulumi/actions@*", "aws-actions/configure-aws-credentials@*"],
        bypassActors: [],
      },
      repositories: [],
      runners: {
        enabled: false,
        connectionArn: "",
        runnerClasses: [{ name: "small" }],
        concurrentBuildLimit: 5,
        logRetentionDays: 365,
        runnerGroupId: 1,
      },
      deployment: {
        ownerId: null,
        repositoryId: null,
        stateBucket: null,
        maxSessionSeconds: 3600,
        alarmSubscribers: [{ protocol: "email", endpoint: "security@acme.example" }],
      },
    });
  });

  test("a sandbox stack may use GOVERNANCE retention shorter than a year", () => {
    const cfg = parseConfig(
      stackFile({
        environment: "sandbox",
        auditLog: "{ retentionMode: GOVERNANCE, retentionDays: 30 }",
      }),
    );
    expect(cfg.auditLog).toMatchObject({ retentionMode: "GOVERNANCE", retentionDays: 30 });
  });

  test("the example stack is valid", () => {
    expect(parseConfig(EXAMPLE_CONFIG)).toMatchObject({
      region: "eu-west-1",
      namePrefix: "example",
    });
  });
});

/** Each bad stack file, written as a platform engineer would, and the exact messages it must give. */
const P = PROJECT;
const CONNECTION = "arn:aws:codeconnections:us-east-1:123456789012:connection/0b7e5b8c";
const badConfigs: [string, Lines, string[]][] = [
  [
    "missing account id",
    { accountId: null },
    [`${P}:accountId is required: a 12-digit AWS account id`],
  ],
  [
    "account id of the wrong length",
    { accountId: '"12345"' },
    [`${P}:accountId must be a 12-digit AWS account id (got "12345")`],
  ],
  [
    "retention below a year in COMPLIANCE mode",
    { auditLog: "{ retentionDays: 30 }" },
    [`${P}:auditLog.retentionDays must be at least 365 in COMPLIANCE mode (got 30)`],
  ],
  [
    "GOVERNANCE mode in a production stack",
    { auditLog: "{ retentionMode: GOVERNANCE }" },
    [
      `${P}:auditLog.retentionMode must be COMPLIANCE unless ${P}:environment is sandbox (got "GOVERNANCE")`,
    ],
  ],
  [
    "lower-case retention mode",
    { auditLog: "{ retentionMode: compliance }" },
    [`${P}:auditLog.retentionMode must be one of COMPLIANCE, GOVERNANCE (got "compliance")`],
  ],
  [
    "retention days as a string",
    { auditLog: '{ retentionDays: "400" }' },
    [`${P}:auditLog.retentionDays must be a whole number of days from 1 to 36500 (got "400")`],
  ],
  [
    "a misspelt audit-log key",
    { auditLog: "{ retentionDay: 400 }" },
    [
      `${P}:auditLog.retentionDay is not a known key (known keys: retentionMode, retentionDays, ` +
        "coldStorageAfterDays, expireAfterDays, accessLogRetentionDays, cloudWatchRetentionDays, " +
        "keyDeletionWindowDays)",
    ],
  ],
  [
    "an unknown top-level key",
    { retentionDays: "400" },
    [
      `${P}:retentionDays is not a known key (known keys: aws:region, accountId, githubOwner, ` +
        "githubOwnerType, environment, namePrefix, tags, auditLog, github, repositories, runners, deployment)",
    ],
  ],
  [
    "logs that expire while still locked",
    { auditLog: "{ retentionDays: 400, expireAfterDays: 365 }" },
    [
      `${P}:auditLog.expireAfterDays must be null or at least auditLog.retentionDays (400): ` +
        "logs may not expire while locked (got 365)",
    ],
  ],
  [
    "a CloudWatch retention AWS does not offer",
    { auditLog: "{ cloudWatchRetentionDays: 500 }" },
    [
      `${P}:auditLog.cloudWatchRetentionDays must be one of CloudWatch Logs' retention periods: ` +
        "365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (got 500)",
    ],
  ],
  [
    "a key deletion window beyond AWS's range",
    { auditLog: "{ keyDeletionWindowDays: 45 }" },
    [`${P}:auditLog.keyDeletionWindowDays must be a whole number of days from 7 to 30 (got 45)`],
  ],
  [
    "audit-log settings that are not a mapping",
    { auditLog: "400" },
    [
      `${P}:auditLog must be a mapping with the keys retentionMode, retentionDays, ` +
        "coldStorageAfterDays, expireAfterDays, accessLogRetentionDays, cloudWatchRetentionDays, " +
        "keyDeletionWindowDays (got 400)",
    ],
  ],
  [
    "a region that is not a region code",
    { "aws:region": "Ireland" },
    [`aws:region must be an AWS region code such as us-east-1 (got "Ireland")`],
  ],
  [
    "an unknown owner type",
    { githubOwnerType: "enterprise" },
    [`${P}:githubOwnerType must be one of organization, user (got "enterprise")`],
  ],
  [
    "a reserved tag key and a name prefix with capitals, reported together",
    { namePrefix: "SOC2", tags: '{ "aws:owner": x }' },
    [
      `${P}:namePrefix must be 2 to 20 lowercase letters, digits or hyphens, starting with a letter (got "SOC2")`,
      `${P}:tags.aws:owner must be a map of tag keys (1-128 characters, not starting with aws:) ` +
        'to string values (at most 256) (got "x")',
    ],
  ],
  [
    "cold storage after the access logs expire",
    { auditLog: "{ coldStorageAfterDays: 4000 }" },
    [
      `${P}:auditLog.coldStorageAfterDays must be less than auditLog.accessLogRetentionDays (3653) (got 4000)`,
    ],
  ],
  [
    "a production stack without deployment reviewers or code owners",
    { github: "{}" },
    [
      `${P}:github.environmentReviewers must name at least one team or user id in a production stack (not set)`,
      `${P}:github.codeOwners must name at least one owner in a production stack (not set)`,
    ],
  ],
  [
    "a bypass actor without a reason of real length",
    {
      github:
        '{ environmentReviewers: { teams: [7], users: [] }, codeOwners: ["@acme/platform"], ' +
        'bypassActors: [{ actorId: 5, actorType: Team, bypassMode: always, reason: "hotfix" }] }',
    },
    [
      `${P}:github.bypassActors[0].reason must be a list of { actorId, actorType, bypassMode, ` +
        'reason (at least 20 characters) } (got "hotfix")',
    ],
  ],
  [
    "the blueprint's own repository listed again",
    { repositories: "[{ name: soc2-pipeline-blueprint }]" },
    [
      `${P}:repositories[0] must not list acme/soc2-pipeline-blueprint again (github.blueprintRepository is managed already) ` +
        '(got {"name":"soc2-pipeline-blueprint"})',
    ],
  ],
  [
    "a repository listed twice",
    { repositories: "[{ name: api }, { name: web }, { name: api, owner: acme }]" },
    [
      `${P}:repositories[2] must not list acme/api again (repositories[0] lists it) ` +
        '(got {"name":"api","owner":"acme"})',
    ],
  ],
  [
    "another owner's repository without its owner type",
    { repositories: "[{ name: dotfiles, owner: jane-doe }]" },
    [
      `${P}:repositories[0].ownerType is required when owner (jane-doe) is not githubOwner (not set)`,
    ],
  ],
  [
    "githubOwner's repository typed unlike githubOwner",
    { repositories: "[{ name: api, ownerType: user }]" },
    [
      `${P}:repositories[0].ownerType must be githubOwnerType (organization) for a repository of githubOwner (got "user")`,
    ],
  ],
  [
    "a personal repository inheriting teams from the github settings",
    { repositories: "[{ name: dotfiles, owner: jane-doe, ownerType: user }]" },
    [
      `${P}:repositories[0].environmentReviewers must be set, users only, for a personal repository (github.environmentReviewers names teams) (not set)`,
      `${P}:repositories[0].codeOwners must be set, @users only, for a personal repository (github.codeOwners names teams) (not set)`,
    ],
  ],
  [
    "a personal repository naming teams itself",
    {
      repositories:
        "[{ name: dotfiles, owner: jane-doe, ownerType: user, " +
        'environmentReviewers: { teams: [7], users: [9] }, codeOwners: ["@jane-doe", "@acme/platform"] }]',
    },
    [
      `${P}:repositories[0].environmentReviewers must name users only: repositories[0] is a personal repository (got {"teams":[7],"users":[9]})`,
      `${P}:repositories[0].codeOwners must name @users only: repositories[0] is a personal repository (got ["@jane-doe","@acme/platform"])`,
    ],
  ],
  [
    "a personal blueprint repository with team reviewers and a team bypass actor",
    {
      githubOwnerType: "user",
      github:
        '{ environmentReviewers: { teams: [7], users: [] }, codeOwners: ["@jane-doe"], ' +
        'bypassActors: [{ actorId: 5, actorType: Team, bypassMode: pull_request, reason: "release managers merge the release branch" }] }',
    },
    [
      `${P}:github.environmentReviewers must name users only: github.blueprintRepository is a personal repository (got {"teams":[7],"users":[]})`,
      `${P}:github.bypassActors must not name a Team or OrganizationAdmin: github.blueprintRepository is a personal repository ` +
        '(got [{"actorId":5,"actorType":"Team","bypassMode":"pull_reque...)',
    ],
  ],
  [
    "a repository's own reviewers and code owners emptied in production",
    {
      repositories:
        "[{ name: api, environmentReviewers: { teams: [], users: [] }, codeOwners: [] }]",
    },
    [
      `${P}:repositories[0].environmentReviewers must name at least one team or user id in a production stack (got {"teams":[],"users":[]})`,
      `${P}:repositories[0].codeOwners must name at least one owner in a production stack (got [])`,
    ],
  ],
  [
    "the immutable subject form with only the owner's id",
    {
      deployment:
        "{ ownerId: 42, alarmSubscribers: [{ protocol: email, endpoint: a@acme.example }] }",
    },
    [
      `${P}:deployment.repositoryId must be set with deployment.ownerId: the immutable subject form needs both (not set)`,
    ],
  ],
  [
    "a production stack whose tamper alarms tell nobody",
    { deployment: null },
    [
      `${P}:deployment.alarmSubscribers must name at least one subscriber in a production stack (not set)`,
    ],
  ],
  [
    "a tamper alarm subscriber that is not an address, and a session over an hour",
    {
      deployment:
        "{ maxSessionSeconds: 7200, alarmSubscribers: [{ protocol: email, endpoint: security-team }] }",
    },
    [
      `${P}:deployment.maxSessionSeconds must be a whole number of seconds from 900 to 3600 (got 7200)`,
      `${P}:deployment.alarmSubscribers[0].endpoint must be a list of { protocol: email, https, sqs or lambda, endpoint: an address, https URL or ARN } (got "security-team")`,
    ],
  ],
  [
    "no GitHub owner",
    { githubOwner: null },
    [
      `${P}:githubOwner is required: a GitHub organization or user login (letters, digits and single hyphens, at most 39)`,
    ],
  ],
  [
    "a GitHub owner that is not a login",
    { githubOwner: '"acme org"' },
    [
      `${P}:githubOwner must be a GitHub organization or user login (letters, digits and single hyphens, at most 39) (got "acme org")`,
    ],
  ],
  [
    "a tag with an empty key",
    { tags: '{ "": x }' },
    [
      `${P}:tags[""] must be a map of tag keys (1-128 characters, not starting with aws:) to string values (at most 256) (got "x")`,
    ],
  ],
  [
    "tags given as a list",
    { tags: "[a, b]" },
    [
      `${P}:tags must be a map of tag keys (1-128 characters, not starting with aws:) to string values (at most 256) (got ["a","b"])`,
    ],
  ],
  [
    "no required approvals",
    {
      github:
        '{ requiredApprovals: 0, environmentReviewers: { teams: [7], users: [] }, codeOwners: ["@acme/platform"] }',
    },
    [`${P}:github.requiredApprovals must be a whole number from 1 to 10 (got 0)`],
  ],
  [
    "no required status checks",
    {
      github:
        '{ requiredChecks: [], environmentReviewers: { teams: [7], users: [] }, codeOwners: ["@acme/platform"] }',
    },
    [`${P}:github.requiredChecks must be a non-empty list of status check names (got [])`],
  ],
  [
    "a state bucket that is not a bucket name",
    {
      deployment:
        "{ stateBucket: Not_A_Bucket, alarmSubscribers: [{ protocol: email, endpoint: security@acme.example }] }",
    },
    [`${P}:deployment.stateBucket must be null or an S3 bucket name (got "Not_A_Bucket")`],
  ],
  [
    "two runner classes of one name",
    {
      runners: `{ enabled: true, connectionArn: ${CONNECTION}, runnerClasses: [{ name: small }, { name: small }] }`,
    },
    [
      `${P}:runners.runnerClasses must not name the runner class small twice (got [{"name":"small"},{"name":"small"}])`,
    ],
  ],
  [
    "no runner class",
    { runners: `{ enabled: true, connectionArn: ${CONNECTION}, runnerClasses: [] }` },
    [
      `${P}:runners.runnerClasses must be a non-empty list of { name, computeType?, image? } (got [])`,
    ],
  ],
  [
    "no concurrent builds, and a log retention CloudWatch does not offer",
    {
      runners: `{ enabled: true, connectionArn: ${CONNECTION}, concurrentBuildLimit: 0, logRetentionDays: 100 }`,
    },
    [
      `${P}:runners.concurrentBuildLimit must be a whole number from 1 to 100 (got 0)`,
      `${P}:runners.logRetentionDays must be one of CloudWatch Logs' retention periods of a year or more (got 100)`,
    ],
  ],
  [
    "a runner group id below 1",
    { runners: "{ runnerGroupId: -1 }" },
    [
      `${P}:runners.runnerGroupId must be a GitHub runner group id (a whole number, at least 1) (got -1)`,
    ],
  ],
  [
    "runners switched on without their CodeConnections connection",
    { runners: "{ enabled: true }" },
    [
      `${P}:runners.connectionArn must be the ARN of a CodeConnections connection when runners.enabled is true (not set)`,
    ],
  ],
];

describe.each(badConfigs)("invalid config: %s", (_case, lines, messages) => {
  test("parseConfig lists exactly its problems", () => {
    let thrown: unknown;
    try {
      parseConfig(stackFile(lines));
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toMatchObject({ name: "ConfigError", problems: messages });
  });

  test("the program stops before registering any resource", async () => {
    const run = await runBaseline(stackFile(lines));
    expect(run.error?.name).toBe("ConfigError");
    expect(run.error?.message).toBe(
      `Invalid stack configuration:\n${messages.map((m) => `  - ${m}`).join("\n")}`,
    );
    expect(run.resources).toEqual([]);
  });
});
