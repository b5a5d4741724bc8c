// Error catalogue of @ethixai/observability (prefix OBS_ERR_). Only the health routes answer with
// errors; bodies follow the platform shape {statusCode, code, error, message}.

export const OBS_ERRORS = {
  OBS_ERR_NOT_READY: { statusCode: 503, error: 'Service Unavailable', message: 'readiness check failed' },
  OBS_ERR_SHUTTING_DOWN: { statusCode: 503, error: 'Service Unavailable', message: 'shutting down; no new traffic' },
} as const;

export type ObsErrorCode = keyof typeof OBS_ERRORS;

export interface ObsErrorBody {
  statusCode: number;
  code: ObsErrorCode;
  error: string;
  message: string;
}

export function obsErrorBody(code: ObsErrorCode, message?: string): ObsErrorBody {
  const entry = OBS_ERRORS[code];
  return { statusCode: entry.statusCode, code, error: entry.error, message: message ?? entry.message };
}
