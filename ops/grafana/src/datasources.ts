/**
 * The data sources every dashboard queries, by the fixed uids that provisioning/datasources
 * gives them (a test checks the two agree), so the JSON needs no `${DS_...}` import inputs.
 */
export interface DataSourceRef {
  readonly type: string;
  readonly uid: string;
}

export const PROMETHEUS: DataSourceRef = { type: 'prometheus', uid: 'prometheus' };
export const LOKI: DataSourceRef = { type: 'loki', uid: 'loki' };
export const JAEGER: DataSourceRef = { type: 'jaeger', uid: 'jaeger' };
export const DATA_SOURCES: readonly DataSourceRef[] = [PROMETHEUS, LOKI, JAEGER];
