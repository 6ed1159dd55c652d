// The JSON API with the session's token; problem+json errors become exceptions with the server's detail.
let token = sessionStorage.getItem('gridmap.token');

export function hasToken() {
  return !!token;
}

export function bearer() {
  return token ? { Authorization: 'Bearer ' + token } : {};
}

export async function login(username, password) {
  const r = await fetch('/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }) });
  if (!r.ok) {
    // 401 is a wrong name or password; 429 a lock after repeated failures (Retry-After seconds); the rest the server.
    const retry = Number(r.headers.get('Retry-After')) || null;
    throw Object.assign(new Error('login failed'), { status: r.status, retryAfter: retry });
  }
  token = (await r.json()).access_token;
  sessionStorage.setItem('gridmap.token', token);
}

/** The login error in words: wrong credentials, locked for a while, or the service unavailable. */
export function loginProblem(err, t) {
  if (err.status === 429) return t('login_locked').replace('{m}', Math.max(1, Math.ceil((err.retryAfter || 300) / 60)));
  if (err.status === 401 || err.status === 400) return t('login_failed');
  return t('login_unavailable');
}

/** The token's claims (user name, roles, area code); the server checks them, the page only shows them. */
export function claims() {
  if (!token) return {};
  try {
    const b64 = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(decodeURIComponent(escape(atob(b64))));
  } catch (e) {
    return {};
  }
}

export function logout() {
  token = null;
  sessionStorage.removeItem('gridmap.token');
}

/** GET a JSON resource; an AbortSignal cancels a stale request. */
export async function get(path, signal) {
  return answer(await fetch(path, { headers: { Accept: 'application/json', ...bearer() }, signal }));
}

/** POST a JSON body; resolves with the JSON answer. */
export async function post(path, body, signal) {
  return answer(await fetch(path, { method: 'POST', signal, body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...bearer() } }));
}

/**
 * A request on a versioned resource (a redistricting draft): sends If-Match with the version the page holds and
 * resolves with the JSON answer and the new version (ETag). A 412 means someone else edited first.
 */
export async function versioned(method, path, body, etag) {
  const headers = { Accept: 'application/json', ...bearer() };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  const r = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await answer(r);
  return { body: json, etag: r.headers.get('ETag') };
}

/** A problem+json answer (RFC 9457) as an Error with its status, type and detail, for i18n.problem to word. */
export function problemOf(status, problem) {
  const p = problem || {};
  return Object.assign(new Error(p.detail || String(status)), { status, type: p.type || null, problem: p });
}

/** The JSON of a good answer; otherwise an Error with the problem's status, type and detail (RFC 9457). */
async function answer(r) {
  if (r.status === 401) {
    logout();
    throw Object.assign(new Error('unauthorized'), { status: 401 });
  }
  if (!r.ok) {
    let problem = {};
    try { problem = await r.json(); } catch (e) { /* not JSON */ }
    throw problemOf(r.status, { detail: r.statusText, ...problem });
  }
  return r.json();
}
