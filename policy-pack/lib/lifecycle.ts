/**
 * What the lifecycle configurations of a bucket delete, and whether that comes before a retention
 * ends; shared by the audit-log and access-log policies.
 */
import type { PolicyResource } from "@pulumi/policy";
import { bucketConfigs, S3 } from "./aws";
import { field, hasKey } from "./props";
import type { StackIndex } from "./stackIndex";
import { UNKNOWN, type Verdict } from "./unknowns";

/** What an enabled lifecycle rule of a bucket deletes, and when. */
export interface Expiry {
  /** `lifecycle rule "<id>"`. */
  rule: string;
  what: "objects" | "noncurrent versions";
  /** `after 30 days`, `on "2030-01-01"`… */
  when: string;
  /** The days it waits, when it is a valid number of days. */
  days?: number;
}

function expiry(rule: string, what: Expiry["what"], key: string, value: unknown): Expiry {
  if (key === "date") return { rule, what, when: `on ${JSON.stringify(value)}` };
  return typeof value === "number" && Number.isFinite(value)
    ? { rule, what, when: `after ${value} days`, days: value }
    : { rule, what, when: `after an invalid number of days (${JSON.stringify(value ?? null)})` };
}

const ACTIONS = [
  ["objects", "expiration", "days"],
  ["objects", "expiration", "date"],
  ["noncurrent versions", "noncurrentVersionExpiration", "noncurrentDays"],
] as const;

/** The expirations of the bucket's enabled lifecycle rules, found through their `bucket` dependency. */
export function expiries(index: StackIndex, bucket: PolicyResource, verdict: Verdict): Expiry[] {
  return bucketConfigs(index, bucket, S3.lifecycle).flatMap((config) => {
    const rules = verdict.read(() => {
      const list = config.props.rules as unknown;
      // Copying reads every rule here, where an unknown one is recorded.
      return Array.isArray(list) ? [...(list as unknown[])] : [];
    });
    if (rules === UNKNOWN) return [];
    return rules.flatMap((rule, i) => {
      // A disabled rule deletes nothing; an unknown status is recorded by the read.
      if (verdict.read(() => field(rule, "status")) !== "Enabled") return [];
      const id = verdict.read(() => field(rule, "id"));
      const name = `lifecycle rule ${typeof id === "string" ? JSON.stringify(id) : `#${i + 1}`}`;
      return ACTIONS.flatMap(([what, action, key]) => {
        const settings = verdict.read(() => field(rule, action));
        if (!hasKey(settings, key)) return [];
        const value = verdict.read(() => field(settings, key));
        return value === UNKNOWN ? [] : [expiry(name, what, key, value)];
      });
    });
  });
}

/** Why an expiry comes before `retentionDays` have passed, or undefined when it does not. */
export function earlyExpiry(e: Expiry, retentionDays: number): string | undefined {
  if (e.days !== undefined && e.days >= retentionDays) return undefined;
  return `expires ${e.what} ${e.when} (${e.rule}), before their ${retentionDays}-day retention ends`;
}
