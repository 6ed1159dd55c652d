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
  if (!r.ok) throw new Error('login failed');
  token = (await r.json()).access_token;
  sessionStorage.setItem('gridmap.token', token);
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
  const r = await fetch(path, { headers: { Accept: 'application/json', ...bearer() }, signal });
  if (r.status === 401) {
    logout();
    throw Object.assign(new Error('unauthorized'), { status: 401 });
  }
  if (!r.ok) {
    let detail = r.statusText;
    try { detail = (await r.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw Object.assign(new Error(detail), { status: r.status });
  }
  return r.json();
}
