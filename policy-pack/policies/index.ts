/**
 * Every policy of the pack, in the order the pack runs them. The exception reports come last: they
 * report what the policies before them recorded for the same resource.
 */
import type { Policies } from "@pulumi/policy";
import { enforceAllowedRegions } from "./aws/any/enforceAllowedRegions";
import { missingRequiredTags } from "./aws/any/missingRequiredTags";
import { configureLogs } from "./aws/codebuild/project/configureLogs";
import { disallowPrivilegedMode } from "./aws/codebuild/project/disallowPrivilegedMode";
import { enforceEncryption as codebuildEnforceEncryption } from "./aws/codebuild/project/enforceEncryption";
import { enforceLeastPrivilegeRole } from "./aws/codebuild/project/enforceLeastPrivilegeRole";
import { configureFilters } from "./aws/codebuild/webhook/configureFilters";
import { disallowPublicIp } from "./aws/ec2/instance/disallowPublicIp";
import { enforceEncryptedVolumes } from "./aws/ec2/instance/enforceEncryptedVolumes";
import { enforceImdsv2 } from "./aws/ec2/instance/enforceImdsv2";
import { configureLogging } from "./aws/cloudtrail/trail/configureLogging";
import { missingAuditTrail } from "./aws/cloudtrail/trail/missingAuditTrail";
import { configureRetention } from "./aws/cloudwatch/logGroup/configureRetention";
import { enforceKms } from "./aws/cloudwatch/logGroup/enforceKms";
import { disallowUsers } from "./aws/iam/user/disallowUsers";
import { configureDeletionWindow } from "./aws/kms/key/configureDeletionWindow";
import { enableRotation } from "./aws/kms/key/enableRotation";
import { enforceAuditProtection } from "./aws/kms/key/enforceAuditProtection";
import { configureAccessLogTarget } from "./aws/s3/bucket/configureAccessLogTarget";
import { disallowEarlyExpiry } from "./aws/s3/bucket/disallowEarlyExpiry";
import { missingTamperAlarm } from "./aws/cloudwatch/eventRule/missingTamperAlarm";
import { disallowUnboundedAdmin } from "./aws/iam/role/disallowUnboundedAdmin";
import { disallowUnmanagedOidcSubjects } from "./aws/iam/role/disallowUnmanagedOidcSubjects";
import { enforceMaxSessionDuration } from "./aws/iam/role/enforceMaxSessionDuration";
import { enforceOidcTrustConditions } from "./aws/iam/role/enforceOidcTrustConditions";
import { enforceReadOnlyUntrustedRefs } from "./aws/iam/role/enforceReadOnlyUntrustedRefs";
import { missingPermissionsBoundary } from "./aws/iam/role/missingPermissionsBoundary";
import { missingReviewedEnvironment } from "./aws/iam/role/missingReviewedEnvironment";
import { enableVersioning } from "./aws/s3/bucket/enableVersioning";
import { enforceAuditProtection as bucketEnforceAuditProtection } from "./aws/s3/bucket/enforceAuditProtection";
import { enforceBucketOwnerEnforced } from "./aws/s3/bucket/enforceBucketOwnerEnforced";
import { enforceEncryption } from "./aws/s3/bucket/enforceEncryption";
import { enforceObjectLock } from "./aws/s3/bucket/enforceObjectLock";
import { enforceTls } from "./aws/s3/bucket/enforceTls";
import { missingAccessLogging } from "./aws/s3/bucket/missingAccessLogging";
import { missingPublicAccessBlock } from "./aws/s3/bucket/missingPublicAccessBlock";
import { missingVersioning } from "./aws/s3/bucket/missingVersioning";
import { enableAllBlocks } from "./aws/s3/bucketPublicAccessBlock/enableAllBlocks";
import { enforceSelectedActions } from "./github/actionsRepositoryPermissions/enforceSelectedActions";
import { enforceSecurityAlerts } from "./github/repository/enforceSecurityAlerts";
import { missingCodeowners } from "./github/repository/missingCodeowners";
import { missingRuleset } from "./github/repository/missingRuleset";
import { enforceReview } from "./github/repositoryEnvironment/enforceReview";
import { disallowBypassActors } from "./github/repositoryRuleset/disallowBypassActors";
import { enforceBranchProtection } from "./github/repositoryRuleset/enforceBranchProtection";
import { enforceReadOnly } from "./github/workflowRepositoryPermissions/enforceReadOnly";
import { reportResourceUses } from "./soc2/exception/reportResourceUses";
import { reportStackUses } from "./soc2/exception/reportStackUses";

export const controlPolicies: Policies = [
  disallowPrivilegedMode,
  codebuildEnforceEncryption,
  configureLogs,
  enforceLeastPrivilegeRole,
  configureFilters,
  enforceImdsv2,
  disallowPublicIp,
  enforceEncryptedVolumes,
  enforceAllowedRegions,
  missingRequiredTags,
  configureLogging,
  missingAuditTrail,
  configureRetention,
  enforceKms,
  missingTamperAlarm,
  disallowUsers,
  enforceOidcTrustConditions,
  disallowUnmanagedOidcSubjects,
  missingReviewedEnvironment,
  missingPermissionsBoundary,
  disallowUnboundedAdmin,
  enforceMaxSessionDuration,
  enforceReadOnlyUntrustedRefs,
  configureDeletionWindow,
  enableRotation,
  enforceAuditProtection,
  configureAccessLogTarget,
  disallowEarlyExpiry,
  enableVersioning,
  bucketEnforceAuditProtection,
  enforceBucketOwnerEnforced,
  enforceEncryption,
  enforceObjectLock,
  enforceTls,
  missingAccessLogging,
  missingPublicAccessBlock,
  missingVersioning,
  enableAllBlocks,
  enforceBranchProtection,
  disallowBypassActors,
  missingRuleset,
  enforceReview,
  enforceSelectedActions,
  enforceReadOnly,
  enforceSecurityAlerts,
  missingCodeowners,
];

export const policies: Policies = [...controlPolicies, reportResourceUses, reportStackUses];
