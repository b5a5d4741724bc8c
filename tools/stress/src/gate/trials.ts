/**
 * Alternating trials of the same fixed-rate workload against several running builds: trial k
 * visits them in an order rotated by k, so each build is measured early and late in the rounds
 * and slow drifts of the machine's load average out of the ratios.
 */
import { cpuSeconds } from '@ethixai/bench/support';
import { createFixtures, type Fixtures } from '../fixtures.ts';
import { Recorder } from '../recorder.ts';
import { drive } from '../run-scenario.ts';
import type { OpenLoopScenario } from '../scenario.ts';
import type { Stack } from '../stack.ts';
import type { TrialMeasurement } from './verdict.ts';

export interface Contender { label: string; stack: Stack }

async function measure(stack: Stack, fixtures: Fixtures, scenario: OpenLoopScenario): Promise<TrialMeasurement> {
  const pids = [stack.backend.pid!, stack.aiCore.pid!];
  const recorder = new Recorder(Object.fromEntries(scenario.mix.map((m) => [m.endpoint, m.expect])));
  const before = pids.map(cpuSeconds);
  const wall = await drive(stack, fixtures, scenario, scenario.phases, (endpoint, o) => recorder.record(endpoint, o));
  const cpu = pids.map(cpuSeconds).reduce((a, c, i) => a + c - before[i], 0);
  const { endpoints } = recorder.finish(wall);
  const answered = Object.values(endpoints).reduce((a, e) => a + e.count - Object.values(e.errors).reduce((x, y) => x + y, 0), 0);
  return {
    cpuUsPerRequest: (cpu * 1e6) / answered,
    p95Ms: Object.fromEntries(Object.entries(endpoints).map(([n, e]) => [n, e.latencyMs.p95])),
    unexpected: Object.values(endpoints).reduce((a, e) => a + e.unexpected, 0),
  };
}

export async function alternatingTrials(contenders: Contender[], scenario: OpenLoopScenario, trials: number, log: (l: string) => void = () => {}): Promise<Map<string, TrialMeasurement[]>> {
  const fixtures = new Map<string, Fixtures>();
  for (const c of contenders) fixtures.set(c.label, await createFixtures(c.stack.backend.url, c.stack.login));
  // Warm-up (JIT, caches), unrecorded, at the trial's rate.
  for (const c of contenders) {
    const rate = 'rate' in scenario.phases[0] ? scenario.phases[0].rate : scenario.phases[0].from;
    await drive(c.stack, fixtures.get(c.label)!, scenario, [{ name: 'warm-up', seconds: scenario.warmupSeconds, rate }]);
  }
  const results = new Map<string, TrialMeasurement[]>(contenders.map((c) => [c.label, []]));
  for (let k = 0; k < trials; k += 1) {
    const order = contenders.map((_, i) => contenders[(i + k) % contenders.length]);
    for (const c of order) {
      const m = await measure(c.stack, fixtures.get(c.label)!, scenario);
      results.get(c.label)!.push(m);
      log(`trial ${k + 1}/${trials} ${c.label}: ${m.cpuUsPerRequest.toFixed(0)} µs CPU/request, p95 ${Object.entries(m.p95Ms).map(([e, v]) => `${e} ${v.toFixed(1)} ms`).join(', ')}${m.unexpected ? `, ${m.unexpected} unexpected answers` : ''}`);
    }
  }
  return results;
}
