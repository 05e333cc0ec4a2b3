import { CODEBUILD_WEBHOOK, eachEntry } from "../../../../lib/compute";
import { resourcePolicy } from "../../../../lib/definePolicy";
import { isSet, shown } from "../../../../lib/props";
import { type Maybe, UNKNOWN, Verdict } from "../../../../lib/unknowns";

const EVENT = "WORKFLOW_JOB_QUEUED";
/** Repository patterns that name no repository: they match every one. */
const MATCH_ALL = new Set(["", ".*", "^.*$", ".+", "^.+$", "*"]);

interface Filter {
  type: Maybe<unknown>;
  pattern: Maybe<unknown>;
  excluded: Maybe<unknown>;
}

/**
 * name: aws-codebuild-webhook-configure-filters
 * description: CodeBuild webhooks start builds only for queued workflow jobs of named repositories.
 * severity: high
 * tags:
 *
 * Every filter group must match on its own: CodeBuild starts a build when any one group matches, so
 * a group without the event or repository filter opens the runner to every event or repository.
 * The repository filter is required of organization and global webhooks (those with a
 * scopeConfiguration), the only ones it works for; a repository webhook fires for its project's
 * source repository alone.
 */
export const configureFilters = resourcePolicy({
  name: "aws-codebuild-webhook-configure-filters",
  description:
    "CodeBuild webhooks start builds only for queued workflow jobs of named repositories.",
  severity: "high",
  remediationSteps:
    "Give every filterGroups entry of the aws.codebuild.Webhook the filter " +
    `{ type: "EVENT", pattern: "${EVENT}" } and no other EVENT filter; on an organization ` +
    'webhook (scopeConfiguration) add { type: "REPOSITORY_NAME", pattern: "^<repository>$" } ' +
    'to each group, one group per repository. Leave buildType unset or "BUILD".',
  types: [CODEBUILD_WEBHOOK],
  validate: (resource, report) => {
    const verdict = new Verdict();
    const props = resource.props;
    const buildType = verdict.read(() => props.buildType as unknown);
    if (buildType !== UNKNOWN && buildType !== "BUILD" && shown(buildType) !== "unset") {
      report(`webhook starts builds of type ${shown(buildType)}, not "BUILD"`);
    }
    // An unknown scope is taken as organization-wide, which asks for more.
    const scoped = isSet(props, "scopeConfiguration");
    const groups = verdict.read(() => props.filterGroups as unknown);
    if (groups === undefined || groups === null || (Array.isArray(groups) && groups.length === 0)) {
      report("webhook has no filter groups, so it starts a build for every event");
    } else if (groups !== UNKNOWN && !Array.isArray(groups)) {
      report("webhook has malformed filterGroups");
    }
    eachEntry(verdict, groups, "filters").forEach((listed, i) => {
      if (listed === UNKNOWN) return;
      const patterns = eachEntry(verdict, listed, "pattern");
      const excluded = eachEntry(verdict, listed, "excludeMatchedPattern");
      const filters: Filter[] = eachEntry(verdict, listed, "type").map((type, j) => ({
        type,
        pattern: patterns[j],
        excluded: excluded[j],
      }));
      // An unknown filter could be any of them; the rest cannot be judged without it.
      if (
        filters.some((f) => f.type === UNKNOWN || f.pattern === UNKNOWN || f.excluded === UNKNOWN)
      ) {
        return;
      }
      const events = filters.filter((f) => f.type === "EVENT");
      const isQueued = (f: Filter) => f.pattern === EVENT && f.excluded !== true;
      if (!events.some(isQueued)) report(`filterGroups[${i}] has no EVENT filter for ${EVENT}`);
      const others = events.filter((f) => !isQueued(f)).map((f) => shown(f.pattern));
      if (others.length > 0) {
        report(`filterGroups[${i}] has EVENT filters other than ${EVENT}: ${others.join(", ")}`);
      }
      const names = filters.filter(
        (f) =>
          f.type === "REPOSITORY_NAME" &&
          f.excluded !== true &&
          typeof f.pattern === "string" &&
          !MATCH_ALL.has(f.pattern.trim()),
      );
      if (scoped && names.length === 0) {
        report(`filterGroups[${i}] has no REPOSITORY_NAME filter naming the repositories`);
      }
    });
    verdict.finish();
  },
});
