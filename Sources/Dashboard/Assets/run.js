// A run's jobs, each with a timeline of its steps on an axis the whole run shares, so a
// failing step and a slow one are seen at a glance.
import { badge, el, outcome, replaceChildren, seconds } from "./render.js";

const time = (text) => (text ? Date.parse(text) : NaN);

/** The run's span: from its first job's creation to the last thing that happened (or now). */
function span(jobs, now) {
  let start = Infinity;
  let end = -Infinity;
  for (const job of jobs) {
    start = Math.min(start, time(job.created_at), time(job.started_at));
    const finished = job.status === "completed" ? time(job.completed_at) : now;
    end = Math.max(end, finished || now);
    for (const step of job.steps || []) if (step.completed_at) end = Math.max(end, time(step.completed_at));
  }
  if (!isFinite(start)) start = now;
  if (!(end > start)) end = start + 1000;
  return { start, end };
}

function bar(label, from, to, axis, className, title) {
  const left = ((from - axis.start) / (axis.end - axis.start)) * 100;
  const width = Math.max(0.6, ((to - from) / (axis.end - axis.start)) * 100);
  return el("span", {
    class: `bar ${className}`, title, role: "img", "aria-label": title,
    style: { left: `${Math.max(0, Math.min(99.4, left))}%`, width: `${Math.min(100 - Math.max(0, left), width)}%` },
  }, label);
}

function stepBars(job, axis, now) {
  const bars = [];
  const created = time(job.created_at);
  const started = job.status === "queued" || job.status === "waiting" ? now : time(job.started_at);
  if (started > created) {
    bars.push(bar("", created, started, axis, "waiting-time", `${job.name}: waiting ${seconds(job.created_at, new Date(started).toISOString())}`));
  }
  for (const step of job.steps || []) {
    if (!step.started_at) continue;
    const to = step.completed_at ? time(step.completed_at) : now;
    const word = outcome(step);
    const symbol = { success: "✓", failure: "✗", cancelled: "⊘", skipped: "−", in_progress: "●" }[word] || "";
    const duration = seconds(step.started_at, step.completed_at || new Date(now).toISOString());
    bars.push(bar(`${symbol} ${step.name}`, time(step.started_at), to, axis, word,
      `${step.name}: ${word.replace("_", " ")}, ${duration}`));
  }
  return bars;
}

/** Renders the run's summary and its jobs' timelines; `onJob(job)` opens one. */
export function renderRun(parts, run, jobs, now, selectedJob, onJob) {
  replaceChildren(parts.summary,
    badge(run), " ", el("strong", {}, run.display_title), ` — ${run.name} #${run.run_number}, run `,
    el("code", { class: "run-id" }, String(run.id)),
    `, attempt ${run.run_attempt}, ${run.event} on `, el("code", {}, run.head_branch || "?"),
    `, created ${run.created_at}`);
  const axis = span(jobs, now);
  const rows = jobs.map((job) => el("div", { class: "timeline-row" },
    el("button", {
      type: "button", class: job.id === selectedJob ? "job selected" : "job", "aria-pressed": job.id === selectedJob,
      onclick: () => onJob(job),
    }, badge(job), " ", job.name, el("span", { class: "muted job-id" }, ` ${job.id}`),
      el("span", { class: "muted" }, ` ${seconds(job.started_at, job.completed_at) || ""}`)),
    el("div", { class: "track" }, stepBars(job, axis, now))));
  const scale = el("div", { class: "timeline-row scale", "aria-hidden": "true" }, el("span", {}, ""),
    el("div", { class: "track" }, el("span", { class: "tick start" }, new Date(axis.start).toISOString().slice(11, 19)),
      el("span", { class: "tick end" }, new Date(axis.end).toISOString().slice(11, 19))));
  replaceChildren(parts.timeline, scale, rows);
}
