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

from handlers.texts import core as files
from handlers.texts import units as texts
from knowledge.textnorm import canonical, fold, nfc

MAX_ROWS = 2000
HEADER_SEARCH_ROWS = 10
MAX_SCANNED_ROWS = 20_000  # rows read at most, blank ones included
MAX_COLUMNS = 30
MAX_FIELD = 1000  # characters in one cell
MAX_BYTES = 5 * 1024 * 1024  # the file as sent
MAX_UNPACKED = 50 * 1024 * 1024  # an .xlsx unpacked (a zip bomb is refused unread)
# The longest values the database keeps: a unit's name and alias, its group.
MAX_NAME, MAX_GROUP = 300, 200
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


def _check_size(content: bytes) -> None:
    if len(content) > MAX_BYTES:
        raise UnitTableError([files.TABLE_TOO_BIG.format(limit=MAX_BYTES // (1024 * 1024))])


def _xlsx_rows(content: bytes) -> list[list[object]]:
    """The sheet's rows, streamed (openpyxl's read-only mode) and stopped at the limits: a
    workbook that unpacks to more than ``MAX_UNPACKED`` bytes is refused before it is read."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED:
            raise UnitTableError([files.TABLE_TOO_BIG.format(limit=MAX_BYTES // (1024 * 1024))])
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except UnitTableError:
        raise
    except Exception as error:  # not a workbook: zip, XML and openpyxl's own errors alike
        raise UnitTableError([texts.TABLE_UNREADABLE]) from error
    try:
        return _bounded(list(row) for row in book.worksheets[0].iter_rows(
            values_only=True, max_col=MAX_COLUMNS + 1))
    except UnitTableError:
        raise
    except Exception as error:  # a truncated or corrupt sheet fails while it is read
        raise UnitTableError([texts.TABLE_UNREADABLE]) from error
    finally:
        book.close()


def _csv_rows(content: bytes) -> list[list[object]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnitTableError([texts.TABLE_NOT_UTF8]) from error
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        return _bounded(list(row) for row in reader)
    except csv.Error as error:  # a field past csv's own limit, a stray quote, a NUL
        if "field limit" in str(error):
            raise UnitTableError([files.TABLE_CSV_FIELD_TOO_LONG.format(
                line=reader.line_num, limit=MAX_FIELD)]) from error
        raise UnitTableError([files.TABLE_CSV_BROKEN.format(line=reader.line_num)]) from error


def _bounded(rows: Iterable[list[object]]) -> list[list[object]]:
    """Rows read one by one, with the limits checked as they come: columns, the length of
    each cell and the number of rows (blank rows count only toward a larger bound)."""
    kept: list[list[object]] = []
    filled = 0
    for number, row in enumerate(rows, 1):
        if number > MAX_SCANNED_ROWS or filled > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise UnitTableError([texts.TABLE_TOO_MANY.format(limit=MAX_ROWS)])
        if len(row) > MAX_COLUMNS and any(_present(v) for v in row[MAX_COLUMNS:]):
            raise UnitTableError([files.TABLE_TOO_WIDE.format(line=number, limit=MAX_COLUMNS)])
        row = row[:MAX_COLUMNS]
        for column, value in enumerate(row, 1):
            if value is not None and len(str(value)) > MAX_FIELD:
                raise UnitTableError([files.TABLE_FIELD_TOO_LONG.format(
                    line=number, column=column, limit=MAX_FIELD)])
        if any(_present(v) for v in row):
            filled += 1
        kept.append(row)
    return kept


def _present(value: object) -> bool:
    return value is not None and str(value).strip() != ""


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
    """The file's unit rows, checked; a ``UnitTableError`` lists every problem found. It
    blocks while it reads: call it off the event loop."""
    extension = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    _check_size(content)
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
        aliases = _split(_cell(row, columns, "aliases"))
        group = _cell(row, columns, "group") or None
        for value, limit in ((name, MAX_NAME), (parent, MAX_NAME), (group, MAX_GROUP),
                             *((alias, MAX_NAME) for alias in aliases)):
            if value is not None and len(value) > limit:
                problems.append(files.TABLE_NAME_TOO_LONG.format(line=line, limit=limit))
        yield UnitTableRow(line=line, name=name, aliases=aliases, group=group, parent=parent,
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
