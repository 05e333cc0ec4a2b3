/**
 * The SOC 2 control catalogue: the Trust Services Criteria in scope, what each asks (in our words),
 * which policies enforce it, and what remains a manual control because no code can check it.
 *
 * This is the one source of the mapping policy ↔ criterion. Policies know nothing about SOC 2:
 * `definePolicy` reads their `framework` and criterion tags from here; CONTROLS.md, the gate's
 * report and the evidence bundle read it too. A policy listed under several criteria takes the
 * first as its `framework.reference` and the others as `soc2:<id>` tags.
 */

export interface Criterion {
  /** The AICPA identifier, e.g. `CC6.1`. */
  id: string;
  /** The series the criterion belongs to. */
  series: "Common Criteria" | "Availability";
  /** A short title, in our words. */
  title: string;
  /** What the criterion asks of a system like this one, in our words. */
  asks: string;
  /** Names of the policies that enforce part of it, most direct first. */
  policies: string[];
  /** What no code can check, and how the organization covers it instead. */
  manual: string;
}

/** The framework every policy reports in its metadata. */
export const FRAMEWORK = {
  name: "SOC 2",
  version: "2017 Trust Services Criteria (revised points of focus, 2022)",
} as const;

export const criteria: readonly Criterion[] = [
  {
    id: "CC3.4",
    series: "Common Criteria",
    title: "Changes that affect internal control are identified and assessed",
    asks:
      "Changes that could weaken the system of internal control — including deliberate exceptions " +
      "to a control — are identified, assessed and recorded before they take effect.",
    policies: ["soc2-exception-report-resource-uses", "soc2-exception-report-stack-uses"],
    manual:
      "Assessing business, vendor and personnel changes is a management process. The pack makes every " +
      "control exception visible on each preview (policy, resource, reason, approver, expiry); " +
      "management reviews the exception list at least quarterly.",
  },
  {
    id: "CC5.2",
    series: "Common Criteria",
    title: "General control activities over technology",
    asks:
      "Control activities over the technology infrastructure are selected and built so that they " +
      "operate automatically and cannot be bypassed by a single person.",
    policies: [],
    manual:
      "The policy pack itself is this control activity: every preview, update and rollback is judged " +
      "by it. Choosing which controls to automate, and reviewing the catalogue yearly, is a " +
      "management activity recorded outside the code.",
  },
  {
    id: "CC6.1",
    series: "Common Criteria",
    title: "Logical access security over information assets",
    asks:
      "Information assets are inventoried and protected by logical access controls: encryption with " +
      "managed keys, no public exposure, no long-lived personal credentials, infrastructure only " +
      "where the organization allows it.",
    policies: [
      "aws-s3-bucket-enforce-encryption",
      "aws-s3-bucket-missing-public-access-block",
      "aws-s3-bucket-public-access-block-enable-all-blocks",
      "aws-s3-bucket-enforce-bucket-owner-enforced",
      "aws-kms-key-enable-rotation",
      "aws-cloudwatch-log-group-enforce-kms",
      "aws-iam-user-disallow-users",
      "aws-any-enforce-allowed-regions",
      "aws-any-missing-required-tags",
      "aws-codebuild-project-enforce-encryption",
      "aws-ec2-instance-enforce-encrypted-volumes",
    ],
    manual:
      "Identity-provider configuration (SSO, MFA, session lengths for people) lives outside these " +
      "stacks and is reviewed by the security team; data classification is a documented process.",
  },
  {
    id: "CC6.2",
    series: "Common Criteria",
    title: "Access is registered and authorized before it is granted",
    asks:
      "People get access only through a managed identity provider after authorization; no account-" +
      "local users, access keys or console passwords are created outside that process.",
    policies: [
      "aws-iam-user-disallow-users",
      "aws-iam-role-enforce-oidc-trust-conditions",
      "aws-iam-role-disallow-unmanaged-oidc-subjects",
    ],
    manual:
      "Joiner/mover/leaver approvals happen in the identity provider and HR system; access reviews " +
      "are performed quarterly and evidenced there.",
  },
  {
    id: "CC6.3",
    series: "Common Criteria",
    title: "Access is role-based, least privilege and segregated",
    asks:
      "Access to deploy or change infrastructure is granted through roles with the least privilege " +
      "needed, and duties such as authoring and approving a change are segregated.",
    policies: [
      "aws-iam-role-enforce-oidc-trust-conditions",
      "aws-iam-role-disallow-unmanaged-oidc-subjects",
      "aws-iam-role-missing-reviewed-environment",
      "aws-iam-role-missing-permissions-boundary",
      "aws-iam-role-disallow-unbounded-admin",
      "aws-iam-role-enforce-max-session-duration",
      "aws-iam-role-enforce-read-only-untrusted-refs",
      "aws-codebuild-project-enforce-least-privilege-role",
    ],
    manual:
      "Role design is reviewed by the security team. The pack holds every role the stacks create to least privilege where code can judge it: GitHub-trusted roles check audience and exact subjects of managed repositories, deploy roles answer to a reviewed GitHub environment and carry the tamper-denying permissions boundary, and sessions last at most an hour.",
  },
  {
    id: "CC6.6",
    series: "Common Criteria",
    title: "Protection against threats from outside the system boundary",
    asks: "Storage and services are not reachable from the internet unless that is their purpose.",
    policies: [
      "aws-s3-bucket-missing-public-access-block",
      "aws-s3-bucket-public-access-block-enable-all-blocks",
      "aws-ec2-instance-disallow-public-ip",
    ],
    manual:
      "Network perimeter design (WAF, VPC boundaries) of application stacks is reviewed in their own " +
      "design reviews; penetration tests are commissioned yearly.",
  },
  {
    id: "CC6.7",
    series: "Common Criteria",
    title: "Information is protected in transmission and movement",
    asks: "Data moves only over encrypted channels; storage refuses requests that do not use TLS.",
    policies: ["aws-s3-bucket-enforce-tls", "aws-s3-bucket-enforce-encryption"],
    manual:
      "Removable media and physical transport are out of scope for a cloud-only system; endpoint " +
      "encryption of laptops is managed by IT.",
  },
  {
    id: "CC6.8",
    series: "Common Criteria",
    title: "Unauthorized or malicious software is prevented or detected",
    asks:
      "Only approved software runs in the build and deploy path: pinned third-party actions, " +
      "ephemeral runners, no privileged containers.",
    policies: [
      "github-actions-repository-permissions-enforce-selected-actions",
      "github-workflow-repository-permissions-enforce-read-only",
      "aws-codebuild-project-disallow-privileged-mode",
      "aws-codebuild-webhook-configure-filters",
      "aws-ec2-instance-enforce-imdsv2",
    ],
    manual:
      "The pack keeps Actions to GitHub's own, verified and listed actions pinned to commit SHAs, a read-only workflow token, unprivileged ephemeral CodeBuild runners and hardened EC2 instances. Reviewing the allow-list of actions and runner images, and endpoint protection on workstations, stay manual.",
  },
  {
    id: "CC7.1",
    series: "Common Criteria",
    title: "Configuration is monitored for changes and vulnerabilities",
    asks:
      "Infrastructure configuration is defined as code, deviations (drift) are detected, and " +
      "vulnerabilities in components are identified.",
    policies: ["github-repository-enforce-security-alerts"],
    manual:
      "Vulnerability alerts and secret scanning are required on repositories whose security settings the stack manages; triaging the alerts, and drift detection until the pipelines land (a weekly `pulumi preview --expect-no-changes` recorded by the platform team), are manual.",
  },
  {
    id: "CC7.2",
    series: "Common Criteria",
    title: "System activity is logged and monitored for anomalies",
    asks:
      "Every management action in every region is recorded in a tamper-evident, immutable log that " +
      "is kept long enough to investigate an incident, with its own access logged too.",
    policies: [
      "aws-cloudtrail-trail-missing-audit-trail",
      "aws-cloudtrail-trail-configure-logging",
      "aws-s3-bucket-enforce-object-lock",
      "aws-s3-bucket-missing-access-logging",
      "aws-s3-bucket-disallow-early-expiry",
      "aws-s3-bucket-enforce-audit-protection",
      "aws-s3-bucket-configure-access-log-target",
      "aws-kms-key-enforce-audit-protection",
      "aws-cloudwatch-log-group-configure-retention",
      "aws-codebuild-project-configure-logs",
      "aws-cloudwatch-event-rule-missing-tamper-alarm",
    ],
    manual:
      "Someone must look at the logs: the security team's on-call reviews alerts daily and " +
      "samples the trail monthly; that review is evidenced in the ticketing system.",
  },
  {
    id: "CC7.3",
    series: "Common Criteria",
    title: "Security events are evaluated",
    asks:
      "Events that could be incidents — such as attempts to stop or tamper with the audit trail — are " +
      "detected and evaluated.",
    policies: [
      "aws-cloudtrail-trail-missing-audit-trail",
      "aws-cloudwatch-event-rule-missing-tamper-alarm",
    ],
    manual:
      "Triage of detected events follows the incident response procedure; its execution is evidenced " +
      "by incident tickets and post-mortems.",
  },
  {
    id: "CC8.1",
    series: "Common Criteria",
    title: "Changes are authorized, tested, approved and implemented",
    asks:
      "Every change to infrastructure is reviewed by someone other than its author, tested, and " +
      "deployed only by the reviewed pipeline; rollbacks pass the same controls.",
    policies: [
      "aws-s3-bucket-enforce-audit-protection",
      "github-repository-missing-ruleset",
      "github-repository-ruleset-enforce-branch-protection",
      "github-repository-ruleset-disallow-bypass-actors",
      "github-repository-environment-enforce-review",
      "github-repository-missing-codeowners",
      "aws-iam-role-missing-reviewed-environment",
      "aws-iam-role-missing-permissions-boundary",
    ],
    manual:
      "The pack requires the default-branch ruleset (reviews, code owners, required checks, no force push), CODEOWNERS and a deployment environment with reviewers on every managed repository. That reviewers actually read what they approve, and the evidence of each deployment until the pipeline's ledger lands, are checked by the platform team from the Git host's history.",
  },
  {
    id: "CC9.1",
    series: "Common Criteria",
    title: "Risks of business disruption are mitigated",
    asks:
      "Risk mitigation activities cover disruption of the system, such as losing the ability to read " +
      "historical logs or the keys that decrypt them.",
    policies: ["aws-kms-key-configure-deletion-window"],
    manual:
      "Business continuity planning and insurance are management activities, reviewed yearly.",
  },
  {
    id: "A1.2",
    series: "Availability",
    title: "Data is backed up and recoverable",
    asks:
      "Data needed to meet commitments — here the audit record — is stored redundantly, versioned, " +
      "protected from deletion, and kept for its retention period.",
    policies: [
      "aws-s3-bucket-enable-versioning",
      "aws-s3-bucket-missing-versioning",
      "aws-s3-bucket-enforce-object-lock",
      "aws-s3-bucket-disallow-early-expiry",
      "aws-kms-key-configure-deletion-window",
    ],
    manual:
      "S3 stores objects redundantly across Availability Zones by design; capacity planning for " +
      "application data is reviewed in each application's design review.",
  },
  {
    id: "A1.3",
    series: "Availability",
    title: "Recovery is tested",
    asks: "Restoring from backups and rolling back changes is tested, so that recovery works when needed.",
    policies: [],
    manual:
      "Restore tests of application data are scheduled and evidenced by their owners. Rollbacks of " +
      "this baseline are exercised by the pipeline's rollback path once it lands.",
  },
];

/** The criteria that list a policy, in catalogue order. */
export function criteriaOf(policyName: string): Criterion[] {
  return criteria.filter((c) => c.policies.includes(policyName));
}
