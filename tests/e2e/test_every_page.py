"""Every HTML page of the app on a 320 px phone screen, in English and Arabic: nothing wider
than the screen (a wide table scrolls inside its own labelled box), and no WCAG 2.1 AA
violation that axe-core finds.

The pages come from the authorization matrix's rule table (tests/test_authorization_matrix.py,
one rule per route of the URL map, with the real ids of tests/authorization_world.py): each
GET route is opened as a role that may see it (the anonymous visitor, Party B's focal point,
the secretariat, an admin; a report's pages also as the secretariat). A route whose answer is
HTML is checked unless `EXCLUDED` says why not; a new page is checked as soon as it has its
rule, and `test_every_html_page_is_checked_or_excluded` fails if one was left out. Every page
of the draft report's questionnaire is checked too (their tables differ).

One live server, one browser, one logged-in context per role. Set ORT_SCREENSHOTS to a
folder to keep screenshots of each page at 320 px and at 1280 px.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.authorization_world import PASSWORD
from tests.e2e.live import live_env, live_server, set_up
from tests.e2e.test_browser import ARGS, CHROMIUM
from tests.e2e.test_public_browser import AXE, WCAG
from tests.test_authorization_matrix import OK, RULES

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="Chromium is not installed at /usr/bin/chromium"
    ),
    pytest.mark.skipif(not AXE.exists(), reason=f"axe-core is not installed ({AXE})"),
]

#: Roles that log in, in the order a page is opened as (the first allowed); a page of
#: Party B's report is also opened as the secretariat, who sees it with other links, and
#: the pages a contributor works in as Party B's contributor (fewer actions).
ROLES = ("anonymous", "fp_b", "secretariat", "admin", "co_b")
ALSO_AS = {"fp_b": "secretariat"}
AS_CONTRIBUTOR = {"home.index", "reports.overview", "reports.page", "reports.submit"}
#: HTML pages not checked here, and why.
EXCLUDED = {
    ("api-docs.openapi_swagger_ui", "GET"): "Swagger UI's own page, not ours to restyle",
}
LANGUAGES = ("en", "ar")
WIDTH = 320

_SET_UP = """
import json, sys
from app import app
from reporting.extensions import db
from reporting.models import User
from tests.authorization_world import PASSWORD, build_world
result = app.test_cli_runner().invoke(args=["ort", "init"])
assert result.exit_code == 0, result.output
with app.test_request_context("/"):
    world = build_world()
    for role in ("fp_b", "co_b", "secretariat", "admin"):
        db.session.get(User, world.users[role]).set_password(PASSWORD)
    db.session.commit()
    emails = {role: db.session.get(User, i).email for role, i in world.users.items()}
with open(sys.argv[1], "w") as out:
    json.dump({"ids": world.ids, "emails": emails}, out)
"""

#: The live server's page: overflow of the document, and of each element wider than the
#: screen that is not inside a scrolling box (to name the culprit in a failure).
_OVERFLOW = """() => {
  const width = window.innerWidth;
  const scrolls = (el) => { for (let p = el.parentElement; p; p = p.parentElement) {
    const s = getComputedStyle(p).overflowX; if (s === 'auto' || s === 'scroll') return true; }
    return false; };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if ((r.right > width + 1 || r.left < -1) && r.width > 0 && !scrolls(el)) {
      wide.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '')
        + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
    }
  }
  return {scroll: document.documentElement.scrollWidth, width: width, wide: wide.slice(0, 5)};
}"""
#: Scrolling boxes must be reachable by keyboard and named (axe's scrollable-region-focusable
#: checks the first; the name is for screen readers, who hear "region").
_UNNAMED_SCROLLERS = """() => [...document.querySelectorAll('body *')].filter((el) => {
  const s = getComputedStyle(el).overflowX;
  return (s === 'auto' || s === 'scroll') && el.scrollWidth > el.clientWidth + 1 &&
    !(el.tabIndex >= 0 && el.getAttribute('role') === 'region' &&
      (el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')))
    && el.tagName !== 'TEXTAREA' && el.tagName !== 'SELECT' && el.tagName !== 'PRE';
}).map((el) => el.tagName.toLowerCase() + '.' + el.className)"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("every-page")
    env = live_env(folder)
    set_up(env, _SET_UP, str(folder / "world.json"))
    world = json.loads((folder / "world.json").read_text())
    with live_server(env) as base:
        yield base, world


@pytest.fixture(scope="module")
def contexts(site):
    """A browser context per role, logged in once, at phone width."""
    from playwright.sync_api import sync_playwright

    base, world = site
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pages = {}
        for role in ROLES:
            context = browser.new_context(
                viewport={"width": WIDTH, "height": 640}, bypass_csp=True, accept_downloads=True
            )
            page = context.new_page()
            page.set_default_timeout(30000)
            if role != "anonymous":
                page.goto(base + "/login?lang=en")
                page.fill("#email", world["emails"][role])
                page.fill("#password", PASSWORD)
                page.locator("main form button[type=submit]").first.click()
                page.wait_for_url(lambda url: urlsplit(url).path != "/login")
            pages[role] = page
        yield pages
        browser.close()


def _url(rule_url: str, ids: dict, lang: str) -> str:
    url = rule_url.format(**ids)
    if url.startswith("/data/"):  # the public pages carry their language in the path
        return re.sub(r"^/data/[a-z]{2}/", f"/data/{lang}/", url)
    return url + ("&" if "?" in url else "?") + f"lang={lang}"


def _roles(endpoint: str, rule) -> list[str]:
    allowed = [r for r in ROLES if rule.expect.get(r, rule.expect.get("no_token")) is OK]
    if not allowed:
        return []
    roles = [allowed[0]]
    if ALSO_AS.get(allowed[0]) in allowed:
        roles.append(ALSO_AS[allowed[0]])
    if endpoint in AS_CONTRIBUTOR and "co_b" in allowed:
        roles.append("co_b")
    return roles


def _pages(ids: dict, lang: str):
    """(endpoint, role, url) of every GET route, with the role that opens it."""
    for (endpoint, method), rule in RULES.items():
        if method != "GET" or (endpoint, method) in EXCLUDED:
            continue
        if rule.api:  # the API's pages are opened without a token
            roles = ["anonymous"] if rule.expect["no_token"] is OK else []
        else:
            roles = _roles(endpoint, rule)
        for role in roles:
            yield endpoint, role, _url(rule.url, ids, lang)


def _is_html(page, url: str) -> bool:
    """Whether `url` answers an HTML page of its own (not a file, not a redirect to another
    page, which is checked at its own URL)."""
    response = page.context.request.get(url, max_redirects=5)
    assert response.ok, (url, response.status)
    if urlsplit(response.url).path != urlsplit(url).path:
        return False
    return response.headers.get("content-type", "").startswith("text/html")


def _check(page, url: str, lang: str) -> list:
    """The problems of the page at `url`: overflow, unnamed scrolling boxes, axe's findings."""
    response = page.goto(url)
    assert response and response.ok, (url, response and response.status)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr"), url
    problems = []
    overflow = page.evaluate(_OVERFLOW)
    if overflow["scroll"] > overflow["width"]:
        problems.append(("wider than the screen", overflow))
    unnamed = page.evaluate(_UNNAMED_SCROLLERS)
    if unnamed:
        problems.append(("a scrolling box without a keyboard stop and a name", unnamed))
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG
    )
    for v in result["violations"]:
        problems.append((v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]))
    _screenshot(page, url, lang)
    return problems


def _screenshot(page, url: str, lang: str) -> None:
    folder = os.environ.get("ORT_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^a-z0-9]+", "_", urlsplit(url).path.lower()).strip("_")[:60] or "home"
    for width in (WIDTH, 1280):
        page.set_viewport_size({"width": width, "height": 640 if width == WIDTH else 900})
        page.screenshot(path=str(Path(folder) / f"{lang}-{width}-{name}.png"), full_page=True)
    page.set_viewport_size({"width": WIDTH, "height": 640})


#: (endpoint, role) pairs found to answer HTML and checked, per language.
CHECKED: dict[str, set] = {}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_fits_a_phone_and_passes_axe(site, contexts, lang):
    base, world = site
    ids = world["ids"]
    failures, checked, seen = [], CHECKED.setdefault(lang, set()), set()
    for endpoint, role, url in _pages(ids, lang):
        page = contexts[role]
        if not _is_html(page, base + url):
            continue
        problems = _check(page, base + url, lang)
        checked.add((endpoint, role))
        seen.add(urlsplit(page.url).path)
        failures += [(endpoint, role, url, p) for p in problems]
    # Every page of the draft's questionnaire, in the order of its page list.
    page = contexts["fp_b"]
    page.goto(f"{base}/reports/{ids['b_draft']}/pages/art3?lang={lang}")
    links = [a.get_attribute("href") for a in page.locator(".page-list a").all()]
    assert len(links) >= 5, links
    for href in links:
        if urlsplit(href).path in seen:
            continue
        for problem in _check(page, base + href, lang):
            failures.append(("reports.page", "fp_b", href, problem))
    assert not failures, "\n".join(map(repr, failures))


def test_every_html_page_is_checked_or_excluded(app, site, contexts):
    """Run after the checks: each GET route answering HTML was checked (or is excluded)."""
    base, world = site
    gets = {(r.endpoint, "GET") for r in app.url_map.iter_rules() if "GET" in r.methods}
    assert not gets - RULES.keys(), (
        f"GET routes without a rule, so unchecked: {gets - RULES.keys()}"
    )
    if set(CHECKED) != set(LANGUAGES):
        pytest.skip("the page checks did not run")
    assert {role for _e, role in CHECKED["en"]} == set(ROLES)  # each role saw its pages
    missing = []
    for (endpoint, method), rule in RULES.items():
        if method != "GET" or (endpoint, method) in EXCLUDED:
            continue
        roles = ["anonymous"] if rule.api else ROLES
        for role in roles:
            if rule.api and rule.expect["no_token"] is not OK:
                continue
            if not rule.api and rule.expect[role] is not OK:
                continue
            page = contexts[role]
            url = base + _url(rule.url, world["ids"], "en")
            if _is_html(page, url) and not any(e == endpoint for e, _r in CHECKED["en"]):
                missing.append((endpoint, role))
    assert not missing, f"HTML pages neither checked nor in EXCLUDED (with a reason): {missing}"
    for (endpoint, _method), reason in EXCLUDED.items():
        assert reason and any(e == endpoint for e, _m in RULES), endpoint


def test_the_page_list_gives_way_to_the_questions_on_a_phone(site, contexts):
    """At 320 px the article page's list of pages is a closed disclosure above the first
    question, which is on the first screen; at 1280 px the list is open beside it."""
    base, world = site
    page = contexts["fp_b"]
    page.goto(f"{base}/reports/{world['ids']['b_draft']}/pages/art3?lang=en")
    link = page.get_by_role("navigation", name="Pages of the report").get_by_role(
        "link", name="Article 8"
    )
    first_question = page.locator(".question legend, .question > label").first
    assert link.count() == 0 and not page.locator(".page-list ol").is_visible()
    assert first_question.bounding_box()["y"] < 640 * 1.5
    page.locator(".page-list summary").click()
    assert link.is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    try:
        page.reload()
        assert link.is_visible() and not page.locator(".page-list summary").is_visible()
        assert page.locator(".page-list").bounding_box()["x"] < first_question.bounding_box()["x"]
    finally:
        page.set_viewport_size({"width": WIDTH, "height": 640})
