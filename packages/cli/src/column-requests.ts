/**
 * Which CSV columns an audit reads, and as what. Only these are materialised; the scanner skips
 * the rest. Label and prediction stay text so `--positive Medium,High` matches the file's exact
 * spelling; a bucketed sensitive column, the score and the weights are numbers.
 */
import type { AuditConfig } from '@ethixai/fairness';
import type { CsvColumnRequest } from './fairness-csv.ts';

type Kind = CsvColumnRequest['as'];
const PRECEDENCE: Record<Kind, number> = { auto: 0, categorical: 1, numeric: 2 };

export function columnRequests(config: AuditConfig): CsvColumnRequest[] {
  const kinds = new Map<string, Kind>();
  const want = (name: string | null | undefined, as: Kind): void => {
    if (typeof name !== 'string') return;
    const seen = kinds.get(name);
    if (seen === undefined || PRECEDENCE[as] > PRECEDENCE[seen]) kinds.set(name, as);
  };
  want(config.label, 'categorical');
  want(config.prediction, 'categorical');
  for (const name of config.sensitive) want(name, config.buckets?.[name] === undefined ? 'categorical' : 'numeric');
  for (const name of config.features ?? []) want(name, 'auto');
  want(config.score, 'numeric');
  want(config.weights, 'numeric');
  return [...kinds].map(([name, as]) => ({ name, as }));
}
