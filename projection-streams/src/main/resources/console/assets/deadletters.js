// Dead letters: each aggregate type's command dead-letter topic, with the reason headers, the command
// decoded where it can be, and replay (admin scope) to the command topic it came from.
import { api, seg, showError } from './api.js';
import { h, when, pretty } from './dom.js';
import { navigate } from './app.js';

const TYPES = ['order', 'inventory', 'account', 'shipment'];
const REPLAYED_KEY = 'eventline.replayed';

/** What this tab replayed: a dead letter stays on its topic, so the page remembers it was replayed. */
function replayed() {
  return JSON.parse(sessionStorage.getItem(REPLAYED_KEY) || '{}');
}

export function render(main, [type = 'order']) {
  const select = h('select', { id: 'dlq-type' }, TYPES.map(t => h('option', { value: t }, t)));
  select.value = type;
  select.addEventListener('change', () => navigate('/console/dead-letters/' + seg(select.value)));
  const body = h('tbody');
  const total = h('span', { id: 'dlq-total', class: 'muted' });
  main.append(h('div', { class: 'card' }, h('h2', {}, 'Dead letters'),
    h('div', { class: 'inline' }, h('label', {}, 'Aggregate type', select),
      h('button', { id: 'dlq-refresh', type: 'button', class: 'secondary', onclick: () => load() }, 'Refresh'), total),
    h('table', { id: 'dlq-list' }, h('thead', {}, h('tr', {},
      ['Where', 'Written', 'Reason', 'Command', ''].map(t => h('th', {}, t)))), body)));

  const replay = async (letter, row) => {
    try {
      const result = await api.post('/dead-letters/' + seg(type) + '/' + letter.partition + '/' + letter.offset + '/replay', {});
      const done = replayed();
      done[type + ' ' + letter.place] = result;
      sessionStorage.setItem(REPLAYED_KEY, JSON.stringify(done));
      row.replaceWith(line(letter, result, replay));
    } catch (e) { showError(e); }
  };

  const load = async () => {
    try {
      const page = await api.get('/dead-letters/' + seg(type) + '?limit=200');
      const done = replayed();
      total.textContent = page.total + ' on ' + type + "'s dead-letter topic" + (page.total > page.items.length ? ', the newest ' + page.items.length + ' shown' : '');
      body.replaceChildren(...page.items.map(letter => line(letter, done[type + ' ' + letter.place], replay)));
    } catch (e) { showError(e); }
  };
  load();
  return null;
}

function line(letter, done, replay) {
  const why = letter.headers || {};
  const command = letter.command
    ? h('div', {}, h('b', {}, letter.command.type), ' ', h('span', { class: 'mono' }, letter.command.aggregateId),
        h('div', { class: 'meta' }, 'command ' + letter.command.commandId, 'by ' + letter.command.actor),
        h('details', {}, h('summary', { class: 'muted' }, 'payload'), h('pre', {}, pretty(letter.command.payload))))
    : h('span', { class: 'muted' }, letter.valueBytes == null ? 'value omitted' : 'not decodable: ' + (letter.decodeError || '?'));
  const row = h('tr', { class: 'dead-letter' + (done ? ' replayed' : ''), 'data-place': letter.place },
    h('td', { class: 'mono' }, letter.place, h('div', { class: 'meta' }, 'key ' + (letter.key ?? '–'))),
    h('td', {}, when(letter.writtenAt)),
    h('td', {}, h('b', {}, letter.reason), h('div', { class: 'meta' },
      Object.entries(why).filter(([k]) => k !== 'dlq.reason').map(([k, v]) => h('span', { class: 'mono' }, k + ': ' + v)))),
    h('td', {}, command),
    h('td', { class: 'replay-status' }, done
      ? h('span', {}, 'replayed to ', h('span', { class: 'mono' }, done.to), ' by ' + done.by)
      : h('button', { class: 'replay', disabled: letter.valueBytes == null }, 'Replay')));
  const button = row.querySelector('button.replay');
  if (button) button.addEventListener('click', () => { button.disabled = true; replay(letter, row); });
  return row;
}

