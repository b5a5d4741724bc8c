import { CHART_METRICS, heatColor, heatRows } from '../logic/report-view.ts';
import { count, pct } from '../logic/format.ts';
import type { AttributeReport, GroupReport } from '../logic/types.ts';
import { Badge } from './status.tsx';

/** Every intersectional group against the four rates, shaded by the rate relative to everyone's. */
export function HeatMap({ attribute, overall }: { attribute: AttributeReport; overall: GroupReport }) {
  const rows = heatRows(attribute, overall);
  return (
    <section aria-labelledby="heat-title">
      <h2 id="heat-title">Intersectional groups: {attribute.name}</h2>
      <p class="muted">
        Each cell is the group's rate; blue is below the overall rate, orange above, white equal. Overall:{' '}
        {CHART_METRICS.map((m) => `${m.title} ${pct(overall.rates[m.metric].value)}`).join(', ')}.
      </p>
      <div class="scroll" tabIndex={0} role="region" aria-label="Table, scrolls sideways on narrow screens">
        <table class="heat">
          <caption>Rates of {rows.length} intersectional groups</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">People</th>
              {CHART_METRICS.map((m) => (
                <th scope="col" key={m.metric}>
                  {m.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.key} {r.small && <Badge tone="warn">small</Badge>}
                </th>
                <td class="num">{count(r.rows)}</td>
                {r.cells.map((c, i) => (
                  <td key={i} class="num" style={{ backgroundColor: heatColor(c.relative) }}>
                    {pct(c.value)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
