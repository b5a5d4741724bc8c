/**
 * OpenAPI helpers shared by both services. A body that is not JSON (a CSV upload) is streamed, so
 * no JSON schema can bound it: its media type and byte limit are declared instead, the limit as
 * the `x-max-bytes` extension (each service registers the keyword with Ajv as an annotation).
 */
export const MAX_BYTES_KEYWORD = 'x-max-bytes';

/** A `schema.body` with one streamed media type: what OpenAPI shows as the requestBody. */
export function streamedBody(mediaType: string, maxBytes: number, description: string) {
  return {
    content: {
      [mediaType]: {
        schema: {
          description: `${description}; at most ${maxBytes} bytes`,
          contentMediaType: mediaType,
          [MAX_BYTES_KEYWORD]: maxBytes,
        },
      },
    },
  };
}
