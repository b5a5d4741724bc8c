import type { ErrorBody } from '../logic/types.ts';

/** An API error as the backend documents it: status, stable code and a message for people. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export async function errorOf(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as ErrorBody;
    if (typeof body.code === 'string') return new ApiError(res.status, body.code, body.message);
  } catch {
    // not our error body (a proxy's page, say)
  }
  return new ApiError(res.status, `HTTP_${res.status}`, text.slice(0, 200) || res.statusText);
}

export function errorFromText(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as ErrorBody;
    if (typeof body.code === 'string') return new ApiError(status, body.code, body.message);
  } catch {
    // fall through
  }
  return new ApiError(status, `HTTP_${status}`, text.slice(0, 200) || `HTTP ${status}`);
}
