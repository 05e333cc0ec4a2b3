/**
 * Every policy of the pack, in the order the pack runs them. The exception reports come last: they
 * report what the policies before them recorded for the same resource.
 */
import type { Policies } from "@pulumi/policy";
import { missingPublicAccessBlock } from "./aws/s3/bucket/missingPublicAccessBlock";
import { enableAllBlocks } from "./aws/s3/bucketPublicAccessBlock/enableAllBlocks";
import { reportExceptions } from "./soc2/exception/reportExceptions";
import { reportStackExceptions } from "./soc2/exception/reportStackExceptions";

export const controlPolicies: Policies = [missingPublicAccessBlock, enableAllBlocks];

export const policies: Policies = [...controlPolicies, reportExceptions, reportStackExceptions];
