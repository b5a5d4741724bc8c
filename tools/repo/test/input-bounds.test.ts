import { beforeAll, describe, expect, it } from 'vitest';
import { aiCoreOpenApi, backendOpenApi, type OpenApiDocument } from '../src/openapi-doc.ts';
import { inputBounds } from '../src/input-bounds.ts';

/**
 * Issue 17, finding 1: every string, array, map and number a client can send to either service
 * (path, query, headers, body) has a bound in its schema, so no caller can push an unbounded value
 * through the backend into ai-core's request.
 */
const documents: Record<string, OpenApiDocument> = {};
beforeAll(async () => {
  documents.backend = await backendOpenApi();
  documents['ai-core'] = await aiCoreOpenApi();
}, 60_000);

describe.each(['backend', 'ai-core'])('%s inputs', (service) => {
  it('every input has a bound', () => {
    const { bounded, unbounded } = inputBounds(documents[service]);
    expect(bounded.length).toBeGreaterThan(0);
    expect(unbounded).toEqual([]);
  });
});
