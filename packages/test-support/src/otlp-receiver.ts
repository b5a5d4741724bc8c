import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One span as received over OTLP/HTTP JSON, flattened for assertions. */
export interface ReceivedSpan {
  serviceName: string | undefined;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** OTLP numbering: 1 INTERNAL, 2 SERVER, 3 CLIENT (not the API's). */
  kind: number;
  attributes: Record<string, unknown>;
}

export type OtlpReceiver = Awaited<ReturnType<typeof startOtlpReceiver>>;

type OtlpValue = {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: OtlpValue[] };
};
interface OtlpKeyValue {
  key: string;
  value: OtlpValue;
}

/**
 * A tiny OTLP/HTTP JSON collector (POST /v1/traces, optionally gzip) for cross-process tests and
 * benches. With `onSpan`, spans are handed to it and not kept (`spans()` stays empty), so a bench
 * receiving tens of thousands per second counts them in constant memory.
 */
export async function startOtlpReceiver(options: { onSpan?: (span: ReceivedSpan) => void } = {}) {
  const received: ReceivedSpan[] = [];
  const onSpan = options.onSpan ?? ((span: ReceivedSpan) => void received.push(span));
  let requestCount = 0;
  let rejectedCount = 0;
  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/traces') {
      res.writeHead(404).end();
      return;
    }
    try {
      const raw = Buffer.concat(chunks);
      const spans = flatten(
        JSON.parse((req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')),
      );
      requestCount += 1;
      for (const span of spans) onSpan(span);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } catch (error) {
      rejectedCount += 1;
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** Base URL to pass as `otlpEndpoint` (the exporter appends /v1/traces). */
    url: `http://127.0.0.1:${port}`,
    spans: (): ReceivedSpan[] => [...received],
    /** Exports accepted, and exports refused as unreadable (e.g. protobuf: only JSON is understood). */
    requests: () => requestCount,
    rejected: () => rejectedCount,
    /** Resolves once `count` spans have arrived (rejects after `timeoutMs`). */
    async waitForSpans(count: number, timeoutMs = 5000): Promise<ReceivedSpan[]> {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} spans, received ${received.length} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return [...received];
    },
    close: (): Promise<void> =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function flatten(body: {
  resourceSpans?: Array<{
    resource?: { attributes?: OtlpKeyValue[] };
    scopeSpans?: Array<{ spans?: Array<Record<string, unknown>> }>;
  }>;
}): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  for (const resourceSpan of body.resourceSpans ?? []) {
    const resource = toRecord(resourceSpan.resource?.attributes);
    for (const scope of resourceSpan.scopeSpans ?? []) {
      for (const span of scope.spans ?? []) {
        const parent = span.parentSpanId as string | undefined;
        out.push({
          serviceName: resource['service.name'] as string | undefined,
          traceId: span.traceId as string,
          spanId: span.spanId as string,
          parentSpanId: parent === undefined || parent === '' ? undefined : parent,
          name: span.name as string,
          kind: span.kind as number,
          attributes: toRecord(span.attributes as OtlpKeyValue[] | undefined),
        });
      }
    }
  }
  return out;
}

function toRecord(attributes: OtlpKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((attributes ?? []).map(({ key, value }) => [key, valueOf(value)]));
}

function valueOf(value: OtlpValue): unknown {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(valueOf);
  return undefined;
}
