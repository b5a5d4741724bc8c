// Minimal types for autocannon 9 (it ships none): only what the benches here use.
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';
  namespace autocannon {
    interface Options {
      url: string;
      method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
      headers?: Record<string, string>;
      body?: string;
      connections?: number;
      duration?: number;
      overallRate?: number;
      pipelining?: number;
      idReplacement?: boolean;
      /** Requests sent in turn; setupRequest may rewrite each one before it is sent. */
      requests?: {
        method?: string;
        path?: string;
        headers?: Record<string, string>;
        body?: string | Buffer;
        setupRequest?: (request: RawRequest) => RawRequest;
      }[];
      timeout?: number;
    }
    interface RawRequest {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string | Buffer;
    }
    interface Result {
      requests: { average: number; total: number };
      latency: { p50: number; p90: number; p97_5: number; p99: number; average: number };
      errors: number;
      timeouts: number;
      non2xx: number;
    }
    type Instance = EventEmitter & PromiseLike<Result>;
  }
  function autocannon(options: autocannon.Options): autocannon.Instance;
  export default autocannon;
}
