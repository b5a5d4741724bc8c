import { Type, type Static } from '@sinclair/typebox';
import { IdSchema, OffsetSchema, TimestampSchema } from './common.ts';

/** Label and annotation maps (Prometheus label names are short; annotations hold summaries and runbook links). */
const LabelMap = Type.Record(Type.String(), Type.String({ maxLength: 1024 }), {
  maxProperties: 64,
  propertyNames: { maxLength: 256 },
});
const AnnotationMap = Type.Record(Type.String(), Type.String({ maxLength: 8192 }), {
  maxProperties: 64,
  propertyNames: { maxLength: 256 },
});
const StringMap = Type.Record(Type.String(), Type.String());
const Url = Type.String({ maxLength: 2048 });
const AlertStatus = Type.Union([Type.Literal('firing'), Type.Literal('resolved')]);

/**
 * Alertmanager's webhook payload, version 4 (alertmanager docs, "webhook_config"). Unknown fields
 * are allowed so a newer Alertmanager does not break delivery; times stay strings (RFC 3339 with
 * up to nanoseconds, `0001-01-01T00:00:00Z` for "no end yet") and are parsed by the receiver.
 */
export const AlertmanagerAlertSchema = Type.Object({
  status: AlertStatus,
  labels: LabelMap,
  annotations: Type.Optional(AnnotationMap),
  startsAt: Type.String({ minLength: 1, maxLength: 64 }),
  endsAt: Type.Optional(Type.String({ maxLength: 64 })),
  generatorURL: Type.Optional(Url),
  fingerprint: Type.String({ minLength: 1, maxLength: 128 }),
});
export type AlertmanagerAlert = Static<typeof AlertmanagerAlertSchema>;

export const AlertmanagerWebhookSchema = Type.Object({
  version: Type.Literal('4'),
  groupKey: Type.String({ maxLength: 8192 }),
  truncatedAlerts: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  status: AlertStatus,
  receiver: Type.String({ maxLength: 256 }),
  groupLabels: Type.Optional(LabelMap),
  commonLabels: Type.Optional(LabelMap),
  commonAnnotations: Type.Optional(AnnotationMap),
  externalURL: Type.Optional(Url),
  alerts: Type.Array(AlertmanagerAlertSchema, { maxItems: 1_000 }),
});
export type AlertmanagerWebhook = Static<typeof AlertmanagerWebhookSchema>;

export const WebhookResultSchema = Type.Object({
  opened: Type.Integer(),
  repeated: Type.Integer(),
  resolved: Type.Integer(),
  ignored: Type.Integer({ description: 'resolved notifications for which no open incident existed' }),
});
export type WebhookResult = Static<typeof WebhookResultSchema>;

export const INCIDENT_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export const IncidentStatusSchema = Type.Union(INCIDENT_STATUSES.map((s) => Type.Literal(s)));
export type IncidentStatus = Static<typeof IncidentStatusSchema>;

export const IncidentSchema = Type.Object({
  id: IdSchema,
  fingerprint: Type.String(),
  alertname: Type.String(),
  severity: Type.String(),
  status: IncidentStatusSchema,
  summary: Type.String(),
  labels: StringMap,
  annotations: StringMap,
  occurrences: Type.Integer({ minimum: 1 }),
  startsAt: TimestampSchema,
  firstSeenAt: TimestampSchema,
  lastSeenAt: TimestampSchema,
  acknowledgedAt: Type.Union([TimestampSchema, Type.Null()]),
  acknowledgedBy: Type.Union([Type.String(), Type.Null()]),
  resolvedAt: Type.Union([TimestampSchema, Type.Null()]),
  resolvedBy: Type.Union([Type.String(), Type.Null()]),
});
export type Incident = Static<typeof IncidentSchema>;

export const IncidentListQuerySchema = Type.Object(
  {
    status: Type.Optional(IncidentStatusSchema),
    severity: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
    offset: OffsetSchema,
  },
  { additionalProperties: false },
);
export type IncidentListQuery = Static<typeof IncidentListQuerySchema>;

export const IncidentListSchema = Type.Object({ items: Type.Array(IncidentSchema), total: Type.Integer() });
export type IncidentList = Static<typeof IncidentListSchema>;
