// Builds DOM nodes from data. Everything from a seed or a request goes in as text
// (textContent, attribute values), never as HTML: job names, log lines and paths are text.

/** `el("td", { class: "x", title: "…" }, "text", node, …)` */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "style") Object.assign(node.style, value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function replaceChildren(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
}

const SYMBOLS = {
  success: "✓", failure: "✗", cancelled: "⊘", skipped: "−", timed_out: "⌛", neutral: "○",
  action_required: "!", in_progress: "●", queued: "◌", waiting: "◔", requested: "◌", pending: "◌",
};

/** The outcome to show: the conclusion once completed, else the status. */
export function outcome(item) {
  return item.status === "completed" && item.conclusion ? item.conclusion : item.status;
}

/** A status as a symbol and a word, coloured by class: colour is never the only signal. */
export function badge(item) {
  const word = outcome(item);
  return el("span", { class: `badge ${word}` }, `${SYMBOLS[word] || "?"} ${word.replace("_", " ")}`);
}

export function seconds(from, to) {
  if (!from || !to) return "";
  const total = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  return total >= 60 ? `${Math.floor(total / 60)}m ${total % 60}s` : `${total}s`;
}
