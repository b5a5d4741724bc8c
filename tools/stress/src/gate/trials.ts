/**
 * Alternating trials of the same fixed-rate workload against several running builds. A trial is
 * cut into slices (1 s each by default, as the observability bench does): slice by slice the
 * builds take turns, in an order rotated every slice, so each build's share of the trial sees the
 * same seconds of the machine's load as the others'. Each build's CPU and latencies are summed
 * over its slices; a slice ends when its last response has arrived, so its CPU is all its own.
 */
import { cpuSeconds } from '@ethixai/bench/support';
import { createFixtures, type Fixtures } from '../fixtures.ts';
import { Recorder } from '../recorder.ts';
import { drive } from '../run-scenario.ts';
import type { OpenLoopScenario } from '../scenario.ts';
import type { Stack } from '../stack.ts';
import type { TrialMeasurement } from './verdict.ts';

export interface Contender {
  label: string;
  stack: Stack;
}

/** One build's share of a trial: its recorder and CPU, summed over its slices. */
class Share {
  readonly recorder: Recorder;
  cpuSeconds = 0;
  wallSeconds = 0;
  constructor(scenario: OpenLoopScenario) {
    this.recorder = new Recorder(Object.fromEntries(scenario.mix.map((m) => [m.endpoint, m.expect])));
  }

  async slice(
    stack: Stack,
    fixtures: Fixtures,
    scenario: OpenLoopScenario,
    phases: OpenLoopScenario['phases'],
  ): Promise<void> {
    const pids = [...stack.backends, ...stack.aiCores].map((s) => s.pid!);
    const before = pids.map(cpuSeconds);
    this.wallSeconds += await drive(stack, fixtures, scenario, phases, (endpoint, o) =>
      this.recorder.record(endpoint, o),
    );
    this.cpuSeconds += pids.map(cpuSeconds).reduce((a, c, i) => a + c - before[i], 0);
  }

  result(): TrialMeasurement {
    const { endpoints } = this.recorder.finish(this.wallSeconds);
    const answered = Object.values(endpoints).reduce(
      (a, e) => a + e.count - Object.values(e.errors).reduce((x, y) => x + y, 0),
      0,
    );
    return {
      cpuUsPerRequest: (this.cpuSeconds * 1e6) / answered,
      p95Ms: Object.fromEntries(Object.entries(endpoints).map(([n, e]) => [n, e.latencyMs.p95])),
      unexpected: Object.values(endpoints).reduce((a, e) => a + e.unexpected, 0),
    };
  }
}

export async function alternatingTrials(
  contenders: Contender[],
  scenario: OpenLoopScenario,
  trials: number,
  log: (l: string) => void = () => {},
  sliceSeconds = 1,
): Promise<Map<string, TrialMeasurement[]>> {
  const total = scenario.phases.reduce((a, p) => a + p.seconds, 0);
  const slices = Math.max(1, Math.round(total / sliceSeconds));
  const slicePhases = scenario.phases.map((p) => ({ ...p, seconds: p.seconds / slices }));
  const fixtures = new Map<string, Fixtures>();
  for (const c of contenders) fixtures.set(c.label, await createFixtures(c.stack.backend.url, c.stack.login));
  // Warm-up (JIT, caches), unrecorded: the same 1 s turns, so no build warms up while the other idles.
  const rate = 'rate' in scenario.phases[0] ? scenario.phases[0].rate : scenario.phases[0].from;
  for (let s = 0; s < Math.round(scenario.warmupSeconds / sliceSeconds); s += 1) {
    for (let i = 0; i < contenders.length; i += 1) {
      const c = contenders[(i + s) % contenders.length];
      await drive(c.stack, fixtures.get(c.label)!, scenario, [{ name: 'warm-up', seconds: sliceSeconds, rate }]);
    }
  }
  const results = new Map<string, TrialMeasurement[]>(contenders.map((c) => [c.label, []]));
  for (let k = 0; k < trials; k += 1) {
    const shares = new Map(contenders.map((c) => [c.label, new Share(scenario)]));
    for (let s = 0; s < slices; s += 1) {
      for (let i = 0; i < contenders.length; i += 1) {
        const c = contenders[(i + k + s) % contenders.length];
        await shares.get(c.label)!.slice(c.stack, fixtures.get(c.label)!, scenario, slicePhases);
      }
    }
    for (const c of contenders) {
      const m = shares.get(c.label)!.result();
      results.get(c.label)!.push(m);
      log(
        `trial ${k + 1}/${trials} ${c.label}: ${m.cpuUsPerRequest.toFixed(0)} µs CPU/request, p95 ${Object.entries(
          m.p95Ms,
        )
          .map(([e, v]) => `${e} ${v.toFixed(1)} ms`)
          .join(', ')}${m.unexpected ? `, ${m.unexpected} unexpected answers` : ''}`,
      );
    }
  }
  return results;
}
