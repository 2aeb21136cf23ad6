import fs from 'node:fs';
import os from 'node:os';

/** Clock ticks per second of /proc's CPU times; 100 on every Linux this runs on. */
const TICKS_PER_S = 100;

export interface CpuSample {
  at: number;
  ticks: number;
}

/** The fields of a /proc stat line after the command name (which may hold spaces): index 0 is field 3, the state. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

export function cpuSample(pid: number): CpuSample {
  const fields = statFields(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  return { at: Date.now(), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** Share of one core used between two samples (1.0 = one full core). */
export function coresUsed(from: CpuSample, to: CpuSample): number {
  return (to.ticks - from.ticks) / TICKS_PER_S / ((to.at - from.at) / 1000);
}

export function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export interface MachineCpuSample {
  busy: number;
  total: number;
}

/** The whole machine's CPU counters (all cores), to say how busy it was beside what each process used. */
export function machineCpuSample(): MachineCpuSample {
  const fields = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait are the time nobody ran.
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Busy share of all cores between two samples, in cores (2.0 = both cores of a 2-core machine). */
export function machineCoresBusy(from: MachineCpuSample, to: MachineCpuSample): number {
  const total = to.total - from.total;
  return total > 0 ? ((to.busy - from.busy) / total) * os.cpus().length : Number.NaN;
}

export function machineLoad(): string {
  const [one, five, fifteen] = os.loadavg();
  return `load average ${one?.toFixed(2)} / ${five?.toFixed(2)} / ${fifteen?.toFixed(2)} on ${os.cpus().length} cores`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export interface ThreadSample {
  at: number;
  /** Ticks by thread id, with the thread's name and nice. */
  threads: Map<string, { name: string; nice: number; ticks: number }>;
}

export function threadSample(pid: number): ThreadSample {
  const threads = new Map<string, { name: string; nice: number; ticks: number }>();
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = statFields(stat);
      threads.set(tid, { name: tid === String(pid) ? `${name} (main)` : name, nice: Number(fields[16]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return { at: Date.now(), threads };
}

/** Cores used per kind of thread (by name and nice) between two samples, busiest first. */
export function threadCores(from: ThreadSample, to: ThreadSample): { thread: string; cores: number }[] {
  const seconds = (to.at - from.at) / 1000;
  const byKind = new Map<string, number>();
  for (const [tid, thread] of to.threads) {
    const ticks = thread.ticks - (from.threads.get(tid)?.ticks ?? 0);
    const kind = thread.nice === 0 ? thread.name : `${thread.name}, nice ${thread.nice}`;
    byKind.set(kind, (byKind.get(kind) ?? 0) + ticks / TICKS_PER_S / seconds);
  }
  return [...byKind.entries()].map(([thread, cores]) => ({ thread, cores })).sort((a, b) => b.cores - a.cores);
}

/** The processes whose parent is `pid` (the BFF's replay worker, for one). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statFields(fs.readFileSync(`/proc/${entry}/stat`, 'utf8'))[1]) === pid) children.push(Number(entry));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return children;
}

export function commandLine(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    return '';
  }
}
