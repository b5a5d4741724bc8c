import { Writable } from 'node:stream';

export interface LogCapture {
  /** A pino destination: pass as `destination` to createLogger. */
  stream: Writable;
  /** Every line written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  /** The raw text written so far (to assert that a secret never appears anywhere). */
  text(): string;
}

export function captureLogs(): LogCapture {
  let buffer = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      buffer += chunk.toString();
      callback();
    },
  });
  return {
    stream,
    text: () => buffer,
    lines: () =>
      buffer
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
