import { sql, type Kysely } from 'kysely';

// Decision monitoring: models, policies, evaluations, the live window, incidents, the audit chain.
// Portable SQL only (SQLite and PostgreSQL); see src/monitoring/db-tables.ts for the row types.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('monitored_models')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('intended_use', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('monitored_models_org_name_uq', ['org_id', 'name'])
    .execute();

  await db.schema
    .createTable('model_versions')
    .addColumn('model_id', 'text', (c) => c.notNull().references('monitored_models.id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('model_versions_pk', ['model_id', 'version'])
    .execute();

  await db.schema
    .createTable('monitoring_policies')
    .addColumn('model_id', 'text', (c) => c.notNull().references('monitored_models.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('monitoring_policies_pk', ['model_id', 'version'])
    .execute();

  // No foreign keys on the hot insert path: the model and version are checked before enqueueing.
  await db.schema
    .createTable('evaluations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('model_id', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('input_digest', 'text', (c) => c.notNull())
    .addColumn('features', 'text', (c) => c.notNull())
    .addColumn('sensitive', 'text', (c) => c.notNull())
    .addColumn('context', 'text', (c) => c.notNull())
    .addColumn('prediction', 'integer', (c) => c.notNull())
    .addColumn('score', 'double precision')
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('bucket_start', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('risk_level', 'text', (c) => c.notNull())
    .addColumn('risk_score', 'integer', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('outcome', 'integer')
    .addColumn('outcome_at', 'bigint')
    .addUniqueConstraint('evaluations_decision_uq', ['model_id', 'decision_id'])
    .execute();
  await db.schema
    .createIndex('evaluations_org_decided_idx')
    .on('evaluations')
    .columns(['org_id', 'decided_at'])
    .execute();
  // Only decisions that name a subject need finding for erasure.
  await db.schema
    .createIndex('evaluations_subject_idx')
    .on('evaluations')
    .columns(['org_id', 'subject_id'])
    .where(sql<boolean>`subject_id is not null`)
    .execute();

  await db.schema
    .createTable('window_counts')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('model_id', 'text', (c) => c.notNull())
    .addColumn('model_version', 'text', (c) => c.notNull())
    .addColumn('group_key', 'text', (c) => c.notNull())
    .addColumn('bucket_start', 'bigint', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addColumn('predicted_positive', 'bigint', (c) => c.notNull())
    .addColumn('tp', 'bigint', (c) => c.notNull())
    .addColumn('fp', 'bigint', (c) => c.notNull())
    .addColumn('tn', 'bigint', (c) => c.notNull())
    .addColumn('fn', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('window_counts_pk', ['model_id', 'model_version', 'group_key', 'bucket_start'])
    .execute();
  await db.schema
    .createIndex('window_counts_org_bucket_idx')
    .on('window_counts')
    .columns(['org_id', 'bucket_start'])
    .execute();

  await db.schema
    .createTable('incidents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('organisations.id'))
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('alertname', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'acknowledged', 'resolved')`))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('labels', 'text', (c) => c.notNull())
    .addColumn('annotations', 'text', (c) => c.notNull())
    .addColumn('occurrences', 'integer', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('first_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .addColumn('acknowledged_by', 'text')
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text')
    .execute();
  // At most one unresolved incident per alert fingerprint: repeats are counted on it.
  await db.schema
    .createIndex('incidents_open_fingerprint_uq')
    .on('incidents')
    .columns(['org_id', 'fingerprint'])
    .unique()
    .where(sql<boolean>`status <> 'resolved'`)
    .execute();
  await db.schema
    .createIndex('incidents_org_status_idx')
    .on('incidents')
    .columns(['org_id', 'status', 'last_seen_at'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_log_pk', ['org_id', 'seq'])
    .execute();

  await db.schema
    .createTable('audit_chain_heads')
    .addColumn('org_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const tables = [
    'audit_chain_heads',
    'audit_log',
    'incidents',
    'window_counts',
    'evaluations',
    'monitoring_policies',
    'model_versions',
    'monitored_models',
  ];
  for (const table of tables) await db.schema.dropTable(table).execute();
}
