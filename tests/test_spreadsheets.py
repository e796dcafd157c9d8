"""CSV downloads: a BOM for spreadsheets, and no cell a spreadsheet would run as a formula."""
from __future__ import annotations

import csv
import io

from app.spreadsheets import csv_text, spreadsheet_safe
from tests.prompts.factories import make_prompt, topic_thread, words, write


def test_spreadsheet_safe():
    assert spreadsheet_safe("=SUM(A1)") == "'=SUM(A1)"
    assert spreadsheet_safe("@me") == "'@me" and spreadsheet_safe("-2+3") == "'-2+3"
    assert spreadsheet_safe("Ana") == "Ana" and spreadsheet_safe(None) == ""
    assert spreadsheet_safe(-2) == -2 and spreadsheet_safe(7) == 7  # real numbers stay numbers


def test_csv_text_has_a_bom_and_guards_every_text_cell():
    text = csv_text(["Name", "Score"], [["=cmd|' /C calc'!A0", 3], ["José", ""]])
    assert text.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(text[1:]))) == [["Name", "Score"], ["'=cmd|' /C calc'!A0", "3"], ["José", ""]]


def test_participation_csv_guards_student_names(world, login_as, make_user):
    from tests.conftest import add_member

    sly = make_user("=HYPERLINK(\"http://x\")")
    add_member(world.classroom, sly)
    prompt = make_prompt(world.classroom, world.teacher)
    write(topic_thread(prompt), sly, words(12))
    response = login_as(world.teacher).get(f"/classes/{world.classroom.id}/prompts/{prompt.id}/participation.csv")
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff") and response.mimetype == "text/csv"
    names = [row[0] for row in csv.reader(io.StringIO(body[1:]))]
    assert "'=HYPERLINK(\"http://x\")" in names and not any(n.startswith("=") for n in names)
