/**
 * Every policy of the pack, in the order the pack runs them. The exception reports come last: they
 * report what the policies before them recorded for the same resource.
 */
import type { Policies } from "@pulumi/policy";
import { enforceAllowedRegions } from "./aws/any/enforceAllowedRegions";
import { missingRequiredTags } from "./aws/any/missingRequiredTags";
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
import { reportResourceUses } from "./soc2/exception/reportResourceUses";
import { reportStackUses } from "./soc2/exception/reportStackUses";

export const controlPolicies: Policies = [
  enforceAllowedRegions,
  missingRequiredTags,
  configureLogging,
  missingAuditTrail,
  configureRetention,
  enforceKms,
  disallowUsers,
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
];

export const policies: Policies = [...controlPolicies, reportResourceUses, reportStackUses];
