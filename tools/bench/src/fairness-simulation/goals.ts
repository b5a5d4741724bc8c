/** The goals of issue 18 for one simulated cell; shared by the command and the CI test. */
import type { CellResult } from './simulate.ts';

/** Width may exceed Bonferroni's only by rounding: the two compute normal quantiles differently. */
const WIDTH_TOLERANCE = 1e-6;

export function cellFailures(r: CellResult, th: { coverage: number; fwer: number }): string[] {
  const out: string[] = [];
  if (r.coverageDifference < th.coverage) out.push(`max − min coverage ${r.coverageDifference}`);
  if (r.coverageRatio < th.coverage) out.push(`min / max coverage ${r.coverageRatio}`);
  if (r.fwer !== null && r.fwer > th.fwer) out.push(`FWER ${r.fwer}`);
  if (r.medianWidth > r.medianBonferroniWidth * (1 + WIDTH_TOLERANCE))
    out.push(`median width ${r.medianWidth} > Bonferroni ${r.medianBonferroniWidth}`);
  return out;
}
