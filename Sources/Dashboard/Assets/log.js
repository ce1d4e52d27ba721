// A job's log as the runner writes it: `##[group]` sections fold, `##[error]` lines are marked.
import { el } from "./render.js";

const STAMP = /^(\d{4}-\d\d-\d\dT[\d:.]+Z) ?/;

function line(raw) {
  const stamp = raw.match(STAMP);
  const rest = stamp ? raw.slice(stamp[0].length) : raw;
  const time = stamp ? el("span", { class: "stamp" }, stamp[1].slice(11, 19), " ") : null;
  if (rest.startsWith("##[error]")) {
    return { node: el("div", { class: "line error" }, time, el("strong", {}, "Error: "), rest.slice(9)), error: true };
  }
  if (rest.startsWith("##[warning]")) {
    return { node: el("div", { class: "line warning" }, time, el("strong", {}, "Warning: "), rest.slice(11)), error: false };
  }
  return { node: el("div", { class: "line" }, time, rest), error: false };
}

/** Renders `text` into `container`: groups folded, unless they hold an error. */
export function renderLog(container, text) {
  const root = [];
  let group = null;
  for (const raw of text.replace(/\n$/, "").split("\n")) {
    const stamp = raw.match(STAMP);
    const rest = stamp ? raw.slice(stamp[0].length) : raw;
    if (rest.startsWith("##[group]")) {
      group = { title: rest.slice(9), lines: [], error: false };
      root.push(group);
    } else if (rest.startsWith("##[endgroup]")) {
      group = null;
    } else {
      const rendered = line(raw);
      if (group) {
        group.lines.push(rendered.node);
        group.error ||= rendered.error;
      } else {
        root.push(rendered.node);
      }
    }
  }
  container.replaceChildren(...root.map((item) => item instanceof Node ? item
    : el("details", { class: item.error ? "group failed" : "group", open: item.error },
      el("summary", {}, item.error ? `✗ ${item.title}` : item.title), ...item.lines)));
}
