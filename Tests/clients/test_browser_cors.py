"""A real browser (Debian's chromium, headless, driven by selenium through chromium-driver)
opens a page served from another origin whose script calls the emulator with a token: the
CORS preflight, Access-Control-Allow-Origin and the exposed headers must let it read the
private job, the ETag and the Link header, and get a 304 back for its tag."""

import functools
import http.server
import json
import pathlib
import threading
import urllib.parse

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from conftest import CLASSIC

PAGES = pathlib.Path(__file__).with_name("cors")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript"}

    def log_message(self, *args):
        pass


@pytest.fixture()
def page_origin():
    """The page's own origin: another port on loopback, served by Python's http.server."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(PAGES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture()
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def test_a_page_on_another_origin_reads_jobs_etags_and_links(emulator, page_origin, browser):
    query = urllib.parse.urlencode({"api": f"{emulator.url}/api/v3", "token": CLASSIC})
    browser.get(f"{page_origin}/page.html?{query}")
    text = WebDriverWait(browser, 20).until(lambda driver: driver.find_element("id", "result").text)
    seen = json.loads(text)
    assert "error" not in seen, seen["error"]

    assert seen["job"]["status"] == 200 and seen["job"]["id"] == 400300001
    assert seen["job"]["etag"].startswith('W/"') and seen["job"]["requestId"]

    assert seen["list"]["status"] == 200 and seen["list"]["count"] == 50 and seen["list"]["total"] == 120
    assert seen["list"]["etag"].startswith('W/"')
    assert 'rel="next"' in seen["list"]["link"] and 'rel="last"' in seen["list"]["link"]
    assert f"{emulator.url}/api/v3/repos/octo-org/octo-repo/actions/runs/30433700/jobs?per_page=50&page=2" in seen["list"]["link"]

    assert seen["again"] == {"status": 304, "etag": seen["job"]["etag"]}

    # The browser asked first: the journal holds its preflight, answered without a token.
    preflights = [entry for entry in emulator.journal() if entry["method"] == "OPTIONS"]
    assert preflights and all(entry["status"] == 204 for entry in preflights)
