# Ruby Octokit 4.20 (Debian's ruby-octokit) acting on an emulator of its own at
# ENV["EMULATOR_URL"]: its Actions write helpers, which answer true for GitHub's 204/201/202.
require "json"
require "minitest/autorun"
require "net/http"
require "octokit"

class OctokitWriteTest < Minitest::Test
  REPO = "octo-org/octo-repo"

  def client
    Octokit::Client.new(api_endpoint: "#{ENV.fetch("EMULATOR_URL")}/api/v3/",
                        access_token: "ghp_octocatRepoScope000000000000000001")
  end

  def control(path, body)
    uri = URI("#{ENV.fetch("EMULATOR_URL")}/_emulator#{path}")
    Net::HTTP.post(uri, JSON.generate(body), "Content-Type" => "application/json")
  end

  def setup
    control("/clock", {now: "2030-01-01T00:00:00Z"})
  end

  def dispatched_run
    assert_equal true, client.workflow_dispatch(REPO, "deploy.yml", "main", inputs: {environment: "prod"})
    runs = client.workflow_runs(REPO, "deploy.yml", event: "workflow_dispatch")
    runs.workflow_runs.first
  end

  def test_workflow_dispatch_returns_true
    run = dispatched_run
    assert_equal "Deploy to prod", run.display_title
    assert_equal "queued", run.status
  end

  def test_rerun_workflow_run
    run = dispatched_run
    control("/clock", {advance_seconds: 60})
    assert_equal true, client.rerun_workflow_run(REPO, run.id)
    assert_equal 2, client.workflow_run(REPO, run.id).run_attempt
    # Still running: GitHub's 403, which Octokit raises.
    assert_raises(Octokit::Forbidden) { client.rerun_workflow_run(REPO, run.id) }
  end

  def test_cancel_workflow_run
    run = dispatched_run
    assert_equal true, client.cancel_workflow_run(REPO, run.id)
    assert_equal "cancelled", client.workflow_run(REPO, run.id).conclusion
    assert_raises(Octokit::Conflict) { client.cancel_workflow_run(REPO, run.id) }
  end
end
