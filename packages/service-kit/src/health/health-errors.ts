import { defineErrors } from '../errors/service-error.ts';

/**
 * The codes `/ready` answers with, in either service. They keep the OBS_ERR_ names they had when
 * the health routes lived in @ethixai/observability: a published code is never renamed.
 */
export const HEALTH_ERRORS = {
  OBS_ERR_NOT_READY: { status: 503, title: 'readiness check failed' },
  OBS_ERR_SHUTTING_DOWN: { status: 503, title: 'shutting down; no new traffic' },
} as const satisfies Record<string, { status: number; title: string }>;

export const healthError = defineErrors(HEALTH_ERRORS);
