"""The importer's cue words (``knowledge/data/import_rules.yaml``), read once.

Each list becomes a regular-expression alternation, longest phrase first. Text with Vietnamese
diacritics is matched with them (lower case, one tone-mark placement), so "bản" is never
"ban" and "số" never "sở"; text typed without any diacritics is matched on the
diacritic-free form. Either key has one character per character of the text, so positions
found in it are positions in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from knowledge.textnorm import canonical, fold


@lru_cache(maxsize=8192)
def folded(text: str) -> str:
    """The folded text, one character per character: offsets in it are offsets in ``text``."""
    return "".join((fold(c) or " ")[0] for c in text)


@lru_cache(maxsize=8192)
def accented(text: str) -> bool:
    return any(fold(c) != c.lower() for c in text if c.isalpha())


@lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The form rules match on: lower case with diacritics, or folded when there are none."""
    if not accented(text):
        return folded(text)
    form = canonical(text).lower()
    return form if len(form) == len(text) else text.lower()


def alternation(words: Iterable[Any], plain: bool) -> str:
    forms = {(folded(str(w)) if plain else key(str(w))).strip() for w in words}
    keys = sorted({" ".join(f.split()) for f in forms}, key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in keys)


@dataclass(frozen=True)
class Rules:
    data: dict[str, Any]
    _patterns: dict[tuple[str, str, bool], re.Pattern[str]] = field(
        default_factory=dict, compare=False, repr=False)

    def words(self, name: str) -> list[str]:
        return [str(w) for w in self.data[name]]

    def regex(self, name: str, template: str = r"(?<!\w)(?:{})(?!\w)", *, plain: bool = False
              ) -> re.Pattern[str]:
        """The compiled pattern of a list (built once per list, template and form)."""
        cache = (name, template, plain)
        if cache not in self._patterns:
            self._patterns[cache] = re.compile(template.format(
                alternation(self.data[name], plain)))
        return self._patterns[cache]

    def finditer(self, name: str, text: str, template: str = r"(?<!\w)(?:{})(?!\w)"
                 ) -> Iterator[re.Match[str]]:
        return self.regex(name, template, plain=not accented(text)).finditer(key(text))

    def joined_units(self, *, plain: bool) -> re.Pattern[str]:
        """Names kept whole; "…" in the rules stands for up to four words."""
        cache = ("joined_units", "", plain)
        if cache not in self._patterns:
            options = []
            for name in self.words("joined_units"):
                name = name.replace("…", " … ")
                words = [re.escape(w) for w in (folded(name) if plain else key(name)).split()]
                options.append(r"\s+".join(words).replace(r"\s+…\s+", r"(?:\s+\S+){0,4}\s+"))
            self._patterns[cache] = re.compile(rf"(?<!\w)(?:{'|'.join(options)})(?!\w)")
        return self._patterns[cache]

    def starts(self, name: str, text: str) -> re.Match[str] | None:
        pattern = self.regex(name, r"^\s*(?:{})(?!\w)", plain=not accented(text))
        return pattern.match(key(text))

    def has(self, name: str, text: str) -> bool:
        return next(self.finditer(name, text), None) is not None

    def has_shape(self, name: str, text: str, template: str) -> bool:
        return next(self.finditer(name, text, template), None) is not None

    def column_role(self, header: str) -> str | None:
        cell = " ".join(header.split()).strip(" :.")
        for role, words in self.data["table_columns"].items():
            options = _alternation(tuple(words), not accented(cell))
            if _compiled(rf"^(?:{options})(?!\w)").match(key(cell)):
                return str(role)
        return None

    def is_table_header(self, cells: list[str]) -> bool:
        roles = {self.column_role(cell) for cell in cells} - {None}
        return "content" in roles and bool(roles & {"lead", "time", "support"})

    def field(self, text: str) -> tuple[str, int] | None:
        """The role of a labelled line ("- Thời gian: ...") and where its value starts."""
        for role, words in self.data["field_labels"].items():
            options = _alternation(tuple(words), not accented(text))
            if match := _compiled(rf"^\s*[-–+•]?\s*(?:{options})\s*:\s*").match(key(text)):
                return str(role), match.end()
        return None


@lru_cache(maxsize=512)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@lru_cache(maxsize=64)
def _alternation(words: tuple[Any, ...], plain: bool) -> str:
    return alternation(words, plain)


@lru_cache(maxsize=1)
def bundled_rules() -> Rules:
    text = resources.files("knowledge").joinpath("data/import_rules.yaml").read_text("utf-8")
    return Rules(yaml.safe_load(text))
