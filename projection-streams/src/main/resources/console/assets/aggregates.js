// Aggregates: find one by type and id; its events as a timeline (who, when, why), a slider through
// its versions with the state at each (the temporal API), and what changed from the version before.
import { api, seg, showError } from './api.js';
import { h, link, pretty, when, every } from './dom.js';
import { navigate } from './app.js';
import { commandForm } from './commands.js';

const TYPES = ['order', 'inventory', 'account', 'shipment'];

export function render(main, params) {
  const [type, id] = params;
  main.append(finder(type, id));
  if (!type) {
    main.append(h('p', { class: 'muted' }, 'Deep links work too: /console/aggregates/{type}/{id}.'));
    return null;
  }
  return show(main, type, id);
}

function finder(type, id) {
  const select = h('select', { id: 'agg-type' }, TYPES.map(t => h('option', { value: t }, t)));
  if (type) select.value = type;
  const input = h('input', { id: 'agg-id', placeholder: 'id', value: id || '', required: true });
  const form = h('form', { class: 'inline card', id: 'aggregate-find' },
    h('label', {}, 'Type', select), h('label', {}, 'Id', input), h('button', { id: 'agg-open', type: 'submit' }, 'Open'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    navigate('/console/aggregates/' + seg(select.value) + '/' + seg(input.value.trim()));
  });
  return form;
}

function show(main, type, id) {
  const base = '/console/api/aggregates/' + seg(type) + '/' + seg(id);
  const title = h('h2', { id: 'agg-title' }, type + ' ' + id);
  const timeline = h('ol', { id: 'timeline', class: 'timeline' });
  const slider = h('input', { id: 'version-slider', type: 'range', min: '1', max: '1', step: '1', value: '1' });
  const label = h('span', { id: 'version-label', class: 'mono' });
  const stateVersion = h('span', { id: 'state-version' });
  const stateType = h('span', { id: 'state-type', class: 'status' });
  const state = h('pre', { id: 'state' });
  const diff = h('div', { id: 'diff', class: 'diff mono' });
  const compare = h('input', { id: 'compare-from', type: 'number', min: '0', step: '1', placeholder: 'the one before' });
  const compareLabel = h('span', { id: 'compare-label' });
  const left = h('div', { class: 'grow card' }, title, h('h3', {}, 'Events'), timeline);
  const right = h('div', { class: 'grow card' },
    h('h3', {}, 'State at version ', stateVersion, ' ', stateType),
    h('div', { class: 'slider' }, h('span', { class: 'muted' }, 'v1'), slider, label),
    state, h('h3', {}, 'What changed from ', compareLabel),
    h('div', { class: 'inline' }, h('label', {}, 'Compare with version', compare)), diff,
    h('details', { id: 'agg-command' }, h('summary', {}, 'Send a command to ' + type + ' ' + id)));
  main.append(h('div', { class: 'row' }, left, right));

  let events = [];
  let following = true;      // the slider follows the newest version until the operator moves it
  let shown = 0;
  const states = new Map();  // version -> state answer

  const stateAt = async (version) => {
    if (!states.has(version)) states.set(version, await api.get(base + '?version=' + version));
    return states.get(version);
  };

  const select = async (version) => {
    shown = version;
    slider.value = String(version);
    label.textContent = 'v' + version + ' of ' + events.length;
    timeline.querySelectorAll('li').forEach(li => {
      const v = Number(li.dataset.version);
      li.classList.toggle('current', v === version);
      li.classList.toggle('future', v > version);
    });
    try {
      const now = await stateAt(version);
      if (shown !== version) return;
      stateVersion.textContent = String(now.version);
      stateType.textContent = now.stateType;
      stateType.className = 'status';
      state.textContent = pretty(now.state);
      const from = compare.value === '' ? version - 1 : Math.max(0, Math.min(events.length, Number(compare.value)));
      compareLabel.textContent = from === 0 ? 'nothing (before version 1)' : 'version ' + from;
      const before = from >= 1 ? await stateAt(from) : null;
      if (shown !== version) return;
      // The state's type is part of what changes (Placed → Confirmed may change no field).
      const view = (answer) => answer ? { stateType: answer.stateType, state: answer.state } : {};
      diff.replaceChildren(...changes(view(before), view(now)));
    } catch (e) {
      showError(e);
    }
  };

  compare.addEventListener('input', () => select(shown || events.length));
  slider.addEventListener('input', () => { following = Number(slider.value) === events.length; select(Number(slider.value)); });

  const load = async () => {
    let from = events.length + 1;
    const fresh = [];
    for (;;) {
      const page = await api.get(base + '/events?fromVersion=' + from + '&limit=500');
      fresh.push(...page.events);
      if (!page.next || page.events.length === 0) break;
      from = page.events[page.events.length - 1].version + 1;
    }
    if (fresh.length === 0 && events.length > 0) return;
    events = events.concat(fresh);
    fresh.forEach(e => timeline.append(item(e, timeline)));
    title.textContent = type + ' ' + id + ' — version ' + events.length;
    slider.max = String(Math.max(1, events.length));
    if (events.length === 0) {
      timeline.replaceChildren(h('li', { class: 'muted' }, 'No events yet.'));
      return;
    }
    if (following || shown === 0) await select(events.length);
  };

  timeline.addEventListener('click', (e) => {
    const li = e.target.closest('li[data-version]');
    if (li && !e.target.closest('a')) { following = Number(li.dataset.version) === events.length; select(Number(li.dataset.version)); }
  });

  const form = document.getElementById('agg-command');
  commandForm(form, { type, id }, () => { following = true; load(); });

  return every(2000, async () => {
    try {
      await load();
    } catch (e) {
      if (e.status === 404 && events.length === 0) {
        timeline.replaceChildren(h('li', { class: 'muted', id: 'no-events' }, e.message));
      } else {
        showError(e);
      }
    }
  });
}

/** One event: type and version, then who, when and why; ids that link events together are clickable. */
function item(e, timeline) {
  const highlight = (attr, value) => () => {
    timeline.querySelectorAll('li').forEach(li => li.classList.toggle('linked', !!value && li.dataset[attr] === value));
  };
  const causation = e.causationId
    ? h('a', { title: 'events caused by the same event or command', onclick: highlight('causation', e.causationId) }, 'caused by ' + e.causationId)
    : null;
  return h('li', { 'data-version': e.version, 'data-event-type': e.type, dataset: { correlation: e.correlationId || '', causation: e.causationId || '' } },
    h('div', {}, h('span', { class: 'mono' }, 'v' + e.version), ' ', h('span', { class: 'type' }, e.type)),
    h('div', { class: 'meta' },
      h('span', { title: 'occurredAt' }, when(e.occurredAt)),
      h('span', { title: 'actor' }, 'by ' + e.actor + (e.onBehalfOf ? ' for ' + e.onBehalfOf : '')),
      h('span', { class: 'mono', title: 'commandId' }, 'command ' + e.commandId),
      e.correlationId ? h('a', { class: 'mono', title: 'show every event of this correlation', onclick: highlight('correlation', e.correlationId) },
        'correlation ' + e.correlationId) : null,
      causation,
      sagaLink(e)),
    h('details', {}, h('summary', { class: 'muted' }, 'payload'), h('pre', {}, pretty(e.payload))));
}

/** An order's events, and the commands the saga sent for it, lead to the saga of that order. */
function sagaLink(e) {
  const orderId = e.payload && (e.payload.orderId || (e.payload.order && e.payload.order.orderId));
  return orderId ? link('/console/sagas/' + seg(orderId), 'saga of ' + orderId) : null;
}

/** What changed between two states, flattened to paths: added, removed, changed. */
export function changes(before, after) {
  const a = flatten(before), b = flatten(after);
  const out = [];
  for (const [path, value] of Object.entries(b)) {
    if (!(path in a)) out.push(h('div', { class: 'added' }, '+ ' + path + ' = ' + JSON.stringify(value)));
    else if (JSON.stringify(a[path]) !== JSON.stringify(value)) {
      out.push(h('div', { class: 'changed' }, '~ ' + path + ': ' + JSON.stringify(a[path]) + ' → ' + JSON.stringify(value)));
    }
  }
  for (const path of Object.keys(a)) if (!(path in b)) out.push(h('div', { class: 'removed' }, '- ' + path));
  return out.length ? out : [h('div', { class: 'muted' }, 'nothing')];
}

function flatten(value, prefix = '', out = {}) {
  if (value !== null && typeof value === 'object' && Object.keys(value).length > 0) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? prefix + (Array.isArray(value) ? '[' + k + ']' : '.' + k) : k, out);
  } else if (prefix) {
    out[prefix] = value;
  }
  return out;
}
