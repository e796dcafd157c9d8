"""Read a teacher's list of people to invite: pasted text or a CSV file.

Pasted text may separate addresses with commas, semicolons, spaces or new lines, and
give a name as in an e-mail program: ``Ana Silva <ana@example.com>`` (or
``Ana Silva ana@example.com``). A CSV may use ``,`` or ``;``, start with a UTF-8 byte
order mark (Excel's "CSV UTF-8"), and name its columns in any common way ("Email",
"E-mail address", "Name", "First name" + "Last name"...); without a header row, the cell
with an ``@`` is the address and the others make the name.

Each entry becomes a ``Row``: its line, the name, the address (lower-case) and, when it
cannot be used, why (``problem``). At most ``MAX_ROWS`` entries are read: a longer list
is refused whole (``TooMany``), so the work is bounded and nothing is half sent.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

#: At most this many people per paste or upload.
MAX_ROWS = 200
#: Longer pasted text or files are refused before they are read.
MAX_TEXT = 40_000
MAX_FILE_BYTES = 200_000
#: Longer names are cut (the account name's limit).
MAX_NAME = 60

NOT_AN_ADDRESS = "not an email address"


class TooMany(Exception):
    """More than ``MAX_ROWS`` entries (``count`` of them, or more)."""

    def __init__(self, count: int):
        super().__init__(count)
        self.count = count


class Unreadable(Exception):
    """The file is not a CSV we can read (the message says why, in plain words)."""


@dataclass
class Row:
    """One person from the list: ``line`` counts from 1; ``problem`` is "" when the row can be used."""

    line: int
    text: str
    name: str = ""
    email: str = ""
    problem: str = ""


def check_address(text: str) -> str | None:
    """The address in lower case, or None when it is not an e-mail address (no DNS look-up)."""
    text = text.strip().strip("<>").strip()
    if not text or len(text) > 254:
        return None
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def _row(line: int, text: str, name: str, address: str) -> Row:
    email = check_address(address)
    name = " ".join(name.replace('"', " ").split())[:MAX_NAME]
    return Row(line, text.strip(), name, email or "", "" if email else NOT_AN_ADDRESS)


def _add(rows: list[Row], row: Row) -> None:
    if len(rows) >= MAX_ROWS:
        raise TooMany(len(rows) + 1)
    rows.append(row)


_TOKEN = re.compile(r"<[^<>]*>|[^\s<>]+")


def parse_text(text: str) -> list[Row]:
    """The people in pasted text, in order. Raises TooMany."""
    rows: list[Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        for chunk in re.split(r"[,;]", line):
            name_words: list[str] = []
            for token in _TOKEN.findall(chunk):
                if token.startswith("<") or "@" in token:
                    shown = " ".join([*name_words, token])
                    _add(rows, _row(number, shown, " ".join(name_words), token))
                    name_words = []
                else:
                    name_words.append(token)
            if name_words:  # words with no address after them
                _add(rows, Row(number, " ".join(name_words), problem=NOT_AN_ADDRESS))
    return rows


EMAIL_HEADERS = {"email", "e-mail", "mail", "email address", "e-mail address", "emailaddress", "address",
                 "student email", "student e-mail", "courriel", "correo", "correo electronico"}
NAME_HEADERS = {"name", "full name", "fullname", "display name", "student", "student name", "nombre", "nom"}
FIRST_HEADERS = {"first name", "firstname", "given name", "first", "forename"}
LAST_HEADERS = {"last name", "lastname", "surname", "family name", "last"}


def _header(cell: str) -> str:
    return " ".join(cell.strip().lower().replace("_", " ").split())


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Unreadable("We could not read this file. Save it as \"CSV UTF-8\" and upload it again.") from None


def parse_csv(data: bytes) -> list[Row]:
    """The people in a CSV file, in order (blank lines skipped). Raises TooMany and Unreadable."""
    if len(data) > MAX_FILE_BYTES:
        raise Unreadable(f"This file is too big. Upload at most {MAX_ROWS} people at a time.")
    text = _decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    lines = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows: list[Row] = []
    columns = None
    try:
        for number, cells in enumerate(lines, start=1):
            if not any(c.strip() for c in cells):
                continue
            if columns is None and number == 1:
                columns = _columns([_header(c) for c in cells])
                if columns is not None:
                    continue
            _add(rows, _csv_row(number, cells, columns))
    except csv.Error:
        raise Unreadable("We could not read this file as a CSV. Save it as \"CSV UTF-8\" and upload it again.") from None
    return rows


def _columns(headers: list[str]) -> dict[str, int] | None:
    """Which column holds what, from a header row; None when the row is not a header."""
    found: dict[str, int] = {}
    for index, header in enumerate(headers):
        for key, names in (("email", EMAIL_HEADERS), ("name", NAME_HEADERS), ("first", FIRST_HEADERS),
                           ("last", LAST_HEADERS)):
            if header in names and key not in found:
                found[key] = index
    return found if "email" in found else None


def _csv_row(number: int, cells: list[str], columns: dict[str, int] | None) -> Row:
    shown = ", ".join(c.strip() for c in cells if c.strip())
    if columns is None:  # no header: the cell with an @ is the address, the rest the name
        address = next((c for c in cells if "@" in c), "")
        name = " ".join(c.strip() for c in cells if c is not address and c.strip())
        return _row(number, shown, name, address)

    def cell(key: str) -> str:
        index = columns.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    name = cell("name") or " ".join(part for part in (cell("first"), cell("last")) if part)
    return _row(number, shown, name, cell("email"))
