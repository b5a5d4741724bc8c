import { readFileSync } from 'node:fs';
import { Counter, Gauge, Histogram, Summary, type Registry } from 'prom-client';

const DOC = new URL('../../../../docs/reference/metrics.md', import.meta.url);
const CLASSES = { counter: Counter, gauge: Gauge, histogram: Histogram, summary: Summary } as const;

export interface DocumentedMetric {
  name: string;
  type: keyof typeof CLASSES;
  section: string;
}

/** Every row of the metric tables in docs/reference/metrics.md, with the `## section` it is under. */
export function documentedMetrics(): DocumentedMetric[] {
  const out: DocumentedMetric[] = [];
  let section = '';
  for (const line of readFileSync(DOC, 'utf8').split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3).trim();
    const row = /^\| `([a-z_:]+)` \| (counter|gauge|histogram|summary) \|/.exec(line);
    if (row !== null) out.push({ name: row[1]!, type: row[2] as DocumentedMetric['type'], section });
  }
  return out;
}

/** Documented metrics of `sections` that are not a prom-client instance of their documented type in `registry`. */
export function notPromClientInstances(registry: Registry, sections: readonly string[]): string[] {
  const wanted = documentedMetrics().filter((m) => sections.includes(m.section));
  if (wanted.length === 0) throw new Error(`no documented metrics in sections ${sections.join(', ')}`);
  return wanted
    .filter((m) => !(registry.getSingleMetric(m.name) instanceof CLASSES[m.type]))
    .map((m) => `${m.name} (${m.type})`);
}
