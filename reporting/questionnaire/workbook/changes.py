"""What a new format version changes against the current one: questions, texts per
language, choice lists, rules, sections and format-level fields, as readable lines."""

from __future__ import annotations

import dataclasses
import json

from flask_babel import gettext as _

from ..format_schema import FormatFileSchema
from . import layout as L


def _plain(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def canonical(raw: dict) -> dict:
    """The format file as the schema loads it (defaults filled in), as plain data: two
    files that load the same are equal here, whatever their layout or comments."""
    return _plain(FormatFileSchema().load(raw))


def same_format(a: dict, b: dict) -> bool:
    return canonical(a) == canonical(b)


def _show(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


def _questions(data):
    out = {}
    for part in data["parts"]:
        for section in part["sections"]:
            for q in section["questions"]:
                out[q["key"]] = {**q, "section": section["key"]}
    return out


def _sections(data):
    out = {}
    for part in data["parts"]:
        out[f"part {part['key']}"] = {k: v for k, v in part.items() if k != "sections"}
        for section in part["sections"]:
            out[f"section {section['key']}"] = {
                **{k: v for k, v in section.items() if k != "questions"},
                "part": part["key"],
            }
    return out


class _Diff:
    def __init__(self, old_tr, new_tr):
        self.lines: list[str] = []
        self.old_tr, self.new_tr = old_tr, new_tr

    def texts(self, where, field, old_text, new_text, added=False):
        """The English text, then each language's translation."""
        if old_text != new_text and not (added and old_text is None):
            self.lines.append(
                _(
                    "%(where)s: %(field)s (en) %(old)s → %(new)s",
                    where=where,
                    field=field,
                    old=_show(old_text),
                    new=_show(new_text),
                )
            )
        if new_text is None:
            return
        for lang in L.LANGUAGES:
            if lang == L.SOURCE_LANGUAGE:
                continue
            before = self.old_tr.get(lang, {}).get(old_text) if old_text else None
            after = self.new_tr.get(lang, {}).get(new_text)
            if after is not None and after != before:
                self.lines.append(
                    _(
                        "%(where)s: %(field)s (%(lang)s) %(old)s → %(new)s",
                        where=where,
                        field=field,
                        lang=lang,
                        old=_show(before),
                        new=_show(after),
                    )
                )

    def node(self, where, old, new, texts=(), skip=()):
        for field in dict.fromkeys([*old, *new]):
            if field in skip:
                continue
            if field in texts:
                self.texts(where, field, old.get(field), new.get(field))
            elif old.get(field) != new.get(field):
                self.lines.append(
                    _(
                        "%(where)s: %(field)s %(old)s → %(new)s",
                        where=where,
                        field=field,
                        old=_show(old.get(field)),
                        new=_show(new.get(field)),
                    )
                )

    def keyed(self, label, old: dict, new: dict, compare):
        for key in new:
            if key not in old:
                self.lines.append(_("%(what)s added: %(key)s", what=label, key=key))
        for key in old:
            if key not in new:
                self.lines.append(_("%(what)s removed: %(key)s", what=label, key=key))
        for key in new:
            if key in old:
                compare(key, old[key], new[key])

    def choices(self, where, old, new):
        old_c = {c["code"]: c for c in old or []}
        new_c = {c["code"]: c for c in new or []}
        for code in new_c:
            if code not in old_c:
                self.lines.append(
                    _(
                        "%(where)s: choice added: %(code)s %(label)s",
                        where=where,
                        code=code,
                        label=_show(new_c[code]["label"]),
                    )
                )
                self.texts(
                    f"{where}, choice {code}", "label", None, new_c[code]["label"], added=True
                )
        for code in old_c:
            if code not in new_c:
                self.lines.append(_("%(where)s: choice removed: %(code)s", where=where, code=code))
        for code in new_c:
            if code in old_c:
                self.texts(
                    f"{where}, choice {code}", "label", old_c[code]["label"], new_c[code]["label"]
                )
        if [c for c in old_c if c in new_c] != [c for c in new_c if c in old_c]:
            self.lines.append(_("%(where)s: choices reordered", where=where))

    def typed(self, where, old, new, texts):
        self.node(where, old, new, texts, skip=("choices", "columns"))
        if isinstance(old.get("choices"), list) or isinstance(new.get("choices"), list):
            if isinstance(old.get("choices"), list) and isinstance(new.get("choices"), list):
                self.choices(where, old["choices"], new["choices"])
            else:
                self.node(where, {"choices": old.get("choices")}, {"choices": new.get("choices")})
        elif old.get("choices") != new.get("choices"):
            self.node(where, {"choices": old.get("choices")}, {"choices": new.get("choices")})


def list_changes(
    old_raw: dict, old_translations: dict, new_raw: dict, new_translations: dict
) -> list[str]:
    """Lines saying what `new_raw` (with its translations) changes against `old_raw`."""
    old, new = canonical(old_raw), canonical(new_raw)
    diff = _Diff(old_translations, new_translations)
    diff.node(
        _("format"),
        old,
        new,
        texts=L.FORMAT_TEXTS,
        skip=("parts", "rules", "enumerations", "report_kinds"),
    )
    diff.keyed(
        _("report kind"),
        {k["code"]: k for k in old["report_kinds"]},
        {k["code"]: k for k in new["report_kinds"]},
        lambda key, a, b: diff.node(_("report kind %(key)s", key=key), a, b, L.REPORT_KIND_TEXTS),
    )
    diff.keyed(
        _("choice list"),
        old["enumerations"],
        new["enumerations"],
        lambda key, a, b: diff.choices(_("choice list %(key)s", key=key), a, b),
    )
    diff.keyed(
        _("part or section"),
        _sections(old),
        _sections(new),
        lambda key, a, b: diff.node(key, a, b, L.SECTION_TEXTS),
    )

    def question(key, a, b):
        where = _("question %(key)s", key=key)
        diff.typed(where, a, b, L.QUESTION_TEXTS)
        old_cols = {c["key"]: c for c in a.get("columns") or []}
        new_cols = {c["key"]: c for c in b.get("columns") or []}
        diff.keyed(
            _("%(where)s: column", where=where),
            old_cols,
            new_cols,
            lambda col, x, y: diff.typed(
                _("question %(key)s, column %(column)s", key=key, column=col), x, y, L.COLUMN_TEXTS
            ),
        )
        if list(old_cols) != list(new_cols) and set(old_cols) == set(new_cols):
            diff.lines.append(_("%(where)s: columns reordered", where=where))

    old_q, new_q = _questions(old), _questions(new)
    diff.keyed(_("question"), old_q, new_q, question)
    common = [k for k in old_q if k in new_q]
    if common != [k for k in new_q if k in old_q]:
        diff.lines.append(_("questions reordered"))
    diff.keyed(
        _("rule"),
        {r["key"]: r for r in old["rules"]},
        {r["key"]: r for r in new["rules"]},
        lambda key, a, b: diff.node(_("rule %(key)s", key=key), a, b, L.RULE_TEXTS),
    )
    return diff.lines
