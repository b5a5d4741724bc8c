import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from '../src/fault-proxy.ts';

/** An echo server behind the proxy: what the proxy passes, delays, resets or swallows is observable. */
let echo: net.Server;
let proxy: FaultProxy;

beforeAll(async () => {
  echo = net.createServer((s) => s.pipe(s));
  await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
  proxy = new FaultProxy({ host: '127.0.0.1', port: (echo.address() as net.AddressInfo).port });
  await proxy.listen();
});
afterAll(async () => {
  await proxy.close();
  await new Promise((r) => echo.close(r));
});

/** Sends `text`, resolves with what came back within `waitMs`, or how the connection ended. */
function roundTrip(text: string, waitMs = 1_000): Promise<{ echoed: string; ended: string; ms: number }> {
  return new Promise((resolve) => {
    const start = performance.now();
    const socket = net.connect(proxy.port, '127.0.0.1');
    let echoed = '';
    const done = (ended: string) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ echoed, ended, ms: performance.now() - start });
    };
    const timer = setTimeout(() => done('silence'), waitMs);
    socket.on('data', (d) => {
      echoed += d;
      if (echoed === text) done('echoed');
    });
    socket.on('error', (e: NodeJS.ErrnoException) => done(e.code ?? 'error'));
    socket.on('close', () => done('closed'));
    socket.write(text);
  });
}

describe('fault proxy', () => {
  it('passes traffic unchanged', async () => {
    expect(await roundTrip('hello')).toMatchObject({ echoed: 'hello', ended: 'echoed' });
  });

  it('adds latency both ways', async () => {
    const fast = await roundTrip('a');
    proxy.set({ kind: 'latency', ms: 150 });
    const slow = await roundTrip('a');
    proxy.set({ kind: 'none' });
    expect(slow.echoed).toBe('a');
    expect(slow.ms).toBeGreaterThan(fast.ms + 250);
  });

  it('resets connections', async () => {
    proxy.set({ kind: 'reset' });
    const r = await roundTrip('x');
    proxy.set({ kind: 'none' });
    expect(r.echoed).toBe('');
    expect(['ECONNRESET', 'closed']).toContain(r.ended);
  });

  it('blackholes: the connection stays open and nothing comes back', async () => {
    proxy.set({ kind: 'blackhole' });
    const r = await roundTrip('x', 300);
    proxy.set({ kind: 'none' });
    expect(r).toMatchObject({ echoed: '', ended: 'silence' });
    expect((await roundTrip('back')).echoed).toBe('back');
  });
});
