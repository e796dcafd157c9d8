"""Wiki pages over HTTP: create, view, edit (merge and conflict), history, rename, teachers' tools."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.wiki.models import WikiPage, WikiRevision
from tests.wiki.factories import edit_page, make_page, reload, revision_count, wiki


def text(response) -> str:
    return response.get_data(as_text=True)


def test_new_class_has_a_home_page(app, world, login_as):
    client = login_as(world.student)
    response = client.get(f"{wiki(world.classroom)}/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/wiki/home")
    page = text(client.get(f"{wiki(world.classroom)}/home"))
    assert "<h1>Home</h1>" in page and "Welcome to the class wiki" in page
    assert f'href="/classes/{world.classroom.id}/wiki/new?title=Useful+phrases"' in page


def test_create_page_from_a_missing_link_then_the_link_works(app, world, login_as):
    client = login_as(world.student)
    form = text(client.get(f"{wiki(world.classroom)}/new?title=Useful+phrases"))
    assert 'value="Useful phrases"' in form and "<label for=\"title\">Page title</label>" in form
    response = client.post(f"{wiki(world.classroom)}/new", data={"title": "Useful phrases", "body": "Could you say that again?"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/wiki/useful-phrases")
    home = text(client.get(f"{wiki(world.classroom)}/home"))
    assert f'href="/classes/{world.classroom.id}/wiki/useful-phrases"' in home  # re-rendered: no longer missing
    assert "new?title=Useful" not in home
    links = text(client.get(f"{wiki(world.classroom)}/useful-phrases/links"))
    assert ">Home</a>" in links


def test_unicode_title_and_collisions_are_explained(app, world, login_as):
    client = login_as(world.student)
    response = client.post(f"{wiki(world.classroom)}/new", data={"title": "Vocabulário da aula", "body": "Palavras."})
    assert response.status_code == 302
    assert text(client.get(response.headers["Location"])).count("Vocabulário da aula") >= 1
    again = client.post(f"{wiki(world.classroom)}/new", data={"title": "VOCABULÁRIO  da aula", "body": "Other text."})
    assert again.status_code == 200
    assert "There is already a page called “Vocabulário da aula”" in text(again)
    assert "Other text." in text(again)  # the text is kept
    empty = client.post(f"{wiki(world.classroom)}/new", data={"title": "???", "body": "x"})
    assert "at least one letter or number" in text(empty)
    assert db.session.scalar(select(WikiPage.id).where(WikiPage.title == "VOCABULÁRIO  da aula")) is None


def test_pages_of_another_class_are_not_found(app, world, login_as):
    other = make_page(world.other_class, world.outsider, "Secret notes", "Only for the other class.")
    client = login_as(world.student)
    base = wiki(world.classroom)
    for path in (f"{base}/secret-notes", f"{base}/secret-notes/history", f"{base}/secret-notes/edit",
                 f"{base}/secret-notes/versions/1", f"{base}/secret-notes/compare"):
        assert client.get(path).status_code == 404, path
    assert client.post(f"{base}/secret-notes/versions/1/revert").status_code == 404
    assert client.get(f"{wiki(world.other_class)}/secret-notes").status_code == 404  # not a member
    assert client.get(f"{base}/home/versions/99").status_code == 404
    assert reload(other.id).revision_number == 1


def test_missing_page_offers_to_make_it(app, world, login_as):
    response = login_as(world.student).get(f"{wiki(world.classroom)}/past-tense")
    assert response.status_code == 404
    assert "This page does not exist yet" in text(response) and "new?title=Past+tense" in text(response)


def test_edit_saves_a_revision_and_history_shows_word_diff(app, world, login_as):
    page = make_page(world.classroom, world.student, source="I goed to the shop yesterday.")
    client = login_as(world.teacher)
    form = text(client.get(f"{wiki(world.classroom)}/phrasal-verbs/edit"))
    base = re.search(r'name="base_revision_id" type="hidden" value="(\d+)"', form).group(1)
    response = client.post(f"{wiki(world.classroom)}/phrasal-verbs/edit",
                           data={"body": "I went to the shops yesterday.", "summary": "two verbs", "base_revision_id": base})
    assert response.status_code == 302
    assert reload(page.id).revision_number == 2
    history = text(client.get(f"{wiki(world.classroom)}/phrasal-verbs/history"))
    assert "two verbs" in history and "Tess Teacher" in history and "Go back to version 1" in history
    diff = text(client.get(f"{wiki(world.classroom)}/phrasal-verbs/compare?old=1&new=2"))
    assert "<del>goed</del><ins>went</ins>" in diff and "<del>shop</del><ins>shops</ins>" in diff
    # the default compare is the last change, and the old version can be read
    assert "<del>goed</del>" in text(client.get(f"{wiki(world.classroom)}/phrasal-verbs/compare"))
    assert "I goed to the shop" in text(client.get(f"{wiki(world.classroom)}/phrasal-verbs/versions/1"))
    changes = text(client.get(f"{wiki(world.classroom)}/changes"))
    assert "Phrasal verbs</a>,\n    version 2" in changes and "“two verbs”" in changes


def test_saving_the_same_text_adds_no_revision(app, world, login_as):
    page = make_page(world.classroom, world.student)
    client = login_as(world.student)
    response = client.post(f"{wiki(world.classroom)}/phrasal-verbs/edit", follow_redirects=True,
                           data={"body": page.source, "base_revision_id": page.current_revision_id})
    assert "You did not change anything" in text(response)
    assert revision_count(page.id) == 1


def test_double_submission_saves_once(app, world, login_as):
    page = make_page(world.classroom, world.student)
    client = login_as(world.student)
    data = {"body": "New text", "base_revision_id": page.current_revision_id, "form_token": "tok-123"}
    first = client.post(f"{wiki(world.classroom)}/phrasal-verbs/edit", data=data)
    second = client.post(f"{wiki(world.classroom)}/phrasal-verbs/edit", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert revision_count(page.id) == 2


BASE = "Line one.\n\nLine two.\n\nLine three."


def test_edits_in_different_places_are_merged(app, world, login_as):
    page = make_page(world.classroom, world.student, source=BASE)
    base_id = page.current_revision_id
    edit_page(page, world.teacher, BASE.replace("Line three.", "Line three, by the teacher."))
    client = login_as(world.student)
    response = client.post(f"{wiki(world.classroom)}/phrasal-verbs/edit", follow_redirects=True,
                           data={"body": BASE.replace("Line one.", "Line one, by the student."), "base_revision_id": base_id})
    assert "Tess Teacher changed this page while you were writing" in text(response)
    page = reload(page.id)
    assert page.source == "Line one, by the student.\n\nLine two.\n\nLine three, by the teacher."
    assert page.revision_number == 3


def test_overlapping_edits_come_back_with_markers_and_nothing_is_saved(app, world, login_as):
    page = make_page(world.classroom, world.student, source=BASE)
    base_id = page.current_revision_id
    edit_page(page, world.teacher, BASE.replace("Line two.", "Line two, teacher's words."))
    theirs_id = reload(page.id).current_revision_id
    client = login_as(world.student)
    mine = BASE.replace("Line two.", "Line two, student's words.")
    response = client.post(f"{wiki(world.classroom)}/phrasal-verbs/edit",
                           data={"body": mine, "base_revision_id": base_id, "form_token": "t-1"})
    assert response.status_code == 409
    page_html = text(response)
    assert "Nothing is saved yet" in page_html and "Tess Teacher saved this page (version 2)" in page_html
    assert ("&lt;&lt;&lt;&lt;&lt;&lt;&lt; your version\nLine two, student&#39;s words.\n=======\n"
            "Line two, teacher&#39;s words.\n&gt;&gt;&gt;&gt;&gt;&gt;&gt; their version") in page_html
    assert f'name="base_revision_id" type="hidden" value="{theirs_id}"' in page_html
    assert 'data-testid="mine">' + "Line one.\n\nLine two, student&#39;s words." in page_html
    assert 'data-testid="theirs">' + "Line one.\n\nLine two, teacher&#39;s words." in page_html
    assert revision_count(page.id) == 2

    # saving with the markers still in is refused, with the text kept
    marked = re.search(r'<textarea[^>]*>\n?(.*?)</textarea>', page_html, re.S).group(1)
    import html as html_lib
    marked = html_lib.unescape(marked)
    refused = client.post(f"{wiki(world.classroom)}/phrasal-verbs/edit",
                          data={"body": marked, "base_revision_id": theirs_id, "form_token": "t-1"})
    assert refused.status_code == 200 and "delete those three lines" in text(refused)
    assert revision_count(page.id) == 2

    # resolved against the new base: saved (the same form token still works, as nothing was saved)
    resolved = BASE.replace("Line two.", "Line two, both our words.")
    done = client.post(f"{wiki(world.classroom)}/phrasal-verbs/edit",
                       data={"body": resolved, "base_revision_id": theirs_id, "form_token": "t-1"})
    assert done.status_code == 302
    assert reload(page.id).source == resolved and revision_count(page.id) == 3


def test_revert_makes_a_new_revision(app, world, login_as):
    page = make_page(world.classroom, world.student, source="First words.")
    edit_page(page, world.teacher, "Second words.")
    client = login_as(world.student)
    response = client.post(f"{wiki(world.classroom)}/phrasal-verbs/versions/1/revert", follow_redirects=True)
    assert "The page is back to version 1" in text(response)
    page = reload(page.id)
    assert page.source == "First words." and page.revision_number == 3
    last = db.session.scalar(select(WikiRevision).where(WikiRevision.page_id == page.id, WikiRevision.number == 3))
    assert last.summary == "Went back to version 1"


def test_rename_keeps_history_and_redirects(app, world, login_as):
    page = make_page(world.classroom, world.student)
    edit_page(page, world.student, "Changed.")
    linker = make_page(world.classroom, world.student, "Index of verbs", "See [[Phrasal verbs]].")
    client = login_as(world.student)
    response = client.post(f"{wiki(world.classroom)}/phrasal-verbs/rename", data={"title": "Multi-word verbs"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/wiki/multi-word-verbs")
    old = client.get(f"{wiki(world.classroom)}/phrasal-verbs")
    assert old.status_code == 302 and old.headers["Location"].endswith("/wiki/multi-word-verbs")
    assert client.get(f"{wiki(world.classroom)}/phrasal-verbs/history").headers["Location"].endswith("/multi-word-verbs/history")
    page = reload(page.id)
    assert page.revision_number == 3 and page.source == "Changed."
    assert f'href="/classes/{world.classroom.id}/wiki/phrasal-verbs"' in reload(linker.id).html  # still a live link
    assert "Index of verbs" in text(client.get(f"{wiki(world.classroom)}/multi-word-verbs/links"))
    # An edit form opened before the rename is sent to the old address: it is saved, not lost.
    saved = client.post(f"{wiki(world.classroom)}/phrasal-verbs/edit",
                        data={"body": "Changed, after the rename.", "base_revision_id": page.current_revision_id})
    assert saved.status_code == 302 and saved.headers["Location"].endswith("/wiki/multi-word-verbs")
    assert reload(page.id).source == "Changed, after the rename."
    taken = client.post(f"{wiki(world.classroom)}/multi-word-verbs/rename", data={"title": "Home"})
    assert "There is already a page called “Home”" in text(taken)
    # a new page may take the old slug over
    assert client.post(f"{wiki(world.classroom)}/new", data={"title": "Phrasal verbs", "body": "New."}).status_code == 302
    assert "New." in text(client.get(f"{wiki(world.classroom)}/phrasal-verbs"))


@pytest.mark.parametrize("query", ["slug=x", "class_id=2", "_method=POST", "_external=1", "_scheme=https&_external=1",
                                   "_anchor=x", "page=2&slug=x&slug=y"])
def test_old_address_keeps_its_query_as_data_only(app, world, login_as, query):
    """The query string of an old address comes along as text: it never sets url_for's arguments."""
    make_page(world.classroom, world.student)
    client = login_as(world.student)
    client.post(f"{wiki(world.classroom)}/phrasal-verbs/rename", data={"title": "Multi-word verbs"})
    cookie = client.get_cookie("roundtable_session", domain="localhost").value  # sent to any Host, as a browser would
    response = app.test_client(use_cookies=False).get(
        f"{wiki(world.classroom)}/phrasal-verbs/history?{query}",
        headers={"Host": "evil.example", "Cookie": f"roundtable_session={cookie}"})
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(f"{wiki(world.classroom)}/multi-word-verbs/history?"), location
    assert "evil" not in location and "://" not in location
    assert client.get(location).status_code == 200


def test_teacher_deletes_and_restores(app, world, login_as):
    page = make_page(world.classroom, world.student)
    make_page(world.classroom, world.student, "Links", "[[Phrasal verbs]]")
    student, teacher = login_as(world.student), login_as(world.teacher)
    assert student.post(f"{wiki(world.classroom)}/phrasal-verbs/delete").status_code == 403
    assert student.get(f"{wiki(world.classroom)}/deleted").status_code == 403
    assert "Delete page" not in text(student.get(f"{wiki(world.classroom)}/phrasal-verbs"))
    assert teacher.post(f"{wiki(world.classroom)}/phrasal-verbs/delete").status_code == 302
    assert student.get(f"{wiki(world.classroom)}/phrasal-verbs").status_code == 404
    assert "was deleted" not in text(student.get(f"{wiki(world.classroom)}/phrasal-verbs"))
    at_old_address = teacher.get(f"{wiki(world.classroom)}/phrasal-verbs")
    assert at_old_address.status_code == 404 and "This page was deleted" in text(at_old_address)
    assert f'action="{wiki(world.classroom)}/phrasal-verbs/restore"' in text(at_old_address)
    assert "Phrasal verbs" not in text(student.get(f"{wiki(world.classroom)}/pages"))
    assert "new?title=Phrasal+verbs" in text(student.get(f"{wiki(world.classroom)}/links"))
    assert "deleted page is called" in text(student.post(f"{wiki(world.classroom)}/new", data={"title": "Phrasal verbs", "body": "x"}))
    assert "Restore “Phrasal verbs”" in text(teacher.get(f"{wiki(world.classroom)}/deleted"))
    assert student.post(f"{wiki(world.classroom)}/phrasal-verbs/restore").status_code == 403
    assert teacher.post(f"{wiki(world.classroom)}/phrasal-verbs/restore").status_code == 302
    assert reload(page.id).deleted_at is None
    assert student.get(f"{wiki(world.classroom)}/phrasal-verbs").status_code == 200


def test_locked_page_only_teachers_edit(app, world, login_as):
    page = make_page(world.classroom, world.student)
    student, teacher = login_as(world.student), login_as(world.teacher)
    assert student.post(f"{wiki(world.classroom)}/phrasal-verbs/lock", data={"locked": "1"}).status_code == 403
    form = text(student.get(f"{wiki(world.classroom)}/phrasal-verbs/edit"))
    base = re.search(r'name="base_revision_id" type="hidden" value="(\d+)"', form).group(1)
    teacher.post(f"{wiki(world.classroom)}/phrasal-verbs/lock", data={"locked": "1"})
    assert reload(page.id).locked
    view = text(student.get(f"{wiki(world.classroom)}/phrasal-verbs"))
    assert "A teacher has locked this page" in view and "Edit this page" not in view
    assert student.get(f"{wiki(world.classroom)}/phrasal-verbs/edit").status_code == 302
    late = student.post(f"{wiki(world.classroom)}/phrasal-verbs/edit", data={"body": "My late words", "base_revision_id": base})
    assert late.status_code == 409 and "My late words" in text(late) and "copy it" in text(late)
    student.post(f"{wiki(world.classroom)}/phrasal-verbs/versions/1/revert")
    assert student.post(f"{wiki(world.classroom)}/phrasal-verbs/rename", data={"title": "Mine"}).status_code == 302
    assert revision_count(page.id) == 1 and reload(page.id).title == "Phrasal verbs"
    assert "Edit this page" in text(teacher.get(f"{wiki(world.classroom)}/phrasal-verbs"))
    assert teacher.post(f"{wiki(world.classroom)}/phrasal-verbs/edit",
                        data={"body": "Teacher words", "base_revision_id": base}).status_code == 302
    teacher.post(f"{wiki(world.classroom)}/phrasal-verbs/lock", data={"locked": "0"})
    assert not reload(page.id).locked


def test_talk_page_starts_once_in_the_class_forum(app, world, login_as):
    from app.forum.models import Thread

    page = make_page(world.classroom, world.student)
    client = login_as(world.student)
    offer = client.get(f"{wiki(world.classroom)}/phrasal-verbs/talk")
    assert offer.status_code == 200 and "Start the talk page" in text(offer)
    started = client.post(f"{wiki(world.classroom)}/phrasal-verbs/talk")
    thread_id = reload(page.id).talk_thread_id
    assert thread_id and started.headers["Location"].endswith(f"/threads/{thread_id}")
    thread = db.session.get(Thread, thread_id)
    assert thread.title == "Talk: Phrasal verbs" and thread.classroom_id == world.classroom.id
    again = login_as(world.teacher).post(f"{wiki(world.classroom)}/phrasal-verbs/talk")
    assert again.headers["Location"].endswith(f"/threads/{thread_id}")
    assert client.get(f"{wiki(world.classroom)}/phrasal-verbs/talk").headers["Location"].endswith(f"/threads/{thread_id}")
    assert db.session.scalar(select(db.func.count()).select_from(Thread).where(Thread.title.like("Talk:%"))) == 1


def test_index_is_alphabetical(app, world, login_as):
    for title in ("zebra words", "Apple", "Éclair", "banana"):
        make_page(world.classroom, world.student, title, "x")
    page = text(login_as(world.student).get(f"{wiki(world.classroom)}/pages"))
    order = [page.index(f">{t}</a>") for t in ("Apple", "banana", "Home", "zebra words")]
    assert order == sorted(order)
    assert "<h2 id=\"letter-1\">A</h2>" in page


def test_history_and_changes_paginate(app, world, login_as):
    from app.wiki import history

    page = make_page(world.classroom, world.student, source="v1")
    for n in range(2, 31):
        edit_page(page, world.student, f"v{n}")
    client = login_as(world.student)
    first = text(client.get(f"{wiki(world.classroom)}/phrasal-verbs/history"))
    assert "Version 30</a>" in first and "Version 5</a>" not in first and "Next page" in first
    second = text(client.get(f"{wiki(world.classroom)}/phrasal-verbs/history?page=2"))
    assert "Version 5</a>" in second and "Version 30</a>" not in second
    rows, number, pages = history.recent_changes(world.classroom, 2)
    assert number == 2 and pages == 2 and len(rows) == 31 - history.PER_PAGE


def test_page_view_costs_a_fixed_number_of_queries(app, world, login_as):
    from tests.conftest import count_queries

    make_page(world.classroom, world.student, "Small", "one")
    big = make_page(world.classroom, world.student, "Big", "one")
    for n in range(60):
        edit_page(big, world.teacher if n % 2 else world.student, f"version {n} [[Small]] [[Missing {n}]]")
    client = login_as(world.student)
    counts = []
    for slug in ("small", "big"):
        client.get(f"{wiki(world.classroom)}/{slug}")
        with count_queries(app) as q:
            response = client.get(f"{wiki(world.classroom)}/{slug}")
        assert response.status_code == 200
        counts.append(q.count)
    print("page view queries", counts)
    assert counts[0] == counts[1] <= 6, counts


def test_rerender_includes_wiki_pages(app, world):
    from app.rendering import rerender_all

    page = make_page(world.classroom, world.student, "Links", "[[Home]] and [[Nowhere]]")
    db.session.execute(WikiPage.__table__.update().values(html=""))
    counts = rerender_all()
    db.session.commit()
    assert counts["wiki pages"] == 3  # both classes' home pages and this one
    html = reload(page.id).html
    assert f'href="/classes/{world.classroom.id}/wiki/home"' in html and "new?title=Nowhere" in html
