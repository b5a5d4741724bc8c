import { randomUUID } from 'node:crypto';

export interface MultipartBody {
  readonly contentType: string;
  readonly body: AsyncIterable<Buffer>;
}

/**
 * The form ai-core reads for a stored dataset (RFC 7578): a `config` field holding the
 * configuration's JSON, then the CSV as the `data` file, streamed chunk by chunk as it is read from
 * the database. The options travel in the body: a URL (or a header) has a size limit that a long
 * configuration would hit, and ai-core's refusal would look like an outage.
 */
export function analysisForm(configJson: string, csv: AsyncIterable<Buffer>): MultipartBody {
  const boundary = `ethixai-${randomUUID()}`;
  async function* parts(): AsyncIterable<Buffer> {
    yield Buffer.from(
      `--${boundary}\r\ncontent-disposition: form-data; name="config"\r\ncontent-type: application/json\r\n\r\n${configJson}\r\n` +
        `--${boundary}\r\ncontent-disposition: form-data; name="data"; filename="data.csv"\r\ncontent-type: text/csv\r\n\r\n`,
    );
    yield* csv;
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: parts() };
}
