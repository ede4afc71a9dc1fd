import { useEffect, useRef } from 'react';
import type { Chart as ChartType } from 'chart.js';

/**
 * Coverage (%) per child area as horizontal bars with the 100% target as the axis end. chart.js is
 * imported only here, reached only from the coverage page (its own lazy chunk).
 */
/** a long name would take the whole width of a phone: the table beside the chart has it in full */
const short = (s: string) => (s.length > 22 ? `${s.slice(0, 21)}…` : s);

export function CoverageChart({ labels, data, title }: { labels: string[]; data: (number | null)[]; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: ChartType | null = null;
    let cancelled = false;
    void import('chart.js/auto').then(({ default: Chart }) => {
      if (cancelled || !canvas.current) return;
      chart = new Chart(canvas.current, {
        type: 'bar',
        data: { labels, datasets: [{ label: title, data: data.map((v) => (v === null ? 0 : Math.round(v * 1000) / 10)), backgroundColor: '#2f7d32' }] },
        options: {
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          scales: { x: { min: 0, max: 100 }, y: { ticks: { callback: (_v, i) => short(labels[i] ?? '') } } },
          plugins: { legend: { display: false } },
        },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [labels, data, title]);
  return (
    <div className="training-chart" style={{ height: Math.max(140, labels.length * 26 + 50) }}>
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
