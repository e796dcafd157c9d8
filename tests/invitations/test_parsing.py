"""Reading a teacher's list: pasted text and CSV files (no database)."""
from __future__ import annotations

import pytest

from app.invitations.parsing import MAX_ROWS, NOT_AN_ADDRESS, TooMany, Unreadable, parse_csv, parse_text


def pairs(rows):
    return [(r.name, r.email, r.problem) for r in rows]


def test_pasted_text_with_commas_spaces_new_lines_and_names():
    rows = parse_text("ana@example.com, Bo@Example.com  cai@example.com\n"
                      "Dana Diaz <dana@example.com>; \"Eli Ek\" <eli@example.com>\n"
                      "Fay Fu fay@example.com\n\n  gus@example.com  ")
    assert pairs(rows) == [
        ("", "ana@example.com", ""), ("", "bo@example.com", ""), ("", "cai@example.com", ""),
        ("Dana Diaz", "dana@example.com", ""), ("Eli Ek", "eli@example.com", ""),
        ("Fay Fu", "fay@example.com", ""), ("", "gus@example.com", ""),
    ]
    assert [r.line for r in rows] == [1, 1, 1, 2, 2, 3, 5]


def test_pasted_text_keeps_bad_entries_with_the_reason():
    rows = parse_text("ana@example, not-an-address bob@@example.com\n<> Joe")
    assert [(r.text, r.problem) for r in rows] == [
        ("ana@example", NOT_AN_ADDRESS), ("not-an-address bob@@example.com", NOT_AN_ADDRESS),
        ("<>", NOT_AN_ADDRESS), ("Joe", NOT_AN_ADDRESS)]


def test_at_most_200_rows():
    assert len(parse_text("\n".join(f"s{n}@example.com" for n in range(MAX_ROWS)))) == MAX_ROWS
    with pytest.raises(TooMany):
        parse_text("\n".join(f"s{n}@example.com" for n in range(MAX_ROWS + 1)))
    with pytest.raises(TooMany):
        parse_csv(("Email\n" + "\n".join(f"s{n}@example.com" for n in range(MAX_ROWS + 1))).encode())


@pytest.mark.parametrize("header", ["Name,Email", "Full name;E-mail address", "Student name,e_mail"])
def test_csv_with_common_headers_and_separators(header):
    sep = ";" if ";" in header else ","
    name, mail = header.split(sep)
    data = f"\ufeff{header}\r\nJosé Núñez{sep}Jose@Example.com\r\n{sep}\r\nNo Address{sep}nope\r\n".encode()
    if mail.lower() == "e_mail":  # not a header we know: the row is read as data, the cell with @ is the address
        rows = parse_csv(data)
        assert pairs(rows)[1:] == [("José Núñez", "jose@example.com", ""), ("No Address nope", "", NOT_AN_ADDRESS)]
        return
    assert pairs(parse_csv(data)) == [("José Núñez", "jose@example.com", ""), ("No Address", "", NOT_AN_ADDRESS)]


def test_csv_with_first_and_last_names_in_any_order():
    data = "Email;Last name;First name\nana@example.com;Silva;Ana\n".encode("utf-8-sig")
    assert pairs(parse_csv(data)) == [("Ana Silva", "ana@example.com", "")]


def test_csv_without_a_header():
    assert pairs(parse_csv(b"Ana Silva,ana@example.com\nbo@example.com\n")) == [
        ("Ana Silva", "ana@example.com", ""), ("", "bo@example.com", "")]


def test_a_file_that_is_not_utf8_or_too_big_is_refused_in_plain_words():
    with pytest.raises(Unreadable, match="CSV UTF-8"):
        parse_csv("Name,Email\nJosé,jose@example.com\n".encode("latin-1"))
    with pytest.raises(Unreadable, match="too big"):
        parse_csv(b"x" * 300_000)
