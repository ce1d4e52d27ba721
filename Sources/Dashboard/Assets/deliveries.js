// Webhook deliveries, newest first, beside the request journal: what the emulator told the
// receivers under test, and a Redeliver button for each that was sent (the same GUID again).
import { el, replaceChildren } from "./render.js";

/** Renders `deliveries` (newest first, as /_emulator/deliveries answers) into `body`. */
export function renderDeliveries(body, deliveries) {
  replaceChildren(body, deliveries.map((delivery) => {
    const sent = delivery.state === "done";
    const ok = sent && delivery.status_code >= 200 && delivery.status_code < 300;
    const outcome = !sent ? delivery.state : delivery.status_code ? `${delivery.status_code} ${delivery.status}` : delivery.status;
    return el("tr", { class: !sent ? "" : ok ? "status-2xx" : "status-5xx" },
      el("td", {}, (delivery.delivered_at || delivery.queued_at).slice(11, 19)),
      el("td", {}, delivery.action ? `${delivery.event}.${delivery.action}` : delivery.event),
      el("td", { class: "number" }, String(delivery.hook_id)),
      el("td", { class: "path" }, `${outcome}${delivery.redelivery ? " (redelivery)" : ""}`),
      el("td", { class: "number" }, sent ? (delivery.duration * 1000).toFixed(0) : ""),
      el("td", {}, sent ? el("button", { type: "button", "data-redeliver": String(delivery.id) }, "Redeliver") : ""));
  }));
}
