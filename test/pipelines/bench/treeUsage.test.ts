/**
 * The bench's reading of a process tree: a child that starts a grandchild, which holds 200 MiB and
 * burns 0.4 CPU-seconds (by its own account) before idling a second, so the last samples see it.
 */
import { spawn } from "node:child_process";
import { watchTree } from "../../../pipelines/bench/treeUsage";

const GRANDCHILD = `
  const held = Buffer.alloc(200 * 2 ** 20, 1);
  while (process.cpuUsage().user < 400_000) held[Math.floor(Math.random() * held.length)]++;
  setTimeout(() => process.exit(held[0] > 0 ? 0 : 1), 1000);
`;
const CHILD = `
  const { spawn } = require("node:child_process");
  spawn(process.execPath, ["-e", ${JSON.stringify(GRANDCHILD)}, "tree-usage-grandchild"], {
    stdio: "inherit",
  }).on("close", (code) => process.exit(code ?? 1));
`;

test("reads the tree's peak memory, each process's CPU, and the exact CPU of the whole tree", async () => {
  const child = spawn(process.execPath, ["-e", CHILD], { stdio: "inherit" });
  const watch = watchTree(child.pid ?? 0);
  const code = await new Promise((resolve) => child.on("close", resolve));
  const usage = watch.stop();

  expect(code).toBe(0);
  expect(usage.processes.map((p) => p.pid)[0]).toBe(child.pid);
  const grandchild = usage.processes.filter((p) => p.command.endsWith("tree-usage-grandchild"));
  expect(grandchild).toHaveLength(1);
  expect(usage.processes).toHaveLength(2);
  expect(grandchild[0].peakMiB).toBeGreaterThanOrEqual(200);
  expect(usage.processMiB).toBe(grandchild[0].peakMiB);
  expect(usage.treeMiB).toBeGreaterThan(grandchild[0].peakMiB);
  expect(grandchild[0].cpuSeconds).toBeGreaterThanOrEqual(0.4);
  // The kernel's account covers everything the samples saw, and the grandchild's last moments.
  const sampled = usage.processes.reduce((sum, p) => sum + p.cpuSeconds, 0);
  expect(usage.cpuSeconds).toBeGreaterThanOrEqual(Number(sampled.toFixed(2)));
});
