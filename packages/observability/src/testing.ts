// Test doubles and helpers for services' tests (import from '@ethixai/observability/testing').
export { createInMemoryTelemetry, type InMemoryTelemetry } from './testing/in-memory-telemetry.ts';
export type { ReadableSpan } from '@opentelemetry/sdk-trace';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './testing/otlp-receiver.ts';
export {
  findSamples,
  parseLabels,
  parseScrape,
  sampleValue,
  type Scrape,
  type ScrapeSample,
} from './testing/scrape-parser.ts';
export { captureLogs, type LogCapture } from './testing/log-capture.ts';
