/**
 * Post-GC heap and open handles of a service, through the V8 inspector it was started with
 * (`--inspect=127.0.0.1:PORT`, on loopback): a full collection first, then the heap in use, so
 * the endurance trend sees retained memory and not garbage waiting for the next GC.
 */
export interface HeapSample {
  heapUsedMb: number;
  handles: number;
}

export class HeapProbe {
  private socket?: WebSocket;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly port: number;

  constructor(port: number) {
    this.port = port;
  }

  async connect(): Promise<void> {
    const targets = (await (await fetch(`http://127.0.0.1:${this.port}/json/list`)).json()) as {
      webSocketDebuggerUrl: string;
    }[];
    if (!targets[0]) throw new Error(`no inspector target on port ${this.port}`);
    const socket = new WebSocket(targets[0].webSocketDebuggerUrl);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener('open', () => resolve(), { once: true });
      socket.addEventListener('error', () => reject(new Error(`inspector on port ${this.port}: connection failed`)), {
        once: true,
      });
    });
    socket.addEventListener('message', (event) => {
      const msg = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      const w = msg.id === undefined ? undefined : this.waiting.get(msg.id);
      if (!w) return;
      this.waiting.delete(msg.id!);
      if (msg.error) w.reject(new Error(msg.error.message));
      else w.resolve(msg.result);
    });
    this.socket = socket;
  }

  private send(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.socket!.send(JSON.stringify({ id, method, params }));
      setTimeout(() => {
        if (this.waiting.delete(id)) reject(new Error(`inspector ${method}: no answer in 60 s`));
      }, 60_000).unref();
    });
  }

  async sample(): Promise<HeapSample> {
    await this.send('HeapProfiler.collectGarbage');
    const usage = (await this.send('Runtime.getHeapUsage')) as { usedSize: number };
    const handles = (await this.send('Runtime.evaluate', {
      expression: 'process.getActiveResourcesInfo().length',
      returnByValue: true,
    })) as { result: { value: number } };
    return { heapUsedMb: usage.usedSize / 1_048_576, handles: handles.result.value };
  }

  close(): void {
    this.socket?.close();
  }
}
