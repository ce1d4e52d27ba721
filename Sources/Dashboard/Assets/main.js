// The dashboard: polls what it shows every two seconds with ETags, and re-renders a part only
// when its answer changed, so nothing flickers while nothing moves.
import { forget, poll, RequestError, send, setToken, text, whenUnauthorized } from "./api.js";
import { el, replaceChildren } from "./render.js";
import { renderJournal } from "./journal.js";
import { renderDeliveries } from "./deliveries.js";
import { renderLog } from "./log.js";
import { renderRun } from "./run.js";
import { renderRepositories, renderRuns } from "./runs.js";

const $ = (id) => document.getElementById(id);
const state = {
  repository: null, runsPages: 1, runs: [], run: null, jobs: [], job: null, now: Date.now(),
  classes: new Set(["2", "3", "4", "5"]), templates: [], locked: false,
};
const api = (path) => `/_emulator/api${path}`;

function say(message, isError = false) {
  const node = $("message");
  node.textContent = message;
  node.className = isError ? "error" : "";
}

async function act(action, done) {
  try {
    const result = await action();
    if (done) say(typeof done === "function" ? done(result) : done);
    await refresh();
  } catch (error) {
    say(error instanceof RequestError ? `${error.status}: ${error.message}` : String(error), true);
  }
}

// MARK: the admin token, when the control API wants one

whenUnauthorized(() => {
  state.locked = true;
  $("token-form").hidden = false;
  $("dashboard").hidden = true;
  $("token-input").focus();
});

$("token-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  setToken($("token-input").value);
  state.locked = false;
  try {
    await poll("/_emulator/clock");
    $("token-form").hidden = true;
    $("dashboard").hidden = false;
    $("token-input").value = "";
    $("token-error").textContent = "";
    await initialize();
    await refresh();
  } catch (error) {
    $("token-error").textContent = "That token was refused.";
    $("token-form").hidden = false;
    $("dashboard").hidden = true;
    $("token-input").select();
  }
});

// MARK: what is shown

async function refreshClock() {
  const { changed, data } = await poll("/_emulator/clock");
  state.now = Date.parse(data.now);
  if (changed) $("clock-now").textContent = `Clock: ${data.now}${data.frozen ? " (frozen)" : ""}`;
  return changed;
}

async function refreshRepositories() {
  const { changed, data } = await poll("/_emulator/repositories");
  if (!state.repository && data.repositories.length) state.repository = preferred(data.repositories);
  if (changed) renderRepositories($("repositories"), data.repositories, state.repository, selectRepository);
}

function preferred(repositories) {
  const busiest = repositories.slice().sort((a, b) => b.runs - a.runs)[0];
  return `${busiest.owner}/${busiest.name}`;
}

async function refreshRuns() {
  if (!state.repository) return;
  const pages = [];
  let changed = false;
  for (let page = 1; page <= state.runsPages; page += 1) {
    const answer = await poll(api(`/repos/${state.repository}/actions/runs?per_page=30&page=${page}`));
    changed ||= answer.changed;
    pages.push(answer.data);
  }
  state.runs = pages.flatMap((page) => page.workflow_runs);
  $("runs-empty").hidden = state.runs.length > 0;
  $("runs-empty").textContent = "No runs yet.";
  $("runs-more").hidden = state.runs.length >= pages[0].total_count;
  if (changed) renderRuns($("runs"), state.runs, state.run, selectRun);
}

async function refreshRun(clockMoved) {
  if (!state.run) return;
  const run = await poll(api(`/repos/${state.repository}/actions/runs/${state.run}`));
  const jobs = await poll(api(`/repos/${state.repository}/actions/runs/${state.run}/jobs?per_page=100`));
  state.jobs = jobs.data.jobs;
  const moving = jobs.data.jobs.some((job) => job.status !== "completed");
  if (run.changed || jobs.changed || (clockMoved && moving)) {
    renderRun({ summary: $("run-summary"), timeline: $("timeline") }, run.data, state.jobs, state.now, state.job, selectJob);
  }
  if (state.job && jobs.changed) await refreshJob();
}

async function refreshJob() {
  const job = state.jobs.find((candidate) => candidate.id === state.job);
  if (!job) return;
  $("job").hidden = false;
  replaceChildren($("job-title"), `Job ${job.name} (ID ${job.id})`);
  try {
    renderLog($("log"), await text(`/_emulator/jobs/${job.id}/log`));
  } catch (error) {
    if (!(error instanceof RequestError) || error.status !== 404) throw error;
    replaceChildren($("log"), el("p", { class: "muted" }, "No log yet: a job has one once it has started (a scheduled job once it has completed)."));
  }
}

async function refreshJournal() {
  const { changed, data } = await poll("/_emulator/requests?limit=300");
  if (changed) renderJournal(document.querySelector("#journal tbody"), data.requests, state.classes);
  state.requests = data.requests;
}

async function refreshDeliveries() {
  const { changed, data } = await poll("/_emulator/deliveries?limit=100");
  if (changed) renderDeliveries(document.querySelector("#deliveries tbody"), data.deliveries);
}

async function refreshFaults() {
  const { changed, data } = await poll("/_emulator/faults");
  if (!changed) return;
  replaceChildren($("faults"), data.faults.map((fault) => el("li", {},
    `${fault.route}: ${fault.status ? `answers ${fault.status}` : ""}${fault.latency_ms ? ` +${fault.latency_ms} ms` : ""}`
    + `${fault.drop_connection ? " drops the connection" : ""}${fault.remaining ? `, ${fault.remaining} more` : ", until cleared"}`)));
}

async function refreshTemplates() {
  const { changed, data } = await poll("/_emulator/templates");
  if (!changed) return;
  state.templates = data.templates;
  replaceChildren($("template"), data.templates.map((template, index) => el("option", { value: index }, template.title)));
}

let refreshing = null;
async function refresh() {
  if (state.locked) return;
  if (refreshing) return refreshing;
  refreshing = (async () => {
    try {
      const clockMoved = await refreshClock();
      await Promise.all([refreshRepositories().then(refreshRuns).then(() => refreshRun(clockMoved)),
        refreshJournal(), refreshDeliveries(), refreshFaults()]);
    } catch (error) {
      if (!(error instanceof RequestError && error.status === 401)) say(String(error), true);
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// MARK: choosing

function selectRepository(name) {
  Object.assign(state, { repository: name, run: null, job: null, runsPages: 1 });
  $("run").hidden = true;
  $("job").hidden = true;
  $("run-empty").hidden = false;
  forget("/_emulator/repositories");
  forget(api(`/repos/${name}`));
  refresh();
}

function selectRun(id) {
  Object.assign(state, { run: id, job: null });
  $("run").hidden = false;
  $("job").hidden = true;
  $("run-empty").hidden = true;
  forget(api(`/repos/${state.repository}/actions/runs`));
  forget(api(`/repos/${state.repository}/actions/runs/${id}`));
  refresh();
}

function selectJob(job) {
  state.job = job.id;
  forget(api(`/repos/${state.repository}/actions/runs/${state.run}`));
  refresh().then(refreshJob);
}

// MARK: controls

for (const button of document.querySelectorAll("[data-advance]")) {
  button.addEventListener("click", () => act(() => send("POST", "/_emulator/clock", { advance_seconds: Number(button.dataset.advance) }),
    `The clock moved ${button.dataset.advance} s.`));
}
$("clock-freeze").addEventListener("click", () => act(() => send("POST", "/_emulator/clock", { now: new Date(state.now).toISOString() }), "The clock is frozen: nothing moves until it is advanced."));
$("clock-release").addEventListener("click", () => act(() => send("POST", "/_emulator/clock", { reset: true }), "The clock follows the system clock."));
$("reset").addEventListener("click", () => {
  if (!confirm("Reset data, clock, rate limits and faults to the start-up seed?")) return;
  act(() => send("POST", "/_emulator/reset"), "Reset to the start-up seed.");
});
$("rerun").addEventListener("click", () => act(() => send("POST", `/_emulator/runs/${state.run}/rerun`),
  (result) => `Attempt ${result.run_attempt} started.`));
// Cancel and re-run failed jobs go through GitHub's own routes, with its refusals.
$("cancel-run").addEventListener("click", () => act(
  () => send("POST", api(`/repos/${state.repository}/actions/runs/${state.run}/cancel`)), `Run ${state.run} cancelled.`));
$("rerun-failed").addEventListener("click", () => act(
  () => send("POST", api(`/repos/${state.repository}/actions/runs/${state.run}/rerun-failed-jobs`)),
  `Run ${state.run}: its failed jobs run again in a new attempt.`));
$("runs-more").addEventListener("click", () => { state.runsPages += 1; refresh(); });

$("move-job").addEventListener("submit", (event) => {
  event.preventDefault();
  const body = { status: $("move-status").value };
  if ($("move-conclusion").value) body.conclusion = $("move-conclusion").value;
  act(() => send("PATCH", `/_emulator/jobs/${state.job}`, body), `Job ${state.job} moved.`);
});

function started(result) {
  return `Run ${result.run_id} started with ${result.job_ids.length} job${result.job_ids.length === 1 ? "" : "s"}.`;
}

$("start-template").addEventListener("submit", (event) => {
  event.preventDefault();
  const template = state.templates[Number($("template").value)];
  if (template) act(() => send("POST", "/_emulator/runs", template.run), started);
});
$("start-json").addEventListener("submit", (event) => {
  event.preventDefault();
  act(() => send("POST", "/_emulator/runs", $("run-json").value), started);
});

$("add-fault").addEventListener("submit", (event) => {
  event.preventDefault();
  const fault = { route: $("fault-route").value };
  if ($("fault-status").value) fault.status = Number($("fault-status").value);
  if (Number($("fault-latency").value)) fault.latency_ms = Number($("fault-latency").value);
  if ($("fault-count").value) fault.count = Number($("fault-count").value);
  act(() => send("POST", "/_emulator/faults", fault), `Fault added for ${fault.route}.`);
});
document.querySelector("#deliveries tbody").addEventListener("click", (event) => {
  const id = event.target.closest("button[data-redeliver]")?.dataset.redeliver;
  if (id) act(() => send("POST", `/_emulator/deliveries/${id}/attempts`), `Delivery ${id} sent again.`);
});
$("clear-faults").addEventListener("click", () => act(() => send("DELETE", "/_emulator/faults"), "Every fault cleared."));

for (const box of document.querySelectorAll("fieldset input[data-class]")) {
  box.addEventListener("change", () => {
    if (box.checked) state.classes.add(box.dataset.class); else state.classes.delete(box.dataset.class);
    renderJournal(document.querySelector("#journal tbody"), state.requests || [], state.classes);
  });
}

// MARK: start

/** What the forms offer: run templates and the routes a fault may name. */
async function initialize() {
  try {
    await refreshTemplates();
    const { data } = await poll("/_emulator/fault-routes");
    replaceChildren($("fault-route"), data.routes.map((route) => el("option", {}, route)));
    if (!$("run-json").value && state.templates[0]) $("run-json").value = JSON.stringify(state.templates[0].run, null, 2);
  } catch (error) {
    if (!(error instanceof RequestError && error.status === 401)) say(String(error), true);
  }
}

initialize().then(refresh);
setInterval(refresh, 2000);
