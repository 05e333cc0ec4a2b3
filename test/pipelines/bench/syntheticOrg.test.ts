/**
 * The scale bench's synthetic org, judged by the gate at a small size: the generator and the gate
 * stay in step — every kind of repository entry is valid config, registers what it should, and the
 * org passes in both views with the same resources in each.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { syntheticOrgStack, syntheticRepository } from "../../../pipelines/bench/syntheticOrg";
import { type GateResult, runGate } from "../../../pipelines/gate/gate";
import { ROOT } from "../../support/baseline";

jest.setTimeout(180_000);

const REPOSITORIES = 50;

test("the generator mixes adopted, created, team-reviewed and personal repositories", () => {
  const entries = Array.from({ length: REPOSITORIES }, (_, i) => syntheticRepository(i + 1));
  expect(entries.filter((e) => e.create === true).map((e) => e.name)).toEqual([
    "service-0020",
    "service-0040",
  ]);
  expect(entries.filter((e) => e.ownerType === "user")).toEqual([
    {
      name: "service-0050",
      owner: "developer-1",
      ownerType: "user",
      environmentReviewers: { teams: [], users: [5_000_001] },
      codeOwners: ["@developer-1"],
    },
  ]);
  expect(entries.filter((e) => e.codeOwners && !e.owner).map((e) => e.name)).toEqual([
    "service-0007",
    "service-0014",
    "service-0021",
    "service-0028",
    "service-0035",
    "service-0042",
    "service-0049",
  ]);
  const config = (parse(syntheticOrgStack(REPOSITORIES)) as { config: Record<string, unknown> })
    .config;
  expect(config["soc2-baseline:repositories"]).toEqual(entries);
  expect(config["soc2-baseline:githubOwner"]).toBe("example-org");
});

describe(`a synthetic org of ${REPOSITORIES} repositories`, () => {
  let result: GateResult;
  const work = mkdtempSync(path.join(tmpdir(), "soc2-synthetic-org-"));
  beforeAll(async () => {
    const configFile = path.join(work, "org.yaml");
    writeFileSync(configFile, syntheticOrgStack(REPOSITORIES));
    result = await runGate({
      projectDir: ROOT,
      stack: "bench",
      configFile,
      views: ["first", "update"],
      packDir: path.join(ROOT, "policy-pack"),
      // As a large org would: a second pack judges the update view's stack.
      secondPackAt: 100,
    });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("passes in both views, with every resource judged in each", () => {
    expect(result.passed).toBe(true);
    expect(result.mandatory).toBe(0);
    // The example stack's 95 resources hold 3 protected repositories of 8 resources each; the org
    // adds 48 more repositories and one provider for the personal repository's owner.
    expect(result.views.map((v) => [v.view, v.resources.length])).toEqual([
      ["first", 95 + 48 * 8 + 1],
      ["update", 95 + 48 * 8 + 1],
    ]);
    expect(result.views.flatMap((v) => v.diagnostics)).toEqual([]);
  });

  test("protects every repository, the personal one through its owner's provider", () => {
    const update = result.views[1].resources;
    const components = update.filter((r) => r.type === "soc2:github:RepositoryProtection");
    expect(components).toHaveLength(REPOSITORIES + 1);
    expect(components.map((r) => r.name)).toContain("developer-1-service-0050");
    const providers = update.filter((r) => r.type === "pulumi:providers:github");
    expect(providers.map((p) => [p.name, p.properties.owner])).toEqual([
      ["github", "example-org"],
      ["github-developer-1", "developer-1"],
    ]);
  });
});
