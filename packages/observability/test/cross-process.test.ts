import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOtlpReceiver, type OtlpReceiver } from '../src/testing.ts';

const SERVER = fileURLToPath(new URL('./support/toy-server.ts', import.meta.url));
let receiver: OtlpReceiver;
const children: ChildProcess[] = [];
const logs = new Map<string, string>();

async function spawn(service: string, downstream?: string): Promise<string> {
  const child = fork(SERVER, [service, receiver.url, ...(downstream ? [downstream] : [])], { execArgv: [], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  children.push(child);
  logs.set(service, '');
  child.stdout!.on('data', (chunk: Buffer) => logs.set(service, logs.get(service) + chunk.toString()));
  const { port } = await new Promise<{ port: number }>((resolve, reject) => {
    child.once('message', resolve as never);
    child.once('exit', (code) => reject(new Error(`${service} exited with ${code}`)));
  });
  return `http://127.0.0.1:${port}`;
}

async function completionLine(service: string, timeoutMs: number): Promise<Record<string, unknown> | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = logs.get(service)!.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'request completed');
    if (line !== undefined || Date.now() > deadline) return line;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  receiver = await startOtlpReceiver();
});
afterAll(async () => {
  await Promise.all(children.map((c) => new Promise((resolve) => { c.once('exit', resolve); c.kill('SIGTERM'); })));
  await receiver.close();
});

describe('two service processes exporting to one OTLP receiver', () => {
  it('one trace spans both processes with correct parent links, honouring the client traceparent', async () => {
    const aiCore = await spawn('ethixai-ai-core');
    const backend = await spawn('ethixai-backend', aiCore);
    const clientTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const clientSpan = '00f067aa0ba902b7';
    const res = await fetch(`${backend}/proxy/42`, { headers: { traceparent: `00-${clientTrace}-${clientSpan}-01`, 'x-request-id': 'e2e-1' } });
    const body = (await res.json()) as { downstream: { from: string }; downstreamTraceId: string };
    expect(res.status).toBe(200);
    expect(body.downstream.from).toBe('ethixai-ai-core');
    expect(res.headers.get('x-trace-id')).toBe(clientTrace);
    expect(body.downstreamTraceId).toBe(clientTrace);

    const spans = await receiver.waitForSpans(3, 10_000);
    const byName = Object.fromEntries(spans.map((s) => [`${s.serviceName} ${s.name}`, s]));
    const backendServer = byName['ethixai-backend GET /proxy/:id']!;
    const clientCall = byName['ethixai-backend ai-core.call']!;
    const aiCoreServer = byName['ethixai-ai-core GET /items/:id']!;
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([clientTrace]));
    expect(backendServer.parentSpanId).toBe(clientSpan);
    expect(clientCall.parentSpanId).toBe(backendServer.spanId);
    expect(aiCoreServer.parentSpanId).toBe(clientCall.spanId);
    expect([backendServer.kind, clientCall.kind, aiCoreServer.kind]).toEqual([2, 3, 2]); // OTLP: SERVER=2, CLIENT=3

    // Both processes' completion lines carry the same trace id (stdout is written in batches:
    // wait for the periodic flush).
    for (const service of ['ethixai-backend', 'ethixai-ai-core']) {
      const line = await completionLine(service, 5_000);
      expect(line).toMatchObject({ service, trace_id: clientTrace, status: 200 });
    }
  });
});
