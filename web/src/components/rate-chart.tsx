import { useEffect, useRef } from 'preact/hooks';
import { BarController, BarElement, CategoryScale, Chart, LinearScale, Tooltip, type Plugin } from 'chart.js';
import type { ChartSeries } from '../logic/report-view.ts';
import { pct } from '../logic/format.ts';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

interface Overlay {
  intervals: ([number, number] | null)[];
  fourFifths: number | null;
}

/** Interval whiskers on each bar and the dashed four-fifths line, drawn after the bars. */
const overlayPlugin: Plugin<'bar'> = {
  id: 'ethixaiOverlay',
  afterDatasetsDraw(chart) {
    const overlay = (chart.options.plugins as unknown as { ethixaiOverlay?: Overlay }).ethixaiOverlay;
    if (!overlay) return;
    const { ctx, scales, chartArea } = chart;
    const meta = chart.getDatasetMeta(0);
    ctx.save();
    ctx.strokeStyle = '#1a1a1a';
    ctx.lineWidth = 1.5;
    overlay.intervals.forEach((interval, i) => {
      const bar = meta.data[i];
      if (!interval || !bar) return;
      const x = bar.x;
      const [lo, hi] = interval.map((v) => scales.y.getPixelForValue(v));
      ctx.beginPath();
      ctx.moveTo(x, lo);
      ctx.lineTo(x, hi);
      ctx.moveTo(x - 5, lo);
      ctx.lineTo(x + 5, lo);
      ctx.moveTo(x - 5, hi);
      ctx.lineTo(x + 5, hi);
      ctx.stroke();
    });
    if (overlay.fourFifths !== null) {
      const y = scales.y.getPixelForValue(overlay.fourFifths);
      ctx.strokeStyle = '#b00020';
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(chartArea.left, y);
      ctx.lineTo(chartArea.right, y);
      ctx.stroke();
    }
    ctx.restore();
  },
};

export function RateChart({ title, series, onDrawn }: { title: string; series: ChartSeries; onDrawn?: () => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const chart = new Chart(canvas.current!, {
      type: 'bar',
      data: {
        labels: series.labels,
        datasets: [
          {
            label: title,
            data: series.values,
            backgroundColor: series.small.map((s) => (s ? '#b8c4d6' : '#3f6fb0')),
          },
        ],
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 1, ticks: { callback: (v) => pct(Number(v), 0) } } },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item: { raw: unknown; dataIndex: number }) =>
                `${pct(item.raw as number)}${series.intervals[item.dataIndex] ? ` (95% CI ${series.intervals[item.dataIndex]!.map((v) => pct(v)).join('–')})` : ''}`,
            },
          },
          ethixaiOverlay: { intervals: series.intervals, fourFifths: series.fourFifths },
        } as never,
      },
      plugins: [overlayPlugin],
    });
    onDrawn?.();
    return () => chart.destroy();
  }, [series]);

  const description = series.labels.map((l, i) => `${l}: ${pct(series.values[i])}`).join('; ');
  return (
    <figure class="chart">
      <figcaption>
        {title}
        {series.fourFifths !== null && (
          <span class="muted">
            {' '}
            — dashed line: 4/5 of {series.fourFifthsOf} ({pct(series.fourFifths)})
          </span>
        )}
      </figcaption>
      <div class="chart-box">
        <canvas ref={canvas} role="img" aria-label={`${title} by group: ${description}`} />
      </div>
    </figure>
  );
}
