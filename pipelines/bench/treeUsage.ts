/**
 * What a process tree used, read from Linux's /proc every 50 ms: the resident set of the process and
 * of each of its descendants (the peak of the sum is what the machine had to hold at once), and the
 * CPU time of each. The tree's total CPU time is exact: the kernel adds a child's time, and that of
 * the children it waited for, to its parent's account when the parent reaps it, so `stop()` must be
 * called once the root has been reaped. On two cores, a tree that used C CPU-seconds cannot have
 * finished in less than C / 2 seconds.
 */
import { readdirSync, readFileSync } from "node:fs";

const PAGE_BYTES = 4096;
/** Linux reports CPU times in ticks of 1/USER_HZ s; USER_HZ is 100 on every architecture it runs. */
const TICKS_PER_SECOND = 100;

interface Stat {
  ppid: number;
  rssBytes: number;
  cpuSeconds: number;
  /** CPU time of the children this process has reaped (and of theirs). */
  reapedCpuSeconds: number;
}

function statOf(pid: number | "self"): Stat | undefined {
  try {
    // Fields after the command name (which may hold spaces and parentheses): state, ppid, …, utime,
    // stime, cutime, cstime, …, rss.
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = text
      .slice(text.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    return {
      ppid: f[1],
      rssBytes: f[21] * PAGE_BYTES,
      cpuSeconds: (f[11] + f[12]) / TICKS_PER_SECOND,
      reapedCpuSeconds: (f[13] + f[14]) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

/** The CPU-seconds (user and system) a running process has used so far. */
export function cpuSecondsOf(pid: number): number | undefined {
  return statOf(pid)?.cpuSeconds;
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
  } catch {
    return "";
  }
}

/** `root` and its descendants, with their stats. */
function treeStats(root: number): Map<number, Stat> {
  const stats = new Map<number, Stat>();
  for (const entry of readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const stat = statOf(pid);
    if (stat) stats.set(pid, stat);
  }
  const inTree = new Set([root]);
  // Parents precede children in pid order only usually; repeat until nothing is added.
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, stat] of stats) {
      if (!inTree.has(pid) && inTree.has(stat.ppid)) {
        inTree.add(pid);
        grew = true;
      }
    }
  }
  const tree = new Map<number, Stat>();
  for (const pid of inTree) {
    const stat = stats.get(pid);
    if (stat) tree.set(pid, stat);
  }
  return tree;
}

/** One process of the tree, as last seen before it ended. */
export interface ProcessUsage {
  pid: number;
  /** Its command line, arguments joined by spaces. */
  command: string;
  /** CPU-seconds (user and system) at the last sample. */
  cpuSeconds: number;
  peakMiB: number;
}

export interface TreeUsage {
  /** Highest sum over the tree at one sample, in MiB. */
  treeMiB: number;
  /** Highest resident set of any one process of the tree, in MiB. */
  processMiB: number;
  /** CPU-seconds the whole tree used, exact (from the reaping parent's account). */
  cpuSeconds: number;
  /** Each process seen, the root first. */
  processes: ProcessUsage[];
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

/** Samples the tree of `pid`, a child of this process, until `stop` is called after it was reaped. */
export function watchTree(pid: number): { stop(): TreeUsage } {
  const reapedBefore = statOf("self")?.reapedCpuSeconds ?? 0;
  let tree = 0;
  const seen = new Map<number, ProcessUsage>();
  const sample = () => {
    let sum = 0;
    for (const [p, stat] of treeStats(pid)) {
      sum += stat.rssBytes;
      const usage = seen.get(p) ?? { pid: p, command: commandOf(p), cpuSeconds: 0, peakMiB: 0 };
      usage.cpuSeconds = stat.cpuSeconds;
      usage.peakMiB = Math.max(usage.peakMiB, mib(stat.rssBytes));
      seen.set(p, usage);
    }
    tree = Math.max(tree, sum);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      const processes = [...seen.values()];
      const reaped = (statOf("self")?.reapedCpuSeconds ?? 0) - reapedBefore;
      return {
        treeMiB: mib(tree),
        processMiB: Math.max(0, ...processes.map((p) => p.peakMiB)),
        cpuSeconds: Number(reaped.toFixed(2)),
        processes,
      };
    },
  };
}
