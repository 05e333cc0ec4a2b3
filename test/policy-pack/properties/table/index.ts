/** The control-drop table: one entry per policy of the pack, grouped as the policies' folders are. */
import { auditTrail } from "./auditTrail";
import { awsAny } from "./awsAny";
import { codebuild } from "./codebuild";
import { ec2 } from "./ec2";
import type { Entry } from "./entry";
import { exceptions } from "./exceptions";
import { github } from "./github";
import { githubActions } from "./githubActions";
import { iam } from "./iam";
import { s3AuditLogs } from "./s3AuditLogs";
import { s3Buckets } from "./s3Buckets";

export const entries: Entry[] = [
  ...awsAny,
  ...s3Buckets,
  ...s3AuditLogs,
  ...auditTrail,
  ...codebuild,
  ...ec2,
  ...iam,
  ...github,
  ...githubActions,
  ...exceptions,
];
