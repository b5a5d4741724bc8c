import type { FastifyPluginAsync } from 'fastify';
import sessionsPlugin from './auth/sessions-plugin.ts';
import browserSessionPlugin from './browser-session/browser-session-plugin.ts';
import usersPlugin from './users/users-plugin.ts';
import apiKeysPlugin from './api-keys/api-keys-plugin.ts';
import idempotencyPlugin from './idempotency/idempotency-plugin.ts';
import datasetsPlugin from './datasets/datasets-plugin.ts';
import analysesPlugin from './analyses/analyses-plugin.ts';
import reportsPlugin from './reports/reports-plugin.ts';
import jobsPlugin from './jobs/jobs-plugin.ts';
import modelsPlugin from './monitoring/models/models-plugin.ts';
import evaluationsPlugin from './monitoring/evaluations/evaluations-plugin.ts';
import incidentsPlugin from './monitoring/incidents/incidents-plugin.ts';
import auditLogPlugin from './audit-log/audit-log-plugin.ts';
import retentionPlugin from './monitoring/retention/retention-plugin.ts';
import webPlugin from './web/web-plugin.ts';
import fairnessHistoryPlugin from './monitoring/fairness-history/history-plugin.ts';

/**
 * Every feature of the backend, registered by app.ts after the infrastructure plugins (so their
 * hooks cover every route) in this order (a feature comes after those it depends on). Each is one
 * plugin: it builds its service once, decorates it, and registers its routes under its prefix.
 * To add a feature: one import and one line below; see http/README.md for the route conventions.
 */
export const FEATURES: FastifyPluginAsync[] = [
  sessionsPlugin,
  browserSessionPlugin,
  usersPlugin,
  apiKeysPlugin,
  idempotencyPlugin,
  datasetsPlugin,
  analysesPlugin,
  reportsPlugin,
  jobsPlugin,
  modelsPlugin,
  fairnessHistoryPlugin,
  evaluationsPlugin,
  incidentsPlugin,
  auditLogPlugin,
  retentionPlugin,
  webPlugin,
];
