/**
 * A counting OTLP/HTTP receiver for the observability bench: accepts `POST /v1/traces` (JSON,
 * optionally gzip) from the services exactly as a collector would, so the services really
 * serialise and send their spans, and counts spans per trace. Spans are not kept: at 100 %
 * sampling the evaluate path exports tens of thousands per second and the receiver shares the
 * load generator's core. A trace is attributed to a path by the name of its root span (the server
 * span of the request the bench sent), which may arrive after its children.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface SpanTally {
  /** Traces whose root span has this name (e.g. `POST /v1/evaluate`), and their spans. */
  byRoot: Record<string, { traces: number; spans: number }>;
  /** Spans of traces whose root never arrived (dropped by a full queue, or background work). */
  orphanSpans: number;
  totalSpans: number;
  /** Spans per exporting service (resource attribute service.name). */
  byService: Record<string, number>;
  exportRequests: number;
  rejectedRequests: number;
}

export interface CountingReceiver {
  url: string;
  tally(): SpanTally;
  close(): Promise<void>;
}

interface OtlpSpan { traceId?: string; parentSpanId?: string; name?: string }
interface OtlpResource { attributes?: Array<{ key: string; value?: { stringValue?: string } }> }
interface OtlpBody { resourceSpans?: Array<{ resource?: OtlpResource; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> }

export async function startCountingReceiver(): Promise<CountingReceiver> {
  const spansPerTrace = new Map<string, number>();
  const rootName = new Map<string, string>();
  const byService: Record<string, number> = {};
  let totalSpans = 0;
  let exportRequests = 0;
  let rejectedRequests = 0;

  function count(body: OtlpBody): void {
    for (const resource of body.resourceSpans ?? []) {
      const service = resource.resource?.attributes?.find((a) => a.key === 'service.name')?.value?.stringValue ?? 'unknown';
      for (const scope of resource.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          const traceId = span.traceId ?? '';
          totalSpans += 1;
          byService[service] = (byService[service] ?? 0) + 1;
          spansPerTrace.set(traceId, (spansPerTrace.get(traceId) ?? 0) + 1);
          if (span.parentSpanId === undefined || span.parentSpanId === '') rootName.set(traceId, span.name ?? '');
        }
      }
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/traces') {
      res.writeHead(404).end();
      return;
    }
    try {
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      count(JSON.parse(text) as OtlpBody);
      exportRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    } catch (error) {
      // A protobuf or malformed export would be counted as zero spans: make that visible instead.
      rejectedRequests += 1;
      res.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tally() {
      const byRoot: SpanTally['byRoot'] = {};
      let orphanSpans = 0;
      for (const [traceId, spans] of spansPerTrace) {
        const name = rootName.get(traceId);
        if (name === undefined) {
          orphanSpans += spans;
          continue;
        }
        const entry = (byRoot[name] ??= { traces: 0, spans: 0 });
        entry.traces += 1;
        entry.spans += spans;
      }
      return { byRoot, orphanSpans, totalSpans, byService: { ...byService }, exportRequests, rejectedRequests };
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** Two tallies as one (the same configuration's receivers over several rounds). */
export function addTallies(a: SpanTally, b: SpanTally): SpanTally {
  const byRoot: SpanTally['byRoot'] = { ...a.byRoot };
  for (const [name, { traces, spans }] of Object.entries(b.byRoot)) {
    const entry = byRoot[name] ?? { traces: 0, spans: 0 };
    byRoot[name] = { traces: entry.traces + traces, spans: entry.spans + spans };
  }
  const byService = { ...a.byService };
  for (const [name, n] of Object.entries(b.byService)) byService[name] = (byService[name] ?? 0) + n;
  return {
    byRoot, byService,
    orphanSpans: a.orphanSpans + b.orphanSpans,
    totalSpans: a.totalSpans + b.totalSpans,
    exportRequests: a.exportRequests + b.exportRequests,
    rejectedRequests: a.rejectedRequests + b.rejectedRequests,
  };
}
