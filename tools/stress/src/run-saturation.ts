/**
 * The saturation ramp: closed loop with autocannon (the one scenario where a closed loop is the
 * point: it finds the throughput ceiling), more connections each step. Every response's status
 * and latency go through the same recorder as the open-loop runs. autocannon drops the requests
 * still in flight when a step's time is up (at most one per connection), so a step's throughput
 * is a slight underestimate at many connections.
 */
import autocannon from 'autocannon';
import { buildRequest } from './endpoints.ts';
import type { Fixtures } from './fixtures.ts';
import type { LiveMetrics } from './live-metrics.ts';
import type { Recorder } from './recorder.ts';
import type { SaturationStep } from './result.ts';
import type { SaturationScenario } from './scenario.ts';
import type { Stack } from './stack.ts';

export async function runSaturation(
  stack: Stack,
  fixtures: Fixtures,
  scenario: SaturationScenario,
  recorder: Recorder,
  nextIndex: () => number,
  live?: LiveMetrics,
): Promise<{ wallSeconds: number; steps: SaturationStep[] }> {
  const started = performance.now();
  const steps: SaturationStep[] = [];
  for (const step of scenario.steps) {
    const name = `${scenario.endpoint} c=${step.connections}`;
    const stepStart = performance.now();
    // Closed loop: one request in flight per connection, and no schedule offering a rate.
    live?.setPhase(`c=${step.connections}`, { inFlight: step.connections });
    const instance = autocannon({
      url: stack.backend.url,
      connections: step.connections,
      duration: step.seconds,
      pipelining: 1,
      timeout: 60,
      requests: [
        {
          setupRequest: () => {
            const spec = buildRequest(scenario.endpoint, fixtures, nextIndex());
            return { method: spec.method, path: spec.path, headers: spec.headers, body: spec.body };
          },
        },
      ],
    });
    let answered = 0;
    instance.on('response', (_client: unknown, status: number, _bytes: number, responseTimeMs: number) => {
      answered += 1;
      const outcome = {
        index: 0,
        dueMs: performance.now() - started - responseTimeMs,
        latencyMs: responseTimeMs,
        status,
      };
      recorder.record(name, outcome);
      live?.record(scenario.endpoint, outcome, { wasSent: false });
    });
    const result = await instance;
    const seconds = (performance.now() - stepStart) / 1000;
    // autocannon counts connection errors and timeouts without a response: they are failures too.
    for (let e = 0; e < result.errors; e += 1) {
      const outcome = {
        index: 0,
        dueMs: performance.now() - started,
        latencyMs: 0,
        error: 'connection error or timeout',
      };
      recorder.record(name, outcome);
      live?.record(scenario.endpoint, outcome, { wasSent: false });
    }
    steps.push({
      connections: step.connections,
      seconds,
      throughput: answered / seconds,
      latencyMs: { p50: 0, p90: 0, p95: 0, p99: 0, p999: 0, max: 0, mean: 0 },
      unexpected: 0,
      statuses: {},
    });
  }
  return { wallSeconds: (performance.now() - started) / 1000, steps };
}
