// The console's router: every page is a view rendered into <main>; deep links work because the
// server answers every GET under /console with this page.
import { token, showError } from './api.js';
import * as aggregates from './aggregates.js';
import * as commands from './commands.js';
import * as sagas from './sagas.js';
import * as readModels from './readmodels.js';
import * as deadLetters from './deadletters.js';
import * as traffic from './traffic.js';

const routes = [
  [/^\/console\/?$/, 'aggregates', () => aggregates.render],
  [/^\/console\/aggregates\/?$/, 'aggregates', () => aggregates.render],
  [/^\/console\/aggregates\/([^/]+)\/([^/]+)\/?$/, 'aggregates', () => aggregates.render],
  [/^\/console\/commands\/?$/, 'commands', () => commands.render],
  [/^\/console\/sagas\/?$/, 'sagas', () => sagas.renderList],
  [/^\/console\/sagas\/([^/]+)\/?$/, 'sagas', () => sagas.renderOne],
  [/^\/console\/read-models\/?$/, 'read-models', () => readModels.render],
  [/^\/console\/dead-letters\/?$/, 'dead-letters', () => deadLetters.render],
  [/^\/console\/dead-letters\/([^/]+)\/?$/, 'dead-letters', () => deadLetters.render],
  [/^\/console\/traffic\/?$/, 'traffic', () => traffic.render],
];

let stop = null;

export function navigate(path, replace = false) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

function route() {
  if (stop) { try { stop(); } catch (e) { /* ignore */ } stop = null; }
  showError(null);
  const main = document.getElementById('view');
  main.replaceChildren();
  const path = location.pathname;
  for (const [pattern, section, view] of routes) {
    const m = path.match(pattern);
    if (m) {
      document.querySelectorAll('#nav a').forEach(a => a.classList.toggle('active', a.dataset.section === section));
      const params = m.slice(1).map(decodeURIComponent);
      stop = view()(main, params, new URLSearchParams(location.search)) || null;
      return;
    }
  }
  main.textContent = 'Nothing at ' + path + '.';
}

document.addEventListener('click', (event) => {
  const a = event.target.closest('a[data-link]');
  if (!a || event.ctrlKey || event.metaKey || event.shiftKey || a.target) return;
  event.preventDefault();
  navigate(a.getAttribute('href'));
});
window.addEventListener('popstate', route);

const form = document.getElementById('token-form');
const input = document.getElementById('token');
input.value = token.get();
form.addEventListener('submit', (event) => { event.preventDefault(); token.set(input.value.trim()); route(); });
document.getElementById('token-clear').addEventListener('click', () => { token.set(''); input.value = ''; route(); });
document.getElementById('instance').textContent = location.host;

route();
