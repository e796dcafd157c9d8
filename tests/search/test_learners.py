"""Search that understands learners: word forms, British and American spellings, whole words,
typos with "Did you mean", relevance and newest first, prompts; and an index kept in step."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.forum import moderation, posts
from app.search.models import SearchDocument
from tests.conftest import freeze_clock_at
from tests.forum.factories import reply, start
from tests.prompts.factories import NOW, make_prompt
from tests.search.factories import page_links, post_links, search, url
from tests.wiki.factories import edit_page, make_page

frozen = freeze_clock_at(NOW)


def test_skype_practice_finds_practise_and_every_form(world, login_as):
    _, first = start(world.classroom, world.teacher, "Weekends", "What do you do?")
    practise = reply(first, world.student, "I practise on Skype with my cousin.")
    practising = reply(first, world.student, "Practising on Skype every Sunday helps.")
    reply(first, world.student, "I play football.")
    client = login_as(world.student)
    for q in ("skype practice", "Skype practise", "skype practising", "SKYPE PRACTISED"):
        assert sorted(post_links(search(client, world.classroom, q))) == [practise.id, practising.id], q
    section = search(client, world.classroom, "skype practice")
    assert "I <mark>practise</mark> on <mark>Skype</mark>" in section


def test_discussed_finds_discussion_and_colour_finds_color(world, login_as):
    _, first = start(world.classroom, world.teacher, "Class news", "Hello.")
    discussion = reply(first, world.student, "We had a long discussion about films.")
    color = reply(first, world.teacher, "My favorite color is blue.")
    page = make_page(world.classroom, world.teacher, "Town centre", "The centre is organised around a square.")
    client = login_as(world.student)
    assert post_links(search(client, world.classroom, "discussed")) == [discussion.id]
    assert post_links(search(client, world.classroom, "favourite colours")) == [color.id]
    assert page_links(search(client, world.classroom, "center organized")) == [page.slug]


def test_whole_words_not_pieces_of_words(world, login_as):
    _, first = start(world.classroom, world.teacher, "Sports", "Hello.")
    reply(first, world.student, "I need more practice.")
    ice = reply(first, world.student, "We skate on the ice.")
    client = login_as(world.student)
    assert post_links(search(client, world.classroom, "ice")) == [ice.id]
    assert "Nothing found" in search(client, world.classroom, "prac")


def test_a_misspelt_word_gets_did_you_mean(world, login_as):
    _, first = start(world.classroom, world.teacher, "Films", "Hello.")
    found = reply(first, world.student, "We had a long discussion about films.")
    client = login_as(world.student)
    section = search(client, world.classroom, "discusion films")
    assert "Nothing found" in section
    assert (f'Did you mean <a href="/classes/{world.classroom.id}/search?q=discussion+films">discussion films</a>?'
            in section)
    assert post_links(search(client, world.classroom, "discussion films")) == [found.id]
    assert "Did you mean" not in search(client, world.classroom, "xylophone")  # nothing alike


def test_did_you_mean_never_suggests_a_word_only_hidden_posts_have(world, login_as, make_user):
    from tests.conftest import add_member

    alice = make_user("Alice Able")
    add_member(world.classroom, alice)
    _, first = start(world.classroom, world.teacher, "Secrets", "Hello.")
    hidden = reply(first, alice, "My password is hippopotamus.")
    moderation.set_hidden(hidden, True)
    db.session.commit()
    assert "Did you mean" not in search(login_as(world.student), world.classroom, "hippopotamos")
    assert "hippopotamus" in search(login_as(world.teacher), world.classroom, "hippopotamos")


def test_best_match_first_or_newest_first(world, login_as):
    thread, first = start(world.classroom, world.teacher, "Music", "Hello.")
    best = reply(first, world.student, "Guitar, guitar, guitar: I love the guitar.")
    clock_now = NOW + timedelta(minutes=5)
    from app import clock

    clock.freeze(clock_now)
    newer = reply(first, world.student, "My brother has a guitar and many other things to play.")
    client = login_as(world.student)
    assert post_links(search(client, world.classroom, "guitar")) == [best.id, newer.id]
    assert post_links(search(client, world.classroom, "guitar", order="newest")) == [newer.id, best.id]
    assert post_links(search(client, world.classroom, "guitar", order="nonsense")) == [best.id, newer.id]


def test_discussions_are_found_by_their_title_instructions_and_topics(world, login_as):
    prompt = make_prompt(world.classroom, world.teacher, title="Holidays by the sea")
    draft = make_prompt(world.classroom, world.teacher, title="Sea draft", publish=False)
    later = make_prompt(world.classroom, world.teacher, title="Sea later", opens_at=NOW + timedelta(days=1))
    link = f'href="/classes/{world.classroom.id}/prompts/{{}}"'
    student = search(login_as(world.student), world.classroom, "sea")
    assert link.format(prompt.id) in student and "Discussion" in student
    assert link.format(draft.id) not in student and link.format(later.id) not in student
    teacher = search(login_as(world.teacher), world.classroom, "sea")
    assert all(link.format(p.id) in teacher for p in (prompt, draft, later))


def test_the_index_follows_edits_deletes_and_hiding(world, login_as):
    thread, first = start(world.classroom, world.teacher, "Animals", "Hello.")
    post = reply(first, world.student, "I like zebras.")
    db.session.commit()
    client = login_as(world.teacher)
    assert post_links(search(client, world.classroom, "zebra")) == [post.id]
    posts.edit(post, "I like lions.")
    db.session.commit()
    assert "Nothing found" in search(client, world.classroom, "zebra")
    assert post_links(search(client, world.classroom, "lion")) == [post.id]
    thread.title = "Wild cats"
    db.session.commit()
    assert post_links(search(client, world.classroom, "wild cat")) == [first.id]
    moderation.set_hidden(post, True)  # read in the query (test_routes: hidden posts)
    db.session.commit()
    assert post_links(search(client, world.classroom, "lion")) == [post.id]  # teachers still find it
    posts.delete_post(post)
    db.session.commit()
    assert "Nothing found" in search(client, world.classroom, "lion")
    page = make_page(world.classroom, world.teacher, "Birds", "Parrots talk.")
    db.session.commit()
    assert page_links(search(client, world.classroom, "parrot")) == [page.slug]
    edit_page(page, world.teacher, "Eagles fly.")
    db.session.commit()
    assert page_links(search(client, world.classroom, "eagle")) == [page.slug]
    assert "Nothing found" in search(client, world.classroom, "parrot")


def test_search_reindex_builds_the_index_again(app, world):
    _, first = start(world.classroom, world.teacher, "Animals", "Hello.")
    reply(first, world.student, "I like zebras.")
    make_page(world.classroom, world.teacher, "Birds", "Parrots talk.")
    make_prompt(world.classroom, world.teacher, title="Pets")
    db.session.commit()
    before = db.session.scalar(select(func.count()).select_from(SearchDocument))
    db.session.execute(SearchDocument.__table__.delete())
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["search-reindex"])
    assert result.exit_code == 0, result.output
    assert f"{before} posts, pages and discussions" in result.output
    assert db.session.scalar(select(func.count()).select_from(SearchDocument)) == before > 3


def test_order_and_page_arguments_are_bounded(world, login_as):
    start(world.classroom, world.teacher, "Animals", "Zebras.")
    client = login_as(world.student)
    for args in ({"order": "x" * 500}, {"page": "-5"}, {"page": "99999999999"}):
        assert client.get(url(world.classroom, "zebra", **args)).status_code == 200
