/**
 * Ranking of drivers and the two warnings an auditor must see: the protected attribute itself
 * among the top drivers (the model uses it, directly or through a copy in the features), or a
 * strong proxy of a protected attribute among them (the model can discriminate without seeing it).
 */
import type { DriverFlag, FeatureDriver, ProxyAssociation } from './types.ts';

/** Used features by share, largest first; ties by name so the order never depends on input order. */
export function rankFeatures(features: FeatureDriver[]): string[] {
  return features
    .filter((f) => f.share !== null)
    .sort((a, b) => (b.share as number) - (a.share as number) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((f) => f.name);
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export function driverFlags(
  features: FeatureDriver[],
  proxies: ProxyAssociation[],
  sensitiveNames: string[],
  topK: number,
  minDriverShare: number,
): DriverFlag[] {
  const flags: DriverFlag[] = [];
  const top = features
    .filter((f) => f.rank !== null && f.rank <= topK && (f.share as number) >= minDriverShare)
    .sort((a, b) => (a.rank as number) - (b.rank as number));
  for (const f of top) {
    const rank = f.rank as number;
    const share = f.share as number;
    for (const attribute of sensitiveNames) {
      const assoc = proxies.find((p) => p.feature === f.name && p.sensitive === attribute);
      const association = assoc ? assoc.cramersV : null;
      if (f.name === attribute) {
        flags.push({
          kind: 'protected_attribute_driver',
          feature: f.name,
          rank,
          share,
          attribute,
          association,
          message: `The protected attribute "${attribute}" is itself driver #${rank} of the decisions (${pct(share)} of the attribution).`,
        });
      } else if (assoc && assoc.strong) {
        flags.push({
          kind: 'proxy_driver',
          feature: f.name,
          rank,
          share,
          attribute,
          association,
          message: `"${f.name}" is driver #${rank} (${pct(share)} of the attribution) and a strong proxy for "${attribute}" (Cramér's V ${(association as number).toFixed(3)}).`,
        });
      }
    }
  }
  return flags;
}
