/**
 * ai-core's telemetry, built from the validated configuration by the composition root
 * (server.ts, and test/helper.ts the same way): Prometheus metrics, OpenTelemetry tracing and the
 * health state behind /ready. `stageObserver` connects the engine's stage clock to them:
 * each stage becomes an `analysis.<stage>` span and an `ethixai_analysis_stage_duration_seconds`
 * observation whose exemplar is that span.
 */
import {
  ATTR_ANALYSIS_STAGE, SPAN_ANALYSIS_STAGE_PREFIX, createMetrics, createTracing, type Metrics, type Tracing,
} from '@ethixai/observability';
import { createHealthState, type HealthState } from '@ethixai/service-kit';
import type { TelemetryConfig } from '../config/env.ts';
import { NOOP_STAGE_OBSERVER, type StageObserver } from '../analysis/stages.ts';

export const SERVICE_VERSION = '0.1.0';

export interface AiCoreTelemetry {
  readonly metrics?: Metrics;
  readonly tracing?: Tracing;
  readonly health: HealthState;
}

export function createTelemetry(config: TelemetryConfig): AiCoreTelemetry {
  // ai-core records no per-model series; the cap only matters for the backend's business metrics.
  const metrics = config.metricsEnabled ? createMetrics({ service: config.serviceName, maxModelLabels: 0 }) : undefined;
  const tracing = config.tracingEnabled
    ? createTracing({
      serviceName: config.serviceName,
      serviceVersion: SERVICE_VERSION,
      enabled: true,
      otlpEndpoint: config.otlpEndpoint,
      sampleRatio: config.sampleRatio,
      onExportFailure: () => metrics?.telemetryExportFailures.inc(),
    })
    : undefined;
  return { metrics, tracing, health: createHealthState() };
}

export function stageObserver(telemetry: Partial<AiCoreTelemetry>): StageObserver {
  const { metrics, tracing } = telemetry;
  if (metrics === undefined && tracing === undefined) return NOOP_STAGE_OBSERVER;
  return {
    wrap: tracing === undefined
      ? (_stage, fn) => fn()
      : (stage, fn, parent) => tracing.withSpan(`${SPAN_ANALYSIS_STAGE_PREFIX}${stage}`, { [ATTR_ANALYSIS_STAGE]: stage }, fn, { parent }),
    record: metrics === undefined
      ? () => {}
      : (stage, seconds) => metrics.business.observeAnalysisStage(stage, seconds),
  };
}
