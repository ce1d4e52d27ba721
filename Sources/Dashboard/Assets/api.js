// Talks to the emulator the page came from: the control API under /_emulator/ and, for data,
// the GitHub API through /_emulator/api/ (every repository readable, nothing journaled).
// Polls send the last ETag, so an unchanged answer is a bodiless 304 and nothing re-renders.

const TOKEN_KEY = "actions-emulator-admin-token";
const cache = new Map(); // path -> { etag, data }
let onUnauthorized = () => {};

export function whenUnauthorized(handler) { onUnauthorized = handler; }
export function setToken(token) { sessionStorage.setItem(TOKEN_KEY, token); }

function headers(extra = {}) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
}

export class RequestError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function failure(response) {
  let message = `${response.status}`;
  try { message = (await response.json()).message || message; } catch { /* not JSON */ }
  if (response.status === 401) onUnauthorized(message);
  return new RequestError(response.status, message);
}

/** GET `path` (JSON); `changed` is false when the answer is the one seen last time. */
export async function poll(path) {
  const seen = cache.get(path);
  const response = await fetch(path, {
    headers: headers(seen ? { "If-None-Match": seen.etag } : {}), cache: "no-store",
  });
  if (response.status === 304 && seen) return { changed: false, data: seen.data };
  if (!response.ok) throw await failure(response);
  const data = await response.json();
  cache.set(path, { etag: response.headers.get("ETag") || "", data });
  return { changed: true, data };
}

export async function text(path) {
  const response = await fetch(path, { headers: headers(), cache: "no-store" });
  if (!response.ok) throw await failure(response);
  return response.text();
}

export async function send(method, path, body) {
  const response = await fetch(path, {
    method, headers: headers({ "Content-Type": "application/json" }),
    body: body === undefined ? undefined : (typeof body === "string" ? body : JSON.stringify(body)),
  });
  if (!response.ok) throw await failure(response);
  return response.status === 204 ? null : response.json();
}

export function forget(prefix) {
  for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
}
