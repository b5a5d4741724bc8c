import { parseArgs } from 'node:util';

/** Where the four components answer; defaults are the reference deployment's ports on localhost. */
export interface HealthCheckOptions {
  readonly backendUrl: string;
  readonly aiCoreUrl: string;
  readonly prometheusUrl: string;
  readonly alertmanagerUrl: string;
  readonly timeoutMs: number;
}

export const USAGE = `Usage: npm run health-check -- [--backend URL] [--ai-core URL] [--prometheus URL] [--alertmanager URL] [--timeout-ms N]
Defaults: http://127.0.0.1:5000, :8100, :9090, :9093; 5000 ms per request.
Exit status: 0 when everything is healthy, 1 when something is not (named in the last line), 2 on bad arguments.`;

export class UsageError extends Error {}

/** The command line is the tool's only input (no environment), so a run is fully described by it. */
export function parseOptions(argv: readonly string[]): HealthCheckOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        backend: { type: 'string', default: 'http://127.0.0.1:5000' },
        'ai-core': { type: 'string', default: 'http://127.0.0.1:8100' },
        prometheus: { type: 'string', default: 'http://127.0.0.1:9090' },
        alertmanager: { type: 'string', default: 'http://127.0.0.1:9093' },
        'timeout-ms': { type: 'string', default: '5000' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const url = (name: string, text: string) => {
    if (!/^https?:\/\/[^/]+/.test(text))
      throw new UsageError(`--${name} must be an http(s) URL, got ${JSON.stringify(text)}`);
    return text.replace(/\/+$/, '');
  };
  const timeoutMs = Number(values['timeout-ms']);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000)
    throw new UsageError(`--timeout-ms must be an integer from 100 to 120000, got ${values['timeout-ms']}`);
  return {
    backendUrl: url('backend', values.backend),
    aiCoreUrl: url('ai-core', values['ai-core']),
    prometheusUrl: url('prometheus', values.prometheus),
    alertmanagerUrl: url('alertmanager', values.alertmanager),
    timeoutMs,
  };
}
