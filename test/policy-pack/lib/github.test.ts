/**
 * How GitHub resources of a stack belong to a repository (by dependency, known in a first preview,
 * or by its known name), which stacks the organization-wide GitHub policies judge, and how an
 * unknown value is handed from one verdict to another.
 */
import type { StackValidationArgs } from "@pulumi/policy";
import {
  carryUnknown,
  GITHUB,
  ofRepository,
  requireBaselineProject,
} from "../../../policy-pack/lib/github";
import { StackIndex } from "../../../policy-pack/lib/stackIndex";
import { UNKNOWN, Verdict } from "../../../policy-pack/lib/unknowns";
import { type Fixture, UNKNOWN as ENGINE_UNKNOWN } from "../support/analyze";
import { preview } from "../support/preview";
import { resourcesOf } from "../support/stack";

const FILE = GITHUB.repositoryFile;
const repository = (name: string, props: Record<string, unknown> = { name }): Fixture => ({
  type: GITHUB.repository,
  name,
  props,
});

test("a repository's resources: those depending on it first, then those naming it", async () => {
  const resources = await resourcesOf([
    repository("app"),
    repository("api", { name: ENGINE_UNKNOWN }),
    { type: FILE, name: "by-name", props: { repository: "app" } },
    {
      type: FILE,
      name: "by-dependency",
      props: { repository: ENGINE_UNKNOWN },
      deps: { repository: ["app"] },
    },
    { type: FILE, name: "both", props: { repository: "app" }, deps: { repository: ["app"] } },
    {
      type: FILE,
      name: "of-api",
      props: { repository: ENGINE_UNKNOWN },
      deps: { repository: ["api"] },
    },
    { type: FILE, name: "unknown", props: { repository: ENGINE_UNKNOWN } },
    { type: GITHUB.repositoryEnvironment, name: "environment", props: { repository: "app" } },
  ]);
  const index = new StackIndex(resources);
  const of = (name: string, types: string[]) =>
    ofRepository(
      index,
      resources.find((r) => r.name === name)!,
      types,
    ).map((r) => r.name);
  expect(of("app", [FILE])).toEqual(["by-dependency", "both", "by-name"]);
  expect(of("app", [FILE, GITHUB.repositoryEnvironment])).toEqual([
    "by-dependency",
    "both",
    "by-name",
    "environment",
  ]);
  expect(of("api", [FILE])).toEqual(["of-api"]);
});

describe("requireBaselineProject", () => {
  const stack = {
    notApplicable: (reason: string) => {
      throw new Error(reason);
    },
  } as unknown as StackValidationArgs;

  test("judges the stacks of the baseline's projects", async () => {
    const index = new StackIndex(await resourcesOf([repository("app")]));
    expect(() => requireBaselineProject(stack, index, ["other", "soc2-baseline"])).not.toThrow();
  });

  test("says it does not apply to any other project, or to an empty stack", async () => {
    const index = new StackIndex(await resourcesOf([repository("app")]));
    expect(() => requireBaselineProject(stack, index, ["other"])).toThrow(
      "project soc2-baseline is not a baseline project",
    );
    expect(() => requireBaselineProject(stack, new StackIndex([]), ["soc2-baseline"])).toThrow(
      "project (none) is not a baseline project",
    );
  });
});

describe("carryUnknown", () => {
  const props = preview({ name: "unknown" });

  test("hands the first unknown value on, and nothing when all was known", () => {
    const from = new Verdict();
    const into = new Verdict();
    carryUnknown(from, into);
    expect(into.complete).toBe(true);
    expect(from.read(() => props.name)).toBe(UNKNOWN);
    carryUnknown(from, into);
    expect(into.complete).toBe(false);
    expect(() => into.finish()).toThrow("string value at .name can't be known during preview");
  });

  test("lets any other error through", () => {
    const broken = {
      finish: () => {
        throw new TypeError("broken");
      },
    } as unknown as Verdict;
    const into = new Verdict();
    expect(() => carryUnknown(broken, into)).toThrow(new TypeError("broken"));
    expect(into.complete).toBe(true);
  });
});
