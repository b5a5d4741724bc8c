/**
 * The rows of a counts document, typed: one record per returned group with its sensitive values,
 * raw label and decision values, weight validity, score bin or value, and the sums. Numbers may come
 * as JSON numbers or as decimal strings (BigQuery sends INT64 as text); booleans become the text the
 * engine would see ("true", "false").
 */
import type { CountsDocument } from '@ethixai/contracts';
import { pushdownError } from './errors.ts';
import { groupColumn, OUT } from './counts-query.ts';
import type { RawValue } from './value-semantics.ts';

export interface CountRow {
  groups: RawValue[];
  label: RawValue;
  decision: RawValue;
  /** Rows of the group whose weight is usable (all of them without weights). */
  usable: number;
  notNumeric: number;
  /** Score bin (bins mode) or score (exact mode); null = no score. */
  level: number | null;
  n: number;
  w: number;
  w2: number;
  ws: number;
  scoreMin: number | null;
  scoreMax: number | null;
}

type Cell = CountsDocument['rows'][number][number];

function bad(field: string, problem: string): never {
  throw pushdownError('PUSH_ERR_INVALID_COUNTS', `counts.${field} ${problem}`, { field: `counts.${field}` });
}

function raw(v: Cell): RawValue {
  return typeof v === 'boolean' ? String(v) : v;
}

/** Where a value is, for a message: built only on error (this runs once per value of up to 500,000 rows). */
const at = (row: number, column: number, name: string) => `rows[${row}][${column}] (${name})`;

function number(v: Cell, row: number, column: number, name: string, nullable: boolean): number | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) bad(at(row, column, name), `must be a finite number, got ${v}`);
    return v;
  }
  if (v === null) {
    if (nullable) return null;
    bad(at(row, column, name), 'must not be null');
  }
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) bad(at(row, column, name), `must be a finite number, got ${JSON.stringify(v)}`);
  return n;
}

export function readCountRows(doc: CountsDocument): CountRow[] {
  const index = new Map(doc.columns.map((c, i) => [c, i]));
  const col = (name: string) => index.get(name);
  const k = doc.query.sensitive.length;
  const groupIdx = Array.from({ length: k }, (_, j) => col(groupColumn(j))!);
  const [label, decision, n] = [col(OUT.label)!, col(OUT.decision)!, col(OUT.n)!];
  const [usable, nn, w, w2] = [col(OUT.usable), col(OUT.notNumeric), col(OUT.w), col(OUT.w2)];
  const level = col(doc.query.scores?.mode === 'exact' ? OUT.scoreValue : OUT.scoreBin);
  const [ws, smin, smax] = [col(OUT.ws), col(OUT.scoreMin), col(OUT.scoreMax)];
  const weighted = doc.query.weights !== null;
  const out = new Array<CountRow>(doc.rows.length);
  for (let i = 0; i < doc.rows.length; i++) {
    const row = doc.rows[i];
    const count = number(row[n], i, n, OUT.n, false)!;
    if (!Number.isInteger(count) || count < 0) bad(at(i, n, OUT.n), 'must be a non-negative integer');
    const groups = new Array<RawValue>(k);
    for (let j = 0; j < k; j++) groups[j] = raw(row[groupIdx[j]]);
    const r: CountRow = {
      groups,
      label: raw(row[label]),
      decision: raw(row[decision]),
      usable: usable === undefined ? count : number(row[usable], i, usable, OUT.usable, false)!,
      notNumeric: nn === undefined ? 0 : (number(row[nn], i, nn, OUT.notNumeric, true) ?? 0),
      level: level === undefined ? null : number(row[level], i, level, 'score', true),
      n: count,
      w: count,
      w2: count,
      ws: ws === undefined ? 0 : (number(row[ws], i, ws, OUT.ws, true) ?? 0),
      scoreMin: smin === undefined ? null : number(row[smin], i, smin, OUT.scoreMin, true),
      scoreMax: smax === undefined ? null : number(row[smax], i, smax, OUT.scoreMax, true),
    };
    if (!Number.isInteger(r.usable) || r.usable < 0 || r.usable > count)
      bad(at(i, usable!, OUT.usable), `must be an integer from 0 to n (${count})`);
    if (weighted) {
      r.w = r.usable === 0 ? 0 : number(row[w!], i, w!, OUT.w, false)!;
      r.w2 = r.usable === 0 ? 0 : number(row[w2!], i, w2!, OUT.w2, false)!;
      if (r.w < 0 || r.w2 < 0) bad(at(i, w!, OUT.w), 'weight sums of usable weights cannot be negative');
    }
    out[i] = r;
  }
  return out;
}

/** The bins' score range: the document's scoreRange, or the score_lo/score_hi the printed query returned. */
export function documentScoreRange(doc: CountsDocument): { lo: number; hi: number } | null {
  if (doc.scoreRange) return doc.scoreRange;
  const lo = doc.columns.indexOf(OUT.scoreLo),
    hi = doc.columns.indexOf(OUT.scoreHi);
  if (lo < 0 || hi < 0) return null;
  for (let i = 0; i < doc.rows.length; i++) {
    const row = doc.rows[i];
    if (row[lo] !== null && row[hi] !== null)
      return { lo: number(row[lo], i, lo, OUT.scoreLo, false)!, hi: number(row[hi], i, hi, OUT.scoreHi, false)! };
  }
  return null;
}
