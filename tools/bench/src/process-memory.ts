import { readFileSync } from 'node:fs';

/**
 * Resident memory of a process from /proc/PID/status (Linux): `rss` now (VmRSS) and `peak`, the
 * kernel's high-water mark of the process's resident set since it started (VmHWM), so a peak
 * between two samples is not missed. MB = 2^20 bytes. NaN where /proc is absent.
 */
export function residentMemoryMb(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}
