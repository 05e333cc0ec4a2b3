import { resourcePolicy } from "../../../lib/definePolicy";
import { type Maybe, UNKNOWN, Verdict } from "../../../lib/unknowns";
import taggableTypes from "./taggableTypes.json";

/** The keys of a tag map, or none when it is not one. */
function keysOf(tags: unknown): string[] {
  return typeof tags === "object" && tags !== null && !Array.isArray(tags) ? Object.keys(tags) : [];
}

/**
 * The provider's default tag keys: the engine passes `defaultTags` as a JSON string
 * (`{"tags":{…}}`), other callers as an object. Unreadable JSON gives no tags.
 */
function defaultTagKeys(defaultTags: unknown, verdict: Verdict): Maybe<string[]> {
  let value = defaultTags;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return [];
    }
  }
  if (typeof value !== "object" || value === null) return [];
  const tags = verdict.read(() => (value as { tags?: unknown }).tags);
  return tags === UNKNOWN ? UNKNOWN : keysOf(tags);
}

/**
 * name: aws-any-missing-required-tags
 * description: Taggable AWS resources carry every required tag, own or from provider defaults.
 * severity: low
 * tags:
 *
 * Which types take tags is generated from the AWS SDK (taggableTypes.json). A tag whose value is
 * unknown is present; the resource's own tags are read only when the provider's defaults lack some.
 */
export const missingRequiredTags = resourcePolicy<{ requiredTags: string[] }>({
  name: "aws-any-missing-required-tags",
  description: "Taggable AWS resources carry every required tag, own or from provider defaults.",
  severity: "low",
  remediationSteps:
    "Add the missing keys to the stack's tags (soc2-baseline:tags), which the aws.Provider " +
    "applies as defaultTags to every resource, or to the resource's own tags.",
  config: {
    requiredTags: {
      type: "array",
      items: { type: "string" },
      default: ["owner"],
      description: "Tag keys every taggable AWS resource must carry.",
    },
  },
  types: taggableTypes,
  validate: (resource, report, config) => {
    const verdict = new Verdict();
    const provider = resource.provider?.props;
    const raw = provider ? verdict.read(() => provider.defaultTags as unknown) : undefined;
    const defaults = raw === UNKNOWN ? UNKNOWN : defaultTagKeys(raw, verdict);
    let missing = config.requiredTags.filter((k) => defaults === UNKNOWN || !defaults.includes(k));
    if (missing.length > 0) {
      const own = verdict.read(() => keysOf(resource.props.tags));
      if (own !== UNKNOWN) missing = missing.filter((k) => !own.includes(k));
    }
    if (missing.length === 0) return;
    verdict.finish();
    report(`missing required tags: ${missing.join(", ")}`);
  },
});
