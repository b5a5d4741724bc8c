import { LogController, type FastifyBaseLogger } from 'fastify';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { isoTimeField } from './iso-time.ts';
import { LineBatch, syncByteDestination } from './line-batch.ts';
import { redactSecrets } from './redact.ts';
import { genRequestId } from './request-id.ts';
import { LOG_MSG, LOG_REQUEST_ID, LOG_SERVICE } from './names.ts';

export interface LoggerConfig {
  /** OTel service name; the `service` field of every line. */
  service: string;
  level?: string;
  /** Where lines go; stdout by default (tests pass a capture stream). */
  destination?: DestinationStream;
}

/** pino options: JSON lines with time, level (as text), service, msg (request loggers add request and trace ids). */
export function createLoggerOptions(config: LoggerConfig): LoggerOptions {
  return {
    level: config.level ?? 'info',
    messageKey: LOG_MSG,
    base: { [LOG_SERVICE]: config.service },
    timestamp: isoTimeField,
    formatters: { level: (label) => ({ level: label }), log: redactSecrets, bindings: redactSecrets },
  };
}

// stdout is written in chunks of up to LOG_BATCH_BYTES (or every LOG_FLUSH_MS when quieter), not
// a write(2) per line; each line is encoded into the chunk as it comes (line-batch.ts says why).
// The writes are synchronous: an asynchronous write still in the thread pool when the process
// exits is lost (seen with an uncaught error under load). What is pending is written out
// synchronously on exit, so only a SIGKILL can lose the last LOG_FLUSH_MS of lines.
// 64 KB (a Linux pipe's default capacity) costs about half the CPU per line of 4 KB batches
// (bench/log-write-cost.ts); a busy service fills one in tens of milliseconds.
const LOG_BATCH_BYTES = 65_536;
const LOG_FLUSH_MS = 250;

// One per process, shared by every logger on stdout: one batch, one timer, one exit hook.
let stdout: LineBatch | undefined;
function batchedStdout(): DestinationStream {
  if (stdout === undefined) {
    const batch = new LineBatch(syncByteDestination(1), LOG_BATCH_BYTES);
    setInterval(() => batch.flush(), LOG_FLUSH_MS).unref();
    process.once('exit', () => {
      try {
        batch.flushSync();
      } catch {
        // stdout is gone (closed pipe): there is nowhere left to write to.
      }
    });
    stdout = batch;
  }
  return stdout;
}

export function createLogger(config: LoggerConfig): Logger {
  return pino(createLoggerOptions(config), config.destination ?? batchedStdout());
}

/**
 * Fastify server options that hand logging to our logger: the request id comes from a sane
 * `x-request-id` (or is generated) and is bound as `request_id`; Fastify's own two lines per
 * request are off because the request-log plugin writes one complete line instead.
 */
export function fastifyLoggingOptions(logger: Logger) {
  return {
    // Typed as Fastify's base logger so apps stay plain `FastifyInstance`s (pino's Logger is one).
    loggerInstance: logger as FastifyBaseLogger,
    // Also silences Fastify's default-error-handler line; the completion line carries `err` for 5xx.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: LOG_REQUEST_ID }),
    genReqId: genRequestId,
  };
}
