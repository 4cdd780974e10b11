"""Reading an uploaded unit list (.xlsx or .csv) into checked rows.

Headers are matched leniently (case, diacritics, NFD, a title row above them); every problem in
the file is collected and reported at once, naming the row and the column, so an admin can fix
the file in one pass. Nothing here touches the database: the caller checks names against it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from handlers.texts import units as texts
from knowledge.textnorm import canonical, fold, nfc

MAX_ROWS = 2000
HEADER_SEARCH_ROWS = 10
CHANNELS = frozenset({"telegram", "zalo", "console"})
_CONTACT = re.compile(r"^(telegram|zalo|console):[A-Za-z0-9_.\-]{1,64}$")
# Column -> the folded header names that mean it.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("ten don vi", "don vi", "ten"),
    "aliases": ("ten goi khac", "viet tat", "bi danh", "ten khac"),
    "group": ("nhom", "khoi", "nhom don vi"),
    "parent": ("don vi cap tren", "truc thuoc", "cap tren"),
    "contacts": ("lien he", "dau moi", "tai khoan"),
}


@dataclass(frozen=True)
class UnitTableRow:
    line: int
    name: str
    aliases: tuple[str, ...]
    group: str | None
    parent: str | None
    contacts: tuple[str, ...]


class UnitTableError(ValueError):
    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


def _clean(value: object) -> str:
    if value is None:
        return ""
    return re.sub(r"\s+", " ", canonical(nfc(str(value)))).strip()


def _split(value: str) -> tuple[str, ...]:
    separator = ";" if ";" in value else ","
    return tuple(part.strip() for part in value.split(separator) if part.strip())


def _xlsx_rows(content: bytes) -> list[list[object]]:
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise UnitTableError([texts.TABLE_UNREADABLE]) from error
    try:
        sheet = book.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _csv_rows(content: bytes) -> list[list[object]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnitTableError([texts.TABLE_NOT_UTF8]) from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _header(rows: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        found: dict[str, int] = {}
        for column, value in enumerate(row):
            key = fold(_clean(value))
            for field, names in HEADERS.items():
                if key in names and field not in found:
                    found[field] = column
        if "name" in found:
            return index, found
    return None


def read_unit_table(filename: str, content: bytes) -> list[UnitTableRow]:
    extension = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    if extension == "xlsx":
        rows = _xlsx_rows(content)
    elif extension == "csv":
        rows = _csv_rows(content)
    else:
        raise UnitTableError([texts.TABLE_WRONG_TYPE.format(file=filename)])
    header = _header(rows)
    if header is None:
        seen = ", ".join(_clean(v) for v in (rows[0] if rows else []) if _clean(v)) or "—"
        raise UnitTableError([texts.TABLE_MISSING_NAME_COLUMN.format(found=seen)])
    start, columns = header
    body = [(start + offset + 2, row) for offset, row in enumerate(rows[start + 1:])]
    if len(body) > MAX_ROWS:
        raise UnitTableError([texts.TABLE_TOO_MANY.format(limit=MAX_ROWS)])
    problems: list[str] = []
    units = list(_units(body, columns, problems))
    problems.extend(_duplicates(units))
    if not units and not problems:
        problems.append(texts.TABLE_EMPTY)
    if problems:
        raise UnitTableError(problems)
    return units


def _cell(row: list[object], columns: dict[str, int], field: str) -> str:
    column = columns.get(field)
    return _clean(row[column]) if column is not None and column < len(row) else ""


def _units(body: Iterable[tuple[int, list[object]]], columns: dict[str, int],
           problems: list[str]) -> Iterable[UnitTableRow]:
    for line, row in body:
        if not any(_clean(v) for v in row):
            continue
        name = _cell(row, columns, "name")
        if not name:
            problems.append(texts.TABLE_NO_NAME.format(line=line))
            continue
        contacts = _split(_cell(row, columns, "contacts"))
        for contact in contacts:
            if not _CONTACT.match(contact):
                problems.append(texts.TABLE_BAD_CONTACT.format(line=line, contact=contact))
        parent = _cell(row, columns, "parent") or None
        if parent and fold(parent) == fold(name):
            problems.append(texts.TABLE_SELF_PARENT.format(line=line, name=name))
        yield UnitTableRow(line=line, name=name, aliases=_split(_cell(row, columns, "aliases")),
                           group=_cell(row, columns, "group") or None, parent=parent,
                           contacts=contacts)


def _duplicates(units: Sequence[UnitTableRow]) -> list[str]:
    first: dict[str, UnitTableRow] = {}
    problems = []
    for unit in units:
        key = fold(unit.name)
        if key in first:
            problems.append(texts.TABLE_DUPLICATE.format(
                name=unit.name, first=first[key].line, line=unit.line))
        else:
            first[key] = unit
    return problems
