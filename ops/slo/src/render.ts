import { Document } from 'yaml';

/** Written at the top of every generated file. */
export const GENERATED_HEADER =
  ' Generated from ops/slo/src (the SLO and alerting specification) by `npm run generate`.\n Do not edit: change the specification and regenerate.';

/** YAML as Prometheus and Alertmanager read it; multi-line PromQL becomes a literal block. */
export function renderYaml(value: unknown, header: string = GENERATED_HEADER): string {
  const doc = new Document(value, { aliasDuplicateObjects: false });
  doc.commentBefore = header;
  return doc.toString({ lineWidth: 0, indentSeq: true });
}
