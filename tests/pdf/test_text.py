"""Fonts per script, right-to-left lines, markup: the pieces every PDF is made of."""

from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph

from reporting.pdf import fonts
from reporting.pdf.fonts import CJK, SANS, SANS_BOLD, FontsMissing, ensure_fonts, runs
from reporting.pdf.layout import styles
from reporting.pdf.text import (
    BidiParagraph,
    has_rtl,
    ltr,
    markup,
    paragraph,
    text_width,
    visual_lines,
    wrap_lines,
)

from .conftest import TYPED

SAMPLES = [
    *TYPED.values(),
    "Ещё, «ёлка»: 12,5 t",
    "Côte d’Ivoire — 1 234,5 t",
    "汞（Hg）：１２３。",
    "الزئبق، ١٢٣ طن؟",
    "☐ Yes · №",
    "المكسيك (MEX)",
]


def test_fonts_are_registered_once_and_lazily():
    ensure_fonts()
    ensure_fonts()
    assert {SANS, SANS_BOLD, CJK} <= set(pdfmetrics.getRegisteredFontNames())
    assert ensure_fonts.cache_info().currsize == 1


def test_missing_font_files_name_the_debian_package(monkeypatch):
    missing = replace(fonts.FONT_FILES[2], path=Path("/nonexistent/wqy-zenhei.ttc"))
    monkeypatch.setattr(fonts, "FONT_FILES", (fonts.FONT_FILES[0], missing))
    with pytest.raises(FontsMissing) as info:
        ensure_fonts.__wrapped__()
    assert info.value.packages == ["fonts-wqy-zenhei"]
    assert "apt-get install fonts-wqy-zenhei" in str(info.value)


def test_text_mixing_scripts_is_split_into_runs_per_font():
    assert runs("Office 汞公约 No. 7") == [(SANS, "Office "), (CJK, "汞公约 "), (SANS, "No. 7")]
    assert runs("Москва وزارة") == [(SANS, "Москва وزارة")]
    assert runs("Bold 汞", SANS_BOLD) == [(SANS_BOLD, "Bold "), (CJK, "汞")]


@pytest.mark.parametrize("text", SAMPLES)
def test_every_character_is_drawn_with_a_font_that_has_its_glyph(text):
    """No boxes and no question marks: each run's font has every glyph of the run."""
    ensure_fonts()
    for font, run in runs(text):
        glyphs = pdfmetrics.getFont(font).face.charToGlyph
        assert all(ord(c) in glyphs for c in run if not c.isspace()), (font, run)


def test_markup_escapes_text_and_tags_other_scripts():
    assert markup("a < b & c", SANS) == "a &lt; b &amp; c"
    assert markup("x 汞\ny", SANS) == f'x <font name="{CJK}">汞</font><br/>y'
    assert markup("\u200f12\u200f/3", SANS) == "12/3"  # directional marks are not drawn


def test_right_to_left_marks_alone_do_not_make_text_right_to_left():
    assert has_rtl("وزارة") and not has_rtl("1\u200f/2\u200f/2024") and not has_rtl("Москва")


def test_lines_fit_the_width_and_overlong_words_are_cut():
    text = "word " * 40 + "汞" * 80
    lines = wrap_lines(text, 200, SANS, 10)
    assert len(lines) > 3
    assert all(text_width(line, SANS, 10) <= 200 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_arabic_is_reordered_line_by_line_not_as_one_paragraph():
    text = "واحد اثنان ثلاثة أربعة خمسة ستة سبعة ثمانية تسعة عشرة"
    lines = visual_lines(text, 90, SANS, 10, "R")
    assert len(lines) > 1
    # The first line drawn holds the first words typed (each line is reversed on its own).
    assert "ﺪﺣﺍﻭ" in lines[0] and "ﺓﺮﺸﻋ" in lines[-1]
    assert lines[0].endswith("ﺪﺣﺍﻭ")  # the first word is rightmost


def test_brackets_are_mirrored_and_codes_kept_in_order_in_arabic():
    assert visual_lines("المكسيك (MEX)", 500, SANS, 10, "R") == ["(MEX) ﻚﻴﺴﻜﻤﻟﺍ"]
    line = visual_lines(f"الدورة {ltr('2023-short')}", 500, SANS, 10, "R")[0]
    assert "2023-short" in line


def test_paragraphs_choose_bidi_layout_only_for_right_to_left_text():
    st = styles(True)
    assert isinstance(paragraph("fp@example.org", st.body, rtl=True), Paragraph)
    assert isinstance(paragraph("وزارة", st.body, rtl=True), BidiParagraph)
    english = paragraph("Answer وزارة", styles(False).body, written=True)
    assert isinstance(english, BidiParagraph) and english.base_dir is None


def test_a_bidi_paragraph_wraps_and_splits_across_pages():
    st = styles(True)
    flowable = paragraph("كلمة " * 400, st.body, rtl=True)
    width, height = flowable.wrap(300, 10_000)
    assert width == 300 and height > 100
    first, rest = flowable.split(300, 60)
    assert first.wrap(300, 60)[1] <= 60 and rest.wrap(300, 10_000)[1] > 0
