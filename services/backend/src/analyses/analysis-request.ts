import { TypeCompiler } from '@sinclair/typebox/compiler';
import { AuditConfigSchema } from '@ethixai/contracts';
import { httpError, type BackendError } from '../errors.ts';
import { JsonShapeError, parseMember, topLevelMembers } from './json-members.ts';

/**
 * A `POST /v1/analyses` body, read from its raw bytes. The config and the dataset id are parsed
 * and validated here; inline `data` is left as bytes and forwarded to ai-core unchanged.
 */
export type AnalysisInput =
  | { readonly kind: 'inline'; readonly body: Buffer }
  | { readonly kind: 'dataset'; readonly datasetId: string; readonly configJson: string };

const configCheck = TypeCompiler.Compile(AuditConfigSchema);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OBJECT_START = 0x7b;

function invalid(message: string): BackendError {
  return httpError('BE_ERR_VALIDATION', message);
}

export function readAnalysisRequest(raw: Buffer): AnalysisInput {
  let members;
  try {
    members = topLevelMembers(raw);
  } catch (error) {
    if (error instanceof JsonShapeError) throw httpError('BE_ERR_MALFORMED_JSON', `Body is not valid JSON: ${error.message}`);
    throw error;
  }
  for (const name of members.keys()) {
    if (name !== 'config' && name !== 'data' && name !== 'datasetId') throw invalid(`body/${name}: unknown property`);
  }
  const configRange = members.get('config');
  if (!configRange) throw invalid('body/config: required property is missing');
  let config: unknown;
  try {
    config = parseMember(raw, configRange);
  } catch {
    throw httpError('BE_ERR_MALFORMED_JSON', 'Body is not valid JSON: body/config cannot be parsed');
  }
  const problem = configCheck.Errors(config).First();
  if (problem) throw invalid(`body/config${problem.path}: ${problem.message}`);

  const data = members.get('data');
  const datasetRange = members.get('datasetId');
  if (data && datasetRange) throw invalid('body: give either datasetId or data, not both');
  if (data) {
    if (raw[data.start] !== OBJECT_START) throw invalid('body/data: must be an object with "columns" or "rows"');
    return { kind: 'inline', body: raw };
  }
  if (!datasetRange) throw invalid('body: one of datasetId or data is required');
  const datasetId = parseMember(raw, datasetRange);
  if (typeof datasetId !== 'string' || !UUID.test(datasetId)) throw invalid('body/datasetId: must be a UUID string');
  return { kind: 'dataset', datasetId, configJson: JSON.stringify(config) };
}
