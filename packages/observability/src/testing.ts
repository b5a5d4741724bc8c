// Test doubles and helpers for services' tests (import from '@ethixai/observability/testing').
export { createInMemoryTracing, type InMemoryTracing } from './testing/in-memory-tracing.ts';
export { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from './testing/otlp-receiver.ts';
export { findSamples, parseLabels, parseScrape, sampleValue, type Scrape, type ScrapeSample } from './testing/scrape-parser.ts';
export { captureLogs, type LogCapture } from './testing/log-capture.ts';
