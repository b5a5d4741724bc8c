import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import { REPORT_CODINGS } from '../reports/report-cache.ts';

/** Responses smaller than this go out as they are: compressing them saves less than it costs. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * Response compression with @fastify/compress: brotli or gzip as Accept-Encoding asks, for
 * compressible types above the threshold. Request bodies are not decompressed (body limits keep
 * meaning bytes on the wire). Report reads opt out and send their own once-compressed bytes in
 * the same codings (reports/report-cache.ts).
 */
async function compressionPlugin(fastify: FastifyInstance): Promise<void> {
  await fastify.register(compress, {
    encodings: [...REPORT_CODINGS],
    threshold: COMPRESSION_THRESHOLD_BYTES,
    globalDecompression: false,
  });
}

export default fp(compressionPlugin, { name: 'compression' });
