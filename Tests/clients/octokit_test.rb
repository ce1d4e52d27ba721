# Ruby Octokit 4.20 (Debian's ruby-octokit) against the emulator at ENV["EMULATOR_URL"].
# Octokit 4.20 has no Actions job helpers, so this uses its generic get/paginate, which follow
# the Link header, as Octokit users do for endpoints it does not wrap.
require "minitest/autorun"
require "octokit"

class OctokitTest < Minitest::Test
  CLASSIC = "ghp_octocatRepoScope000000000000000001"
  HUBOT = "ghp_hubotRepoScope00000000000000000003"

  def client(token = CLASSIC, auto_paginate: false)
    Octokit::Client.new(api_endpoint: "#{ENV.fetch("EMULATOR_URL")}/api/v3/", access_token: token,
                        auto_paginate: auto_paginate)
  end

  def test_get_a_job
    job = client.get("repos/octo-org/octo-repo/actions/jobs/399444496")
    assert_equal 399444496, job.id
    assert_equal "build", job.name
    assert_equal 10, job.steps.size
    assert_equal "Deploy to Heroku", job.steps[7].name
  end

  def test_every_page_of_a_runs_jobs
    # With a block, paginate returns the first page and yields each page its Link rel="next" leads to.
    later_pages = []
    first_page = client(auto_paginate: true).paginate("repos/octo-org/octo-repo/actions/runs/30433700/jobs", per_page: 25) do |_data, response|
      later_pages << response.data.jobs
    end
    assert_equal 4, later_pages.size
    ids = first_page.jobs.map(&:id) + later_pages.flatten.map(&:id)
    assert_equal (400100001..400100120).to_a, ids
    assert_equal 120, first_page.total_count
  end

  def test_logs_redirect
    octokit = client
    # Without Octokit's redirect-following middleware, to see the 302 itself.
    octokit.middleware = Faraday::RackBuilder.new { |builder| builder.adapter Faraday.default_adapter }
    response = octokit.agent.call(:get, "repos/octo-org/octo-repo/actions/jobs/400000012/logs")
    assert_equal 302, response.status
    location = response.headers["location"]
    assert_match %r{/_logs/jobs/400000012\?expires=\d+&signature=\h{64}\z}, location
    log = Faraday.get(location)
    assert_equal 200, log.status
    assert_includes log.body, "FAIL test_retry_backoff"
  end

  def test_workflow_run
    run = client.get("repos/octo-org/octo-repo/actions/runs/30433642")
    assert_equal 30433642, run.id
    assert_equal 3, run.run_attempt
    assert_equal "octo-org/octo-repo", run.repository.full_name
  end

  def test_bad_credentials
    assert_raises(Octokit::Unauthorized) { client("ghp_nope").get("repos/octo-org/octo-repo/actions/jobs/399444496") }
  end

  def test_hidden_private_repository
    assert_raises(Octokit::NotFound) { client(HUBOT).get("repos/octo-org/private-repo/actions/jobs/400300001") }
  end
end
