import { useEffect, useRef } from 'react';
import type { Chart as ChartType } from 'chart.js';

/**
 * Stacked bars of pupils by format per child area. chart.js is imported here only, and this file is
 * reached only from the analytics page (its own lazy chunk), so no other page downloads it.
 */
export function FormatsChart({ labels, series, title }: { labels: string[]; series: { label: string; data: (number | null)[] }[]; title: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: ChartType | null = null;
    let cancelled = false;
    void import('chart.js/auto').then(({ default: Chart }) => {
      if (cancelled || !canvas.current) return;
      const colours = ['#2f7d32', '#1565c0', '#ef6c00', '#6a1b9a'];
      chart = new Chart(canvas.current, {
        type: 'bar',
        data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.data.map((v) => v ?? 0), backgroundColor: colours[i % colours.length] })) },
        options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false, scales: { x: { stacked: true }, y: { stacked: true } } },
      });
    });
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [labels, series]);
  return (
    <div className="analytics-chart" style={{ height: Math.max(160, labels.length * 26 + 60) }}>
      <canvas ref={canvas} role="img" aria-label={title} />
    </div>
  );
}
