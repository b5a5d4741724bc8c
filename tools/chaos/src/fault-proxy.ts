import net from 'node:net';

/** What the proxy does to traffic: pass it, delay it, reset connections, or swallow it silently. */
export type Fault = { kind: 'none' } | { kind: 'latency'; ms: number } | { kind: 'reset' } | { kind: 'blackhole' };

interface Link {
  client: net.Socket;
  upstream: net.Socket;
}

/**
 * A TCP proxy on a loopback port in front of one upstream, whose fault can be changed while
 * traffic flows. A fault applies to new connections and to open ones: `reset` resets every open
 * connection (RST) and every new one on accept; `blackhole` keeps connections open but drops
 * every byte both ways (a partition: nothing errors, nothing answers); `latency` delays each
 * chunk in both directions.
 */
export class FaultProxy {
  private fault: Fault = { kind: 'none' };
  private readonly links = new Set<Link>();
  private readonly server: net.Server;
  private readonly target: { host: string; port: number };
  port = 0;

  constructor(target: { host: string; port: number }) {
    this.target = target;
    this.server = net.createServer((client) => this.accept(client));
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  set(fault: Fault): void {
    this.fault = fault;
    if (fault.kind === 'reset') for (const link of this.links) this.drop(link);
  }

  private accept(client: net.Socket): void {
    client.on('error', () => {});
    if (this.fault.kind === 'reset') return void client.resetAndDestroy();
    const upstream = net.connect(this.target.port, this.target.host);
    upstream.on('error', () => client.destroy());
    const link = { client, upstream };
    this.links.add(link);
    const close = () => {
      this.links.delete(link);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close);
    upstream.on('close', close);
    this.pipe(client, upstream);
    this.pipe(upstream, client);
  }

  private pipe(from: net.Socket, to: net.Socket): void {
    from.on('data', (chunk: Buffer) => {
      const fault = this.fault;
      if (fault.kind === 'blackhole') return;
      if (fault.kind === 'latency') {
        from.pause();
        setTimeout(() => {
          if (!to.destroyed) to.write(chunk);
          from.resume();
        }, fault.ms);
        return;
      }
      if (!to.destroyed) to.write(chunk);
    });
    from.on('end', () => to.end());
  }

  private drop(link: Link): void {
    this.links.delete(link);
    if (!link.client.destroyed) link.client.resetAndDestroy();
    link.upstream.destroy();
  }

  async close(): Promise<void> {
    for (const link of this.links) this.drop(link);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
