// Traffic: commands per second by outcome, live, from the command service's Prometheus counters
// (eventline_commands_total{aggregate,outcome,code}), read through the console's proxy.
import { api, showError } from './api.js';
import { h, every } from './dom.js';
import { lineChart, Samples } from './chart.js';

const OUTCOME_COLORS = { accepted: '#1a7f37', rejected: '#b42318' };
const LINE = /^eventline_commands_total\{([^}]*)\}\s+([0-9.eE+-]+)/;

/** Totals by outcome (and by aggregate and code) from Prometheus text. */
export function parse(text) {
  const byOutcome = {}, byKey = {};
  for (const line of text.split('\n')) {
    const m = line.match(LINE);
    if (!m) continue;
    const labels = Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map(x => [x[1], x[2]]));
    const value = Number(m[2]);
    byOutcome[labels.outcome] = (byOutcome[labels.outcome] || 0) + value;
    const key = [labels.aggregate, labels.outcome, labels.code].filter(x => x && x !== 'none').join(' ');
    byKey[key] = (byKey[key] || 0) + value;
  }
  return { byOutcome, byKey };
}

export function render(main) {
  const rates = new Samples();
  const chart = h('div');
  const table = h('tbody');
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Commands per second by outcome'),
    h('p', { class: 'muted' }, 'From the command service this console reaches; every instance counts its own commands.'), chart),
    h('div', { class: 'card' }, h('h3', {}, 'Totals'), h('table', { id: 'traffic-totals' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Aggregate, outcome, code'), h('th', {}, 'Commands'))), table)));
  let previous = null;
  return every(2000, async () => {
    let text;
    try { text = await api.get('/console/api/metrics'); } catch (e) { showError(e); return; }
    const now = Date.now(), totals = parse(String(text));
    if (previous) {
      const seconds = (now - previous.t) / 1000;
      const outcomes = new Set([...Object.keys(totals.byOutcome), ...Object.keys(previous.totals.byOutcome)]);
      for (const outcome of outcomes) {
        const delta = (totals.byOutcome[outcome] || 0) - (previous.totals.byOutcome[outcome] || 0);
        rates.add(outcome, now, Math.max(0, delta) / seconds);
      }
    }
    previous = { t: now, totals };
    chart.replaceChildren(...lineChart('traffic-chart', rates.series(), { unit: '/s', colors: OUTCOME_COLORS }));
    table.replaceChildren(...Object.entries(totals.byKey).sort().map(([k, v]) => h('tr', {}, h('td', {}, k), h('td', {}, String(v)))));
  });
}
