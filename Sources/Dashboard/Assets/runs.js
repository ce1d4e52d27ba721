// Repositories, then a repository's runs, newest first.
import { badge, el, replaceChildren } from "./render.js";

export function renderRepositories(list, repositories, selected, onSelect) {
  replaceChildren(list, repositories.map((repository) => {
    const name = `${repository.owner}/${repository.name}`;
    return el("li", {}, el("button", {
      type: "button", class: name === selected ? "selected" : "", "aria-pressed": name === selected,
      onclick: () => onSelect(name),
    }, name, el("span", { class: "muted" }, ` ${repository.visibility}, ${repository.runs} run${repository.runs === 1 ? "" : "s"}`)));
  }));
}

export function renderRuns(list, runs, selected, onSelect) {
  replaceChildren(list, runs.map((run) => el("li", {}, el("button", {
    type: "button", class: run.id === selected ? "run selected" : "run", "aria-pressed": run.id === selected,
    onclick: () => onSelect(run.id),
  },
  el("span", { class: "line1" }, badge(run), " ", el("strong", {}, run.display_title)),
  el("span", { class: "line2 muted" },
    `${run.name} #${run.run_number} · ${run.head_branch || "?"} · ${run.event} · attempt ${run.run_attempt} · ${run.created_at}`)))));
}
