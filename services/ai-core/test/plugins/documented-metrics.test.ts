import { createTelemetry } from '@ethixai/observability';
import { describe, expect, it } from 'vitest';
import {
  documentedMetrics,
  notPromClientInstances,
} from '../../../../packages/observability/test/support/documented-metrics.ts';
import { telemetryConfig } from '../../src/telemetry-config.ts';
import { METRICS_AUTH, build, testConfig } from '../helper.ts';

const SECTIONS = ['HTTP (both services)', 'Runtime (both services)', 'Business metrics: ai-core'];

describe('ai-core metrics', () => {
  it('every metric documented for ai-core is a prom-client instance of its type in the registry it serves', async () => {
    expect(documentedMetrics().filter((m) => SECTIONS.includes(m.section)).length).toBeGreaterThanOrEqual(6);
    const telemetry = createTelemetry(telemetryConfig(testConfig()));
    const app = await build({}, { telemetry });
    try {
      expect(notPromClientInstances(telemetry.metrics!.registry, SECTIONS)).toEqual([]);
      const served = (await app.inject({ url: '/metrics', headers: METRICS_AUTH })).body;
      for (const { name } of documentedMetrics().filter((m) => SECTIONS.includes(m.section)))
        expect(served).toContain(`# TYPE ${name} `);
    } finally {
      await app.close();
    }
  });
});
