/**
 * ProPublica's published COMPAS confusion tables ("Machine Bias", notebook cells 71/75/77; see
 * ../shared/datasets/compas/SOURCE.md): prediction = score_text in {Medium, High}, label =
 * two_year_recid, all 7,214 rows. These are the numbers a report must reproduce exactly.
 */
export interface Counts {
  tn: number;
  fp: number;
  fn: number;
  tp: number;
}

export const PROPUBLICA = {
  overall: { tn: 2681, fp: 1282, fn: 1216, tp: 2035 },
  race: {
    'African-American': { tn: 990, fp: 805, fn: 532, tp: 1369 },
    Caucasian: { tn: 1139, fp: 349, fn: 461, tp: 505 },
  },
} as const satisfies { overall: Counts; race: Record<string, Counts> };

export const COMPAS_ROWS = 7214;

export const COMPAS_CONFIG = {
  label: 'two_year_recid',
  labelPositive: ['1'],
  prediction: 'score_text',
  predictionPositive: ['Medium', 'High'],
  sensitive: ['race', 'sex'],
};

interface GroupLike extends Counts {
  key: string;
}

interface ResultLike {
  overall: GroupLike;
  attributes: { name: string; groups: GroupLike[] }[];
}

export function countsOf(group: Counts): Counts {
  return { tn: group.tn, fp: group.fp, fn: group.fn, tp: group.tp };
}

/** The overall and per-race confusion counts of a report's AuditResult, in ProPublica's shape. */
export function propublicaView(result: ResultLike): { overall: Counts; race: Record<string, Counts> } {
  const race = result.attributes.find((a) => a.name === 'race');
  if (race === undefined)
    throw new Error(`the result has no "race" attribute (has: ${result.attributes.map((a) => a.name).join(', ')})`);
  const pick = (key: string): Counts => {
    const group = race.groups.find((g) => g.key === key);
    if (group === undefined) throw new Error(`the race attribute has no group "${key}"`);
    return countsOf(group);
  };
  return {
    overall: countsOf(result.overall),
    race: { 'African-American': pick('African-American'), Caucasian: pick('Caucasian') },
  };
}
