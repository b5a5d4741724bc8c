/** One sample line of a Prometheus text or OpenMetrics exposition. */
export interface ScrapeSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  exemplar?: { labels: Record<string, string>; value: number; timestamp?: number };
}

export interface Scrape {
  samples: ScrapeSample[];
  /** `# TYPE` per family name. */
  types: Map<string, string>;
}

const SAMPLE =
  /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*?\})?\s+(\S+)(?:\s+(\d+(?:\.\d+)?))?(?:\s+#\s+(\{.*?\})\s+(\S+)(?:\s+(\S+))?)?$/;

/** Parses exposition text (both formats); throws on a line it cannot read, so tests notice. */
export function parseScrape(text: string): Scrape {
  const samples: ScrapeSample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line === '# EOF' || line.startsWith('# HELP') || line.startsWith('# UNIT')) continue;
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      types.set(name!, type!);
      continue;
    }
    const match = SAMPLE.exec(line);
    if (match === null) throw new Error(`unparseable exposition line: ${line}`);
    const sample: ScrapeSample = { name: match[1]!, labels: parseLabels(match[2]), value: parseNumber(match[3]!) };
    if (match[5] !== undefined) {
      sample.exemplar = { labels: parseLabels(match[5]), value: parseNumber(match[6]!) };
      if (match[7] !== undefined) sample.exemplar.timestamp = Number(match[7]);
    }
    samples.push(sample);
  }
  return { samples, types };
}

export function parseLabels(block: string | undefined): Record<string, string> {
  const labels: Record<string, string> = {};
  if (block === undefined) return labels;
  const pair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;
  for (const match of block.matchAll(pair)) {
    labels[match[1]!] = match[2]!.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  return labels;
}

function parseNumber(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}

/** Samples named `name` whose labels include every pair in `labels`. */
export function findSamples(scrape: Scrape, name: string, labels: Record<string, string> = {}): ScrapeSample[] {
  return scrape.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

/** The value of the single matching sample; 0 when the series does not exist yet (counters start at 0). */
export function sampleValue(scrape: Scrape, name: string, labels: Record<string, string> = {}): number {
  const found = findSamples(scrape, name, labels);
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}
