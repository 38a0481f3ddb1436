/**
 * Memory of a process tree, from /proc (Linux): the resident set of a process and all its
 * descendants, sampled while it runs; the peak is the largest sampled sum.
 */
import { readdirSync, readFileSync } from 'node:fs';

function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

function rssKb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** `root` and every process below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const parent = parentOf(pid);
    if (parent === null) continue;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(pid);
  }
  const tree: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

export interface MemorySampler {
  /** Stop sampling; the peak of the summed resident sets, in MB, and the most processes seen at once. */
  stop(): { peakRssMB: number; processes: number };
}

export function sampleTreeMemory(root: number, everyMs = 50): MemorySampler {
  let peakKb = 0;
  let processes = 0;
  const sample = () => {
    const tree = processTree(root);
    const total = tree.reduce((sum, pid) => sum + rssKb(pid), 0);
    if (total > peakKb) peakKb = total;
    if (tree.length > processes) processes = tree.length;
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return { peakRssMB: peakKb / 1024, processes };
    },
  };
}
