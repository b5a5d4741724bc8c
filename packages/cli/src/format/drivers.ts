/**
 * The drivers/proxies part of a report as rows, shared by the table and html formats: the
 * surrogate and its fidelity, features by rank with their strongest association to a protected
 * attribute, and the flags.
 */
import type { AuditResult } from '@ethixai/fairness';

type DriversResult = NonNullable<AuditResult['drivers']>;
import { percent } from './values.ts';

export interface DriversSummary {
  readonly surrogate: string;
  readonly rows: string[][];
  readonly flags: string[];
}

export const DRIVER_HEADER = [
  'rank',
  'feature',
  'share',
  'permutation importance',
  'strongest association (Cramér V, NMI)',
];

export function driversSummary(result: AuditResult): DriversSummary | string | null {
  const drivers = result.drivers;
  if (drivers === null) return result.driversReason === null ? null : `not computed: ${result.driversReason}`;
  return { surrogate: surrogateText(drivers), rows: featureRows(drivers), flags: drivers.flags.map((f) => f.message) };
}

function surrogateText(drivers: DriversResult): string {
  const s = drivers.surrogate;
  if (!s.fitted) return `no surrogate: ${s.message}`;
  const f = s.fidelity;
  return (
    `surrogate ${drivers.method.surrogate} on ${s.nFit.toLocaleString('en-US')} rows: agrees with ${percent(f.agreement)} of the decisions ` +
    `(majority baseline ${percent(f.majorityAgreement)}), AUC ${f.auc.toFixed(3)}`
  );
}

function featureRows(drivers: DriversResult): string[][] {
  const byRank = [...drivers.features].sort(
    (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name),
  );
  return byRank.map((feature) => {
    const strongest = drivers.proxies
      .filter((p) => p.feature === feature.name && p.cramersV !== null)
      .sort((a, b) => b.cramersV! - a.cramersV!)[0];
    const association =
      strongest === undefined
        ? 'n/a'
        : `${strongest.sensitive}: ${strongest.cramersV!.toFixed(3)}, ${strongest.nmi === null ? 'n/a' : strongest.nmi.toFixed(3)}${strongest.strong ? ' (strong)' : ''}`;
    const importance = feature.permutationImportance;
    return [
      feature.rank === null ? '–' : String(feature.rank),
      feature.excludedReason === null ? feature.name : `${feature.name} (left out: ${feature.excludedReason})`,
      feature.share === null ? 'n/a' : percent(feature.share),
      importance === null ? 'n/a' : `${importance.mean.toFixed(4)} ± ${importance.std.toFixed(4)}`,
      association,
    ];
  });
}
