/**
 * Writes beta-reference.json: Clopper–Pearson and Jeffreys limits (beta quantiles) computed at
 * 60 significant digits with decimal.js, independently of the engine's double-precision code.
 *
 * Route (no Python or R on this machine, so no scipy/R qbeta): the regularized incomplete beta
 * I_x(a, b) = x^a (1−x)^b / (a B(a, b)) · Σ_n [(a+b)_n / (a+1)_n] x^n (the hypergeometric series,
 * DLMF 8.17.8), mirrored above ½; ln Γ from Stirling's series with 15
 * Bernoulli terms after shifting the argument above 60; the quantile by bisection to 2^-40, then Newton steps to 1e-50.
 * Before writing, the oracle is checked against closed forms (Beta(1,b), Beta(a,1), Beta(½,½))
 * to 1e-40. Run: node packages/fairness/test/stats/support/generate-beta-reference.ts
 */
import { Decimal } from 'decimal.js';
import { writeFileSync } from 'node:fs';

const D = Decimal.clone({ precision: 60 });
type Dec = InstanceType<typeof D>;
const BERNOULLI: [number, number][] = [
  [1, 6],
  [-1, 30],
  [1, 42],
  [-1, 30],
  [5, 66],
  [-691, 2730],
  [7, 6],
  [-3617, 510],
  [43867, 798],
  [-174611, 330],
  [854513, 138],
  [-236364091, 2730],
  [8553103, 6],
  [-23749461029, 870],
  [8615841276005, 14322],
];
const LN_SQRT_2PI = D.acos(-1).times(2).ln().div(2);

function lnGamma(z: Dec): Dec {
  let product = new D(1);
  let y = z;
  while (y.lt(60)) {
    product = product.times(y);
    y = y.plus(1);
  }
  const shift = product.ln();
  let series = new D(0);
  BERNOULLI.forEach(([num, den], i) => {
    const k = 2 * (i + 1);
    series = series.plus(new D(num).div(den).div(new D(k * (k - 1)).times(y.pow(k - 1))));
  });
  return y.minus(0.5).times(y.ln()).minus(y).plus(LN_SQRT_2PI).plus(series).minus(shift);
}

const lnBetaCache = new Map<string, Dec>();
function lnBeta(a: Dec, b: Dec): Dec {
  const key = `${a}|${b}`;
  let v = lnBetaCache.get(key);
  if (!v) {
    v = lnGamma(a)
      .plus(lnGamma(b))
      .minus(lnGamma(a.plus(b)));
    lnBetaCache.set(key, v);
  }
  return v;
}

/** I_x(a, b) by the series (its terms' ratio tends to x); for x > ½, 1 − I_{1−x}(b, a). */
function incompleteBeta(x: Dec, a: Dec, b: Dec): Dec {
  if (x.lte(0)) return new D(0);
  if (x.gte(1)) return new D(1);
  if (x.gt(0.5)) return new D(1).minus(incompleteBeta(new D(1).minus(x), b, a));
  const prefactor = a
    .times(x.ln())
    .plus(b.times(new D(1).minus(x).ln()))
    .minus(lnBeta(a, b))
    .exp()
    .div(a);
  let term = new D(1),
    sum = new D(1);
  const eps = new D(10).pow(-58);
  for (let n = 0; n < 1_000_000; n++) {
    term = term.times(a.plus(b).plus(n)).div(a.plus(1).plus(n)).times(x);
    sum = sum.plus(term);
    if (term.abs().lt(sum.times(eps))) break;
  }
  return prefactor.times(sum);
}

/** Bisection to a bracket of width 2^-40, then Newton steps on it (the density is the derivative) to 1e-50. */
function quantile(p: Dec, a: Dec, b: Dec): Dec {
  let lo = new D(0),
    hi = new D(1);
  for (let i = 0; i < 40; i++) {
    const mid = lo.plus(hi).div(2);
    if (incompleteBeta(mid, a, b).lt(p)) lo = mid;
    else hi = mid;
  }
  let x = lo.plus(hi).div(2);
  const lnB = lnBeta(a, b),
    tol = new D(10).pow(-50);
  for (let i = 0; i < 60; i++) {
    const density = a
      .minus(1)
      .times(x.ln())
      .plus(b.minus(1).times(new D(1).minus(x).ln()))
      .minus(lnB)
      .exp();
    const next = x.minus(incompleteBeta(x, a, b).minus(p).div(density));
    if (next.lte(lo) || next.gte(hi)) throw new Error(`Newton left the bracket for p=${p} a=${a} b=${b}`);
    if (next.minus(x).abs().lt(tol.times(x))) return next;
    x = next;
  }
  throw new Error(`no convergence for p=${p} a=${a} b=${b}`);
}

function checkOracle(): void {
  const close = (got: Dec, want: Dec, what: string) => {
    if (got.minus(want).abs().gt(new D(10).pow(-40))) throw new Error(`oracle check ${what}: ${got} != ${want}`);
  };
  const p = new D('0.025');
  close(lnGamma(new D(0.5)), D.acos(-1).sqrt().ln(), 'lnGamma(1/2)');
  close(lnGamma(new D(11)), new D(3628800).ln(), 'lnGamma(11)');
  close(quantile(p, new D(1), new D(10)), new D(1).minus(new D(1).minus(p).pow(new D(1).div(10))), 'Beta(1,10)');
  close(quantile(p, new D(7.5), new D(1)), p.pow(new D(1).div(7.5)), 'Beta(7.5,1)');
  close(quantile(p, new D(0.5), new D(0.5)), D.sin(D.acos(-1).times(p).div(2)).pow(2), 'Beta(1/2,1/2)');
}

interface Case {
  x: string;
  n: string;
  confidence: string;
}
/** Integer counts, the edges x = 0 and x = n, large n, non-integer (Kish effective) n, and the extreme levels of simultaneous intervals. */
const CASES: Case[] = [
  ['0', '1'],
  ['1', '1'],
  ['0', '10'],
  ['1', '10'],
  ['5', '10'],
  ['10', '10'],
  ['3', '30'],
  ['15', '30'],
  ['29', '30'],
  ['0', '100'],
  ['1', '100'],
  ['50', '100'],
  ['99', '100'],
  ['100', '100'],
  ['7', '1000'],
  ['500', '1000'],
  ['0', '100000'],
  ['37', '100000'],
  ['49999', '100000'],
  ['0', '12.5'],
  ['12.5', '12.5'],
  ['3.75', '12.5'],
  ['11.226', '37.42'],
  ['0.4', '5.3'],
  ['1234.56', '9876.54'],
]
  .flatMap(([x, n]) => ['0.95', '0.99'].map((confidence) => ({ x, n, confidence })))
  .concat(
    [
      ['0', '30'],
      ['2', '200'],
      ['150', '200'],
      ['200', '200'],
      ['6.4', '47.9'],
    ].map(([x, n]) => ({ x, n, confidence: '0.9997368' })),
  );

function limits(c: Case) {
  process.stderr.write(`${c.x}/${c.n} at ${c.confidence}\n`);
  const x = new D(c.x),
    n = new D(c.n),
    half = new D(1).minus(c.confidence).div(2);
  const upperP = new D(1).minus(half);
  const fmt = (v: Dec) => v.toSignificantDigits(25).toString();
  return {
    ...c,
    clopperPearson: [
      x.isZero() ? '0' : fmt(quantile(half, x, n.minus(x).plus(1))),
      x.eq(n) ? '1' : fmt(quantile(upperP, x.plus(1), n.minus(x))),
    ],
    // Jeffreys with the Brown–Cai–DasGupta boundary rule: lower 0 at x = 0, upper 1 at x = n.
    jeffreys: [
      x.isZero() ? '0' : fmt(quantile(half, x.plus(0.5), n.minus(x).plus(0.5))),
      x.eq(n) ? '1' : fmt(quantile(upperP, x.plus(0.5), n.minus(x).plus(0.5))),
    ],
  };
}

checkOracle();
const out = new URL('./beta-reference.json', import.meta.url);
writeFileSync(
  out,
  `${JSON.stringify({ generator: 'generate-beta-reference.ts (decimal.js, 60 digits)', cases: CASES.map(limits) }, null, 1)}\n`,
);
process.stdout.write(`wrote ${CASES.length} cases to ${out.pathname}\n`);
