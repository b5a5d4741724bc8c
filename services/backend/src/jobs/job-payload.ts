import { gunzipSync, gzipSync } from 'node:zlib';
import type { AnalysisInput } from '../analyses/analysis-request.ts';

/**
 * What a queued job stores to run later: for a dataset analysis the config JSON (the dataset is
 * referenced by id), for inline data the client's body, gzip-compressed.
 */
export function jobPayload(input: AnalysisInput): { datasetId: string | null; payload: Buffer } {
  return input.kind === 'dataset'
    ? { datasetId: input.datasetId, payload: Buffer.from(input.configJson, 'utf8') }
    : { datasetId: null, payload: gzipSync(input.body) };
}

export function inputOfJob(datasetId: string | null, payload: Buffer): AnalysisInput {
  return datasetId
    ? { kind: 'dataset', datasetId, configJson: payload.toString('utf8') }
    : { kind: 'inline', body: gunzipSync(payload) };
}
