import type { Counts } from './compas.ts';

/**
 * A small inline analysis body for `POST /v1/analyses` ({config, data} with columnar data) and
 * the confusion counts per group that a correct report must show, counted here independently
 * of the engine. `variant` shifts the pattern so two bodies (and their reports) differ.
 */
export interface InlineAudit {
  readonly body: { config: Record<string, unknown>; data: { columns: Record<string, (string | number)[]> } };
  readonly expected: Record<string, Counts>;
}

export function inlineAudit(variant = 0, rows = 120): InlineAudit {
  const group: string[] = [];
  const label: number[] = [];
  const decision: string[] = [];
  const expected: Record<string, Counts> = {};
  for (let i = 0; i < rows; i += 1) {
    const g = i % 3 === 0 ? 'north' : 'south';
    const y = (i * 7 + variant) % 5 < 2 ? 1 : 0;
    const yes = (i * 3 + variant + (g === 'north' ? 1 : 0)) % 4 < 2;
    group.push(g);
    label.push(y);
    decision.push(yes ? 'approve' : 'deny');
    const c = (expected[g] ??= { tn: 0, fp: 0, fn: 0, tp: 0 });
    if (y === 1 && yes) c.tp += 1;
    else if (y === 1) c.fn += 1;
    else if (yes) c.fp += 1;
    else c.tn += 1;
  }
  return {
    body: {
      config: {
        label: 'outcome',
        labelPositive: ['1'],
        prediction: 'decision',
        predictionPositive: ['approve'],
        sensitive: ['region'],
      },
      data: { columns: { region: group, outcome: label, decision } },
    },
    expected,
  };
}

/** Confusion counts per group of the named attribute of a report's result. */
export function groupCounts(
  result: { attributes: { name: string; groups: ({ key: string } & Counts)[] }[] },
  attribute: string,
): Record<string, Counts> {
  const found = result.attributes.find((a) => a.name === attribute);
  if (found === undefined) throw new Error(`the result has no attribute "${attribute}"`);
  return Object.fromEntries(found.groups.map((g) => [g.key, { tn: g.tn, fp: g.fp, fn: g.fn, tp: g.tp }]));
}
