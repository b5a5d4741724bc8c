/**
 * The contract's bounds on an audit configuration (string lengths, list sizes, number ranges of
 * @ethixai/contracts' AuditConfigSchema), checked after the engine's validateAuditConfig, which
 * stays the authority on meaning and keeps its FAIR_ERR_ codes. What is left here is size: a
 * configuration the backend would have refused is refused by ai-core too, with a 400.
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { AuditConfigSchema } from '@ethixai/contracts';
import type { AuditConfig } from '@ethixai/fairness';
import { validationError } from '../errors.ts';

const bounds = TypeCompiler.Compile(AuditConfigSchema);

export function checkConfigBounds(config: AuditConfig): AuditConfig {
  if (bounds.Check(config)) return config;
  const first = bounds.Errors(config).First();
  const field = `config${(first?.path ?? '').replaceAll('/', '.')}`;
  throw validationError(field, first?.message.toLowerCase() ?? 'is out of bounds');
}
