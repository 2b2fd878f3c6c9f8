"""How the questions of a format's versions follow one another.

A newer version names the version it amends (`follows`) and, on each question that
replaces questions of that version, how (`replaces`: renamed, recoded, split, merged).
A question whose key the newer version keeps, and that no newer question replaces, is the
same question. From these declarations:

- `successor(fmt, key)`: the question of the next version that continues `key`, with the
  replacement that says how (None for the same question kept); none when the question
  was dropped or split (a split question has no single continuation);
- `series_key(fmt, key)`: the key under which answers to `key` are analysed across
  cycles (the newest key it continues as), and `recode(fmt, key, code)` its choice codes
  in that newest version;
- `origins(fmt, key)`: the questions of older versions that `key` continues, oldest
  first, with how (the codebook's "asked as");
- `check_lineage(formats)`: the declarations are consistent (the followed version
  exists, every replaced key exists in it, a key reused with another meaning says so).

The versions of one format id are ordered by `follows`; versions that follow nothing
stand alone. Everything here is computed from the immutable format trees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .definition import Format, Question, Replacement
from .registry import get_format, list_formats


@dataclass(frozen=True)
class Step:
    """One step of a question's history: asked as `key` in `version`; `how` it became
    the next step's question (None for the newest, "same" for a question kept)."""

    version: str
    key: str
    how: str | None


#: Answers already computed, per list of formats (by the identity of its formats, which the
#: entry keeps alive, so that an id is never reused while its answers are kept): an export
#: plan asks for every question of every cycle, and the trees never change.
_MEMO: dict[tuple[int, ...], tuple[list[Format], dict]] = {}


def _memo(formats: list[Format]) -> dict:
    ids = tuple(map(id, formats))
    entry = _MEMO.get(ids)
    if entry is None:
        if len(_MEMO) >= 8:  # stored versions were added: start again
            _MEMO.clear()
        entry = _MEMO[ids] = (list(formats), {})
    return entry[1]


def _followed(fmt: Format, formats: Iterable[Format]) -> Format | None:
    if not fmt.follows:
        return None
    return next((f for f in formats if f.id == fmt.id and f.version == fmt.follows), None)


def _following(fmt: Format, formats: Iterable[Format]) -> Format | None:
    """The version that follows `fmt` (the first found if several claim to)."""
    return next((f for f in formats if f.id == fmt.id and f.follows == fmt.version), None)


def following(fmt: Format, formats: list[Format] | None = None) -> Format | None:
    """The version that follows `fmt`, if any, among `formats` (default: every format
    the registry serves; callers asking many questions pass the list once)."""
    return _following(fmt, list_formats() if formats is None else formats)


def check_lineage(formats: list[Format]) -> list[str]:
    """`path: message` lines for inconsistent declarations (empty when all is well)."""
    errors = []
    for fmt in formats:
        replacing = [(q, r) for q in fmt.iter_questions() for r in q.replaces]
        if fmt.follows is None:
            errors += [
                f"{fmt.label}: {q.key}.replaces: the format follows no version"
                for q, _r in replacing
            ]
            continue
        older = _followed(fmt, formats)
        if older is None:
            errors.append(f"{fmt.label}: follows {fmt.follows}, which is not a version of {fmt.id}")
            continue
        by_old: dict[str, list[tuple[Question, Replacement]]] = {}
        for q, r in replacing:
            if not older.has_question(r.key):
                errors.append(
                    f"{fmt.label}: {q.key}.replaces: {r.key} is not a question of {older.label}"
                )
                continue
            by_old.setdefault(r.key, []).append((q, r))
            if r.choices and not older.question(r.key).kind.coded:
                errors.append(f"{fmt.label}: {q.key}.replaces: {r.key} has no choices to recode")
        for old_key, replacers in by_old.items():
            hows = {r.how for _q, r in replacers}
            if fmt.has_question(old_key) and all(q.key != old_key for q, _r in replacers):
                errors.append(
                    f"{fmt.label}: {old_key} is kept as a key but replaced by "
                    f"{', '.join(q.key for q, _r in replacers)}: the question "
                    f"{old_key} must say what it replaces too"
                )
            if "split" in hows and hows != {"split"}:
                errors.append(
                    f"{fmt.label}: {old_key} is split, so every question replacing "
                    "it must say 'split'"
                )
            if "split" not in hows and len(replacers) > 1:
                errors.append(
                    f"{fmt.label}: {old_key} is replaced by several questions; declare them 'split'"
                )
    return errors


@lru_cache(maxsize=64)
def replacers(newer: Format) -> dict[str, list[tuple[Question, Replacement]]]:
    """Older key -> the questions of `newer` replacing it (formats are immutable)."""
    out: dict[str, list[tuple[Question, Replacement]]] = {}
    for q in newer.iter_questions():
        for r in q.replaces:
            out.setdefault(r.key, []).append((q, r))
    return out


def successor(
    fmt: Format, key: str, formats: list[Format] | None = None
) -> tuple[Format, Question, Replacement | None] | None:
    """The next version's question that continues `key` of `fmt` (see the module)."""
    newer = following(fmt, formats)
    if newer is None:
        return None
    replacing = replacers(newer).get(key, [])
    if replacing:
        if any(r.how == "split" for _q, r in replacing):
            return None
        q, r = replacing[0]
        return newer, q, r
    if newer.has_question(key):
        return newer, newer.question(key), None
    return None


def history(fmt: Format, key: str, formats: list[Format] | None = None) -> list[Step]:
    """The steps from `key` in `fmt` to the newest question it continues as."""
    formats = list_formats() if formats is None else formats
    memo = _memo(formats)
    found = memo.get(("history", id(fmt), key))
    if found is None:
        found = memo[("history", id(fmt), key)] = tuple(_history(fmt, key, formats))
    return list(found)


def _history(fmt: Format, key: str, formats: list[Format]) -> list[Step]:
    steps = []
    current, current_key = fmt, key
    while True:
        nxt = successor(current, current_key, formats)
        if nxt is None:
            steps.append(Step(current.version, current_key, None))
            return steps
        newer, q, r = nxt
        steps.append(Step(current.version, current_key, r.how if r else "same"))
        current, current_key = newer, q.key


def _end(fmt: Format, key: str, formats: list[Format]) -> tuple[Format, str]:
    """The format and key where the history of `key` in `fmt` ends."""
    current, current_key = fmt, key
    while (nxt := successor(current, current_key, formats)) is not None:
        current, q, _r = nxt
        current_key = q.key
    return current, current_key


def series_key(fmt: Format, key: str, formats: list[Format] | None = None) -> str:
    """The key answers to `key` (asked in `fmt`) are analysed under across cycles: the
    newest key it continues as. A question that ended (dropped or split) while a newer
    version reuses its key for another question is qualified by its last version,
    `key@version`, so that the two are never counted together."""
    formats = list_formats() if formats is None else formats
    memo = _memo(formats)
    found = memo.get(("series", id(fmt), key))
    if found is None:
        found = memo[("series", id(fmt), key)] = _series_key(fmt, key, formats)
    return found


def _series_key(fmt: Format, key: str, formats: list[Format]) -> str:
    end, end_key = _end(fmt, key, formats)
    newer = _following(end, formats)
    while newer is not None:
        if newer.has_question(end_key):
            return f"{end_key}@{end.version}"
        newer = _following(newer, formats)
    return end_key


def defining(fmt: Format, key: str, formats: list[Format] | None = None) -> tuple[Format, Question]:
    """The format and question that define the series of `key` in `fmt` (its newest)."""
    end, end_key = _end(fmt, key, list_formats() if formats is None else formats)
    return end, end.question(end_key)


def is_newer(a: Format, b: Format) -> bool:
    """`a` is a later version of the format `b` (by `follows`)."""
    older = get_older(a)
    while older is not None:
        if older is b:
            return True
        older = get_older(older)
    return False


def recode(fmt: Format, key: str, code: str, formats: list[Format] | None = None) -> str:
    """A choice code of `key` in `fmt` as the newest question it continues as codes it."""
    formats = list_formats() if formats is None else formats
    current, current_key = fmt, key
    while (nxt := successor(current, current_key, formats)) is not None:
        newer, q, r = nxt
        if r is not None:
            code = r.recode(code)
        current, current_key = newer, q.key
    return code


def recodes(fmt: Format, key: str, formats: list[Format] | None = None) -> dict[str, str]:
    """Every choice code of `key` in `fmt` that the newest question codes otherwise."""
    q = fmt.question(key)
    if not q.kind.coded:
        return {}
    formats = list_formats() if formats is None else formats
    return {c: new for c in q.kind.codes(q) if (new := recode(fmt, key, c, formats)) != c}


def origins(fmt: Format, key: str) -> list[Step]:
    """The questions of older versions that `key` of `fmt` continues, oldest first (a
    question with several origins, merged, lists each); empty for a new question."""
    older = get_older(fmt)
    if older is None:
        return []
    out: list[Step] = []
    q = fmt.question(key)
    if q.replaces:
        for r in q.replaces:
            out += [*origins(older, r.key), Step(older.version, r.key, r.how)]
    elif older.has_question(key):
        out += [*origins(older, key), Step(older.version, key, "same")]
    return out


def get_older(fmt: Format) -> Format | None:
    if not fmt.follows:
        return None
    try:
        return get_format(fmt.id, fmt.follows)
    except LookupError:
        return None
