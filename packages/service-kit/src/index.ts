// @ethixai/service-kit: what both services share. No side effects on import and no environment
// reads: each service's env schema file passes the environment to loadConfig.
export { ConfigError, type ConfigProblem } from './config/config-error.ts';
export { loadConfig, type EnvSource } from './config/load-config.ts';
export {
  ServiceError,
  defineErrors,
  type ErrorCatalogue,
  type ErrorDetails,
  type ErrorFactory,
  type ServiceErrorOptions,
} from './errors/service-error.ts';
export { errorBody, type ErrorBody } from './errors/error-body.ts';
export {
  codeForStatus,
  createErrorHandler,
  toErrorReply,
  type ErrorHandlerOptions,
  type ErrorReply,
  type FrameworkErrorCodes,
} from './errors/error-handler-plugin.ts';
export { HEALTH_ERRORS } from './health/health-errors.ts';
export { createHealthState, type HealthState } from './health/health-state.ts';
export {
  default as healthPlugin,
  type DependencyProbe,
  type DependencyReport,
  type HealthPluginOptions,
} from './health/health-plugin.ts';
export {
  EXIT_CONFIG,
  runService,
  type BuiltService,
  type ServiceProcess,
  type ShutdownOptions,
} from './server/run-service.ts';
export { HELMET_OPTIONS, default as securityHeadersPlugin, securityHeaders } from './http/security-headers.ts';
export {
  MAX_PARAM_LENGTH,
  httpServerOptions,
  type HttpServerSettings,
  type HttpTimeouts,
} from './http/server-options.ts';
export { SCHEMA_CONTROLLER, buildValidator } from './http/validator-compilers.ts';
export { rawErrorResponse } from './http/raw-error-response.ts';
export { createBearerCheck } from './secrets/bearer-check.ts';
export { MIN_TOKEN_LENGTH, loadOrCreateTokenFile, readTokenFile } from './secrets/secret-file.ts';
export {
  METRICS_TOKEN_VARIABLE,
  developmentMetricsTokenFile,
  resolveMetricsTokens,
  type MetricsTokenSettings,
} from './secrets/metrics-token.ts';
