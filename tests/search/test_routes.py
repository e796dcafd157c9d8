"""The search page: what members find, in what order, and everything they must not find."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from app import clock
from app.extensions import db
from app.forum import moderation, posts
from app.forum.models import Post
from app.wiki import services
from tests.conftest import add_member, freeze_clock_at
from tests.forum.factories import bulk_posts, reply, start
from tests.prompts.factories import NOW, make_prompt, topic_thread, write
from tests.search.factories import authors, page_links, post_links, search, url
from tests.wiki.factories import make_page

frozen = freeze_clock_at(NOW)


@pytest.fixture
def alice(world, make_user):
    """A second student, Alice Able."""
    user = make_user("Alice Able")
    add_member(world.classroom, user)
    return user


def later(minutes: int = 1) -> None:
    clock.freeze(clock.now() + timedelta(minutes=minutes))


def test_newest_first_lists_pages_and_posts_by_date(world, login_as):
    thread, first = start(world.classroom, world.teacher, "Talking on Skype", "Do you use video calls?")
    later()
    older = reply(first, world.student, "I call my cousin on skype every Sunday.")
    later()
    newer = reply(first, world.teacher, "SKYPE is good for speaking practice.")
    reply(first, world.student, "I prefer meeting people.")  # no match
    later()
    make_page(world.classroom, world.teacher, "Useful apps", "Skype, Zoom and Teams.")
    for user in (world.teacher, world.student):
        section = search(login_as(user), world.classroom, "skype", order="newest")
        assert "4 results for “skype”" in section
        assert page_links(section) == ["useful-apps"]
        assert post_links(section) == [newer.id, older.id, first.id]  # the thread title matches its opening post
        assert section.index("useful-apps") < section.index(f"/posts/{newer.id}")
        assert '<span aria-current="true" class="current">Newest first</span>' in section
        assert "<mark>SKYPE</mark> is good" in section and "<mark>Talking on Skype</mark>" not in section
        assert "Talking on <mark>Skype</mark>" in section
        assert authors(section) == ["Tess Teacher", "Sam Student", "Tess Teacher"]


def test_every_word_must_appear_in_the_text_or_the_title(world, login_as):
    _, first = start(world.classroom, world.teacher, "Weekend plans", "What will you do?")
    both = reply(first, world.student, "I will go to the cinema with my brother.")
    reply(first, world.student, "I will go to the park.")
    client = login_as(world.student)
    assert post_links(search(client, world.classroom, "CINEMA brother")) == [both.id]
    assert post_links(search(client, world.classroom, "weekend do")) == [first.id]  # title + text
    assert "Nothing found for “cinema sister”" in search(client, world.classroom, "cinema sister")


def test_a_post_result_opens_the_thread_at_the_post(app, world, login_as):
    thread, first = start(world.classroom, world.teacher)
    app.config["POSTS_PER_PAGE"] = 2
    for i in range(4):
        target = reply(first, world.student, f"Answer number {i} about pancakes" if i == 3 else f"Answer {i}")
    client = login_as(world.student)
    assert post_links(search(client, world.classroom, "pancakes")) == [target.id]
    response = client.get(f"/classes/{world.classroom.id}/posts/{target.id}")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/threads/{thread.id}?page=2#post-{target.id}")


def test_other_classes_are_never_searched(world, login_as):
    start(world.other_class, world.outsider, "Skype in the other class", "Skype everywhere.")
    make_page(world.other_class, world.outsider, "Skype page", "Skype.")
    for user in (world.teacher, world.student, world.admin):
        assert "Nothing found" in search(login_as(user), world.classroom, "skype")


def test_outsiders_and_teachers_of_other_classes_get_404(world, login_as, make_user):
    start(world.classroom, world.teacher, "Skype", "Skype.")
    stranger = make_user("Stan Stranger")
    for user in (world.outsider, stranger):
        assert login_as(user).get(url(world.classroom, "skype")).status_code == 404
    assert login_as(world.admin).get(url(world.classroom, "skype")).status_code == 200


def test_short_queries_are_not_searched(world, login_as):
    start(world.classroom, world.teacher, "A", "a b c")
    client = login_as(world.student)
    for q in ("a", " b ", ""):
        page = client.get(url(world.classroom, q)).get_data(as_text=True)
        assert "Type at least 2 letters." in page and 'aria-invalid="true"' in page
        assert 'aria-labelledby="results-heading"' not in page
    page = client.get(url(world.classroom)).get_data(as_text=True)
    assert "Type at least 2 letters." not in page and 'role="search"' in page
    assert "<label for=\"search-q\">Search this class</label>" in page


def test_punctuation_is_not_part_of_a_word(world, login_as):
    _, first = start(world.classroom, world.teacher)
    percent = reply(first, world.student, "I am 5% sure.")
    reply(first, world.student, "I am 50 years old.")
    underscore = reply(first, world.student, "Call it x_y please.")
    reply(first, world.student, "Call it xay please.")
    client = login_as(world.student)
    assert post_links(search(client, world.classroom, "5%")) == [percent.id]
    assert post_links(search(client, world.classroom, "x_y")) == [underscore.id]
    assert "Nothing found" in search(client, world.classroom, "%%")


def test_user_text_cannot_inject_html(world, login_as):
    _, first = start(world.classroom, world.teacher, "<b>Bold title</b> marker", "Safe.")
    reply(first, world.student, "I <3 English and write <u>marker</u> with tags.")
    make_page(world.classroom, world.student, "Marker page", "A <script>alert(1)</script> marker.")
    section = search(login_as(world.teacher), world.classroom, "marker")
    assert "<u>" not in section and "<b>" not in section and "<script" not in section
    assert "&lt;u&gt;<mark>marker</mark>&lt;/u&gt;" in section
    assert "&lt;b&gt;Bold title&lt;/b&gt; <mark>marker</mark>" in section


def test_pagination(world, login_as):
    thread, _ = start(world.classroom, world.teacher, "Many replies", "Opening.")
    bulk_posts(thread, [world.student, world.teacher], 25)  # "Reply 0" … "Reply 24"
    make_page(world.classroom, world.teacher, "Reply phrases", "How to reply politely.")
    client = login_as(world.student)
    first = search(client, world.classroom, "reply")
    # 25 replies, the page, and the opening post: its title says "replies", another form of "reply".
    assert "27 results" in first and "Page 1 of 2" in first
    assert page_links(first) == ["reply-phrases"] and len(post_links(first)) == 19
    assert f'href="/classes/{world.classroom.id}/search?page=2&amp;q=reply"' in first
    second = search(client, world.classroom, "reply", page=2)
    assert page_links(second) == [] and len(post_links(second)) == 7
    assert not set(post_links(first)) & set(post_links(second))
    assert post_links(search(client, world.classroom, "reply", page=99)) == post_links(second)
    newest = search(client, world.classroom, "reply", order="newest", page=2)
    assert f'href="/classes/{world.classroom.id}/search?page=1&amp;q=reply&amp;order=newest"' in newest


def test_deleted_posts_are_never_found(world, login_as):
    _, first = start(world.classroom, world.teacher)
    gone = reply(first, world.student, "A secret about zebras.")
    posts.delete_post(gone)
    flagged = reply(first, world.student, "Another zebra story.")
    db.session.execute(update(Post).where(Post.id == flagged.id).values(deleted=True))  # text kept: the flag counts
    db.session.commit()
    for user in (world.teacher, world.student):
        assert "Nothing found" in search(login_as(user), world.classroom, "zebra")


def test_hidden_posts_are_found_by_teachers_and_their_author_only(world, login_as, alice):
    _, first = start(world.classroom, world.teacher)
    hidden = reply(first, world.student, "Rude words about giraffes.")
    moderation.set_hidden(hidden, True)
    db.session.commit()
    assert post_links(search(login_as(world.teacher), world.classroom, "giraffes")) == [hidden.id]
    assert post_links(search(login_as(world.student), world.classroom, "giraffes")) == [hidden.id]
    assert "Nothing found" in search(login_as(alice), world.classroom, "giraffes")


def test_deleted_wiki_pages_are_never_found(world, login_as):
    page = make_page(world.classroom, world.teacher, "Vocabulary", "Old words.")
    services.set_deleted(page, True)
    db.session.commit()
    for user in (world.teacher, world.student):
        assert "Nothing found" in search(login_as(user), world.classroom, "vocabulary")


def test_draft_and_unopened_prompt_topics_are_hidden_from_students(world, login_as):
    make_prompt(world.classroom, world.teacher, title="Draft", publish=False)
    make_prompt(world.classroom, world.teacher, title="Soon", opens_at=NOW + timedelta(days=1))
    # Each prompt has the topic "Practising speaking online" (its thread title) and "Is it useful?".
    for q in ("practising", "useful"):
        assert post_links(search(login_as(world.student), world.classroom, q)) == []
        assert len(post_links(search(login_as(world.teacher), world.classroom, q))) == 2
    clock.freeze(NOW + timedelta(days=1, minutes=1))
    assert len(post_links(search(login_as(world.student), world.classroom, "practising"))) == 1  # not the draft


def test_post_first_students_find_only_their_own_posts_until_they_post(world, login_as, alice):
    prompt = make_prompt(world.classroom, world.teacher, post_first=True)
    thread = topic_thread(prompt)
    hers = write(thread, alice, "Video calls help me practise. Penguins!")
    sam = login_as(world.student)
    assert "Nothing found" in search(sam, world.classroom, "penguins")
    assert post_links(search(login_as(alice), world.classroom, "penguins")) == [hers.id]
    assert post_links(search(login_as(world.teacher), world.classroom, "penguins")) == [hers.id]
    # The topic itself (its opening post) is found; classmates' answers are not.
    assert post_links(search(sam, world.classroom, "practising online")) == [_opening_id(thread)]
    later()
    mine = write(thread, world.student, "I like penguins too.")
    assert post_links(search(sam, world.classroom, "penguins", order="newest")) == [mine.id, hers.id]


def _opening_id(thread) -> int:
    from tests.prompts.factories import opening

    return opening(thread).id


def test_hidden_names_stay_hidden_and_real_names_reveal_nothing(world, login_as, alice):
    prompt = make_prompt(world.classroom, world.teacher, names_hidden=True)
    thread = topic_thread(prompt)
    hers = write(thread, alice, "Online practice is useful for shy people like me.")
    later()
    write(thread, world.student, "I agree, online practice is useful.")
    sam = login_as(world.student)
    section = search(sam, world.classroom, "practice", order="newest")
    assert authors(section) == ["Sam Student", "Classmate 1", "Tess Teacher"]  # and the topic "Practising …"
    assert "Alice" not in section
    for real in ("Alice", "Able", "Alice Able"):
        page = sam.get(url(world.classroom, real)).get_data(as_text=True)
        assert "Nothing found" in page and f"/posts/{hers.id}" not in page
    assert authors(search(login_as(world.teacher), world.classroom, "practice", order="newest")) == \
        ["Sam Student", "Alice Able", "Tess Teacher"]
    # Elsewhere (an ordinary thread) real names show.
    _, first = start(world.classroom, world.teacher)
    reply(first, alice, "Ordinary threads are useful too.")
    assert authors(search(sam, world.classroom, "ordinary")) == ["Alice Able"]
