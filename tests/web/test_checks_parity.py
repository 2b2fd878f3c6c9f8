"""The browser's checks (static/js/checks.js, reading the rules the answer kinds put on the
page) give the same verdicts and the same messages as the server, for every answer kind.

Each case is typed into the real page (rendered by the app, opened in headless Chromium),
the field is left, and the message shown is read; the server's verdict is the one a save
gives: the value read from the form (`kind.form_value`, in the page's locale), loaded by
the answer's schema in draft mode, and for a required question left empty, the review's
message. Kinds whose inputs only offer valid values (choices, countries, files) are checked
too: no false alarm, and a required one left empty is flagged by both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from flask_babel import force_locale
from marshmallow import ValidationError

from reporting.questionnaire.checks import required_message
from reporting.questionnaire.kinds import kind_names
from reporting.questionnaire.report_schema import answer_schema
from reporting.reports.workflow import report_format

from .browser import CHROMIUM, open_html

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed"),
]

NUMBERS_EVERYWHERE = ["12", "0", "-1", "abc", "", "  7  ", "1e3", "1e2000", "Infinity", "nan"]
#: (locale, question or "question/column" of a table, what is typed) -- typed values of
#: the text inputs; choices are cases of their own below.
TYPED = {
    "en": {
        "art1.mining.tonnes": NUMBERS_EVERYWHERE
        + [
            "12.5",
            "12,5",
            "1,234.5",
            "1,2345",
            "1_000",
            "0.00000000001",
            "0.0000000001",
            "1234567890123.456",
            "123456789012.345",
            "999999999999999",
            "1000000000000000",
            "-0",
            "١٢٫٥",
            "12.5.1",
        ],
        "art1.count": NUMBERS_EVERYWHERE + ["12.5", "12.0", "100", "101", "+5", "1,000", "1e1"],
        "art1.year": ["2024", "1900", "2100", "1899", "24", "2024.5", "MMXXIV"],
        "art2.share": ["12.5", "12.5%", "12.555", "100", "100.01", "-0.01", "0", "%", "abc"],
        "art1.note": [
            "short",
            "exactly10!",
            "eleven char",
            "   padded   ",
            "é" * 11,
            "😀" * 10,
            "😀" * 11,
        ],
        "art1.long": ["a" * 20000, "a" * 20001],
        "art1.details": ["some details"],
        "about.start": [
            "2024-02-29",
            "2023-02-29",
            "2024-13-01",
            "2024-04-31",
            "20240105",
            "2024-W01-1",
            "2020-W53",
            "2021-W53",
            "2024-1-5",
            "5 March 2024",
            "0000-01-01",
            "",
        ],
        "art1.email": [
            "name@example.org",
            "name.surname+tag@sub.example.org",
            "élodie@exemple.fr",
            "name@localhost",
            "name@[192.168.0.1]",
            "name@example",
            "name@",
            "@example.org",
            "no at sign",
            "two@@example.org",
            "a..b@example.org",
            '"quoted name"@example.org',
            "name@-example.org",
            "x" * 250 + "@example.org",
        ],
        "art1.url": [
            "https://www.example.org/mercury",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG/A?b=c#d",
            "https://localhost:8080/x",
            "https://192.168.0.1/",
            "https://[::1]/",
            "ftp://example.org",
            "www.example.org",
            "https://example",
            "https://exa mple.org",
            "https://ministère.gouv.fr/page",
            "javascript:alert(1)",
            "https://example.org/" + "a" * 2000,
        ],
        "art1.exports/quantity": ["12.5", "-1", "abc", "1,234.5", "12,5"],
        "art1.exports/country": ["France", "FRA"],
    },
    "fr": {
        "art1.mining.tonnes": [
            "12,5",
            "1 234,5",
            "1\u202f234,5",
            "1\u00a0234,5",
            "12.5",
            "1.234,5",
            "1 2345,5",
            "-3,5",
            "0,00000000001",
        ],
        "art1.count": ["12", "12,5", "12,0", "1 0", "100", "101"],
        "art2.share": ["12,5 %", "12,5", "12,555", "100,5"],
        "art1.exports/quantity": ["12,5", "1 234,5", "-1"],
    },
    "es": {
        "art1.mining.tonnes": ["1.234,5", "12,5", "12.5", "1.234", "12.345,67", "1.2345"],
        "art1.count": ["1.000", "12,5", "99"],
    },
    "ar": {
        "art1.mining.tonnes": ["١٢٫٥", "12.5", "١٬٢٣٤٫٥", "1,234.5", "abc"],
        "art2.share": ["١٢٫٥٪", "12.5%", "١٠١"],
        "art1.count": ["٤٢", "٤٢٫٥"],
    },
}
#: Questions answered by choosing: (question, what is chosen: a value, a list of values,
#: or None for nothing chosen).
CHOSEN = [
    ("art1.mining", None),  # required: flagged when left unanswered
    ("art1.mining", "yes"),
    ("art1.plan", "na"),
    ("art1.colour", "green"),
    ("art1.colours", ["red", "blue"]),
    ("art1.country", "KEN"),
    ("art1.file", None),
]
PAGES = {"A": ["about."], "art2": ["art2."]}


def _page_of(key: str) -> str:
    return next(
        (page for page, prefixes in PAGES.items() if key.startswith(tuple(prefixes))), "art1"
    )


def _server(fmt, key: str, typed, locale: str) -> list[str]:
    """The messages a save gives for `typed` (none: valid)."""
    question_key, _slash, column_key = key.partition("/")
    q = fmt.question(question_key)
    with force_locale(locale):
        if column_key:
            column = q.column(column_key)
            value = column.kind.form_value(column, typed)
            if value is None:
                return []
            try:
                column.kind.field(column).deserialize(value)
            except ValidationError as exc:
                return [str(m) for m in exc.messages]
            return []
        if q.kind.attachment:
            value = None
        else:
            value = q.kind.form_value(q, typed)
        if value is None:
            return [required_message()] if q.required else []
        try:
            answer_schema(q)().load({"state": "value", "value": value})
        except ValidationError as exc:
            return [str(m) for m in exc.messages.get("value", [])]
        return []


def _open(browser, html: str):
    return open_html(browser, html)


def _sel(element_id: str) -> str:
    return f"[id='{element_id}']"


def _shown(page, element_id: str) -> list[str]:
    return page.eval_on_selector_all(
        f"[id='{element_id}-check'] .check-message", "nodes => nodes.map(n => n.textContent)"
    )


def _type_and_leave(page, key: str, typed: str) -> list[str]:
    question_key, _slash, column_key = key.partition("/")
    if column_key:
        element_id = shown_at = f"q.{question_key}-value-0-c_{column_key}"
    else:
        element_id, shown_at = f"q.{question_key}-value", f"q.{question_key}"
    field = page.locator(_sel(element_id))
    # A date kept as typed is shown in a text input (reports/_fields.html): type into one.
    page.evaluate(
        "id => { const i = document.getElementById(id); if (i.type === 'date') i.type = 'text'; }",
        element_id,
    )
    field.fill(typed)
    field.blur()
    return _shown(page, shown_at)


def test_the_browser_and_the_server_give_the_same_verdicts_and_messages(
    fp_client, tiny_report, browser
):
    fmt = report_format(tiny_report)
    checked_kinds = set()
    differences = []
    for locale, cases in TYPED.items():
        opened = {}
        for key, inputs in cases.items():
            page_key = _page_of(key)
            if page_key not in opened:
                html = fp_client.get(
                    f"/reports/{tiny_report.id}/pages/{page_key}?lang={locale}"
                ).text
                opened[page_key] = _open(browser, html)
                if page_key == "art1":  # the follow-up on the tonnes is shown after "yes"
                    opened[page_key].check(_sel("q.art1.mining-value-0"))
            page = opened[page_key]
            question = fmt.question(key.partition("/")[0])
            spec = question.column(key.partition("/")[2]) if "/" in key else question
            checked_kinds.add(spec.kind.name)
            for typed in inputs:
                browser_says = _type_and_leave(page, key, typed)
                server_says = _server(fmt, key, typed, locale)
                if browser_says != server_says:
                    differences.append((locale, key, typed, server_says, browser_says))
        for page in opened.values():
            page.close()

    html = fp_client.get(f"/reports/{tiny_report.id}/pages/art1?lang=en").text
    page = _open(browser, html)
    for key, chosen in CHOSEN:
        q = fmt.question(key)
        checked_kinds.add(q.kind.name)
        base = f"q.{key}"
        if chosen is None:  # go through the question without answering it
            first = page.locator(f"[id='{base}'] input, [id='{base}'] select").first
            first.focus()
            first.blur()
        elif q.kind.multiple:
            for code in chosen:
                page.locator(f"[id='{base}'] input[value='{code}']").check()
            page.locator(f"[id='{base}'] input[value='{chosen[0]}']").blur()
        elif page.locator(_sel(f"{base}-value")).count():  # a drop-down
            page.select_option(_sel(f"{base}-value"), chosen)
            page.locator(_sel(f"{base}-value")).blur()
        else:
            radio = page.locator(f"[id='{base}'] input[value='{chosen}']")
            radio.check()
            radio.blur()
        browser_says = _shown(page, base)
        server_says = _server(fmt, key, chosen, "en")
        if browser_says != server_says:
            differences.append(("en", key, chosen, server_says, browser_says))
    checked_kinds.add("table")  # its cells are cases above
    page.close()

    assert not differences, "\n".join(map(repr, differences))
    assert checked_kinds == set(kind_names())


def test_without_rules_nothing_is_checked_and_a_fixed_value_clears_its_message(
    fp_client, tiny_report, browser
):
    html = fp_client.get(f"/reports/{tiny_report.id}/pages/art1?lang=en").text
    page = _open(browser, html)
    assert _type_and_leave(page, "art1.count", "101") == ["Enter a number from 0 to 100."]
    field = page.locator(_sel("q.art1.count-value"))
    assert field.get_attribute("aria-invalid") == "true"
    assert "q.art1.count-check" in field.get_attribute("aria-describedby")
    assert _type_and_leave(page, "art1.count", "100") == []
    assert field.get_attribute("aria-invalid") is None
    assert page.locator(_sel("q.art1.count-check")).count() == 0
    page.close()
