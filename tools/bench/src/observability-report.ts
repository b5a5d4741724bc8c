/**
 * Summaries of the observability bench: per path and configuration, medians over rounds, and the
 * median of per-round paired ratios against "off" measured in the same round (the machine is
 * shared, so only same-round ratios mean anything). The overhead goal (the production
 * configuration costs at most 10 % of throughput on analyses) is judged on CPU per request at a
 * fixed offered rate, the noise-robust figure: on a CPU-bound core, throughput scales with 1 / CPU
 * per request, so a CPU ratio r implies a throughput cost of 1 − 1/r. Max-throughput ratios are
 * reported next to it as the direct but noisier figure. Paths with an absolute goal instead
 * (evaluate, report reads) get the same figures, recorded as their overhead.
 */
import type { PathDef, PathId, RunMeasurement } from './observability-load.ts';
import type { ObservabilityConfig } from './observability-stack.ts';
import type { SpanTally } from './observability-span-tally.ts';

export const GOAL_CONFIG: ObservabilityConfig['id'] = 'production';

export interface RoundRecord {
  round: number;
  path: PathId;
  config: ObservabilityConfig['id'];
  position: number;
  warmup: RunMeasurement;
  paced: RunMeasurement;
  max: RunMeasurement;
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

export interface ConfigSummary {
  config: ObservabilityConfig['id'];
  maxReqPerSec: Spread;
  pacedCpuUs: Spread;
  pacedCpuUsByProcess: Record<string, number>;
  maxCpuUs: Spread;
  paced: { reqPerSec: number; p50: number; p95: number; p99: number };
  max: { p50: number; p95: number; p99: number };
  logLinesPerReq: number;
  clientCoreBusyMax: number;
  saturatedPacedRuns: number;
  failures: number;
  /** Per-round paired ratios against "off" (same round). */
  throughputRatio: Spread;
  pacedCpuRatio: Spread;
  maxCpuRatio: Spread;
  /** Per-round paired differences against "off": CPU µs per request added. */
  pacedCpuAddedUs: Spread;
  maxCpuAddedUs: Spread;
  sampleRatio?: number;
  spans?: { requestsSent: number; traces: number; spans: number; tracesPerRequest: number; spansPerTrace: number };
}

export interface PathSummary {
  path: PathId;
  title: string;
  offeredRate: number;
  configs: ConfigSummary[];
  goal: GoalJudgement;
  absoluteGoal?: string;
}

export interface GoalJudgement {
  config: string;
  /** The goal judged on this path, if any: at most this share of throughput lost. */
  maxCost?: number;
  cpuRatio: number;
  /** 1 − 1/cpuRatio: the throughput a CPU-bound server loses. Primary. */
  cpuImpliedCost: number;
  /** The same from CPU per request in the max-throughput runs. */
  maxCpuImpliedCost: number;
  /** 1 − median(max req/s ratio). Secondary, noisy. */
  measuredThroughputCost: number;
  roundsWithinGoal: number;
  rounds: number;
  met: boolean;
}

export function spread(values: number[]): Spread {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const mid = Math.floor(xs.length / 2);
  const median = xs.length % 2 ? xs[mid]! : (xs[mid - 1]! + xs[mid]!) / 2;
  return { median, min: xs[0]!, max: xs[xs.length - 1]!, n: xs.length };
}

const med = (values: number[]) => spread(values).median;

export function summarisePath(
  path: PathDef,
  offeredRate: number,
  pacedSeconds: number,
  records: RoundRecord[],
  configs: readonly ObservabilityConfig[],
  spans: Map<string, SpanTally>,
  sent: Map<string, number>,
): PathSummary {
  const mine = records.filter((r) => r.path === path.id);
  const offIn = (round: number) => mine.find((r) => r.round === round && r.config === 'off');
  const ratios = (rs: RoundRecord[], pick: (r: RoundRecord) => number) =>
    rs.map((r) => {
      const off = offIn(r.round);
      return off ? pick(r) / pick(off) : Number.NaN;
    });
  const added = (rs: RoundRecord[], pick: (r: RoundRecord) => number) =>
    rs.map((r) => {
      const off = offIn(r.round);
      return off ? pick(r) - pick(off) : Number.NaN;
    });
  const summaries = configs.map((config): ConfigSummary => {
    const rs = mine.filter((r) => r.config === config.id);
    const tally = spans.get(config.id);
    const requestsSent = sent.get(`${path.id}/${config.id}`) ?? 0;
    const root = tally?.byRoot[path.rootSpan];
    return {
      config: config.id,
      maxReqPerSec: spread(rs.map((r) => r.max.reqPerSec)),
      pacedCpuUs: spread(rs.map((r) => r.paced.cpuUsPerReqTotal)),
      pacedCpuUsByProcess: Object.fromEntries(
        path.processes.map((p) => [p, med(rs.map((r) => r.paced.cpuUsPerReq[p]!))]),
      ),
      maxCpuUs: spread(rs.map((r) => r.max.cpuUsPerReqTotal)),
      paced: {
        reqPerSec: med(rs.map((r) => r.paced.reqPerSec)),
        p50: med(rs.map((r) => r.paced.p50)),
        p95: med(rs.map((r) => r.paced.p95)),
        p99: med(rs.map((r) => r.paced.p99)),
      },
      max: {
        p50: med(rs.map((r) => r.max.p50)),
        p95: med(rs.map((r) => r.max.p95)),
        p99: med(rs.map((r) => r.max.p99)),
      },
      logLinesPerReq: med(rs.flatMap((r) => [r.paced.logLinesPerReq, r.max.logLinesPerReq])),
      clientCoreBusyMax: Math.max(...rs.flatMap((r) => [r.paced.clientCoreBusy, r.max.clientCoreBusy])),
      saturatedPacedRuns: rs.filter((r) => r.paced.wallSeconds > pacedSeconds + 1).length,
      failures: rs.reduce((sum, r) => sum + r.warmup.failures + r.paced.failures + r.max.failures, 0),
      throughputRatio: spread(ratios(rs, (r) => r.max.reqPerSec)),
      pacedCpuRatio: spread(ratios(rs, (r) => r.paced.cpuUsPerReqTotal)),
      maxCpuRatio: spread(ratios(rs, (r) => r.max.cpuUsPerReqTotal)),
      pacedCpuAddedUs: spread(added(rs, (r) => r.paced.cpuUsPerReqTotal)),
      maxCpuAddedUs: spread(added(rs, (r) => r.max.cpuUsPerReqTotal)),
      sampleRatio: config.sampleRatio,
      spans:
        tally === undefined
          ? undefined
          : {
              requestsSent,
              traces: root?.traces ?? 0,
              spans: root?.spans ?? 0,
              tracesPerRequest: (root?.traces ?? 0) / requestsSent,
              spansPerTrace: root ? root.spans / root.traces : 0,
            },
    };
  });
  return {
    path: path.id,
    title: path.title,
    offeredRate,
    configs: summaries,
    goal: judge(mine, summaries, offIn, path.maxCost),
    absoluteGoal: path.absoluteGoal,
  };
}

function judge(
  mine: RoundRecord[],
  summaries: ConfigSummary[],
  offIn: (round: number) => RoundRecord | undefined,
  maxCost: number | undefined,
): GoalJudgement {
  const s = summaries.find((c) => c.config === GOAL_CONFIG)!;
  const perRound = mine
    .filter((r) => r.config === GOAL_CONFIG)
    .map((r) => r.paced.cpuUsPerReqTotal / offIn(r.round)!.paced.cpuUsPerReqTotal);
  const cpuImpliedCost = 1 - 1 / s.pacedCpuRatio.median;
  return {
    config: GOAL_CONFIG,
    maxCost,
    cpuRatio: s.pacedCpuRatio.median,
    cpuImpliedCost,
    maxCpuImpliedCost: 1 - 1 / s.maxCpuRatio.median,
    measuredThroughputCost: 1 - s.throughputRatio.median,
    roundsWithinGoal: maxCost === undefined ? 0 : perRound.filter((r) => 1 - 1 / r <= maxCost).length,
    rounds: perRound.length,
    met: maxCost !== undefined && cpuImpliedCost <= maxCost,
  };
}

const f0 = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const ratio = (s: Spread) => (s.n === 0 ? 'n/a' : `${f2(s.median)} [${f2(s.min)}–${f2(s.max)}]`);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const signed = (x: number) =>
  Number.isFinite(x) ? `${x >= 0 ? '+' : '−'}${Math.abs(Math.round(x)).toLocaleString('en-US')}` : 'n/a';

export function renderPath(summary: PathSummary): string {
  const lines = [
    `### ${summary.title}`,
    '',
    `Paced runs at ${f0(summary.offeredRate)} req/s offered. Ratios: median of per-round paired ratios vs "off" [min–max over rounds].`,
    '',
    '| config | max req/s | throughput vs off | CPU µs/req at fixed rate | CPU vs off (fixed rate) | CPU µs/req at max | CPU vs off (max) | CPU µs/req added vs off (fixed / max) | p50 / p95 / p99 ms, fixed rate | p50 / p95 / p99 ms, max | log lines/req | traces/req | spans/trace |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of summary.configs) {
    const byProcess =
      Object.keys(c.pacedCpuUsByProcess).length > 1
        ? ` (${Object.entries(c.pacedCpuUsByProcess)
            .map(([p, v]) => `${p} ${f0(v)}`)
            .join(' + ')})`
        : '';
    lines.push(
      `| ${c.config} | ${f0(c.maxReqPerSec.median)} [${f0(c.maxReqPerSec.min)}–${f0(c.maxReqPerSec.max)}] | ${c.config === 'off' ? '1' : ratio(c.throughputRatio)} | ${f0(c.pacedCpuUs.median)}${byProcess} | ${c.config === 'off' ? '1' : ratio(c.pacedCpuRatio)} | ${f0(c.maxCpuUs.median)} | ${c.config === 'off' ? '1' : ratio(c.maxCpuRatio)} | ${c.config === 'off' ? '0' : `${signed(c.pacedCpuAddedUs.median)} / ${signed(c.maxCpuAddedUs.median)}`} | ${f1(c.paced.p50)} / ${f1(c.paced.p95)} / ${f1(c.paced.p99)} | ${f1(c.max.p50)} / ${f1(c.max.p95)} / ${f1(c.max.p99)} | ${f2(c.logLinesPerReq)} | ${c.spans ? f2(c.spans.tracesPerRequest) : '–'} | ${c.spans ? f1(c.spans.spansPerTrace) : '–'} |`,
    );
  }
  const g = summary.goal;
  const warnings = summary.configs.flatMap((c) => [
    ...(c.failures > 0 ? [`${c.config}: ${c.failures} failed responses`] : []),
    ...(c.saturatedPacedRuns > 0
      ? [`${c.config}: ${c.saturatedPacedRuns} fixed-rate run(s) fell more than 1 s behind (server saturated)`]
      : []),
    ...(c.spans && c.sampleRatio !== undefined && c.spans.tracesPerRequest > 1.2 * c.sampleRatio + 0.02
      ? [
          `${c.config}: ${f2(c.spans.tracesPerRequest)} traces rooted at this path's span per request sent at ratio ${c.sampleRatio}: calls from another path arrive here without trace context and start traces of their own`,
        ]
      : []),
    ...(c.clientCoreBusyMax > 0.9
      ? [
          `${c.config}: load generator core up to ${pct(c.clientCoreBusyMax)} busy (max-throughput figures may be client-bound)`,
        ]
      : []),
  ]);
  const figures = `CPU/request at the fixed rate ${f2(g.cpuRatio)} × off → CPU-implied throughput cost ${pct(g.cpuImpliedCost)}; from CPU/request at max throughput ${pct(g.maxCpuImpliedCost)}; measured max-throughput cost ${pct(g.measuredThroughputCost)}`;
  if (g.maxCost !== undefined) {
    lines.push(
      '',
      `Goal (${g.config} costs ≤ ${pct(g.maxCost)} of throughput), judged on the CPU-implied cost: ${figures} (${g.roundsWithinGoal}/${g.rounds} rounds within) → **${g.met ? 'MET' : 'NOT MET'}**.`,
    );
  } else {
    lines.push(
      '',
      `Overhead of ${g.config} (this path's goal is absolute: ${summary.absoluteGoal ?? 'none'}): ${figures}.`,
    );
  }
  for (const w of warnings) lines.push(`- warning: ${w}`);
  return lines.join('\n');
}
