import type { Registry } from 'prom-client';

// Our own writer for both exposition formats. prom-client decides the format per Registry
// and its OpenMetrics path renames counters in place (drops `_total`), so one registry cannot
// safely serve both formats to concurrent scrapers; writing the text ourselves can.

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
export const OPENMETRICS_CONTENT_TYPE = 'application/openmetrics-text; version=1.0.0; charset=utf-8';

export type ExpositionFormat = 'prometheus' | 'openmetrics';

interface Sample {
  value: number;
  labels: Record<string, string | number | undefined>;
  metricName?: string;
  exemplar?: { labelSet: Record<string, string | number>; value: number; timestamp?: number } | null;
}

/** `openmetrics` when the Accept header asks for it (as Prometheus does with exemplar storage on). */
export function negotiateFormat(accept: string | undefined): ExpositionFormat {
  return accept !== undefined && accept.includes('application/openmetrics-text') ? 'openmetrics' : 'prometheus';
}

export function contentTypeOf(format: ExpositionFormat): string {
  return format === 'openmetrics' ? OPENMETRICS_CONTENT_TYPE : PROMETHEUS_CONTENT_TYPE;
}

export async function serialize(registry: Registry, format: ExpositionFormat): Promise<string> {
  const families = await registry.getMetricsAsJSON();
  const openMetrics = format === 'openmetrics';
  const blocks: string[] = [];
  for (const family of families) {
    const isCounter = String(family.type) === 'counter';
    const familyName = openMetrics && isCounter ? family.name.replace(/_total$/, '') : family.name;
    const lines = [
      `# HELP ${familyName} ${escapeHelp(family.help, openMetrics)}`,
      `# TYPE ${familyName} ${family.type}`,
    ];
    for (const sample of family.values as Sample[]) {
      let name = sample.metricName ?? family.name;
      if (openMetrics && isCounter && name === familyName) name = `${familyName}_total`;
      let line = `${name}${formatLabels(sample.labels)} ${formatValue(sample.value)}`;
      if (openMetrics && sample.exemplar && Object.keys(sample.exemplar.labelSet).length > 0) {
        const ex = sample.exemplar;
        line += ` # ${formatLabels(ex.labelSet) || '{}'} ${formatValue(ex.value)}`;
        if (ex.timestamp !== undefined) line += ` ${ex.timestamp}`;
      }
      lines.push(line);
    }
    blocks.push(lines.join('\n'));
  }
  return openMetrics ? `${blocks.join('\n')}\n# EOF\n` : `${blocks.join('\n\n')}\n`;
}

// `le` and `quantile` go last so series read naturally (`{route="/x",le="0.1"}`).
function formatLabels(labels: Record<string, string | number | undefined>): string {
  const parts: string[] = [];
  let tail = '';
  for (const key of Object.keys(labels)) {
    const raw = labels[key];
    if (raw === undefined) continue;
    const pair = `${key}="${escapeLabelValue(String(raw))}"`;
    if (key === 'le' || key === 'quantile') tail = pair;
    else parts.push(pair);
  }
  if (tail) parts.push(tail);
  return parts.length > 0 ? `{${parts.join(',')}}` : '';
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(help: string, openMetrics: boolean): string {
  const escaped = help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  return openMetrics ? escaped.replace(/"/g, '\\"') : escaped;
}
