/**
 * The request paths the observability bench drives, and one measured run against a stack:
 * client-side latency percentiles, server CPU per request from /proc (utime+stime deltas of the
 * processes on the path, divided by the requests sent, all of which completed), log lines per
 * request from the services' log files, and how busy the load generator's own core was (if it
 * approaches 100 %, max-throughput figures measure the client, not the server).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { percentile } from './evaluate-bench-support.ts';
import { closedLoop, paced, type Target } from './loadgen.ts';
import { serviceCpuSeconds, type ServiceName, type Stack, type StackConfig } from './observability-stack.ts';

export type PathId = 'analyses' | 'analyze' | 'evaluate' | 'reports';

export interface PathDef {
  id: PathId;
  title: string;
  /** Name of the server span that roots this path's traces. */
  rootSpan: string;
  status: number;
  /** Processes that do work for this path (their CPU is summed). */
  processes: readonly ServiceName[];
  /** Closed-loop concurrency of the max-throughput runs. */
  connections: number;
  /** The overhead goal judged on this path: at most this share of throughput lost in `production`. */
  maxCost?: number;
  /** The absolute goal the path has elsewhere (bench:api, bench:evaluate), quoted next to its figures. */
  absoluteGoal?: string;
  target(stack: Stack<StackConfig>): Target;
}

/** 1,000 rows, 8 groups over two attributes (the same body as bench:api, about 75 KB). */
export function analysisBody(): string {
  const rows = Array.from({ length: 1000 }, (_, i) => ({
    id: i,
    sex: i % 2 ? 'F' : 'M',
    race: ['A', 'B', 'C', 'D'][i % 4],
    age: 20 + (i % 50),
    score: ((i * 7919) % 1000) / 1000,
    label: (i * 31) % 3 === 0 ? 1 : 0,
    pred: ((i * 7919) % 1000) / 1000 > (i % 2 ? 0.55 : 0.45) ? 1 : 0,
  }));
  return JSON.stringify({
    config: { label: 'label', prediction: 'pred', score: 'score', sensitive: ['sex', 'race'] },
    data: { rows },
  });
}

export function definePaths(): Record<PathId, PathDef> {
  const body = analysisBody();
  return {
    analyses: {
      id: 'analyses',
      title: 'POST /v1/analyses (backend → ai-core, 1,000 rows inline)',
      rootSpan: 'POST /v1/analyses',
      status: 201,
      processes: ['backend', 'ai-core'],
      connections: 16,
      maxCost: 0.1,
      target: (s) => ({
        origin: s.backendUrl,
        path: '/v1/analyses',
        headers: { 'content-type': 'application/json', 'x-api-key': s.apiKey },
        body: () => body,
      }),
    },
    analyze: {
      id: 'analyze',
      title: 'POST /v1/analyze (ai-core directly, 1,000 rows)',
      rootSpan: 'POST /v1/analyze',
      status: 200,
      processes: ['ai-core'],
      connections: 16,
      target: (s) => ({
        origin: s.aiCoreUrl,
        path: '/v1/analyze',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${s.aiCoreToken}` },
        body: () => body,
      }),
    },
    evaluate: {
      id: 'evaluate',
      title: 'POST /v1/evaluate (single decision, API key, SQLite)',
      rootSpan: 'POST /v1/evaluate',
      status: 201,
      processes: ['backend'],
      connections: 50,
      absoluteGoal: '≥ 5,000 req/s and p95 < 10 ms at 1,000 req/s (bench:evaluate)',
      target: (s) => {
        // A unique decision id per request (evaluate stores every decision).
        const [head, middle, tail] = JSON.stringify({
          modelId: s.modelId,
          modelVersion: '1.0',
          decisionId: 'ID',
          subjectId: 'ID',
          sensitiveAttributes: { sex: 'F' },
          prediction: 1,
          score: 0.72,
          features: { income: 52000, debtRatio: 0.31, tenureYears: 4 },
          context: { channel: 'web' },
        }).split('"ID"');
        const run = `${process.pid}-${Date.now().toString(36)}`;
        return {
          origin: s.backendUrl,
          path: '/v1/evaluate',
          headers: { 'content-type': 'application/json', 'x-api-key': s.apiKey },
          body: (i) => `${head}"d-${run}-${i}"${middle}"s-${run}-${i}"${tail}`,
        };
      },
    },
    reports: {
      id: 'reports',
      title: 'GET /v1/reports/:id (a stored 1,000-row report, API key, gzip accepted)',
      rootSpan: 'GET /v1/reports/:id',
      status: 200,
      processes: ['backend'],
      connections: 50,
      absoluteGoal: '≥ 10,000 req/s (bench:api)',
      target: (s) => ({
        origin: s.backendUrl,
        path: `/v1/reports/${s.reportId}`,
        headers: { 'x-api-key': s.apiKey, 'accept-encoding': 'gzip, deflate' },
      }),
    },
  };
}

export interface RunMeasurement {
  kind: 'warmup' | 'calibration' | 'paced' | 'max';
  offeredRate?: number;
  /** Closed-loop concurrency (0 for the open-loop paced runs). */
  connections: number;
  wallSeconds: number;
  /** Requests sent; the run waits for each one's response. */
  responses: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses with an unexpected status, and requests that got no response. */
  failures: number;
  statuses: Record<number, number>;
  /** Server CPU µs per response, per process on the path and summed. */
  cpuUsPerReq: Record<string, number>;
  cpuUsPerReqTotal: number;
  logLinesPerReq: number;
  /** Share of one core the bench process (load generator + OTLP receiver) used during the run. */
  clientCoreBusy: number;
}

function countNewlines(file: string, from: number, to: number): number {
  const fd = openSync(file, 'r');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let lines = 0;
  try {
    for (let at = from; at < to;) {
      const n = readSync(fd, buffer, 0, Math.min(buffer.length, to - at), at);
      if (n === 0) break;
      for (let i = 0; i < n; i += 1) if (buffer[i] === 10) lines += 1;
      at += n;
    }
  } finally {
    closeSync(fd);
  }
  return lines;
}

export async function measure(
  stack: Stack<StackConfig>,
  path: PathDef,
  kind: RunMeasurement['kind'],
  seconds: number,
  rate?: number,
): Promise<RunMeasurement> {
  const services = path.processes.map((name) => stack.services[name]);
  const logBefore = services.map((s) => statSync(s.logFile).size);
  const cpuBefore = services.map((s) => serviceCpuSeconds(s));
  const clientBefore = process.cpuUsage();
  const target = path.target(stack);
  const load =
    rate === undefined ? await closedLoop(target, path.connections, seconds) : await paced(target, rate, seconds);
  const client = process.cpuUsage(clientBefore);
  const cpu = services.map((s, i) => serviceCpuSeconds(s) - cpuBefore[i]!);
  const logLines = services.reduce(
    (sum, s, i) => sum + countNewlines(s.logFile, logBefore[i]!, statSync(s.logFile).size),
    0,
  );
  const unexpected = Object.entries(load.statuses)
    .filter(([status]) => Number(status) !== path.status)
    .reduce((sum, [, n]) => sum + n, 0);
  const perReq = (x: number) => (load.sent === 0 ? Number.NaN : (x * 1e6) / load.sent);
  const latencies = Array.from(load.latenciesMs);
  return {
    kind,
    offeredRate: rate,
    connections: rate === undefined ? path.connections : 0,
    wallSeconds: load.wallSeconds,
    responses: load.sent,
    reqPerSec: load.sent / load.wallSeconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    failures: unexpected + load.errors,
    statuses: load.statuses,
    cpuUsPerReq: Object.fromEntries(services.map((s, i) => [s.name, perReq(cpu[i]!)])),
    cpuUsPerReqTotal: perReq(cpu.reduce((a, b) => a + b, 0)),
    logLinesPerReq: load.sent === 0 ? Number.NaN : logLines / load.sent,
    clientCoreBusy: (client.user + client.system) / 1e6 / load.wallSeconds,
  };
}

/**
 * Slices of one run kind against one stack, taken in turns with the other stacks, as one
 * measurement: totals for requests, wall time and CPU (so CPU per request is weighted by
 * requests), and latency percentiles as the median of the slices' percentiles.
 */
export function combineSlices(slices: readonly RunMeasurement[]): RunMeasurement {
  if (slices.length === 0) throw new Error('combineSlices: no slices');
  const first = slices[0]!;
  const responses = slices.reduce((sum, s) => sum + s.responses, 0);
  const wallSeconds = slices.reduce((sum, s) => sum + s.wallSeconds, 0);
  const weighted = (pick: (s: RunMeasurement) => number) =>
    responses === 0 ? Number.NaN : slices.reduce((sum, s) => sum + pick(s) * s.responses, 0) / responses;
  const medianOf = (pick: (s: RunMeasurement) => number) => percentile(slices.map(pick), 0.5);
  const statuses: Record<number, number> = {};
  for (const s of slices)
    for (const [status, n] of Object.entries(s.statuses))
      statuses[Number(status)] = (statuses[Number(status)] ?? 0) + n;
  return {
    kind: first.kind,
    offeredRate: first.offeredRate,
    connections: first.connections,
    wallSeconds,
    responses,
    reqPerSec: responses / wallSeconds,
    p50: medianOf((s) => s.p50),
    p95: medianOf((s) => s.p95),
    p99: medianOf((s) => s.p99),
    failures: slices.reduce((sum, s) => sum + s.failures, 0),
    statuses,
    cpuUsPerReq: Object.fromEntries(
      Object.keys(first.cpuUsPerReq).map((name) => [name, weighted((s) => s.cpuUsPerReq[name]!)]),
    ),
    cpuUsPerReqTotal: weighted((s) => s.cpuUsPerReqTotal),
    logLinesPerReq: weighted((s) => s.logLinesPerReq),
    clientCoreBusy: Math.max(...slices.map((s) => s.clientCoreBusy)),
  };
}
