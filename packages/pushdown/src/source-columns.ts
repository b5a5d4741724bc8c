/**
 * Checks the audit's columns against the source's declared columns before anything is counted:
 * an unknown column or a type that cannot serve its role is an error naming the column, the role
 * and, for unknown columns, the columns the source has.
 */
import { FairnessError, type AuditConfig } from '@ethixai/fairness';
import type { Engine, SourceColumn } from './engine.ts';
import { pushdownError } from './errors.ts';
import { describeSource } from './source.ts';
import type { ColumnKind, FilterSpec, SourceSpec } from './spec.ts';

interface Use {
  column: string;
  field: string;
  numeric: boolean;
}

function uses(config: AuditConfig, filters: readonly FilterSpec[]): Use[] {
  const list: Use[] = [{ column: config.label, field: 'label', numeric: false }];
  if (config.prediction) list.push({ column: config.prediction, field: 'prediction', numeric: false });
  if (config.score) list.push({ column: config.score, field: 'score', numeric: true });
  if (config.weights) list.push({ column: config.weights, field: 'weights', numeric: true });
  for (const name of config.sensitive)
    list.push({
      column: name,
      field: config.buckets?.[name] ? `buckets.${name}` : 'sensitive',
      numeric: config.buckets?.[name] !== undefined,
    });
  for (const name of config.features ?? []) list.push({ column: name, field: 'features', numeric: false });
  for (const f of filters) list.push({ column: f.column, field: `where ${f.column}`, numeric: false });
  return list;
}

/** The kind of every column the audit reads, after checking each exists and suits its role. */
export function checkSourceColumns(
  engine: Engine,
  source: SourceSpec,
  columns: Map<string, SourceColumn>,
  config: AuditConfig,
  filters: readonly FilterSpec[],
): Record<string, ColumnKind> {
  const kinds: Record<string, ColumnKind> = {};
  const where = describeSource(source);
  for (const use of uses(config, filters)) {
    const col = columns.get(use.column);
    if (!col) {
      const known = [...columns.keys()].map((c) => `"${c}"`).join(', ');
      throw new FairnessError(
        'FAIR_ERR_COLUMN_NOT_FOUND',
        `${use.field}: column "${use.column}" is not in ${where} (columns: ${known})`,
        { column: use.column, field: use.field },
      );
    }
    if (col.kind === null) {
      throw pushdownError(
        'PUSH_ERR_WRONG_TYPE',
        `${use.field}: column "${use.column}" has type ${col.type}, which an audit cannot read`,
        { column: use.column, field: use.field, type: col.type },
      );
    }
    if (use.numeric && col.kind !== 'number' && !(col.kind === 'text' && engine.dialect.tryDouble !== null)) {
      if (use.field.startsWith('buckets.')) {
        throw new FairnessError(
          'FAIR_ERR_INVALID_CONFIG',
          `config.${use.field}: column "${use.column}" is categorical (${col.type}), buckets need a numeric column`,
          { field: use.field },
        );
      }
      throw pushdownError(
        'PUSH_ERR_WRONG_TYPE',
        `${use.field}: column "${use.column}" has type ${col.type}; it must be numeric`,
        { column: use.column, field: use.field, type: col.type },
      );
    }
    kinds[use.column] = col.kind;
  }
  for (const f of filters) {
    if (kinds[f.column] === 'number' && !Number.isFinite(Number(f.value.trim() === '' ? NaN : f.value))) {
      throw pushdownError(
        'PUSH_ERR_INVALID_REQUEST',
        `where ${f.column}=${f.value}: column "${f.column}" is numeric (${columns.get(f.column)!.type}) and "${f.value}" is not a number`,
        { column: f.column, field: 'where' },
      );
    }
  }
  return kinds;
}
