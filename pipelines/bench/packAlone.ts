/**
 * The pack's own share of a gate run. A fresh pack, started and configured as the gate does it, is
 * sent exactly the requests the gate sends for one view of a program: Analyze of each resource, as
 * many at once as the gate allows, then AnalyzeStack. Nothing else runs meanwhile.
 *
 * No gate that uses this pack can spend less CPU on it than this, nor have AnalyzeStack's answer
 * sooner than the program's end plus this call's time. With the floor (the program alone) that
 * bounds any gate on this machine from below, whatever the gate itself does.
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { EncodedView } from "../gate/gate";
import { analyzeOne } from "../gate/judge";
import { RunningPack } from "../gate/policyPack";
import { cpuSecondsOf } from "./treeUsage";

export interface PackAlone {
  /** The pack process's CPU-seconds, from its launch to AnalyzeStack's answer. */
  cpuSeconds: number;
  /** Of those, from the first Analyze call to the last answer. */
  analyzeCpuSeconds: number;
  /** Of those, AnalyzeStack's. */
  stackCpuSeconds: number;
  /** AnalyzeStack's wall time, from the call to the answer. */
  stackSeconds: number;
}

/** Sends a fresh pack in `packDir` the gate's requests for `view`, and measures what it spends. */
export async function packAlone(packDir: string, view: EncodedView): Promise<PackAlone> {
  const pack = await RunningPack.launch(path.resolve(packDir));
  try {
    const cpu = () => cpuSecondsOf(pack.pid ?? 0) ?? NaN;
    const info = await pack.info();
    await pack.configure(info.policies);
    const configured = cpu();
    const { resources } = view.stack;
    await Promise.all(resources.map((r, i) => analyzeOne(pack, r, view.encoded[i])));
    const analysed = cpu();
    const start = performance.now();
    await pack.stackAnalysis(resources, view.encoded);
    const stackSeconds = (performance.now() - start) / 1000;
    const answered = cpu();
    return {
      cpuSeconds: answered,
      analyzeCpuSeconds: analysed - configured,
      stackCpuSeconds: answered - analysed,
      stackSeconds,
    };
  } finally {
    await pack.close();
  }
}
