/**
 * Prometheus durations ("5m", "1h30m", "3d") as seconds and back. The test variant of the rules
 * compresses time by a factor, so every window and `for:` goes through here.
 */
const UNIT_SECONDS: readonly [string, number][] = [
  ['w', 604_800],
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
  ['ms', 0.001],
];

const PART = /(\d+)(ms|w|d|h|m|s)/g;

export function durationSeconds(text: string): number {
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(PART)) {
    const unit = UNIT_SECONDS.find(([name]) => name === match[2]);
    total += Number(match[1]) * (unit as [string, number])[1];
    consumed += match[0].length;
  }
  if (consumed !== text.length || text.length === 0)
    throw new Error(`not a Prometheus duration: ${JSON.stringify(text)}`);
  return total;
}

/** The shortest exact Prometheus spelling of a whole number of milliseconds ("90s" -> "1m30s"). */
export function formatDuration(seconds: number): string {
  let ms = Math.round(seconds * 1000);
  if (ms <= 0) throw new Error(`a duration must be positive, got ${seconds} s`);
  let out = '';
  for (const [name, unitSeconds] of UNIT_SECONDS) {
    const unitMs = Math.round(unitSeconds * 1000);
    const count = Math.floor(ms / unitMs);
    if (count > 0) {
      out += `${count}${name}`;
      ms -= count * unitMs;
    }
  }
  return out;
}

/** How durations appear in the generated rules: as written (production) or compressed (tests). */
export interface TimeScale {
  /** 1 for production; 1/60 turns minutes into seconds for the end-to-end test's variant. */
  readonly factor: number;
  /** A range or `for:` duration from the spec, as it appears in this variant. */
  d(nominal: string): string;
}

export function timeScale(factor: number): TimeScale {
  return {
    factor,
    d: (nominal) => (factor === 1 ? nominal : formatDuration(Math.max(1, durationSeconds(nominal) * factor))),
  };
}

export const PRODUCTION_TIME: TimeScale = timeScale(1);
