/**
 * The processes a test started, read from Linux's /proc: who descends from whom, and whether one of them
 * still lives. A process is identified by its pid and its start time, so a pid the kernel hands out
 * again to someone else never counts as a survivor.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** One process seen in /proc. */
export type TProcess = { pid: number; ppid: number; startTime: string; state: string; command: string };

/** Reads /proc/<pid>/stat (and cmdline); undefined when the process is gone. */
export function readProcess(pid: number): TProcess | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may contain spaces or parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
    // After the name: state (field 3), ppid (4), …, starttime (22).
    return { pid, state: fields[0], ppid: Number(fields[1]), startTime: fields[19], command };
  } catch {
    return undefined;
  }
}

/** Every living process whose chain of parents leads to `root` (not `root` itself). */
export function descendantsOf(root: number): TProcess[] {
  const all = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((p): p is TProcess => p !== undefined);
  const children = new Map<number, TProcess[]>();
  for (const p of all) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const found: TProcess[] = [];
  for (let queue = [root]; queue.length > 0; ) {
    const next = children.get(queue.shift()!) ?? [];
    found.push(...next);
    queue = [...queue, ...next.map((p) => p.pid)];
  }
  return found;
}

/** Whether `process` (as seen earlier) still runs: same pid, same start time, and not a zombie. */
export function isAlive(process: TProcess): boolean {
  const now = readProcess(process.pid);
  return now !== undefined && now.startTime === process.startTime && now.state !== 'Z';
}

/**
 * Watches the tree under `root` every `intervalMs` (default 100) and remembers every process ever seen
 * in it, including short-lived ones and those that later lose their parent. `stop()` ends the watch.
 */
export function watchTree(root: number, intervalMs = 100): { seen(): TProcess[]; stop(): void } {
  const seen = new Map<string, TProcess>();
  const look = () => {
    for (const p of descendantsOf(root)) seen.set(`${p.pid}/${p.startTime}`, p);
  };
  look();
  const timer = setInterval(look, intervalMs);
  return {
    seen: () => [...seen.values()],
    stop: () => clearInterval(timer),
  };
}
