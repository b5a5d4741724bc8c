import type { AnalysisRequest } from '@ethixai/contracts';

/**
 * A `POST /v1/analyses` body as the runner takes it: inline data stays the bytes the client sent
 * (ai-core parses them once more; re-serialising would cost as much again), a dataset analysis
 * keeps its configuration as JSON text (the dataset travels as CSV with it in the query string).
 */
export type AnalysisInput =
  | { readonly kind: 'inline'; readonly body: Buffer }
  | { readonly kind: 'dataset'; readonly datasetId: string; readonly configJson: string };

/** `body`: the request as validated against its schema; `raw`: the bytes it was parsed from. */
export function analysisInput(body: AnalysisRequest, raw: Buffer): AnalysisInput {
  return 'datasetId' in body
    ? { kind: 'dataset', datasetId: body.datasetId, configJson: JSON.stringify(body.config) }
    : { kind: 'inline', body: raw };
}
