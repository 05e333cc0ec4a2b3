/**
 * Control exceptions as the pack reads them: which entries are usable and why not, which resource
 * an entry covers (patterns with `*`, everything else literal), on which day it stops applying,
 * and the advisory text each use is reported with.
 */
import {
  type ControlException,
  describeUse,
  exceptionProblem,
  matchException,
  recordUse,
  takeUses,
  today,
} from "../../../policy-pack/lib/exceptions";

const URN = "urn:pulumi:prod::shop::aws:s3/bucket:Bucket::logs.v2";
const valid: ControlException = {
  urn: URN,
  reason: "Scratch data regenerated nightly; versions would only cost money",
  approver: "jane.doe@example.com",
  expires: "2027-03-31",
};

test("a complete exception has no problem; an incomplete one names its first", () => {
  expect(exceptionProblem(valid)).toBeUndefined();
  expect(exceptionProblem({ ...valid, reason: "x".repeat(20) })).toBeUndefined();
  const cases: [Partial<ControlException>, string][] = [
    [{ urn: undefined }, "it names no urn"],
    [{ urn: "" }, "it names no urn"],
    [{ reason: undefined }, "its reason is shorter than 20 characters"],
    [{ reason: "x".repeat(19) }, "its reason is shorter than 20 characters"],
    [{ reason: ` ${"x".repeat(19)} ` }, "its reason is shorter than 20 characters"],
    [{ approver: undefined }, "it names no approver"],
    [{ approver: "  " }, "it names no approver"],
    [{ expires: undefined }, "its expiry is not a YYYY-MM-DD date"],
    [{ expires: "31/03/2027" }, "its expiry is not a YYYY-MM-DD date"],
    [{ expires: "on 2027-03-31" }, "its expiry is not a YYYY-MM-DD date"],
    [{ expires: "2027-03-31 noon" }, "its expiry is not a YYYY-MM-DD date"],
    [{ expires: ["2027-03-31"] as never }, "its expiry is not a YYYY-MM-DD date"],
  ];
  expect(cases.map(([change]) => exceptionProblem({ ...valid, ...change }))).toEqual(
    cases.map(([, problem]) => problem),
  );
});

test("today is the UTC date", () => {
  expect(today(new Date("2027-03-31T23:59:59Z"))).toBe("2027-03-31");
  expect(today(new Date("2027-04-01T00:00:00+02:00"))).toBe("2027-03-31");
});

describe("matchException", () => {
  test("applies through the expiry day, then has expired", () => {
    expect(matchException([valid], URN, "2027-03-30")?.outcome).toBe("applied");
    expect(matchException([valid], URN, "2027-03-31")?.outcome).toBe("applied");
    expect(matchException([valid], URN, "2027-04-01")?.outcome).toBe("expired");
  });

  test("covers only the resource it names: `*` matches any run, everything else is literal", () => {
    const pattern = { ...valid, urn: "urn:pulumi:prod::shop::*::logs.v2" };
    expect(matchException([pattern], URN, "2027-01-01")).toEqual({
      exception: pattern,
      outcome: "applied",
    });
    expect(
      matchException([valid], URN.replace("logs.v2", "logs-v2"), "2027-01-01"),
    ).toBeUndefined();
    expect(matchException([valid], `${URN}-copy`, "2027-01-01")).toBeUndefined();
    expect(matchException([valid], undefined, "2027-01-01")).toBeUndefined();
    const special = { ...valid, urn: "urn:(a)+[b]{c}^$|d\\e?" };
    expect(matchException([special], "urn:(a)+[b]{c}^$|d\\e?", "2027-01-01")?.outcome).toBe(
      "applied",
    );
    expect(matchException([special], "urn:(a)+[b]{c}^$|d\\eX", "2027-01-01")).toBeUndefined();
  });

  test("skips entries without a urn; the first matching entry decides, malformed or not", () => {
    const malformed = { ...valid, approver: "" };
    const later = { ...valid, expires: "2999-12-31" };
    expect(matchException([{ reason: valid.reason }, malformed, later], URN, "2027-01-01")).toEqual(
      { exception: malformed, outcome: "invalid" },
    );
    expect(matchException([{ urn: 7 } as never, later], URN, "2027-01-01")).toEqual({
      exception: later,
      outcome: "applied",
    });
  });
});

test("uses recorded under a resource come back together, once", () => {
  const use = (message: string) => ({
    policy: "aws-s3-bucket-enable-versioning",
    urn: URN,
    message,
    exception: valid,
    outcome: "applied" as const,
  });
  recordUse(URN, use("first"));
  recordUse(URN, use("second"));
  recordUse("", use("stack"));
  expect(takeUses(URN).map((u) => u.message)).toEqual(["first", "second"]);
  expect(takeUses(URN)).toEqual([]);
  expect(takeUses("").map((u) => u.message)).toEqual(["stack"]);
});

test("each use is described with the exception's reason, approver, expiry and ticket", () => {
  const base = {
    policy: "aws-s3-bucket-enable-versioning",
    urn: URN,
    message: "versioning is off",
  };
  expect(describeUse({ ...base, exception: valid, outcome: "applied" })).toBe(
    "exception to aws-s3-bucket-enable-versioning applied (approved by jane.doe@example.com, " +
      "expires 2027-03-31): Scratch data regenerated nightly; versions would only cost money — " +
      "suppressed violation: versioning is off",
  );
  expect(
    describeUse({ ...base, exception: { ...valid, ticket: "RISK-7" }, outcome: "applied" }),
  ).toContain("expires 2027-03-31, RISK-7): ");
  expect(describeUse({ ...base, exception: valid, outcome: "expired" })).toBe(
    "exception to aws-s3-bucket-enable-versioning expired on 2027-03-31 and no longer applies: " +
      "versioning is off",
  );
  expect(describeUse({ ...base, exception: { ...valid, approver: "" }, outcome: "invalid" })).toBe(
    `exception to aws-s3-bucket-enable-versioning for ${URN} is ignored because it names no ` +
      "approver: versioning is off",
  );
});
