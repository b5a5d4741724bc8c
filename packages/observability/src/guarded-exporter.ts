import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

export type ExportFailureHandler = (error: Error | undefined, spanCount: number) => void;

/**
 * Wraps the real exporter so a collector outage stays a telemetry problem: failures are
 * reported to the handler (a counter and a debug log) and nothing ever throws into the
 * span processor, let alone into a request.
 */
export class GuardedExporter implements SpanExporter {
  private readonly inner: SpanExporter;
  private readonly onFailure: ExportFailureHandler;

  constructor(
    inner: SpanExporter,
    onFailure: ExportFailureHandler = () => undefined,
  ) {
    this.inner = inner;
    this.onFailure = onFailure;
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    try {
      this.inner.export(spans, (result) => {
        if (result.code !== ExportResultCode.SUCCESS) this.report(result.error, spans.length);
        resultCallback(result);
      });
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      this.report(err, spans.length);
      resultCallback({ code: ExportResultCode.FAILED, error: err });
    }
  }

  async shutdown(): Promise<void> {
    await this.inner.shutdown().catch((error: unknown) => this.report(toError(error), 0));
  }

  async forceFlush(): Promise<void> {
    await this.inner.forceFlush?.().catch((error: unknown) => this.report(toError(error), 0));
  }

  private report(error: Error | undefined, spanCount: number): void {
    try {
      this.onFailure(error, spanCount);
    } catch {
      // A broken failure handler must not turn into a broken export path.
    }
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
