/* The reports pages (#7): draws the charts with Chart.js (served from this origin, loaded before this
   file) from each canvas's data-series, and changes the period as soon as one is picked. The tables
   beside the charts carry the exact amounts; the charts only show their shape. No inline code. */
(() => {
  const lang = document.documentElement.lang === 'en' ? 'en' : 'es';
  const money = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'es-MX', {
    style: 'currency',
    currency: 'MXN',
    maximumFractionDigits: 2,
  });
  const PALETTE = ['#4f46e5', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#8b5cf6', '#14b8a6', '#64748b'];
  // Display values for the chart only: every amount shown as text comes from the server's decimals.
  const amount = (text) => Number(text);

  function barChart(canvas, series) {
    return new window.Chart(canvas, {
      type: 'bar',
      data: {
        labels: series.labels,
        datasets: series.series.map((s, i) => ({
          label: s.label,
          data: s.data.map(amount),
          backgroundColor: PALETTE[i % PALETTE.length],
          borderRadius: 6,
          maxBarThickness: 48,
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${money.format(c.parsed.y)}` } },
        },
        scales: { y: { beginAtZero: true, ticks: { callback: (v) => money.format(v) } } },
      },
    });
  }

  function doughnutChart(canvas, series) {
    return new window.Chart(canvas, {
      type: 'doughnut',
      data: {
        labels: series.labels,
        datasets: [
          {
            data: series.data.map(amount),
            backgroundColor: series.labels.map((_, i) => PALETTE[i % PALETTE.length]),
            borderWidth: 2,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        cutout: '58%',
        plugins: {
          legend: { position: 'bottom', labels: { boxWidth: 12 } },
          tooltip: { callbacks: { label: (c) => `${c.label}: ${money.format(c.parsed)}` } },
        },
      },
    });
  }

  function setupCharts() {
    if (!window.Chart) return;
    window.Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    window.Chart.defaults.color = '#374151';
    for (const canvas of document.querySelectorAll('canvas[data-chart]')) {
      const series = JSON.parse(canvas.dataset.series || '{}');
      if (canvas.dataset.chart === 'bar') barChart(canvas, series);
      else if (canvas.dataset.chart === 'doughnut') doughnutChart(canvas, series);
      canvas.dataset.drawn = 'true';
    }
  }

  function setupPeriod() {
    for (const select of document.querySelectorAll('select[data-autosubmit]')) {
      select.addEventListener('change', () => select.form?.submit());
    }
  }

  function start() {
    setupPeriod();
    setupCharts();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
