/**
 * Peak memory of a process tree: every 50 ms, the resident set of the process and of each of its
 * descendants, read from Linux's /proc. The peak of the sum is what the machine had to hold at
 * once; the largest single process is reported beside it.
 */
import { readdirSync, readFileSync } from "node:fs";

const PAGE_BYTES = 4096;

interface Stat {
  ppid: number;
  rssBytes: number;
}

function statOf(pid: number): Stat | undefined {
  try {
    // Fields after the command name (which may hold spaces and parentheses): state, ppid, …, rss.
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { ppid: Number(fields[1]), rssBytes: Number(fields[21]) * PAGE_BYTES };
  } catch {
    return undefined;
  }
}

/** The resident bytes of `root` and its descendants, per process. */
function treeRss(root: number): number[] {
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
  return [...inTree].map((pid) => stats.get(pid)?.rssBytes ?? 0);
}

export interface TreePeak {
  /** Highest sum over the tree at one sample, in MiB. */
  treeMiB: number;
  /** Highest resident set of any one process of the tree, in MiB. */
  processMiB: number;
}

/** Samples the tree of `pid` until `stop` is called; then returns its peaks. */
export function watchTree(pid: number): { stop(): TreePeak } {
  let tree = 0;
  let one = 0;
  const sample = () => {
    const sizes = treeRss(pid);
    tree = Math.max(
      tree,
      sizes.reduce((a, b) => a + b, 0),
    );
    one = Math.max(one, ...sizes);
  };
  sample();
  const timer = setInterval(sample, 50);
  return {
    stop() {
      clearInterval(timer);
      const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
      return { treeMiB: mib(tree), processMiB: mib(one) };
    },
  };
}
