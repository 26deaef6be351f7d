// Sagas: the order-fulfilment sagas in flight, stuck or compensating (gathered from every instance),
// and one saga with its steps and its pending deadline.
import { api, seg, showError } from './api.js';
import { h, link, status, when, every } from './dom.js';
import { navigate } from './app.js';

const FILTERS = [
  ['IN_FLIGHT', 'in flight'], ['STUCK', 'stuck'], ['COMPENSATING', 'compensating'],
  ['COMPLETED', 'completed'], ['CANCELLED', 'cancelled'], ['', 'all'],
];

function finder() {
  const input = h('input', { id: 'saga-id', placeholder: 'order id', required: true });
  const form = h('form', { class: 'inline' }, h('label', {}, 'Order', input), h('button', { type: 'submit' }, 'Open'));
  form.addEventListener('submit', (e) => { e.preventDefault(); navigate('/console/sagas/' + seg(input.value.trim())); });
  return form;
}

export function renderList(main, params, query) {
  const filter = h('select', { id: 'saga-filter' }, FILTERS.map(([v, t]) => h('option', { value: v }, t)));
  filter.value = query.get('status') ?? 'IN_FLIGHT';
  const body = h('tbody');
  const note = h('p', { class: 'muted', id: 'saga-note' });
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Order fulfilment sagas'),
    h('div', { class: 'inline' }, h('label', {}, 'Show', filter), finder()),
    h('table', { id: 'saga-list' }, h('thead', {}, h('tr', {}, ['Order', 'Status', 'Steps', 'Deadline', 'Why'].map(t => h('th', {}, t)))), body),
    note));
  const load = async () => {
    const q = filter.value ? '?limit=200&status=' + seg(filter.value) : '?limit=200';
    try {
      const page = await api.get('/sagas/order-fulfilment' + q);
      body.replaceChildren(...page.items.map(s => h('tr', { 'data-order': s.orderId },
        h('td', {}, link('/console/sagas/' + seg(s.orderId), s.orderId)),
        h('td', {}, status(s.status)),
        h('td', {}, String(s.steps.length)),
        h('td', {}, s.deadline ? when(s.deadline) : ''),
        h('td', {}, s.stuck || s.reason || s.refused || ''))));
      note.textContent = (page.items.length === 0 ? 'None. ' : '') + (page.partial
        ? 'Partial: partitions ' + page.missingPartitions.join(', ') + ' did not answer.' : '') + (page.next ? ' More than 200; narrow the filter.' : '');
    } catch (e) { showError(e); }
  };
  filter.addEventListener('change', () => { history.replaceState(null, '', '/console/sagas?status=' + seg(filter.value)); load(); });
  return every(3000, load);
}

export function renderOne(main, [orderId]) {
  const card = h('div', { class: 'card', id: 'saga' }, h('h2', {}, 'Saga of order ', link('/console/aggregates/order/' + seg(orderId), orderId)));
  main.append(finder(), card);
  const detail = h('div');
  card.append(detail);
  let stopped = false;
  const stop = every(1000, async () => {
    if (stopped) return;
    try {
      const s = await api.get('/sagas/order-fulfilment/' + seg(orderId));
      detail.replaceChildren(...[
        h('p', {}, h('span', { id: 'saga-status', class: 'status ' + s.status }, s.status), s.terminal ? ' (finished)' : ' (in flight)'),
        s.deadline ? h('p', { id: 'saga-deadline' }, 'Pending deadline: ', when(s.deadline), ' ', h('span', { class: 'muted' }, countdown(s.deadline))) : null,
        s.reason ? h('p', {}, 'Compensating because: ', h('b', {}, s.reason)) : null,
        s.refused ? h('p', {}, 'Refused: ', s.refused) : null,
        s.stuck ? h('p', {}, 'Stuck: ', h('b', {}, s.stuck)) : null,
        h('h3', {}, 'Steps (commands sent, in order)'),
        h('ol', { id: 'saga-steps' }, s.steps.map(step => h('li', {}, step.kind, ' → ',
          link('/console/aggregates/' + target(step.kind) + '/' + seg(step.target), step.target)))),
        h('p', { class: 'muted' }, 'Reserved: ' + (s.reserved.join(', ') || 'nothing') + ' · charged: ' + s.charged + ' · refunded: ' + s.refunded),
      ].filter(Boolean));
      if (s.terminal) { stopped = true; }
    } catch (e) {
      if (e.status === 404) detail.replaceChildren(h('p', { class: 'muted', id: 'saga-status' }, e.message));
      else showError(e);
    }
  });
  return stop;
}

function countdown(iso) {
  const ms = new Date(iso) - Date.now();
  return ms > 0 ? 'in ' + Math.ceil(ms / 1000) + ' s' : 'due';
}

/** The aggregate type a saga step's command goes to. */
function target(kind) {
  if (kind.includes('STOCK')) return 'inventory';
  if (kind.includes('PAYMENT')) return 'account';
  if (kind.includes('SHIPMENT')) return 'shipment';
  return 'order';
}
