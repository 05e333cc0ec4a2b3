/**
 * The bench's bound from the pack alone: the requests it replays are the gate's own, resource by
 * resource and in the stack's order, and the bound is the longer of the CPU and the critical path.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { analyzeStackBytes } from "../../../pipelines/gate/analyzerMessages";
import { type EncodedView, runEncoded } from "../../../pipelines/gate/gate";
import { readProject, readStack } from "../../../pipelines/gate/project";
import { packAlone } from "../../../pipelines/bench/packAlone";
import { lowestGateSeconds } from "../../../pipelines/bench/scale";
import { syntheticOrgStack } from "../../../pipelines/bench/syntheticOrg";
import { ROOT } from "../../support/baseline";

jest.setTimeout(120_000);

test("the bound is the floor's and the pack's CPU over the cores, when that is the longer", () => {
  const floor = { seconds: 8, cpuSeconds: 12 };
  expect(lowestGateSeconds(floor, { cpuSeconds: 16, stackSeconds: 4 }, 2)).toBe(14);
  expect(lowestGateSeconds(floor, { cpuSeconds: 16, stackSeconds: 4 }, 4)).toBe(12);
  expect(lowestGateSeconds(floor, { cpuSeconds: 2, stackSeconds: 0.5 }, 2)).toBe(8.5);
});

describe("a synthetic org of 3 repositories, as the gate sends it", () => {
  const work = mkdtempSync(path.join(tmpdir(), "soc2-pack-alone-"));
  let view: EncodedView;
  const counts: number[] = [];
  beforeAll(async () => {
    const stackFile = path.join(work, "org.yaml");
    writeFileSync(stackFile, syntheticOrgStack(3));
    const project = readProject(ROOT);
    const config = readStack(project, "bench", stackFile);
    const views = await runEncoded(
      { project, stack: "bench", config, views: ["first"] },
      (_, __, ___, count) => counts.push(count),
    );
    view = views.get("first") as EncodedView;
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  test("each resource is handed on as it is added, and encoded in the stack's order", () => {
    const urns = view.stack.resources.map((r) => r.urn);
    // The example stack's 95 resources hold 3 protected repositories; the org has one more, of 8.
    expect(urns).toHaveLength(95 + 8);
    expect(counts).toEqual(urns.map((_, i) => i + 1));
    expect(
      view.encoded.map((e) => analyzer.AnalyzeRequest.deserializeBinary(e.request).getUrn()),
    ).toEqual(urns);
    const stack = analyzer.AnalyzeStackRequest.deserializeBinary(analyzeStackBytes(view.encoded));
    expect(stack.getResourcesList().map((r) => r.getUrn())).toEqual(urns);
    expect(
      urns.filter((u) => u.endsWith("github:index/repository:Repository::service-0002-repository")),
    ).toHaveLength(1);
  });

  test("the pack alone answers them all, and its CPU splits into launch, Analyze and AnalyzeStack", async () => {
    const pack = await packAlone(path.join(ROOT, "policy-pack"), view);
    expect(pack.stackSeconds).toBeGreaterThan(0);
    expect(pack.analyzeCpuSeconds).toBeGreaterThanOrEqual(0);
    expect(pack.stackCpuSeconds).toBeGreaterThanOrEqual(0);
    // Launching loads the pack: a Node.js process does not start in under 0.1 CPU-seconds.
    expect(pack.cpuSeconds - pack.analyzeCpuSeconds - pack.stackCpuSeconds).toBeGreaterThan(0.1);
  });
});
