/**
 * The gate's side of the analyzer protocol against a fixture pack that counts what it is asked to
 * judge at once (fixtures/counting-pack).
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ANALYZE_IN_FLIGHT, RunningPack } from "../../../pipelines/gate/policyPack";
import { analyzed } from "../../support/analyzed";
import { ROOT } from "../../support/baseline";

jest.setTimeout(60_000);

let dir: string;
let pack: RunningPack;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "soc2-counting-pack-"));
  cpSync(path.join(__dirname, "fixtures", "counting-pack"), dir, { recursive: true });
  symlinkSync(path.join(ROOT, "policy-pack", "node_modules"), path.join(dir, "node_modules"));
  pack = await RunningPack.launch(dir);
  await pack.configure((await pack.info()).policies);
});
afterAll(async () => {
  await pack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const thing = (i: number) =>
  analyzed(`urn:pulumi:test::counting::fake:index:Thing::thing-${i}`, { index: i });

test(`a pack is asked to judge at most ${ANALYZE_IN_FLIGHT} resources at once, and answers every one`, async () => {
  const things = Array.from({ length: 3 * ANALYZE_IN_FLIGHT }, (_, i) => thing(i));
  const analyses = await Promise.all(things.map((t) => pack.analysis(t)));
  expect(analyses).toHaveLength(3 * ANALYZE_IN_FLIGHT);
  expect(analyses.flatMap((a) => a.diagnostics)).toEqual([]);
  const stack = await pack.stackAnalysis(things);
  expect(stack.diagnostics.map((d) => d.detail)).toEqual([
    `${ANALYZE_IN_FLIGHT} resources judged at once`,
  ]);
});
