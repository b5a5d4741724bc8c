import { describe, expect, it } from 'vitest';
import {
  documentedMetrics,
  notPromClientInstances,
} from '../../../../packages/observability/test/support/documented-metrics.ts';
import { build } from '../helper.ts';

const SECTIONS = ['HTTP (both services)', 'Runtime (both services)', 'Business metrics: backend'];

describe('backend metrics', () => {
  it('every metric documented for the backend is a prom-client instance of its type in the registry it serves', async () => {
    expect(documentedMetrics().filter((m) => SECTIONS.includes(m.section)).length).toBeGreaterThanOrEqual(14);
    const t = await build();
    try {
      expect(notPromClientInstances(t.app.telemetry.metrics!.registry, SECTIONS)).toEqual([]);
      const served = (await t.app.inject({ url: '/metrics', headers: t.metricsAuth })).body;
      for (const { name } of documentedMetrics().filter((m) => SECTIONS.includes(m.section)))
        expect(served).toContain(`# TYPE ${name} `);
    } finally {
      await t.close();
    }
  });
});
