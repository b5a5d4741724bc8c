import { pct, ratio } from '../logic/format.ts';
import type { DriversResult } from '../logic/types.ts';

/** What drives the decisions (a measured surrogate) and which features stand in for protected attributes. */
export function Drivers({ drivers, reason }: { drivers: DriversResult | null; reason: string | null }) {
  return (
    <section aria-labelledby="drivers-title">
      <h2 id="drivers-title">Drivers and proxies</h2>
      {drivers === null ? (
        <p>No drivers analysis: {reason ?? 'no features were given'}.</p>
      ) : (
        <>
          {drivers.flags.length > 0 && (
            <ul class="verdicts">
              {drivers.flags.map((f, i) => (
                <li key={i} class="verdict verdict-warn">
                  <strong>
                    {f.kind === 'proxy_driver' ? 'Proxy among the top drivers' : 'Protected attribute drives decisions'}
                    :
                  </strong>{' '}
                  {f.message}
                </li>
              ))}
            </ul>
          )}
          {drivers.surrogate.fitted ? (
            <p class="muted">
              A logistic surrogate reproduces {pct(drivers.surrogate.fidelity.agreement)} of the decisions (always
              predicting the majority: {pct(drivers.surrogate.fidelity.majorityAgreement)}).
            </p>
          ) : (
            <p>The surrogate could not be fitted: {drivers.surrogate.message}</p>
          )}
          <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
            <table>
              <caption>Features by their share of the decisions</caption>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Feature</th>
                  <th scope="col">Share</th>
                  <th scope="col">Permutation importance</th>
                </tr>
              </thead>
              <tbody>
                {drivers.features
                  .slice()
                  .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))
                  .map((f) => (
                    <tr key={f.name}>
                      <td class="num">{f.rank ?? '—'}</td>
                      <th scope="row">{f.name}</th>
                      <td class="num">{pct(f.share)}</td>
                      <td class="num">
                        {f.permutationImportance ? pct(f.permutationImportance.mean) : (f.excludedReason ?? '—')}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
          <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
            <table>
              <caption>
                Proxies: association of each feature with each sensitive attribute (Cramér's V, bias-corrected)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Feature</th>
                  <th scope="col">Sensitive attribute</th>
                  <th scope="col">Cramér's V</th>
                  <th scope="col">Proxy?</th>
                </tr>
              </thead>
              <tbody>
                {drivers.proxies.map((p, i) => (
                  <tr key={i}>
                    <th scope="row">{p.feature}</th>
                    <td>{p.sensitive}</td>
                    <td class="num">{ratio(p.cramersV)}</td>
                    <td>{p.strong ? 'strong proxy' : 'no'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
