import {
  METRIC_ANALYSES_TOTAL,
  METRIC_ANALYSIS_JOBS_OLDEST_AGE,
  METRIC_ANALYSIS_JOBS_QUEUED,
  METRIC_ANALYSIS_NORMALIZED_DURATION,
  METRIC_ANALYSIS_STAGE_DURATION,
  METRIC_EVALUATIONS_TOTAL,
  METRIC_INCIDENTS_OPEN,
  METRIC_MODEL_DISPARITY,
  METRIC_MODEL_DISPARITY_THRESHOLD,
  METRIC_MODEL_FAIRNESS_VERDICT,
  METRIC_ROWS_ANALYSED_TOTAL,
} from '@ethixai/observability/names';
import { PROMETHEUS } from '../datasources.ts';
import { SERVICE_MATCHERS as S, type DashboardSpec } from '../panel-spec.ts';
import { RATE, histogramQuantile } from '../promql-snippets.ts';
import { PANEL_THRESHOLDS as T } from '../thresholds.ts';

const prom = (expr: string, legend: string) => ({ datasource: PROMETHEUS, expr, legend });
const M = `${S}, model=~"$model"`;

export const business: DashboardSpec = {
  uid: 'ethixai-business',
  title: 'EthixAI / Business',
  description:
    'Analyses and their verdicts, live evaluations by risk level, live fairness per monitored model, open incidents, the job backlog.',
  panels: [
    {
      kind: 'timeseries',
      title: 'Analyses per second by outcome and verdict',
      unit: 'ops',
      description:
        'How many fairness analyses finish, and with which verdict (pass, warn, fail) or outcome (failed, rejected, unavailable)?',
      queries: [
        prom(`sum by (outcome, verdict) (rate(${METRIC_ANALYSES_TOTAL}{${S}}[${RATE}]))`, '{{outcome}} {{verdict}}'),
      ],
    },
    {
      kind: 'timeseries',
      title: 'Rows analysed per second',
      unit: 'suffix: rows/s',
      description: 'How much decision data do completed analyses read?',
      queries: [prom(`sum(rate(${METRIC_ROWS_ANALYSED_TOTAL}{${S}}[${RATE}]))`, 'rows')],
    },
    {
      kind: 'timeseries',
      title: 'Analysis time per 1,000 rows, p95',
      unit: 's',
      description: `Do analyses meet their latency SLO (${T.analysisLatencySeconds} s per 1,000 rows, queue wait included), synchronous and as jobs?`,
      queries: [prom(histogramQuantile(0.95, METRIC_ANALYSIS_NORMALIZED_DURATION, 'mode'), 'p95 {{mode}}')],
      thresholds: [{ value: T.analysisLatencySeconds, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Engine stage p95 (ai-core)',
      unit: 's',
      description:
        'Which stage of the fairness engine (parse, metrics, intervals, tests, verdict, drivers) takes the time?',
      queries: [prom(histogramQuantile(0.95, METRIC_ANALYSIS_STAGE_DURATION, 'stage'), '{{stage}}')],
    },
    {
      kind: 'timeseries',
      title: 'Evaluations per second by risk level',
      unit: 'ops',
      description: 'How many live decisions arrive through POST /v1/evaluate, and how risky are they judged?',
      queries: [prom(`sum by (risk_level) (rate(${METRIC_EVALUATIONS_TOTAL}{${M}}[${RATE}]))`, '{{risk_level}}')],
    },
    {
      kind: 'timeseries',
      title: 'Live fairness per model against its policy',
      unit: 'short',
      description:
        "Where does each monitored model's live disparity stand against its policy threshold (dashed: the threshold series ModelFairnessBreach compares with)?",
      queries: [
        prom(`max by (model, metric) (${METRIC_MODEL_DISPARITY}{${M}})`, '{{model}} {{metric}}'),
        prom(
          `max by (model, metric, breach) (${METRIC_MODEL_DISPARITY_THRESHOLD}{${M}})`,
          'threshold {{model}} {{metric}} ({{breach}})',
        ),
      ],
    },
    {
      kind: 'stat',
      title: 'Models failing a fairness policy',
      unit: 'short',
      width: 8,
      description:
        'How many policy metrics of monitored models have a fail verdict in the live window? ModelFairnessBreach fires after 30 minutes of breach.',
      queries: [prom(`sum(${METRIC_MODEL_FAIRNESS_VERDICT}{${M}, verdict="fail"})`, 'failing')],
      thresholds: [{ value: 1, color: 'orange' }],
    },
    {
      kind: 'stat',
      title: 'Open incidents by severity',
      unit: 'short',
      width: 8,
      description: 'How many incidents are open, by severity (alerts open them through the incidents webhook)?',
      queries: [prom(`max by (severity) (${METRIC_INCIDENTS_OPEN}{${S}})`, '{{severity}}')],
      thresholds: [{ value: 1, color: 'orange' }],
    },
    {
      kind: 'stat',
      title: 'Oldest queued analysis job',
      unit: 's',
      width: 8,
      description: `Is the job queue keeping up? AnalysisBacklog fires when the oldest job has waited more than ${T.backlogOldestAgeSeconds} s for 10 minutes.`,
      queries: [prom(`max(${METRIC_ANALYSIS_JOBS_OLDEST_AGE}{${S}})`, 'oldest')],
      thresholds: [{ value: T.backlogOldestAgeSeconds, color: 'red' }],
    },
    {
      kind: 'timeseries',
      title: 'Analysis jobs queued',
      unit: 'short',
      width: 24,
      description: 'How deep is the persistent job queue (every backend replica reports the shared queue, hence max)?',
      queries: [prom(`max(${METRIC_ANALYSIS_JOBS_QUEUED}{${S}})`, 'queued')],
    },
  ],
};
