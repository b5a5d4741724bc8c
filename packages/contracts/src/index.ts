// One line per schema module; each helper adds its own.
export * from './common.ts';
export * from './errors.ts';
export * from './auth.ts';
export * from './users.ts';
export * from './api-keys.ts';
export * from './analysis.ts';
export * from './counts.ts';
export * from './models.ts';
export * from './evaluations.ts';
export * from './incidents.ts';
export * from './audit-log.ts';
export * from './datasets.ts';
export * from './analyses.ts';
export * from './reports.ts';
export * from './analysis-summary.ts';
export * from './openapi.ts';
