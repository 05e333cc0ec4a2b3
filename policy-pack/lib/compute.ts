/** Resource types of the CodeBuild-hosted CI runners and of EC2 compute the pack judges. */
import { field } from "./props";
import { type Maybe, type Verdict } from "./unknowns";

export const CODEBUILD_PROJECT = "aws:codebuild/project:Project";
export const CODEBUILD_WEBHOOK = "aws:codebuild/webhook:Webhook";

export const EC2_INSTANCE = "aws:ec2/instance:Instance";
export const EC2_LAUNCH_TEMPLATE = "aws:ec2/launchTemplate:LaunchTemplate";

export const IAM_ROLE = "aws:iam/role:Role";
export const IAM_ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
export const IAM_ROLE_POLICY_ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

/**
 * `path` read from each entry of a list property through `verdict`, an unknown entry or value as
 * `UNKNOWN` (iterating the proxied list itself would throw). Anything but an array has no entries.
 */
export function eachEntry(verdict: Verdict, list: unknown, ...path: string[]): Maybe<unknown>[] {
  if (!Array.isArray(list)) return [];
  return Array.from({ length: list.length }, (_, i) =>
    verdict.read(() => path.reduce<unknown>((value, key) => field(value, key), list[i])),
  );
}
