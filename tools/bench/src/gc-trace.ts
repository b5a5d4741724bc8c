/**
 * Reads V8's `--trace-gc-nvp` lines (one `name=value` line per collection, written to stdout
 * among the service's own log lines) into totals: how much the young generation collected and
 * copied, and how long the pauses were.
 */

export interface GcTotals {
  scavenges: number;
  /** Other collections (mark-compact, minor mark-sweep). */
  others: number;
  /** Bytes allocated since the previous collection, summed over scavenges. */
  allocatedBytes: number;
  /** Bytes still live in the young generation after each scavenge (copied by it), summed. */
  survivedBytes: number;
  /** Bytes moved to the old generation, summed over all collections. */
  promotedBytes: number;
  scavengePauseMs: number;
  otherPauseMs: number;
}

const EMPTY: GcTotals = { scavenges: 0, others: 0, allocatedBytes: 0, survivedBytes: 0, promotedBytes: 0, scavengePauseMs: 0, otherPauseMs: 0 };

function field(line: string, name: string): number {
  const at = line.indexOf(` ${name}=`);
  if (at === -1) return 0;
  const value = Number.parseFloat(line.slice(at + name.length + 2));
  return Number.isFinite(value) ? value : 0;
}

/** Totals over every GC trace line in `text`; other lines (JSON logs) are skipped. */
export function gcTotals(text: string): GcTotals {
  const totals = { ...EMPTY };
  for (const line of text.split('\n')) {
    const kind = /\sgc=(\w+)\s/.exec(line)?.[1];
    if (kind === undefined || !line.includes(' pause=')) continue;
    const pause = field(line, 'pause');
    totals.promotedBytes += field(line, 'promoted');
    if (kind === 's') {
      totals.scavenges += 1;
      totals.allocatedBytes += field(line, 'allocated');
      totals.survivedBytes += field(line, 'new_space_survived');
      totals.scavengePauseMs += pause;
    } else {
      totals.others += 1;
      totals.otherPauseMs += pause;
    }
  }
  return totals;
}

export function addGcTotals(a: GcTotals, b: GcTotals): GcTotals {
  return Object.fromEntries(Object.keys(EMPTY).map((k) => [k, a[k as keyof GcTotals] + b[k as keyof GcTotals]])) as unknown as GcTotals;
}
