/**
 * Readable values for the Statlog German credit codes, as german.txt (UCI's attribute
 * description) defines them. Values contain no commas or quotes, so they go into a CSV as they are.
 */
export const CHECKING_ACCOUNT: Readonly<Record<string, string>> = {
  A11: '< 0 DM',
  A12: '0-200 DM',
  A13: '>= 200 DM',
  A14: 'no account',
};

export const CREDIT_HISTORY: Readonly<Record<string, string>> = {
  A30: 'no credits or all paid',
  A31: 'all paid at this bank',
  A32: 'existing paid duly',
  A33: 'delays in the past',
  A34: 'critical account',
};

export const PURPOSE: Readonly<Record<string, string>> = {
  A40: 'car (new)',
  A41: 'car (used)',
  A42: 'furniture/equipment',
  A43: 'radio/television',
  A44: 'domestic appliances',
  A45: 'repairs',
  A46: 'education',
  A47: 'vacation',
  A48: 'retraining',
  A49: 'business',
  A410: 'other',
};

export const SAVINGS: Readonly<Record<string, string>> = {
  A61: '< 100 DM',
  A62: '100-500 DM',
  A63: '500-1000 DM',
  A64: '>= 1000 DM',
  A65: 'unknown or none',
};

export const EMPLOYMENT_SINCE: Readonly<Record<string, string>> = {
  A71: 'unemployed',
  A72: '< 1 year',
  A73: '1-4 years',
  A74: '4-7 years',
  A75: '>= 7 years',
};

export const HOUSING: Readonly<Record<string, string>> = {
  A151: 'rent',
  A152: 'own',
  A153: 'for free',
};

/** Attribute 9 mixes sex and marital status; only the sex is kept. A95 (female single) never occurs. */
export const SEX: Readonly<Record<string, string>> = {
  A91: 'male',
  A92: 'female',
  A93: 'male',
  A94: 'male',
  A95: 'female',
};

export const FOREIGN_WORKER: Readonly<Record<string, string>> = {
  A201: 'yes',
  A202: 'no',
};

/** Attribute "credit": 1 = good, 2 = bad. */
export const CREDIT_RISK: Readonly<Record<string, string>> = {
  '1': 'good',
  '2': 'bad',
};

/** The fairness literature's split (AIF360 treats age > 25 as the privileged group). */
export function ageGroup(age: number): string {
  return age > 25 ? 'over 25' : '25 or under';
}

/** Loan duration in bands, so the model treats it like the other categorical inputs. */
export function durationBand(months: number): string {
  if (months <= 12) return '<= 12 months';
  if (months <= 24) return '13-24 months';
  if (months <= 36) return '25-36 months';
  return '> 36 months';
}

/** The code's readable value; an unknown code is a corrupt input file, not something to guess. */
export function decode(table: Readonly<Record<string, string>>, code: string, column: string): string {
  const value = table[code];
  if (value === undefined) throw new Error(`german.csv: unknown code ${JSON.stringify(code)} in column ${column}`);
  return value;
}
