import { readFileSync, writeFileSync } from 'node:fs';

/**
 * Resident memory of a process from /proc/PID/status (Linux): `rss` now (VmRSS) and `peak`, the
 * kernel's high-water mark of the process's resident set (VmHWM) since it started or since
 * `resetPeak`, so a peak between two samples is not missed. MB = 2^20 bytes. NaN where /proc is
 * absent.
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

/**
 * Start-up's own peak (loading and compiling every module) is over once a service idles; the
 * load peak is measured from here: `5` in /proc/PID/clear_refs resets VmHWM to the current RSS
 * (Linux 4.0+, own processes only). Returns the peak before the reset (NaN without /proc).
 */
export function resetPeak(pid: number): number {
  const before = residentMemoryMb(pid).peak;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    return Number.NaN;
  }
  return before;
}
