/**
 * Control exceptions as data. Each policy's config takes an `exceptions` list; an exception names the
 * resources it covers (a URN, or a pattern where `*` matches any run of characters), a reason of real
 * length, who approved it and when it expires:
 *
 *   { "aws-s3-bucket-enable-versioning": { "exceptions": [{
 *       "urn": "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::scratch",
 *       "reason": "Scratch data regenerated nightly; versions would only cost money",
 *       "approver": "jane.doe@example.com", "expires": "2027-03-31" }] } }
 *
 * A violation an exception covers is not reported by its policy; instead the exception-report
 * policies (which run last) report it as an advisory on every run, so nothing is silently skipped.
 * An expired exception no longer applies: the violation stands, and the report says it expired.
 */
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { wildcardMatches } from "./wildcard";

export interface ControlException {
  urn: string;
  reason: string;
  approver: string;
  /** Last day (UTC, YYYY-MM-DD) on which the exception applies. */
  expires: string;
  /** Optional ticket or risk-register reference. */
  ticket?: string;
}

export const MIN_REASON_LENGTH = 20;

/** The JSON schema of a policy's `exceptions` config property. */
export const exceptionsSchema: PolicyConfigJSONSchema = {
  type: "array",
  description:
    "Approved exceptions to this policy: urn (or pattern with *), reason, approver, expires.",
  default: [],
  items: {
    type: "object",
    required: ["urn", "reason", "approver", "expires"],
    additionalProperties: false,
    properties: {
      urn: { type: "string", minLength: 1 },
      reason: { type: "string", minLength: MIN_REASON_LENGTH },
      approver: { type: "string", minLength: 1 },
      expires: { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
      ticket: { type: "string" },
    },
  },
};

/** One use of an exception (or of an expired or malformed one), waiting to be reported. */
export interface ExceptionUse {
  policy: string;
  /** The resource the violation was about, or undefined for the stack as a whole. */
  urn?: string;
  message: string;
  exception: Partial<ControlException>;
  outcome: "applied" | "expired" | "invalid";
}

/** Why an exception entry cannot be used, or undefined when it is well formed. */
export function exceptionProblem(e: Partial<ControlException>): string | undefined {
  if (typeof e.urn !== "string" || e.urn.length === 0) return "it names no urn";
  if (typeof e.reason !== "string" || e.reason.trim().length < MIN_REASON_LENGTH) {
    return `its reason is shorter than ${MIN_REASON_LENGTH} characters`;
  }
  if (typeof e.approver !== "string" || e.approver.trim().length === 0)
    return "it names no approver";
  if (typeof e.expires !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(e.expires)) {
    return "its expiry is not a YYYY-MM-DD date";
  }
  return undefined;
}

/** Today's date in UTC as YYYY-MM-DD; exceptions compare against it. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * The outcome for a violation on `urn` given a policy's exceptions: the first matching exception
 * decides; undefined when none matches.
 */
export function matchException(
  exceptions: readonly Partial<ControlException>[],
  urn: string | undefined,
  date: string,
): { exception: Partial<ControlException>; outcome: ExceptionUse["outcome"] } | undefined {
  if (urn === undefined) return undefined;
  for (const exception of exceptions) {
    if (typeof exception.urn !== "string" || !wildcardMatches(exception.urn, urn, false)) continue;
    if (exceptionProblem(exception)) return { exception, outcome: "invalid" };
    return { exception, outcome: date <= (exception.expires as string) ? "applied" : "expired" };
  }
  return undefined;
}

/**
 * Uses waiting to be reported, by resource URN ("" for stack-level ones). Analyze runs every policy
 * for one resource in order, and the report policies come last, so each resource's uses are
 * reported by the same analysis that recorded them.
 */
const pending = new Map<string, ExceptionUse[]>();

export function recordUse(key: string, use: ExceptionUse): void {
  const list = pending.get(key);
  if (list) list.push(use);
  else pending.set(key, [use]);
}

/** Removes and returns the uses recorded under `key`. */
export function takeUses(key: string): ExceptionUse[] {
  const uses = pending.get(key) ?? [];
  pending.delete(key);
  return uses;
}

/** The advisory text for one use, naming the exception's reason and approver. */
export function describeUse(use: ExceptionUse): string {
  const e = use.exception;
  switch (use.outcome) {
    case "applied":
      return (
        `exception to ${use.policy} applied (approved by ${e.approver}, expires ${e.expires}` +
        `${e.ticket ? `, ${e.ticket}` : ""}): ${e.reason} — suppressed violation: ${use.message}`
      );
    case "expired":
      return `exception to ${use.policy} expired on ${e.expires} and no longer applies: ${use.message}`;
    case "invalid":
      return `exception to ${use.policy} for ${e.urn} is ignored because ${exceptionProblem(e)}: ${use.message}`;
  }
}
