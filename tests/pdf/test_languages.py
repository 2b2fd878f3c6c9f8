"""PDFs in the six UN languages: every script in the text layer, Arabic shaped and in
visual order, and the fonts embedded in the file."""

import arabic_reshaper
import pytest
from bidi.algorithm import get_display
from flask_babel import force_locale, format_date

from reporting.pdf.layout import INDENT, MARGIN
from reporting.questionnaire.countries import country_name
from reporting.questionnaire.translate import qt
from reporting.reports import workflow

from .conftest import TYPED, fill
from .helpers import contains, get, poppler_text, read, squeeze, text_of, words

LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"]


def _visual(text: str) -> str:
    """How a line of Arabic is drawn: shaped, in left-to-right visual order."""
    return get_display(arabic_reshaper.reshape(text), base_dir="R")


def _layer(data: bytes, lang: str) -> str:
    return poppler_text(data) if lang == "ar" else text_of(data)


def _found(layer: str, expected: str, lang: str) -> bool:
    """Text extractors turn drawn Arabic back into reading order, but may put a number
    before or after the words beside it: Arabic is compared word by word."""
    if lang == "ar":
        return all(contains(layer, word) for word in expected.split())
    return contains(layer, expected)


def _report_pdf(client, party, cycle, user, fmt, lang, extra=None):
    report = workflow.start_report(party, cycle, user, carry_over=False, language=lang)
    fill(
        report,
        fmt,
        user,
        {
            "party.focal_point.institution": {"value": TYPED[lang]},
            "party.focal_point.address": {"value": TYPED[lang]},
            **(extra or {}),
        },
    )
    workflow.submit(report, user)
    response = get(client, f"/reports/{report.id}/pdf", user)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    return report, response.data


@pytest.mark.parametrize("lang", LANGUAGES)
def test_report_pdf_in_each_language_holds_its_script(
    lang, client, request_ctx, party_a, short_cycle, focal_point, minamata
):
    report, data = _report_pdf(client, party_a, short_cycle, focal_point, minamata, lang)
    text = _layer(data, lang)
    assert "\ufffd" not in text
    # An answer typed in the language keeps it.
    assert _found(text, TYPED[lang], lang)
    # Interface labels in the language: the Party's name and a date with its month name
    # come from the locale data (CLDR), which exists for every language.
    with force_locale(lang):
        party = country_name("MEX")
        ratified = format_date(party_a.membership("minamata").ratification_date, "long")
    assert party != "Mexico" or lang == "en"
    assert _found(text, party, lang)
    assert _found(text, ratified, lang)


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_report_pdf_prints_the_translated_questionnaire(
    lang, client, request_ctx, party_a, short_cycle, focal_point, minamata
):
    questions = [q for q in minamata.iter_questions("short") if not q.visible_if]
    with force_locale(lang):
        translated = [(q, qt(q.text)) for q in questions if qt(q.text) != q.text]
    if not translated:
        pytest.skip(
            f"translations/{lang}/LC_MESSAGES/questionnaire.mo translates no question "
            "text yet (the catalog is being written)"
        )
    _, data = _report_pdf(client, party_a, short_cycle, focal_point, minamata, lang)
    text = _layer(data, lang)
    # Short texts stay on one line, so an Arabic one is one visual run.
    short = [(q, t) for q, t in translated if len(t) < 45] or translated[:1]
    for q, text_in_lang in short:
        assert _found(text, f"{q.number} {text_in_lang}", lang), (q.key, text_in_lang)


def test_arabic_is_shaped_drawn_right_to_left_and_right_aligned(
    client, request_ctx, party_a, short_cycle, focal_point, minamata
):
    _, data = _report_pdf(client, party_a, short_cycle, focal_point, minamata, "ar")
    text = text_of(data)
    typed = TYPED["ar"].split()
    # Shaped: the text layer holds Arabic presentation forms (the joined letter shapes).
    assert any("\ufb50" <= c <= "\ufeff" for c in text)
    # Drawn in visual order: each word's glyphs reversed, the first word rightmost.
    page = read(data).pages[1]
    drawn = words(data, 2)
    found = [next(w for w in drawn if squeeze(w[0]) == squeeze(_visual(word))) for word in typed]
    assert all(squeeze(w[0]) != squeeze(word) for w, word in zip(found, typed))
    starts = [x_min for _text, x_min, _y, _x_max in found]
    assert starts == sorted(starts, reverse=True)
    assert len({round(y) for _text, _x, y, _x_max in found}) == 1  # one line
    # Right-aligned: the line ends at the right margin, not at the left one.
    right_margin = float(page.mediabox.width) - MARGIN - INDENT
    assert abs(found[0][3] - right_margin) < 8
    question = (
        next(w for w in drawn if w[0] == "Full") if any(w[0] == "Full" for w in drawn) else None
    )
    if question is not None:  # an untranslated label, also at the right
        assert question[1] > float(page.mediabox.width) / 2


def test_a_report_mixing_scripts_shows_each_in_its_own_font(
    client, request_ctx, party_a, short_cycle, focal_point, minamata
):
    _, data = _report_pdf(
        client,
        party_a,
        short_cycle,
        focal_point,
        minamata,
        "en",
        extra={
            "party.focal_point.institution": {"value": "Office 汞公约 No. 7"},
            "party.focal_point.address": {"value": "Rue de l'Étang, Москва, وزارة البيئة"},
        },
    )
    text = poppler_text(data)  # pypdf drops the Latin words of a line holding Arabic
    assert contains(text, "Office 汞公约 No. 7")
    assert contains(text, "Rue de l'Étang, Москва,")
    assert contains(text, "وزارة البيئة")  # poppler reads it back in reading order
    fonts = set()
    for page in read(data).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]).split("+")[-1])
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                # Embedded: the reader needs no font of its own to show the text.
                assert "/FontFile2" in descriptor, font["/BaseFont"]
    # Only the embedded fonts: not even reportlab's default Helvetica, which is not embedded.
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold", "WenQuanYiZenHei-0"}
