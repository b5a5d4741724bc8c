import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver, type ReceivedSpan } from '@ethixai/test-support';

const SERVER = fileURLToPath(new URL('./support/toy-server.ts', import.meta.url));
let receiver: OtlpReceiver;
const children: ChildProcess[] = [];
const logs = new Map<string, string>();

async function spawn(service: string, downstream?: string): Promise<string> {
  const child = fork(SERVER, [service, receiver.url, ...(downstream ? [downstream] : [])], {
    execArgv: [],
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  children.push(child);
  logs.set(service, '');
  child.stdout!.on('data', (chunk: Buffer) => logs.set(service, logs.get(service) + chunk.toString()));
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('message', resolve as never);
    child.once('exit', (code) => reject(new Error(`${service} exited with ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

const completionLine = (service: string) =>
  logs
    .get(service)!
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .find((l) => l.msg === 'request completed');

/** SIGTERM: each process closes and its telemetry flushes the pending spans before it exits. */
const stopAll = () =>
  Promise.all(
    children.map(
      (c) =>
        new Promise((resolve) => {
          if (c.exitCode !== null) return resolve(undefined);
          c.once('exit', resolve);
          c.kill('SIGTERM');
        }),
    ),
  );

beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(async () => {
  await stopAll();
  await receiver.close();
});

describe('two service processes exporting to one OTLP receiver', () => {
  it('one trace: backend SERVER → undici CLIENT → ai-core SERVER → stage span, honouring the client traceparent', async () => {
    const aiCore = await spawn('ethixai-ai-core');
    const backend = await spawn('ethixai-backend', aiCore);
    const clientTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const clientSpan = '00f067aa0ba902b7';
    const res = await fetch(`${backend}/proxy/42`, {
      headers: { traceparent: `00-${clientTrace}-${clientSpan}-01`, 'x-request-id': 'e2e-1' },
    });
    const body = (await res.json()) as { downstream: { from: string }; downstreamTraceId: string };
    expect(res.status).toBe(200);
    expect(body.downstream.from).toBe('ethixai-ai-core');
    expect(res.headers.get('x-trace-id')).toBe(clientTrace);
    expect(body.downstreamTraceId).toBe(clientTrace);

    await stopAll();
    const spans = receiver.spans();
    const find = (service: string, kind: number, name?: string) =>
      spans.find((s) => s.serviceName === service && s.kind === kind && (name === undefined || s.name === name));
    const ancestry = (span: ReceivedSpan) => {
      const chain: string[] = [];
      for (
        let parent = span.parentSpanId;
        parent !== undefined;
        parent = spans.find((s) => s.spanId === parent)?.parentSpanId
      )
        chain.push(parent);
      return chain;
    };
    // OTLP kinds: INTERNAL=1, SERVER=2, CLIENT=3.
    const backendServer = find('ethixai-backend', 2, 'GET /proxy/:id')!;
    const clientCall = find('ethixai-backend', 3)!;
    const aiCoreServer = find('ethixai-ai-core', 2, 'GET /items/:id')!;
    const stage = find('ethixai-ai-core', 1, 'analysis.audit')!;
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([clientTrace]));
    expect(backendServer.parentSpanId).toBe(clientSpan);
    expect(ancestry(clientCall)).toContain(backendServer.spanId);
    expect(clientCall.attributes['http.request.method']).toBe('GET');
    expect(aiCoreServer.parentSpanId).toBe(clientCall.spanId);
    expect(ancestry(stage)).toContain(aiCoreServer.spanId);

    // Both processes' completion lines carry the same trace id.
    for (const service of ['ethixai-backend', 'ethixai-ai-core']) {
      expect(completionLine(service)).toMatchObject({ service, trace_id: clientTrace, status: 200 });
    }
  });
});
