// The command form, built from the contracts (GET /console/api/contracts/commands, derived from the
// Avro command schemas): any command of any aggregate type, with its outcome or rejection code.
import { api, seg, showError } from './api.js';
import { h, link, status, pretty } from './dom.js';

let catalogue = null;

export async function contracts() {
  if (!catalogue) catalogue = await api.get('/console/api/contracts/commands');
  return catalogue;
}

export function render(main, params, query) {
  const holder = h('div', { class: 'card' }, h('h2', {}, 'Send a command'));
  main.append(holder);
  commandForm(holder, { type: query.get('type') || undefined, id: query.get('id') || undefined });
}

/**
 * A form in `parent`; `fixed` may name the aggregate type and id (the aggregate page), and
 * `onAccepted(outcome)` runs after an accepted command.
 */
export async function commandForm(parent, fixed = {}, onAccepted = () => {}) {
  let described;
  try {
    described = await contracts();
  } catch (e) {
    showError(e);
    return;
  }
  const aggregates = described.aggregates;
  const typeSelect = h('select', { id: 'cmd-aggregate' }, aggregates.map(a => h('option', { value: a.type }, a.type)));
  const idInput = h('input', { id: 'cmd-id', placeholder: 'aggregate id', required: true });
  const commandSelect = h('select', { id: 'cmd-type' });
  const fields = h('div', { id: 'cmd-fields', class: 'fields' });
  const commandId = h('input', { id: 'cmd-command-id', placeholder: 'generated when empty' });
  const expected = h('input', { id: 'cmd-expected-version', type: 'number', min: '0', step: '1', placeholder: 'any' });
  const outcome = h('div', { id: 'cmd-outcome' });
  const send = h('button', { id: 'cmd-send', type: 'submit' }, 'Send');
  if (fixed.type) typeSelect.value = fixed.type;
  if (fixed.id) idInput.value = fixed.id;

  const aggregate = () => aggregates.find(a => a.type === typeSelect.value);
  const command = () => aggregate().commands.find(c => c.type === commandSelect.value);
  const fillCommands = () => {
    commandSelect.replaceChildren(...aggregate().commands.map(c => h('option', { value: c.type }, c.type)));
    idInput.placeholder = aggregate().idField;
    fillFields();
  };
  const fillFields = () => {
    fields.replaceChildren(...command().fields.filter(f => f.name !== aggregate().idField).map(f => input(f, f.name)));
  };
  typeSelect.addEventListener('change', fillCommands);
  commandSelect.addEventListener('change', fillFields);
  fillCommands();

  const form = h('form', { id: 'command-form', autocomplete: 'off' },
    h('div', { class: 'inline' },
      h('label', {}, 'Aggregate type', typeSelect),
      h('label', {}, 'Aggregate id', idInput),
      h('label', {}, 'Command', commandSelect)),
    h('h3', {}, 'Payload'), fields,
    h('details', {}, h('summary', { class: 'muted' }, 'Envelope'),
      h('div', { class: 'inline' }, h('label', {}, 'commandId', commandId), h('label', {}, 'expectedVersion', expected))),
    h('p', {}, send), outcome);
  if (fixed.type && fixed.id) {
    typeSelect.disabled = true;
    idInput.disabled = true;
  }
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showError(null);
    const body = { type: commandSelect.value, payload: read(fields) };
    if (commandId.value.trim()) body.commandId = commandId.value.trim();
    if (expected.value !== '') body.expectedVersion = Number(expected.value);
    send.disabled = true;
    try {
      const result = await api.post('/console/api/commands/' + seg(typeSelect.value) + '/' + seg(idInput.value.trim()), body);
      outcome.className = 'outcome outcome-accepted';
      outcome.replaceChildren(status(result.status), ' ', commandSelect.value, ' → ', typeSelect.value, ' ',
        link('/console/aggregates/' + seg(typeSelect.value) + '/' + seg(idInput.value.trim()), idInput.value.trim(), { id: 'cmd-open' }),
        ' at version ', h('b', { id: 'cmd-version' }, result.version), ' ', h('span', { class: 'muted mono' }, result.commandId));
      onAccepted(result);
    } catch (e) {
      outcome.className = 'outcome outcome-rejected';
      const p = e.problem || {};
      outcome.replaceChildren(status(p.outcome || 'ERROR'), ' ', h('b', { id: 'cmd-code' }, p.code || (e.status + ' ' + (p.title || ''))),
        ': ', e.message, p.version !== undefined ? ' (aggregate at version ' + p.version + ')' : '');
    } finally {
      send.disabled = false;
    }
  });
  parent.append(form);
}

/** One input per field of the contract; an array of records is a list of rows with add and remove. */
function input(field, path) {
  const title = field.doc || '';
  if (field.type === 'array' && field.items.type === 'object') {
    const rows = h('div', { class: 'rows', 'data-array': path });
    const addRow = () => {
      const row = h('div', { class: 'line-row', 'data-item': true },
        field.items.fields.map(f => h('label', {}, f.name, leaf(f, f.name))),
        h('button', { type: 'button', class: 'secondary', onclick: () => row.remove() }, '−'));
      rows.append(row);
    };
    addRow();
    return h('fieldset', { title }, h('legend', {}, path),
      rows, h('button', { type: 'button', class: 'secondary', 'data-add': path, onclick: addRow }, '+ ' + path.replace(/s$/, '')));
  }
  return h('label', { title }, path + (field.format ? ' (' + field.format + ')' : ''), leaf(field, path));
}

function leaf(field, name) {
  const numeric = field.type === 'integer' || field.type === 'number';
  return h('input', { name, 'data-field': name, 'data-type': field.type,
    type: numeric ? 'number' : 'text', step: field.type === 'integer' ? '1' : undefined, required: true });
}

/** The payload as JSON: integers as numbers (never strings: the API coerces nothing). */
function read(container) {
  const payload = {};
  for (const el of container.children) {
    const array = el.querySelector('[data-array]');
    if (array) {
      payload[array.dataset.array] = [...array.querySelectorAll('[data-item]')].map(row => {
        const item = {};
        row.querySelectorAll('input[data-field]').forEach(i => { item[i.dataset.field] = value(i); });
        return item;
      });
    } else {
      const i = el.querySelector('input[data-field]');
      if (i) payload[i.dataset.field] = value(i);
    }
  }
  return payload;
}

function value(input) {
  if (input.dataset.type === 'integer' || input.dataset.type === 'number') return input.value === '' ? null : Number(input.value);
  if (input.dataset.type === 'boolean') return input.value === 'true';
  return input.value;
}

