/**
 * Builds CrossGuard policies with the pack's conventions:
 * - metadata in a fixed order (name, description, severity, framework, tags, remediationSteps), the
 *   SOC 2 framework and criterion tags read from the control catalogue;
 * - enforcement from severity: high and critical are `mandatory`, the rest `advisory`; every policy
 *   stays tunable through the standard policy config (`enforcementLevel` and its own properties);
 * - config defaults applied even when the engine sends none, and an `exceptions` list on every policy.
 */
import type {
  PolicyConfigSchema,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  Severity,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { criteriaOf, FRAMEWORK } from "../controls/catalogue";
import {
  type ControlException,
  exceptionsSchema,
  matchException,
  recordUse,
  today,
} from "./exceptions";

/** A config property: its JSON schema, which must carry the default. */
export type ConfigProperty = PolicyConfigJSONSchema & { default: unknown };

export interface PolicyMetadata<C> {
  /** `<provider>-<service>-<resource>-<verb>-<noun>`, the verb one of missing, disallow, enable, disable, configure, enforce. */
  name: string;
  description: string;
  severity: Severity;
  /** Further benchmark ids (e.g. `aws-fsbp:S3.5`, `cis-aws:3.5`); SOC 2 tags come from the catalogue. */
  tags?: string[];
  remediationSteps: string;
  /** Thresholds and lists a platform team may tune, with their defaults. */
  config?: { [K in keyof C]: ConfigProperty };
}

export interface ResourcePolicySpec<C> extends PolicyMetadata<C> {
  /** Resource types the policy judges; for others it says it does not apply, reading nothing. */
  types?: readonly string[];
  validate(resource: ResourceValidationArgs, report: ReportViolation, config: C): void;
}

export interface StackPolicySpec<C> extends PolicyMetadata<C> {
  validate(stack: StackValidationArgs, report: ReportViolation, config: C): void;
}

type Config<C> = C & { exceptions: Partial<ControlException>[] };

function metadata<C>(spec: PolicyMetadata<C>) {
  const listed = criteriaOf(spec.name);
  if (listed.length === 0) {
    throw new Error(
      `policy ${spec.name} is not listed in the control catalogue (controls/catalogue.ts)`,
    );
  }
  const [primary, ...further] = listed;
  const properties: Record<string, PolicyConfigJSONSchema> = {
    ...(spec.config ?? {}),
    exceptions: exceptionsSchema,
  };
  const configSchema: PolicyConfigSchema = { properties };
  return {
    name: spec.name,
    description: spec.description,
    severity: spec.severity,
    framework: { ...FRAMEWORK, reference: primary.id, specification: primary.title },
    tags: [...further.map((c) => `soc2:${c.id}`), ...(spec.tags ?? [])],
    remediationSteps: spec.remediationSteps,
    enforcementLevel:
      spec.severity === "high" || spec.severity === "critical"
        ? ("mandatory" as const)
        : ("advisory" as const),
    configSchema,
  };
}

function configOf<C>(spec: PolicyMetadata<C>, given: object): Config<C> {
  const defaults = Object.fromEntries(
    Object.entries(spec.config ?? {}).map(([k, p]) => [k, (p as ConfigProperty).default]),
  );
  return { ...defaults, exceptions: [], ...given } as Config<C>;
}

/**
 * A reporter that lets exceptions decide first: an applying exception records its use (reported by
 * the exception-report policies) instead of the violation; an expired or malformed one records its
 * use and lets the violation through. Without exceptions (the usual case, and every policy runs for
 * every resource) it is the engine's reporter itself.
 */
function reporterWithExceptions(
  policy: string,
  exceptions: readonly Partial<ControlException>[],
  report: ReportViolation,
  defaultUrn: string | undefined,
): ReportViolation {
  if (exceptions.length === 0) return report;
  const date = today();
  return (message, urn) => {
    const subject = urn ?? defaultUrn;
    const match = matchException(exceptions, subject, date);
    if (match) {
      recordUse(defaultUrn ?? "", { policy, urn: subject, message, ...match });
    }
    if (match?.outcome !== "applied") report(message, urn);
  };
}

/** Says the policy does not apply; the error is thrown for every other type, so it skips the stack. */
function notApplicable(args: ResourceValidationArgs): never {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return args.notApplicable(NOT_JUDGED);
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Short on purpose: it travels in every Analyze answer, once per policy that does not apply. */
const NOT_JUDGED = "not a resource type this policy judges";

export function resourcePolicy<C extends object = object>(
  spec: ResourcePolicySpec<C>,
): ResourceValidationPolicy {
  const types = spec.types ? new Set(spec.types) : undefined;
  // Said, not just skipped: the engine (and the evidence bundle) learn where the policy applied.
  const validateResource = (args: ResourceValidationArgs, report: ReportViolation) => {
    if (types && !types.has(args.type)) notApplicable(args);
    const config = configOf(spec, args.getConfig());
    spec.validate(
      args,
      reporterWithExceptions(spec.name, config.exceptions, report, args.urn),
      config,
    );
  };
  // A policy of one type carries it where validateResourceOfType puts it: the analyzer then answers
  // "not applicable" for every other type without decoding the resource or calling the policy.
  if (spec.types?.length === 1) {
    Object.assign(validateResource, { __pulumiType: spec.types[0] });
  }
  return { ...metadata(spec), validateResource };
}

export function stackPolicy<C extends object = object>(
  spec: StackPolicySpec<C>,
): StackValidationPolicy {
  return {
    ...metadata(spec),
    validateStack: (args, report) => {
      const config = configOf(spec, args.getConfig());
      spec.validate(
        args,
        reporterWithExceptions(spec.name, config.exceptions, report, undefined),
        config,
      );
    },
  };
}
