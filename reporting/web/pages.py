"""A report's pages: one per article, and one per part whose sections are not articles.

Part A (information on the Party, several short sections) is filled in on one page;
Part B has one page per article; the other parts one page each. Pages list only the
sections with questions in the report's kind (short or full).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..questionnaire.definition import Format, Part, Question, Section


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    part: Part
    sections: tuple[Section, ...]
    #: Questions of the page in the report's kind, in format order.
    questions: tuple[Question, ...]
    article: str | None = None

    def section_questions(self, section: Section) -> list[Question]:
        keys = {q.key for q in self.questions}
        return [q for q in section.questions if q.key in keys]


@lru_cache(maxsize=32)
def report_pages(fmt: Format, kind: str | None) -> tuple[Page, ...]:
    pages = []
    for part, sections in fmt.contents(kind):
        groups = (
            [(part.key, part.title, None, sections)]
            if not any(s.article for s, _questions in sections)
            else [(s.key, s.title, s.article, [(s, qs)]) for s, qs in sections]
        )
        for key, title, article, group in groups:
            pages.append(
                Page(
                    key,
                    title,
                    part,
                    tuple(s for s, _questions in group),
                    tuple(q for _section, qs in group for q in qs),
                    article,
                )
            )
    return tuple(pages)


def page_of_question(pages: tuple[Page, ...], key: str) -> Page | None:
    return next((p for p in pages if any(q.key == key for q in p.questions)), None)
