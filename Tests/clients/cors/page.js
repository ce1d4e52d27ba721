// A web page on another origin reading the emulator's API with a token: the private job, a
// page of a long list, then the job again with If-None-Match. What it could read goes into
// #result as JSON text for the test to check.
const parameters = new URLSearchParams(location.search);
const api = parameters.get("api");
const headers = { Authorization: `Bearer ${parameters.get("token")}`, Accept: "application/vnd.github+json" };

async function read(path, extra = {}) {
  const response = await fetch(api + path, { headers: { ...headers, ...extra }, cache: "no-store" });
  const text = await response.text();
  return {
    status: response.status,
    etag: response.headers.get("ETag"),
    link: response.headers.get("Link"),
    requestId: response.headers.get("X-GitHub-Request-Id"),
    body: text ? JSON.parse(text) : null,
  };
}

const output = document.getElementById("result");
try {
  const job = await read("/repos/octo-org/private-repo/actions/jobs/400300001");
  const list = await read("/repos/octo-org/octo-repo/actions/runs/30433700/jobs?per_page=50");
  const again = await read("/repos/octo-org/private-repo/actions/jobs/400300001", { "If-None-Match": job.etag });
  output.textContent = JSON.stringify({
    job: { status: job.status, etag: job.etag, requestId: job.requestId, id: job.body.id, name: job.body.name },
    list: { status: list.status, etag: list.etag, link: list.link, count: list.body.jobs.length, total: list.body.total_count },
    again: { status: again.status, etag: again.etag },
  });
} catch (error) {
  output.textContent = JSON.stringify({ error: String(error) });
}
