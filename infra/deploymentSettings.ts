/**
 * The deployment part of the stack config (`soc2-baseline:deployment`): the OIDC roles that alone
 * may preview and deploy the baseline, and who hears of attempts to tamper with the audit archive.
 * Part of the one schema in config.ts; defaults live here.
 */
import { z } from "zod";
import { setting, type Setting } from "./configProblems";

/** One recipient of the tamper alarms. */
export interface AlarmSubscriberConfig {
  protocol: "email" | "https" | "sqs" | "lambda";
  endpoint: string;
}

/** The deployment settings, validated. */
export interface DeploymentConfig {
  ownerId: number | null;
  repositoryId: number | null;
  stateBucket: string | null;
  maxSessionSeconds: number;
  alarmSubscribers: AlarmSubscriberConfig[];
}

const githubId = z.union([z.null(), z.int().min(1)]);

export const deploymentSettings = {
  ownerId: setting(
    githubId,
    "null or a GitHub numeric id (a positive whole number)",
    "GitHub's numeric id of githubOwner (`gh api users/OWNER --jq .id`); with repositoryId, the roles also trust GitHub's immutable subject form. Set both or neither. (CC6.1)",
    null,
  ),
  repositoryId: setting(
    githubId,
    "null or a GitHub numeric id (a positive whole number)",
    "GitHub's numeric id of the blueprint repository (`gh api repos/OWNER/REPO --jq .id`); see ownerId. (CC6.1)",
    null,
  ),
  stateBucket: setting(
    z.union([z.null(), z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/)]),
    "null or an S3 bucket name",
    "The S3 bucket of a self-managed Pulumi backend: the preview role may read it and take its lock, the deploy role may write its state; null for Pulumi Cloud. (CC6.3)",
    null,
  ),
  maxSessionSeconds: setting(
    z.int().min(900).max(3600),
    "a whole number of seconds from 900 to 3600",
    "Longest session of the preview and deploy roles: their credentials expire within the hour. (CC6.1)",
    3600,
  ),
  alarmSubscribers: setting(
    z.array(
      z.discriminatedUnion("protocol", [
        z.strictObject({ protocol: z.literal("email"), endpoint: z.email() }),
        z.strictObject({ protocol: z.literal("https"), endpoint: z.url({ protocol: /^https$/ }) }),
        z.strictObject({
          protocol: z.literal("sqs"),
          endpoint: z.string().regex(/^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[\w-]+(\.fifo)?$/),
        }),
        z.strictObject({
          protocol: z.literal("lambda"),
          endpoint: z
            .string()
            .regex(/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[\w-]+(:[\w-]+)?$/),
        }),
      ]),
    ),
    "a list of { protocol: email, https, sqs or lambda, endpoint: an address, https URL or ARN }",
    "Who is notified of every attempt to tamper with the audit archive, through a KMS-encrypted SNS topic; e-mail and https endpoints confirm first. (CC7.2, CC7.3)",
    [],
  ),
} satisfies Record<string, Setting>;
