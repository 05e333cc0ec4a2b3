/**
 * Names, ARNs and policy documents of the CodeBuild-hosted GitHub Actions runners, all derived from
 * config alone so that they are known before any resource exists (see policyDocument.ts).
 */
import {
  accountAdministersKey,
  logsUseKeyForLogGroup,
  partitionOf,
  policyDocument,
  type PolicyDocument,
  type Statement,
} from "./policyDocument";

/** The physical names and ARNs of the runners' resources. */
export interface CiRunnerNames {
  accountId: string;
  region: string;
  partition: string;
  /** Every runner project's name starts with it; the trust policy admits only such projects. */
  projectPrefix: string;
  /** ARN pattern of every runner project, for `aws:SourceArn`. */
  projectArnPattern: string;
  logGroupName: string;
  logGroupArn: string;
  roleName: string;
  roleArn: string;
  keyAlias: string;
  /** CloudWatch Logs' regional service principal. */
  logsPrincipal: string;
}

export function ciRunnerNames(prefix: string, accountId: string, region: string): CiRunnerNames {
  const { partition, dnsSuffix } = partitionOf(region);
  const projectPrefix = `${prefix}-runner-`;
  const logGroupName = `/${prefix}/ci-runners`;
  const roleName = `${prefix}-ci-runners`;
  return {
    accountId,
    region,
    partition,
    projectPrefix,
    projectArnPattern: `arn:${partition}:codebuild:${region}:${accountId}:project/${projectPrefix}*`,
    logGroupName,
    logGroupArn: `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`,
    roleName,
    roleArn: `arn:${partition}:iam::${accountId}:role/${roleName}`,
    keyAlias: `alias/${prefix}-ci-runners`,
    logsPrincipal: `logs.${region}.${dnsSuffix}`,
  };
}

/** What the runners' service role may do with their key, in the key policy and the role policy. */
export const RUNNER_KEY_ACTIONS = [
  "kms:Decrypt",
  "kms:GenerateDataKey",
  "kms:Encrypt",
  "kms:DescribeKey",
];

/**
 * The runners' key policy: the account keeps administration through IAM; CloudWatch Logs may use
 * the key only for the runners' log group; the service role may use it for CodeBuild's encryption.
 * The role is matched by `aws:PrincipalArn` under the account principal rather than named as the
 * principal, so the key does not depend on the role existing first, and the role's own policy stays
 * the second, effective grant. (CC6.1, CC6.7, CC7.2)
 */
export function ciRunnerKeyPolicy(n: CiRunnerNames): PolicyDocument {
  const account = `arn:${n.partition}:iam::${n.accountId}:root`;
  return policyDocument(
    accountAdministersKey(n.partition, n.accountId),
    logsUseKeyForLogGroup("CloudWatchLogsUsesKeyForRunnerLogGroup", n.logsPrincipal, n.logGroupArn),
    {
      Sid: "CodeBuildUsesKeyThroughRunnerRole",
      Effect: "Allow",
      Principal: { AWS: account },
      Action: RUNNER_KEY_ACTIONS,
      Resource: "*",
      Condition: { ArnEquals: { "aws:PrincipalArn": n.roleArn } },
    },
  );
}

/** Lets CodeBuild assume the runners' role, and only for this account's runner projects. (CC6.3) */
export function ciRunnerTrustPolicy(n: CiRunnerNames): PolicyDocument {
  return policyDocument({
    Sid: "CodeBuildForRunnerProjects",
    Effect: "Allow",
    Principal: { Service: "codebuild.amazonaws.com" },
    Action: "sts:AssumeRole",
    Condition: {
      StringEquals: { "aws:SourceAccount": n.accountId },
      ArnLike: { "aws:SourceArn": n.projectArnPattern },
    },
  });
}

/** The network CodeBuild needs to place runners in a VPC. */
export interface CiRunnerNetwork {
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

/**
 * What the runners' role may do. Every job inherits these credentials, so they are only what
 * CodeBuild itself needs: write the runners' log streams, use the GitHub connection, use the runners'
 * key (matched by its alias, so the document is known before the key exists) and, in a VPC, manage
 * the build's network interfaces in the given subnets. Deployments use the OIDC roles instead.
 * (CC6.1, CC6.3, CC6.8)
 */
export function ciRunnerPermissions(
  n: CiRunnerNames,
  connectionArn: string,
  network?: CiRunnerNetwork,
): PolicyDocument {
  const statements: Statement[] = [
    {
      Sid: "WriteRunnerLogStreams",
      Effect: "Allow",
      Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
      Resource: `${n.logGroupArn}:log-stream:*`,
    },
    {
      Sid: "UseGitHubConnection",
      Effect: "Allow",
      Action: [
        "codeconnections:UseConnection",
        "codeconnections:GetConnectionToken",
        "codestar-connections:UseConnection",
        "codestar-connections:GetConnectionToken",
      ],
      Resource: connectionArn,
    },
    {
      Sid: "UseRunnerKey",
      Effect: "Allow",
      Action: RUNNER_KEY_ACTIONS,
      Resource: `arn:${n.partition}:kms:${n.region}:${n.accountId}:key/*`,
      Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": n.keyAlias } },
    },
  ];
  if (network) statements.push(...vpcStatements(n, network));
  return policyDocument(...statements);
}

/** AWS's documented minimum for CodeBuild in a VPC; the describe and ENI calls take no resource. */
function vpcStatements(n: CiRunnerNames, network: CiRunnerNetwork): Statement[] {
  const ec2 = `arn:${n.partition}:ec2:${n.region}:${n.accountId}`;
  return [
    {
      Sid: "ManageBuildNetworkInterfaces",
      Effect: "Allow",
      Action: [
        "ec2:CreateNetworkInterface",
        "ec2:DeleteNetworkInterface",
        "ec2:DescribeDhcpOptions",
        "ec2:DescribeNetworkInterfaces",
        "ec2:DescribeSecurityGroups",
        "ec2:DescribeSubnets",
        "ec2:DescribeVpcs",
      ],
      Resource: "*",
    },
    {
      Sid: "AttachBuildNetworkInterfacesInRunnerSubnets",
      Effect: "Allow",
      Action: "ec2:CreateNetworkInterfacePermission",
      Resource: `${ec2}:network-interface/*`,
      Condition: {
        StringEquals: { "ec2:AuthorizedService": "codebuild.amazonaws.com" },
        ArnEquals: { "ec2:Subnet": network.subnetIds.map((id) => `${ec2}:subnet/${id}`) },
      },
    },
  ];
}
