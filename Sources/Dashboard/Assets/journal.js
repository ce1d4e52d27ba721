// The request journal, newest first, filtered by status class: what the client under test did.
import { el, replaceChildren } from "./render.js";

export function renderJournal(body, requests, classes) {
  const shown = requests.slice().reverse().filter((entry) => classes.has(String(entry.status).charAt(0)));
  replaceChildren(body, shown.map((entry) => el("tr", { class: `status-${String(entry.status).charAt(0)}xx` },
    el("td", {}, entry.time.slice(11, 19)),
    el("td", {}, entry.method),
    // Signed log URLs carry their signature in the query: left out, as the request log does.
    el("td", { class: "path" }, entry.query && !entry.path.startsWith("/_logs/") ? `${entry.path}?${entry.query}` : entry.path),
    el("td", {}, entry.status === 0 ? "dropped" : String(entry.status)),
    el("td", {}, entry.token_kind ? `${entry.token_kind} ${entry.token || ""}` : "none"),
    el("td", { class: "number" }, entry.duration_ms.toFixed(2)))));
}
