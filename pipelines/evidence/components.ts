/**
 * The baseline's components as OpenControl describes them: what each implements for a SOC 2
 * criterion, in the platform engineer's words, and the pack policies that verify its resources.
 * Narratives say what the code does and, where it stops short, what it does not; a component whose
 * resources no policy judges says so and lists no verification.
 */

export type ImplementationStatus = "complete" | "partial" | "planned";

export interface ComponentControl {
  /** The criterion's id in the control catalogue. */
  control: string;
  status: ImplementationStatus;
  narrative: string;
}

export interface ComponentDescription {
  /** The component's class, which is also its OpenControl key. */
  key: string;
  name: string;
  /** The file that defines it, relative to the repository. */
  source: string;
  satisfies: ComponentControl[];
  /** Policies of the pack that judge the component's resources. */
  verifiedBy: string[];
}

export const RESPONSIBLE_ROLE = "Platform team";

export const components: readonly ComponentDescription[] = [
  {
    key: "AuditLogArchive",
    name: "Audit log archive",
    source: "infra/aws/auditLogArchive.ts",
    satisfies: [
      {
        control: "CC7.2",
        status: "complete",
        narrative:
          "A multi-region CloudTrail trail with global service events and log-file validation " +
          "records every management call of the account. It writes to a log bucket with an Object " +
          "Lock default retention (COMPLIANCE mode in the example stack) and a lifecycle that never " +
          "expires logs before that retention ends, and to a KMS-encrypted CloudWatch log group with " +
          "a fixed retention. The log bucket's own server access logs go to a separate access-log " +
          "bucket. The key, both buckets, the log group and the trail are protected and retained on " +
          "delete, so no Pulumi change or destroy removes them.",
      },
      {
        control: "CC7.3",
        status: "partial",
        narrative:
          "The trail records the calls that would stop or tamper with it, its buckets, its key and " +
          "its log group; the TamperAlarms component turns those records into alarms. Evaluating an " +
          "event is the incident response procedure's, outside the code.",
      },
      {
        control: "CC6.1",
        status: "complete",
        narrative:
          "The trail, the log bucket and the log group are encrypted with a customer-managed KMS key " +
          "that rotates yearly and that CloudTrail may use only for this trail. Both buckets block " +
          "public access and disable ACLs.",
      },
      {
        control: "CC6.3",
        status: "complete",
        narrative:
          "CloudTrail's delivery role may only write the trail's log group, carries the deployment " +
          "permissions boundary and holds sessions of at most an hour.",
      },
      {
        control: "CC6.7",
        status: "complete",
        narrative:
          "Both bucket policies deny every request without TLS; the log bucket is encrypted with the " +
          "audit key, the access-log bucket with SSE-S3, as AWS requires of log-delivery targets.",
      },
      {
        control: "A1.2",
        status: "complete",
        narrative:
          "Both buckets are versioned; the log bucket's objects are locked for the retention period " +
          "and move to Glacier, never expiring before the retention ends. The key has a deletion " +
          "window, so losing it by mistake can be undone.",
      },
      {
        control: "CC9.1",
        status: "complete",
        narrative:
          "Scheduling the audit key's deletion leaves a waiting period (keyDeletionWindowDays) in " +
          "which it can be cancelled, so the logs it decrypts cannot be lost by one call.",
      },
    ],
    verifiedBy: [
      "aws-cloudtrail-trail-missing-audit-trail",
      "aws-cloudtrail-trail-configure-logging",
      "aws-s3-bucket-enforce-audit-protection",
      "aws-s3-bucket-enforce-object-lock",
      "aws-s3-bucket-disallow-early-expiry",
      "aws-s3-bucket-missing-access-logging",
      "aws-s3-bucket-configure-access-log-target",
      "aws-s3-bucket-enforce-encryption",
      "aws-s3-bucket-enforce-tls",
      "aws-kms-key-enforce-audit-protection",
      "aws-kms-key-enable-rotation",
      "aws-kms-key-configure-deletion-window",
      "aws-cloudwatch-log-group-configure-retention",
      "aws-cloudwatch-log-group-enforce-kms",
      "aws-iam-role-missing-permissions-boundary",
      "aws-iam-role-enforce-max-session-duration",
      "aws-s3-bucket-enable-versioning",
      "aws-s3-bucket-missing-versioning",
    ],
  },
  {
    key: "SecureBucket",
    name: "Secure S3 bucket",
    source: "infra/aws/secureBucket.ts",
    satisfies: [
      {
        control: "CC6.1",
        status: "complete",
        narrative:
          "Every bucket gets default encryption at rest (SSE-KMS with a bucket key, or SSE-S3 where " +
          "AWS requires it), ACLs disabled (BucketOwnerEnforced) and a public-access block.",
      },
      {
        control: "CC6.6",
        status: "complete",
        narrative:
          "The public-access block sets all four settings, so no ACL or bucket policy can make the " +
          "bucket or its objects public.",
      },
      {
        control: "CC6.7",
        status: "complete",
        narrative:
          "The component takes the whole bucket policy from its caller, and the pack requires that " +
          "policy to deny requests without TLS.",
      },
      {
        control: "A1.2",
        status: "complete",
        narrative:
          "Versioning is enabled, so overwritten or deleted objects stay recoverable; the bucket is " +
          "protected and retained on delete, and Object Lock is set when the caller asks for it.",
      },
    ],
    verifiedBy: [
      "aws-s3-bucket-enforce-encryption",
      "aws-s3-bucket-missing-public-access-block",
      "aws-s3-bucket-public-access-block-enable-all-blocks",
      "aws-s3-bucket-enforce-bucket-owner-enforced",
      "aws-s3-bucket-enforce-tls",
      "aws-s3-bucket-enable-versioning",
      "aws-s3-bucket-missing-versioning",
    ],
  },
  {
    key: "TamperAlarms",
    name: "Tamper alarms",
    source: "infra/aws/tamperAlarms.ts",
    satisfies: [
      {
        control: "CC7.3",
        status: "partial",
        narrative:
          "An EventBridge rule on CloudTrail's events matches every call that would silence, rewrite " +
          "or unprotect the audit record — attempted or denied, by anyone — and publishes it to a " +
          "KMS-encrypted SNS topic with the subscribers from config; IAM's events are watched in " +
          "IAM's own region too. Deleting log objects is an S3 data event, which the trail does not " +
          "record by default: the deployment boundary denies it and Object Lock keeps every locked " +
          "version, but no alarm fires for an attempt.",
      },
      {
        control: "CC7.2",
        status: "partial",
        narrative:
          "The alarms watch the audit archive for tampering; the same caveat about S3 data events " +
          "applies. Reviewing the logs themselves is a manual control.",
      },
    ],
    verifiedBy: [
      "aws-cloudwatch-event-rule-missing-tamper-alarm",
      "aws-kms-key-enable-rotation",
      "aws-kms-key-configure-deletion-window",
    ],
  },
  {
    key: "DeploymentIdentity",
    name: "Deployment identity",
    source: "infra/aws/deploymentIdentity.ts",
    satisfies: [
      {
        control: "CC6.2",
        status: "complete",
        narrative:
          "Workflows obtain AWS credentials only through GitHub's OIDC provider: no stored access " +
          "key exists. The roles trust the token's audience and exact subjects of the blueprint's " +
          "repository, never a wildcard.",
      },
      {
        control: "CC6.3",
        status: "complete",
        narrative:
          "The preview role, assumable by pull-request and default-branch jobs, is read-only on what " +
          "the baseline manages and reads no object contents, log events or secret values. The deploy " +
          "role, assumable only by jobs of the protected deployment environment, may create and " +
          "update the baseline and nothing else. A permissions boundary on both, and on every role " +
          "or user they create, denies tampering with the audit archive. Sessions last at most " +
          "maxSessionSeconds (an hour at most).",
      },
      {
        control: "CC8.1",
        status: "complete",
        narrative:
          "Only a job of the deployment environment, whose required reviewers approve each run, can " +
          "assume the deploy role; changing the boundary itself takes administrator credentials, as " +
          "the first deployment does.",
      },
    ],
    verifiedBy: [
      "aws-iam-role-enforce-oidc-trust-conditions",
      "aws-iam-role-disallow-unmanaged-oidc-subjects",
      "aws-iam-role-missing-reviewed-environment",
      "aws-iam-role-missing-permissions-boundary",
      "aws-iam-role-disallow-unbounded-admin",
      "aws-iam-role-enforce-max-session-duration",
      "aws-iam-role-enforce-read-only-untrusted-refs",
    ],
  },
  {
    key: "CiRunners",
    name: "CI runners",
    source: "infra/aws/ciRunners.ts",
    satisfies: [
      {
        control: "CC6.8",
        status: "complete",
        narrative:
          "Each workflow job runs in its own CodeBuild build, unprivileged, on an AWS-curated image, " +
          "started by a webhook only for queued workflow jobs of the managed repositories.",
      },
      {
        control: "CC7.2",
        status: "complete",
        narrative:
          "Every job's log goes to a KMS-encrypted CloudWatch log group with a fixed retention " +
          "(runners.logRetentionDays), retained on delete.",
      },
      {
        control: "CC6.1",
        status: "complete",
        narrative:
          "Builds are encrypted with a customer-managed key that rotates; the runners reach GitHub " +
          "through an AWS CodeConnections connection, not a stored token.",
      },
      {
        control: "CC6.3",
        status: "complete",
        narrative:
          "The runners' service role, which every job inherits, may only write the log group, use " +
          "the GitHub connection and the key (and, in a VPC, manage the builds' network " +
          "interfaces), and carries the deployment permissions boundary; " +
          "deployments assume the OIDC roles instead.",
      },
    ],
    verifiedBy: [
      "aws-codebuild-project-disallow-privileged-mode",
      "aws-codebuild-project-enforce-encryption",
      "aws-codebuild-project-configure-logs",
      "aws-codebuild-project-enforce-least-privilege-role",
      "aws-codebuild-webhook-configure-filters",
      "aws-kms-key-enable-rotation",
      "aws-cloudwatch-log-group-configure-retention",
      "aws-cloudwatch-log-group-enforce-kms",
      "aws-iam-role-missing-permissions-boundary",
      "aws-iam-role-enforce-max-session-duration",
    ],
  },
  {
    key: "RepositoryProtection",
    name: "Repository protection",
    source: "infra/github/repositoryProtection.ts",
    satisfies: [
      {
        control: "CC8.1",
        status: "complete",
        narrative:
          "Each managed repository's default branch has an active ruleset: no deletion or force " +
          "push, linear history, signed commits, pull requests with approvals, stale approvals " +
          "dismissed, code-owner review, approval of the last push, resolved threads and required " +
          "status checks on an up-to-date branch, with no bypass actor unless one is configured with " +
          "its reason. CODEOWNERS names the owners of everything and of the controls' own paths. The " +
          "deployment environment has required reviewers, no self-review and no admin bypass, and " +
          "accepts deployments from protected branches only.",
      },
      {
        control: "CC6.8",
        status: "complete",
        narrative:
          "Actions are limited to GitHub's own, verified creators' and listed actions, pinned to " +
          "commit SHAs; the workflow token is read-only by default and cannot approve pull requests.",
      },
      {
        control: "CC7.1",
        status: "complete",
        narrative:
          "Secret scanning with push protection and vulnerability (Dependabot) alerts are on. " +
          "Triaging the alerts is a manual control.",
      },
    ],
    verifiedBy: [
      "github-repository-missing-ruleset",
      "github-repository-ruleset-enforce-branch-protection",
      "github-repository-ruleset-disallow-bypass-actors",
      "github-repository-environment-enforce-review",
      "github-repository-missing-codeowners",
      "github-actions-repository-permissions-enforce-selected-actions",
      "github-workflow-repository-permissions-enforce-read-only",
      "github-repository-enforce-security-alerts",
    ],
  },
  {
    key: "OrganizationProtection",
    name: "Organization protection",
    source: "infra/github/organizationProtection.ts",
    satisfies: [
      {
        control: "CC8.1",
        status: "complete",
        narrative:
          "When the owner is an organization, an organization ruleset repeats the default-branch " +
          "protections for the managed repositories where a repository administrator cannot loosen " +
          "them.",
      },
      {
        control: "CC6.8",
        status: "complete",
        narrative:
          "The organization limits Actions to selected actions pinned to commit SHAs for every " +
          "repository, and keeps the workflow token read-only and unable to approve pull requests.",
      },
    ],
    verifiedBy: [
      "github-repository-missing-ruleset",
      "github-repository-ruleset-enforce-branch-protection",
      "github-repository-ruleset-disallow-bypass-actors",
      "github-actions-repository-permissions-enforce-selected-actions",
      "github-workflow-repository-permissions-enforce-read-only",
    ],
  },
  {
    key: "RunnerAccess",
    name: "Runner access",
    source: "infra/github/runnerAccess.ts",
    satisfies: [
      {
        control: "CC6.8",
        status: "complete",
        narrative:
          "The organization's runner group that the CodeBuild runners join is restricted to the " +
          "managed repositories, public repositories excluded, so no other repository's or fork's " +
          "job lands on them. No policy of the pack checks the runner group: the evidence is this " +
          "stack's configuration and the organization's settings.",
      },
    ],
    verifiedBy: [],
  },
  {
    key: "DeploymentVariables",
    name: "Deployment variables",
    source: "infra/github/deploymentVariables.ts",
    satisfies: [
      {
        control: "CC8.1",
        status: "complete",
        narrative:
          "The workflows read the stack, region, preview role and ledger location from Actions " +
          "variables the stack sets, and the deploy role only inside the deployment environment, so " +
          "no workflow carries a hand-set account or role. No policy of the pack checks these " +
          "variables: the evidence is this stack's configuration.",
      },
    ],
    verifiedBy: [],
  },
];
