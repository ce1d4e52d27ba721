"""The dashboard at /_emulator/ in a real browser (Debian's chromium, headless, driven by
selenium through chromium-driver), on the demo seed plus a seed whose names and logs hold
markup and script. The emulator has an admin token, so the page must ask for it first.
Screenshots go to DASHBOARD_SCREENSHOTS (default .build/screenshots)."""

import json
import os
import pathlib
import subprocess
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import CLASSIC, ROOT, Emulator
from test_webhooks import Receiver

TOKEN = "dashboard-secret"
SHOTS = pathlib.Path(os.environ.get("DASHBOARD_SCREENSHOTS", ROOT / ".build" / "screenshots"))


@pytest.fixture(scope="module")
def emulator():
    server = Emulator("--seed", str(pathlib.Path(__file__).with_name("fixtures") / "markup-seed.json"),
                      "--admin-token", TOKEN)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def control(emulator, method, path, body=None):
    request = urllib.request.Request(f"{emulator.url}/_emulator{path}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {TOKEN}"})
    with urllib.request.urlopen(request) as response:
        return json.load(response) if response.status != 204 else None


def wait(browser, condition, timeout=15):
    # The page re-renders a part when its data changes: an element found a moment ago may be gone.
    return WebDriverWait(browser, timeout, poll_frequency=0.2,
                         ignored_exceptions=[StaleElementReferenceException]).until(lambda driver: condition())


def text_of(browser, selector):
    return browser.find_element(By.CSS_SELECTOR, selector).text


def click_where(browser, selector, contains):
    """Clicks the first element matching `selector` whose text holds `contains`."""
    def click():
        for element in browser.find_elements(By.CSS_SELECTOR, selector):
            if contains in element.text:
                element.click()
                return True
        return False
    wait(browser, click)


@pytest.fixture(scope="module")
def dashboard(emulator, browser):
    """The page, signed in with the admin token it asks for."""
    browser.get(f"{emulator.url}/_emulator/")
    token_input = wait(browser, lambda: browser.find_element(By.ID, "token-input") if
                       browser.find_element(By.ID, "token-form").is_displayed() else None)
    assert not browser.find_element(By.ID, "dashboard").is_displayed()
    token_input.send_keys("wrong")
    token_input.send_keys(Keys.ENTER)
    wait(browser, lambda: "refused" in text_of(browser, "#token-error"))
    token_input = browser.find_element(By.ID, "token-input")
    token_input.clear()
    token_input.send_keys(TOKEN)
    token_input.send_keys(Keys.ENTER)
    wait(browser, lambda: browser.find_element(By.ID, "dashboard").is_displayed())
    return browser


def test_runs_a_job_and_its_log(dashboard):
    browser = dashboard
    wait(browser, lambda: "octo-org/octo-repo" in text_of(browser, "#repositories"))
    click_where(browser, "#repositories button", "octo-org/octo-repo")
    wait(browser, lambda: "Retry uploads with exponential backoff" in text_of(browser, "#runs"))
    runs = text_of(browser, "#runs")
    assert "failure" in runs and "Matrix" in runs and "waiting" in runs  # status words beside the colours
    # The demo's live run, moving: its jobs on one time axis.
    click_where(browser, "#runs button", "Retry uploads with exponential backoff")
    wait(browser, lambda: len(browser.find_elements(By.CSS_SELECTOR, "#timeline button.job")) == 3)
    browser.execute_script("window.scrollTo(0, 0)")
    browser.save_screenshot(str(SHOTS / "run-list.png"))
    # By keyboard: focus the retried run's entry and press Enter.
    entry = next(button for button in browser.find_elements(By.CSS_SELECTOR, "#runs button") if "feature/retry" in button.text)
    entry.send_keys(Keys.ENTER)
    wait(browser, lambda: "attempt 3" in text_of(browser, "#run-summary"))
    # Jobs of the newest attempt, the deploy still running.
    wait(browser, lambda: "deploy" in text_of(browser, "#timeline"))


def test_a_failed_job_timeline_and_log(emulator, dashboard):
    """The demo's live run, once it has finished: its test job failed in Run tests."""
    browser = dashboard
    control(emulator, "POST", "/clock", {"advance_seconds": 120})
    click_where(browser, "#runs button", "Retry uploads with exponential backoff")
    wait(browser, lambda: "failure" in text_of(browser, "#run-summary"))
    click_where(browser, "#timeline button.job", "test")
    wait(browser, lambda: "collected 214 items" in text_of(browser, "#log"))
    errors = browser.find_elements(By.CSS_SELECTOR, "#log .line.error")
    assert errors and "Error: Process completed with exit code 1." in errors[0].text
    groups = browser.find_elements(By.CSS_SELECTOR, "#log details")
    assert len(groups) >= 4
    # The log opens with the GITHUB_TOKEN's grant, as a runner's does; the failed group is open, the others folded.
    assert "GITHUB_TOKEN Permissions" in groups[0].text
    assert [group.get_attribute("open") is not None for group in groups][:4] == [False, False, False, True]
    bars = browser.find_elements(By.CSS_SELECTOR, "#timeline .bar.failure")
    assert bars and "Run tests" in bars[0].get_attribute("aria-label")
    browser.execute_script("document.getElementById('run-title').scrollIntoView()")
    browser.save_screenshot(str(SHOTS / "failed-job.png"))


def test_start_a_run_and_watch_it_complete(emulator, dashboard):
    browser = dashboard
    click_where(browser, "#clock button", "Freeze")
    wait(browser, lambda: "(frozen)" in text_of(browser, "#clock-now"))
    Select(browser.find_element(By.ID, "template")).select_by_index(0)
    browser.find_element(By.CSS_SELECTOR, "#start-template button").click()
    wait(browser, lambda: "started with 3 jobs" in text_of(browser, "#message"))
    run_id = text_of(browser, "#message").split()[1]
    # The new run is the newest: open it; nothing has run yet.
    wait(browser, lambda: browser.find_elements(By.CSS_SELECTOR, "#runs button")[0].text.find("queued") >= 0)
    browser.find_elements(By.CSS_SELECTOR, "#runs button")[0].click()
    wait(browser, lambda: "queued" in text_of(browser, "#run-summary"))
    assert not browser.find_elements(By.CSS_SELECTOR, "#timeline .bar.success")
    frozen = browser.find_element(By.ID, "timeline").get_attribute("innerHTML")
    time.sleep(4.5)  # two polls on a frozen clock: nothing re-rendered
    assert browser.find_element(By.ID, "timeline").get_attribute("innerHTML") == frozen
    for _ in range(5):
        click_where(browser, "#clock button", "+10 s")
        time.sleep(0.3)
    wait(browser, lambda: "failure" in text_of(browser, "#run-summary"), timeout=20)
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline .bar.success")
    assert browser.find_elements(By.CSS_SELECTOR, "#timeline .bar.failure")
    run = control(emulator, "GET", f"/api/repos/octo-org/octo-repo/actions/runs/{run_id}")
    assert run["status"] == "completed" and run["conclusion"] == "failure"


def test_rerun_failed_jobs_and_cancel_through_githubs_routes(emulator, dashboard):
    """The run view shows the run's and jobs' ids (people copy them into gh run view), and its
    Re-run failed jobs and Cancel buttons act through the API clients use."""
    browser = dashboard
    run = control(emulator, "POST", "/runs", {"repository": "octo-org/octo-repo", "workflow_name": "Flaky", "jobs": [
        {"name": "ok", "steps": [{"name": "Pass", "seconds": 1}]},
        {"name": "flaky", "steps": [{"name": "Try", "seconds": 2, "conclusion": ["failure", "success"]}]}]})
    control(emulator, "POST", "/clock", {"advance_seconds": 5})
    browser.get(f"{emulator.url}/_emulator/")
    click_where(browser, "#runs button", "Flaky")
    wait(browser, lambda: str(run["run_id"]) in text_of(browser, "#run-summary") and "failure" in text_of(browser, "#run-summary"))
    wait(browser, lambda: str(run["job_ids"][1]) in text_of(browser, "#timeline"))
    browser.find_element(By.ID, "rerun-failed").click()
    wait(browser, lambda: "failed jobs run again" in text_of(browser, "#message"))
    wait(browser, lambda: "attempt 2" in text_of(browser, "#run-summary"))
    browser.find_element(By.ID, "cancel-run").click()
    wait(browser, lambda: "cancelled" in text_of(browser, "#run-summary"))
    browser.save_screenshot(str(SHOTS / "cancelled-rerun.png"))
    browser.find_element(By.ID, "cancel-run").click()  # a completed run: GitHub's 409, said
    wait(browser, lambda: "409" in text_of(browser, "#message"))
    answer = control(emulator, "GET", f"/api/repos/octo-org/octo-repo/actions/runs/{run['run_id']}")
    assert (answer["run_attempt"], answer["conclusion"]) == (2, "cancelled")


def test_a_curl_request_appears_in_the_journal(emulator, dashboard):
    browser = dashboard
    marker = "/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496"
    subprocess.run(["curl", "-s", "-o", "/dev/null", f"{emulator.url}{marker}?from=curl"], check=True)
    subprocess.run(["curl", "-s", "-o", "/dev/null", f"{emulator.url}/api/v3/repos/nobody/nothing/actions/jobs/1"], check=True)
    wait(browser, lambda: "from=curl" in text_of(browser, "#journal"))
    first = browser.find_element(By.CSS_SELECTOR, "#journal tbody tr")  # newest first
    assert "nobody/nothing" in first.text and "404" in first.text
    # Filter by status class: hide 4xx.
    browser.find_element(By.CSS_SELECTOR, "input[data-class='4']").click()
    assert "nobody/nothing" not in text_of(browser, "#journal") and "from=curl" in text_of(browser, "#journal")
    browser.find_element(By.CSS_SELECTOR, "input[data-class='4']").click()


def test_a_hooks_deliveries_show_and_redeliver(emulator, dashboard):
    browser = dashboard
    receiver = Receiver()
    try:
        request = urllib.request.Request(
            f"{emulator.url}/api/v3/repos/octo-org/octo-repo/hooks", method="POST",
            data=json.dumps({"config": {"url": receiver.url, "content_type": "json", "secret": "never-shown"},
                             "events": ["workflow_job"]}).encode(),
            headers={"Authorization": f"token {CLASSIC}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request) as response:
            hook = json.load(response)
        receiver.wait_for(1)
        wait(browser, lambda: "ping" in text_of(browser, "#deliveries") and "200 OK" in text_of(browser, "#deliveries"))
        row = browser.find_element(By.CSS_SELECTOR, "#deliveries tbody tr")
        assert str(hook["id"]) in row.text
        row.find_element(By.CSS_SELECTOR, "button[data-redeliver]").click()
        headers = [h for h, _ in receiver.wait_for(2)]
        assert headers[1]["X-GitHub-Delivery"] == headers[0]["X-GitHub-Delivery"]
        wait(browser, lambda: "(redelivery)" in text_of(browser, "#deliveries tbody tr"))
        assert "never-shown" not in browser.page_source
        browser.save_screenshot(str(SHOTS / "deliveries.png"))
    finally:
        receiver.stop()


def test_markup_in_a_seed_stays_text(dashboard):
    browser = dashboard
    click_where(browser, "#repositories button", "markup/repo")
    wait(browser, lambda: "<b>bold</b>" in text_of(browser, "#runs"))
    assert "<script>window.__pwned='workflow'</script>" in text_of(browser, "#runs")
    browser.find_elements(By.CSS_SELECTOR, "#runs button")[0].click()
    click_where(browser, "#timeline button.job", "<img src=x")
    wait(browser, lambda: "window.__pwned='log'" in text_of(browser, "#log"))
    for details in browser.find_elements(By.CSS_SELECTOR, "#log details"):
        if details.get_attribute("open") is None:
            details.find_element(By.TAG_NAME, "summary").click()
    log = text_of(browser, "#log")
    assert "<img src=x onerror=\"window.__pwned='log'\">" in log
    assert "<script>window.__pwned='error'</script>" in log and "<i>group</i>" in text_of(browser, "#log summary")
    assert "<svg onload" in browser.find_element(By.CSS_SELECTOR, "#timeline .bar.failure").get_attribute("aria-label")
    # Nothing of it became markup, and none of it ran.
    assert browser.execute_script("return window.__pwned") is None
    assert browser.execute_script("return document.querySelectorAll('#dashboard img, #dashboard svg, #dashboard b, #dashboard i').length") == 0
    assert browser.execute_script("return document.scripts.length") == 1  # the page's own module


def test_narrow_windows_do_not_scroll_sideways(dashboard):
    browser = dashboard
    browser.set_window_size(420, 900)
    try:
        time.sleep(0.5)
        assert browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth + 1")
        browser.save_screenshot(str(SHOTS / "narrow.png"))
    finally:
        browser.set_window_size(1280, 800)
