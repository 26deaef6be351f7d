// Read models: lag per projection in records and in seconds, live, gathered from every instance
// (each counts the partitions it hosts); their state (a rebuild or a rebalance shows as REBALANCING
// until it is RUNNING, and one instance in ERROR shows as ERROR); the records they parked, with
// retry and skip.
import { api, seg, showError } from './api.js';
import { h, status, when, every } from './dom.js';
import { lineChart, Samples } from './chart.js';

export function render(main) {
  const records = new Samples(), seconds = new Samples();
  const table = h('tbody');
  const charts = h('div', { class: 'row' });
  const parked = h('div', { id: 'parked' });
  const rebuilds = h('tbody');
  const partial = h('p', { id: 'status-partial', class: 'error', hidden: true });
  main.append(
    h('div', { class: 'card' }, h('h2', {}, 'Read models'), h('p', { class: 'muted' },
      'Gathered from every instance of this service: lag and changes add up what each instance\'s tasks have not processed'
      + ' and have applied; the lag in seconds and the state are the worst of them.'), partial,
      h('table', { id: 'projections' }, h('thead', {}, h('tr', {},
        ['Projection', 'State', 'Lag (records)', 'Lag (s)', 'Changes applied', 'Parked', 'Instances', ''].map(t => h('th', {}, t)))), table)),
    h('div', { class: 'card' }, h('h3', {}, 'Rebuilds'), h('p', { class: 'muted' },
      'FRESH rebuilds (eventline rebuild-projection) of these read models, as their committed offsets on the event topics show them.'),
      h('table', { id: 'rebuilds' }, h('thead', {}, h('tr', {},
        ['Rebuild', 'Of', 'Group', 'Members', 'Progress'].map(t => h('th', {}, t)))), rebuilds)),
    charts, parked);

  const showParked = async (projection) => {
    try {
      const page = await api.get('/projections/' + seg(projection) + '/parked?limit=100');
      parked.replaceChildren(h('div', { class: 'card' }, h('h3', {}, 'Parked records of ' + projection),
        page.items.length === 0 ? h('p', { class: 'muted' }, 'None.') : null,
        page.items.map(item => parkedKey(projection, item, () => showParked(projection)))));
    } catch (e) { showError(e); }
  };

  const stopRebuilds = every(5000, async () => {
    try {
      const answer = await api.get('/projections/rebuilds');
      rebuilds.replaceChildren(...(answer.rebuilds.length === 0 ? [h('tr', {}, h('td', { class: 'muted' }, 'None.'))]
        : answer.rebuilds.map(r => h('tr', { 'data-application': r.applicationId },
          h('td', { class: 'mono' }, r.applicationId), h('td', { class: 'mono' }, r.of || ''), h('td', {}, status(r.state)),
          h('td', {}, String(r.members)),
          h('td', { class: 'progress' }, r.recordsDone + ' of ' + r.recordsTotal + ' records'
            + (r.recordsTotal > 0 ? ' (' + Math.floor(100 * r.recordsDone / r.recordsTotal) + ' %)' : ''))))));
    } catch (e) { showError(e); }
  });
  const stopStatus = every(2000, async () => {
    let status_;
    try { status_ = await api.get('/projections/status'); } catch (e) { showError(e); return; }
    const t = Date.now();
    partial.hidden = !status_.partial;
    partial.textContent = status_.partial ? 'Not counted (did not answer in time): ' + status_.unreachable.join(', ') : '';
    table.replaceChildren(...status_.projections.map(p => {
      records.add(p.projection, t, p.lagRecords);
      seconds.add(p.projection, t, p.lagSeconds ?? NaN);
      return h('tr', { 'data-projection': p.projection },
        h('td', {}, p.projection), h('td', {}, status(p.state)), h('td', {}, String(p.lagRecords)),
        h('td', {}, p.lagSeconds == null ? '–' : p.lagSeconds.toFixed(1)), h('td', {}, String(p.changesApplied)),
        h('td', {}, p.parkedRecords == null ? '–' : String(p.parkedRecords)),
        h('td', { class: 'instances', title: p.instances.map(i => i.instance + ': ' + i.state + ', lag ' + i.lagRecords).join('\n') },
          String(p.instances.length)),
        h('td', {}, h('button', { class: 'secondary', onclick: () => showParked(p.projection) }, 'Parked…')));
    }));
    charts.replaceChildren(
      h('div', { class: 'grow card' }, h('h3', {}, 'Lag in records'), ...lineChart('lag-records', records.series())),
      h('div', { class: 'grow card' }, h('h3', {}, 'Lag in seconds'), ...lineChart('lag-seconds', seconds.series(), { unit: ' s' })));
  });
  return () => { stopRebuilds(); stopStatus(); };
}

function parkedKey(projection, item, reload) {
  const key = item.key, value = item.value;
  const decide = async (action, record) => {
    try {
      await api.post('/projections/' + seg(projection) + '/parked/' + seg(key) + '/' + action, record ? { record } : {});
      setTimeout(reload, 1500);
    } catch (e) { showError(e); }
  };
  return h('div', { class: 'card', 'data-key': key },
    h('p', {}, h('b', {}, key), ' — ', String(value.parkedRecords), ' parked ',
      h('button', { onclick: () => decide('retry') }, 'Retry all'),
      value.lastDecision ? h('span', { class: 'muted' }, ' last decision: ' + JSON.stringify(value.lastDecision)) : null),
    h('table', {}, h('tbody', {}, value.records.map(r => h('tr', {},
      h('td', { class: 'mono' }, r.record), h('td', {}, when(r.parkedAt)), h('td', {}, r.reason),
      h('td', {}, h('button', { class: 'secondary', onclick: () => decide('skip', r.record) }, 'Skip')))))));
}

