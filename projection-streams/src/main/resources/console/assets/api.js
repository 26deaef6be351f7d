// Every data call of the console: same origin, the session's bearer token, problem details as errors.
const TOKEN_KEY = 'eventline.token';

export const token = {
  get: () => sessionStorage.getItem(TOKEN_KEY) || '',
  set: (value) => value ? sessionStorage.setItem(TOKEN_KEY, value) : sessionStorage.removeItem(TOKEN_KEY),
};

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  const t = token.get();
  if (t) headers['Authorization'] = 'Bearer ' + t;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body),
                                       credentials: 'omit', cache: 'no-store' });
  const type = response.headers.get('Content-Type') || '';
  const payload = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new ApiError(response.status, typeof payload === 'object' ? payload : { detail: payload });
  }
  return payload;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body ?? {}),
};

/** A path segment: ids may hold '.', ':', '@', '+'. */
export const seg = (s) => encodeURIComponent(s);

/** Shows an error in the banner; 401 and 403 say what to do about the token. */
export function showError(error) {
  const banner = document.getElementById('error');
  if (!error) { banner.hidden = true; banner.textContent = ''; return; }
  let text = error.message || String(error);
  if (error.status === 401) text = 'A bearer token is needed: enter it above (kept for this tab only). ' + text;
  if (error.status === 403) text = 'This token lacks the scope for that: ' + text;
  banner.textContent = text;
  banner.hidden = false;
}
