# Ruby Octokit 4.20 with Debian's ruby-jwt, as an App's Ruby code authenticates: sign a JWT with
# the app's key, exchange it for an installation token, read a private repository's jobs with it.
require "minitest/autorun"
require "jwt"
require "octokit"
require "openssl"

class OctokitAppsTest < Minitest::Test
  API = "#{ENV.fetch("EMULATOR_URL")}/api/v3/"

  def app_client
    key = OpenSSL::PKey::RSA.new(File.read(ENV.fetch("APP_KEY")))
    now = Time.now.to_i
    token = JWT.encode({ iat: now - 60, exp: now + 540, iss: 1001 }, key, "RS256")
    Octokit::Client.new(api_endpoint: API, bearer_token: token)
  end

  def test_app_and_installation_token
    app = app_client.app
    assert_equal "ci-reporter", app.slug
    installation = app_client.find_repository_installation("octo-org/private-repo")
    assert_equal 5001, installation.id
    token = app_client.create_app_installation_access_token(installation.id)
    assert_match(/\Aghs_[A-Za-z0-9]{36}\z/, token.token)
    assert_equal "all", token.repository_selection

    client = Octokit::Client.new(api_endpoint: API, access_token: token.token)
    jobs = client.get("repos/octo-org/private-repo/actions/runs/30434000/jobs")
    assert_operator jobs.total_count, :>=, 1
    assert_nil client.last_response.headers["x-oauth-scopes"]
  end

  def test_a_bad_jwt_is_a_401
    client = Octokit::Client.new(api_endpoint: API, bearer_token: "not.a.jwt")
    error = assert_raises(Octokit::Unauthorized) { client.app }
    assert_includes error.message, "A JSON web token could not be decoded"
  end
end
