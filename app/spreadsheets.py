"""CSV downloads that spreadsheets open safely: UTF-8 with a BOM (so names with
accents show right in Excel) and no cell that a spreadsheet would run as a formula."""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from flask import Response

#: Cells starting with one of these are formulas to a spreadsheet (CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value) -> str | int | float:
    """Numbers as they are; text with a leading ' when it starts like a formula."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_text(header: list[str], rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([spreadsheet_safe(v) for v in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(v) for v in row])
    return out.getvalue()


def download(text: str, filename: str) -> Response:
    """``text`` as a CSV attachment (``filename`` is made ASCII)."""
    ascii_name = "".join(ch if ch.isascii() and ch not in '"\\' else "_" for ch in filename)
    return Response(text.encode("utf-8"), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{ascii_name}"'})
