import type { DatasetDetail } from '../logic/types.ts';
import { errorFromText } from './client.ts';
import type { Session } from './session.ts';

/**
 * Uploads a CSV with progress. XMLHttpRequest, because fetch reports no upload progress; the
 * file is sent as-is (a streamed text/csv body), never read into memory by the page.
 */
export function uploadDataset(
  session: Session,
  file: File,
  name: string,
  onProgress: (fraction: number) => void,
): Promise<DatasetDetail> {
  const send = () =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `/v1/datasets?name=${encodeURIComponent(name)}`);
      xhr.setRequestHeader('content-type', 'text/csv');
      for (const [key, value] of Object.entries(session.authHeader())) xhr.setRequestHeader(key, value);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded / event.total);
      };
      xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
      xhr.onerror = () => reject(new Error('The upload failed: the connection was lost.'));
      xhr.send(file);
    });
  return (async () => {
    let res = await send();
    if (res.status === 401 && (await session.refresh())) res = await send();
    if (res.status !== 201) throw errorFromText(res.status, res.text);
    onProgress(1);
    return JSON.parse(res.text) as DatasetDetail;
  })();
}
