/**
 * The CI runners part of the stack config (`soc2-baseline:runners`): CodeBuild-hosted GitHub Actions
 * runners for the managed repositories. Part of the one schema in config.ts; defaults live here.
 */
import { z } from "zod";
import { setting, type Setting } from "./configProblems";

/** The runners' settings, validated. */
export interface RunnersConfig {
  enabled: boolean;
  connectionArn: string;
  runnerClasses: { name: string; computeType?: string; image?: string }[];
  concurrentBuildLimit: number;
  logRetentionDays: number;
  runnerGroupId: number;
}

export const runnerSettings = {
  enabled: setting(
    z.boolean(),
    "true or false",
    "Whether the baseline runs CodeBuild-hosted runners for the managed repositories' jobs (CC6.8).",
    false,
  ),
  connectionArn: setting(
    z.union([
      z.literal(""),
      z
        .string()
        .regex(
          /^arn:aws[a-z-]*:(codeconnections|codestar-connections):[a-z0-9-]+:\d{12}:connection\/[\w-]+$/,
        ),
    ]),
    'the ARN of an AWS CodeConnections connection to GitHub, or "" while runners are off',
    "The CodeConnections connection to GitHub, approved once in the AWS console (no stored token). (CC6.1)",
    "",
  ),
  runnerClasses: setting(
    z
      .array(
        z.strictObject({
          name: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
          computeType: z
            .string()
            .regex(/^BUILD_GENERAL1_[A-Z0-9_]+$/)
            .optional(),
          image: z.string().min(1).optional(),
        }),
      )
      .min(1),
    "a non-empty list of { name, computeType?, image? }",
    "The sizes of runner, one CodeBuild project each; workflows pick one by its label. (CC6.8)",
    [{ name: "small" }],
  ),
  concurrentBuildLimit: setting(
    z.int().min(1).max(100),
    "a whole number from 1 to 100",
    "Builds each runner project runs at once: bounds capacity, cost and abuse. (A1.1)",
    5,
  ),
  logRetentionDays: setting(
    z.union(
      [365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653].map((d) => z.literal(d)),
    ),
    "one of CloudWatch Logs' retention periods of a year or more",
    "Retention of the runners' job logs, which are evidence of what ran. (CC7.2)",
    365,
  ),
  runnerGroupId: setting(
    z.int().min(1),
    "a GitHub runner group id (a whole number, at least 1)",
    "The organization runner group the runners join, restricted to the managed repositories: the Default group (id 1) unless your organization moved it (`gh api orgs/ORG/actions/runner-groups`). (CC6.8)",
    1,
  ),
} satisfies Record<string, Setting>;
