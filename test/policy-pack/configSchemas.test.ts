/**
 * The policy config a platform team writes is checked against each policy's schema before the pack
 * runs (by the CLI, and by the gate with Ajv): every schema is a valid JSON schema, every property
 * is documented and has a default that satisfies it, and the shared `exceptions` schema refuses the
 * exceptions the pack itself would ignore.
 */
import Ajv from "ajv";
import { exceptionProblem, exceptionsSchema } from "../../policy-pack/lib/exceptions";
import { policies } from "../../policy-pack/policies";

const ajv = new Ajv({ allErrors: true, strict: true });

/** A policy's config schema as the gate validates a config entry against it. */
const validatorOf = (schema: object) =>
  ajv.compile({ type: "object", ...schema, additionalProperties: false });

const firstError = (schema: object, value: unknown) => {
  const validate = ajv.compile(schema);
  return validate(value) ? undefined : validate.errors?.[0];
};

describe.each(policies.map((p) => [p.name, p] as const))("%s", (_name, policy) => {
  const properties = (policy.configSchema?.properties ?? {}) as Record<
    string,
    { description?: string; default?: unknown; type?: string; items?: { type?: string } }
  >;

  test("its config schema compiles, and an empty config is valid", () => {
    const validate = validatorOf(policy.configSchema ?? {});
    expect(validate({})).toBe(true);
  });

  test("each config property says what it is, and has a default that satisfies it; lists say what they hold", () => {
    for (const [key, property] of Object.entries(properties)) {
      expect([key, property.description]).toEqual([key, expect.stringMatching(/^[A-Z].*\.$/)]);
      expect([key, "default" in property]).toEqual([key, true]);
      expect([key, firstError(property, property.default)]).toEqual([key, undefined]);
      if (property.type === "array")
        expect([key, typeof property.items?.type]).toEqual([key, "string"]);
    }
  });

  test("its remediation steps are whole sentences", () => {
    expect(policy.remediationSteps).toMatch(/^[A-Z][^]*[.)]$/);
    expect(policy.remediationSteps).not.toMatch(/\s{2}|\s$|^\s/);
  });
});

describe("the exceptions schema", () => {
  const valid = {
    urn: "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::scratch",
    reason: "Scratch data regenerated nightly; versions would only cost money",
    approver: "jane.doe@example.com",
    expires: "2027-03-31",
  };
  const errorOf = (exception: object) => {
    const error = firstError(exceptionsSchema, [exception]);
    return error && [error.instancePath, error.keyword, error.message];
  };

  test("accepts a complete exception, with or without a ticket, and defaults to none", () => {
    expect(errorOf(valid)).toBeUndefined();
    expect(errorOf({ ...valid, ticket: "RISK-7" })).toBeUndefined();
    expect(exceptionsSchema.default).toEqual([]);
    expect(exceptionProblem(valid)).toBeUndefined();
  });

  test("refuses what the pack would ignore, naming the field", () => {
    expect(errorOf({ ...valid, urn: "" })).toEqual([
      "/0/urn",
      "minLength",
      "must NOT have fewer than 1 characters",
    ]);
    expect(errorOf({ ...valid, reason: "legacy key" })).toEqual([
      "/0/reason",
      "minLength",
      "must NOT have fewer than 20 characters",
    ]);
    expect(errorOf({ ...valid, approver: "" })).toEqual([
      "/0/approver",
      "minLength",
      "must NOT have fewer than 1 characters",
    ]);
    expect(errorOf({ ...valid, expires: "31/03/2027" })).toEqual([
      "/0/expires",
      "pattern",
      'must match pattern "^\\d{4}-\\d{2}-\\d{2}$"',
    ]);
    expect(errorOf({ ...valid, ticket: 7 })).toEqual(["/0/ticket", "type", "must be string"]);
    expect(errorOf({ ...valid, owner: "platform" })).toEqual([
      "/0",
      "additionalProperties",
      "must NOT have additional properties",
    ]);
    expect(firstError(exceptionsSchema, valid)?.message).toBe("must be array");
    expect(firstError(exceptionsSchema, ["urn"])?.message).toBe("must be object");
  });

  test("requires urn, reason, approver and expires", () => {
    for (const field of ["urn", "reason", "approver", "expires"]) {
      const without: Record<string, string> = { ...valid };
      delete without[field];
      expect(errorOf(without)).toEqual([
        "/0",
        "required",
        `must have required property '${field}'`,
      ]);
    }
  });
});
