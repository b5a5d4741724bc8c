import { Writable } from 'node:stream';

export type LogCapture = ReturnType<typeof captureLogs>;

/** A pino destination (`stream`) that keeps what is written: as text (to assert a secret never appears anywhere) and parsed lines. */
export function captureLogs() {
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
    lines: (): Array<Record<string, unknown>> =>
      buffer
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}
