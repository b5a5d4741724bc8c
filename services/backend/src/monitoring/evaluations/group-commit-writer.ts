import type { Kysely } from 'kysely';
import { SpanStatusCode, TraceFlags, context, trace, type Context, type Link } from '@opentelemetry/api';
import {
  ATTR_EVALUATION_REQUESTS,
  ATTR_EVALUATION_ROWS,
  SPAN_EVALUATIONS_COMMIT,
  TRACER_SCOPE,
} from '@ethixai/observability';
import type { Database } from '../../db/schema.ts';
import type { EvaluationsTable } from '../db-tables.ts';
import { decisionIncrement } from '../live-window/buckets.ts';
import { CellIncrements } from '../live-window/cell-increments.ts';
import { CellUpsert } from '../live-window/window-repository.ts';
import { EvaluationInsert, INSERT_CHUNK } from './evaluation-insert.ts';

export interface GroupCommitOptions {
  /** How long the first queued row waits for company before its transaction starts. */
  intervalMs: number;
  /** Rows per transaction at most; a fuller queue is committed in several transactions. */
  maxBatchRows: number;
  /** Rows waiting at most; beyond it `submit` refuses (the route answers 503 + Retry-After). */
  maxQueueRows: number;
}

interface Pending {
  rows: EvaluationsTable[];
  /** The submitting request's active context. */
  context: Context;
  resolve: (inserted: boolean[]) => void;
  reject: (err: unknown) => void;
}

export class QueueFullError extends Error {}

/**
 * Group commit: rows from concurrent requests are inserted, and their live-window cells
 * incremented, in ONE transaction; each request's promise settles only after that transaction
 * committed (or failed). A duplicate decision id is not an error here: the row is reported as
 * not inserted (ON CONFLICT DO NOTHING) and is not counted in the window.
 */
export class GroupCommitWriter {
  #queue: Pending[] = [];
  #queuedRows = 0;
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> | null = null;
  readonly #insert = new EvaluationInsert();
  readonly #cells = new CellUpsert();
  private readonly db: Kysely<Database>;
  private readonly options: GroupCommitOptions;

  constructor(db: Kysely<Database>, options: GroupCommitOptions) {
    this.db = db;
    this.options = options;
  }

  get queuedRows(): number {
    return this.#queuedRows;
  }

  submit(rows: EvaluationsTable[]): Promise<boolean[]> {
    if (this.#queuedRows + rows.length > this.options.maxQueueRows) {
      return Promise.reject(new QueueFullError(`${this.#queuedRows} rows are waiting to be committed`));
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ rows, context: context.active(), resolve, reject });
      this.#queuedRows += rows.length;
      this.#schedule();
    });
  }

  /** Commits everything queued; used on close so no accepted request is dropped. */
  async drain(): Promise<void> {
    while (this.#flushing || this.#queue.length > 0) {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
      await (this.#flushing ?? this.#flush());
    }
  }

  #schedule(): void {
    if (this.#flushing || this.#timer) return;
    if (this.#queuedRows >= this.options.maxBatchRows || this.options.intervalMs === 0) {
      void this.#flush();
      return;
    }
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#flush();
    }, this.options.intervalMs);
  }

  #take(): Pending[] {
    const batch: Pending[] = [];
    let rows = 0;
    while (
      this.#queue.length > 0 &&
      (batch.length === 0 || rows + this.#queue[0].rows.length <= this.options.maxBatchRows)
    ) {
      const p = this.#queue.shift()!;
      rows += p.rows.length;
      batch.push(p);
    }
    this.#queuedRows -= rows;
    return batch;
  }

  #flush(): Promise<void> {
    const batch = this.#take();
    this.#flushing = this.#commit(batch).finally(() => {
      this.#flushing = null;
      // Requests that arrived during this commit have waited long enough: commit them now.
      if (this.#queue.length > 0) void this.#flush();
    });
    return this.#flushing;
  }

  /**
   * One transaction serves many requests. It runs in an `evaluations.commit` span under the request
   * that opened the batch, so it is traced exactly when that request is (parent-based sampling; not
   * "when any request in the batch is": at the production ratio a batch of 20 holds a sampled
   * request 88 % of the time), and its queries appear in that trace. The other sampled requests of
   * the batch are linked from the span.
   */
  async #commit(batch: Pending[]): Promise<void> {
    const rows = batch.flatMap((p) => p.rows);
    const links: Link[] = [];
    for (const p of batch.slice(1)) {
      const span = trace.getSpanContext(p.context);
      if (span !== undefined && (span.traceFlags & TraceFlags.SAMPLED) !== 0) links.push({ context: span });
    }
    const attributes = { [ATTR_EVALUATION_ROWS]: rows.length, [ATTR_EVALUATION_REQUESTS]: batch.length };
    await trace
      .getTracer(TRACER_SCOPE)
      .startActiveSpan(SPAN_EVALUATIONS_COMMIT, { attributes, links }, batch[0]!.context, async (span) => {
        try {
          const inserted = await this.db
            .transaction()
            .execute((trx) => insertAndCount(trx, this.#insert, this.#cells, rows));
          for (const p of batch) p.resolve(p.rows.map((r) => inserted.has(r.id)));
        } catch (err) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: err instanceof Error ? err.message : String(err) });
          for (const p of batch) p.reject(err);
        } finally {
          span.end();
        }
      });
  }
}

async function insertAndCount(
  trx: Kysely<Database>,
  insert: EvaluationInsert,
  upsert: CellUpsert,
  rows: EvaluationsTable[],
): Promise<Set<string>> {
  const inserted = new Set<string>();
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    for (const id of await insert.run(trx, rows.slice(i, i + INSERT_CHUNK))) inserted.add(id);
  }
  const cells = new CellIncrements();
  for (const r of rows) {
    if (!inserted.has(r.id)) continue;
    cells.add(
      {
        orgId: r.org_id,
        modelId: r.model_id,
        modelVersion: r.model_version,
        groupKey: r.group_key,
        bucketStart: r.bucket_start,
      },
      decisionIncrement(r.prediction as 0 | 1),
    );
  }
  await upsert.apply(trx, cells.sorted());
  return inserted;
}
