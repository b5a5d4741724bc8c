import { useEffect, useRef } from 'preact/hooks';
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { FairnessHistory } from '../../../packages/contracts/src/models.ts';
import { historyLines } from '../logic/history-view.ts';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const COLOURS = ['#3f6fb0', '#8a4b08', '#2e7d32'];

/** Each policy metric of the live window over time, with its threshold as a dashed line. */
export function HistoryChart({ history }: { history: FairnessHistory }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { labels, lines } = historyLines(history);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: 'line',
      data: {
        labels,
        datasets: lines.flatMap((line, i) => [
          {
            label: line.metric.replace(/_/g, ' '),
            data: line.values,
            borderColor: COLOURS[i % COLOURS.length],
            backgroundColor: COLOURS[i % COLOURS.length],
            pointRadius: 2,
            spanGaps: false,
          },
          {
            label: `${line.metric.replace(/_/g, ' ')} threshold`,
            data: labels.map(() => line.threshold),
            borderColor: COLOURS[i % COLOURS.length],
            borderDash: [6, 4],
            pointRadius: 0,
          },
        ]),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { ticks: { maxTicksLimit: 8 } } },
      },
    });
    return () => chart.destroy();
  }, [history]);
  const summary = lines
    .map((l) => `${l.metric.replace(/_/g, ' ')}: ${l.breaches} of ${labels.length} windows breach ${l.threshold}`)
    .join('; ');
  return (
    <figure class="chart wide-chart">
      <figcaption>{summary || 'No policy metric'}</figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={`Live fairness over time. ${summary}`} />
      </div>
    </figure>
  );
}
