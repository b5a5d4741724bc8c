import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One notification Alertmanager delivered: where to, when, and its JSON body. */
export interface Delivery {
  readonly path: string;
  readonly receivedAt: number;
  readonly body: any;
  readonly authorization: string | undefined;
}

/**
 * Stands in for Slack's and PagerDuty's HTTP endpoints, the one network boundary that cannot
 * run here: it records every POST (answering as the real services do: Slack "ok", PagerDuty 202)
 * so the test can check each payload's shape and which receiver it reached.
 */
export class CaptureServer {
  readonly deliveries: Delivery[] = [];
  private readonly server: Server;
  url = '';

  private constructor() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // kept as text; a shape check will fail on it
        }
        this.deliveries.push({
          path: req.url ?? '',
          receivedAt: Date.now(),
          body,
          authorization: req.headers.authorization,
        });
        if (req.url?.startsWith('/pagerduty')) {
          res
            .writeHead(202, { 'content-type': 'application/json' })
            .end('{"status":"success","message":"Event processed"}');
        } else {
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        }
      });
    });
  }

  static async start(): Promise<CaptureServer> {
    const capture = new CaptureServer();
    await new Promise<void>((resolve) => capture.server.listen(0, '127.0.0.1', resolve));
    capture.url = `http://127.0.0.1:${(capture.server.address() as AddressInfo).port}`;
    return capture;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
