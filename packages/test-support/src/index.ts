// Test doubles at the telemetry boundary for the tests of packages, services, e2e and the benches.
export { createInMemoryTelemetry, type InMemoryTelemetry } from './in-memory-telemetry.ts';
export type { ReadableSpan } from '@ethixai/observability';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './otlp-receiver.ts';
export { findSamples, parseLabels, parseScrape, sampleValue, type Scrape, type ScrapeSample } from './scrape-parser.ts';
export { captureLogs, type LogCapture } from './log-capture.ts';
