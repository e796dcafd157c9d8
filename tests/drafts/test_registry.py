"""The draft key registry (app/drafts/registry.py) and the features' resolvers: a key is only
accepted where the page with its form would let the user write, on both databases."""
from __future__ import annotations

from app.classes.services import membership_of, remove_member
from app.drafts import registry
from app.extensions import db
from app.forum import moderation
from app.wiki import services as pages
from tests.conftest import add_member, count_queries, freeze_clock_at
from tests.forum.factories import default_forum, reply, start
from tests.prompts.factories import NOW, make_prompt, topic_thread, write
from tests.wiki.factories import edit_page, make_page

frozen = freeze_clock_at(NOW)


def test_keys_parse_only_as_a_feature_registered_them(app):
    assert registry.parse("reply-to-post-42")[1] == (42,)
    assert registry.parse("wiki-edit-7-from-31")[1] == (7, 31)
    assert registry.parse("new-thread-in-forum-3")[0].prefix == "new-thread-in-forum"
    for bad in ("reply-to-post-", "reply-to-post-0", "reply-to-post-042", "reply-to-post-1234567890",
                "reply-to-post-4 2", "reply-to-post-42-x", "reflection-3", "wiki-edit-7", "REPLY-TO-POST-1",
                "reply-to-post-" + "9" * 200, "", None, 42, "reply-to-post-\x001"):
        assert registry.parse(bad) is None, bad
    with app.test_request_context():
        assert registry.resolve(None, "no-such-kind-1") is None


def test_a_reply_key_names_the_post_the_user_may_read(app, world):
    thread, first = start(world.classroom, world.teacher, "Breakfast")
    with app.test_request_context():
        target = registry.resolve(world.student, f"reply-to-post-{first.id}")
        assert target == registry.Target(world.classroom.id, "Your reply to Tess Teacher in “Breakfast”",
                                          f"/classes/{world.classroom.id}/posts/{first.id}/reply", 20_000,
                                          f"reply-to-post-{first.id}")
        assert registry.resolve(world.teacher, f"reply-to-post-{first.id}").title == \
            "Your reply to your own post in “Breakfast”"
        # Another class, a post that does not exist: refused.
        assert registry.resolve(world.outsider, f"reply-to-post-{first.id}") is None
        assert registry.resolve(world.student, f"reply-to-post-{first.id + 1000}") is None


def test_a_hidden_post_is_refused_to_students_but_not_to_its_author_or_teachers(app, world, make_user):
    thread, first = start(world.classroom, world.teacher, "Breakfast")
    classmate = make_user("Cleo Classmate")
    add_member(world.classroom, classmate)
    post = reply(first, classmate, "Something rude.")
    moderation.set_hidden(post, True)
    db.session.commit()
    key = f"reply-to-post-{post.id}"
    with app.test_request_context():
        assert registry.resolve(world.student, key) is None
        assert registry.resolve(classmate, key) is not None
        assert registry.resolve(world.teacher, key) is not None
        assert registry.resolve(world.admin, key) is not None  # site admins see every class


def test_prompt_reading_rules_apply_post_first_and_hidden_names(app, world, make_user):
    classmate = make_user("Cleo Classmate")
    add_member(world.classroom, classmate)
    prompt = make_prompt(world.classroom, world.teacher, post_first=True, names_hidden=True)
    thread = topic_thread(prompt)
    theirs = write(thread, classmate, "I think speaking online is useful because it is easy.")
    key = f"reply-to-post-{theirs.id}"
    with app.test_request_context():
        assert registry.resolve(world.student, key) is None  # post first: not before the student posts
    write(thread, world.student, "My own first post about speaking online, with enough words.")
    with app.test_request_context():
        target = registry.resolve(world.student, key)
        assert target is not None and "Cleo" not in target.title and "Classmate" in target.title
        assert "Cleo Classmate" in registry.resolve(world.teacher, key).title


def test_a_prompt_that_has_not_opened_is_refused(app, world):
    from datetime import timedelta

    later = make_prompt(world.classroom, world.teacher, opens_at=NOW + timedelta(days=1))
    first = write(topic_thread(later), world.teacher, "The teacher's note.")
    with app.test_request_context():
        assert registry.resolve(world.student, f"reply-to-post-{first.id}") is None
        assert registry.resolve(world.student, f"new-thread-in-forum-{later.forum_id}") is None
        assert registry.resolve(world.teacher, f"reply-to-post-{first.id}") is not None


def test_edit_keys_are_for_the_author_of_a_live_post(app, world):
    thread, first = start(world.classroom, world.teacher, "Breakfast")
    mine = reply(first, world.student, "My answer.")
    with app.test_request_context():
        assert registry.resolve(world.student, f"edit-post-{mine.id}").title == "Your changes to your post in “Breakfast”"
        assert registry.resolve(world.teacher, f"edit-post-{mine.id}") is None
        assert registry.resolve(world.student, f"edit-post-{first.id}") is None
    from app.forum import posts

    posts.delete_post(mine)
    db.session.commit()
    with app.test_request_context():
        assert registry.resolve(world.student, f"edit-post-{mine.id}") is None


def test_new_thread_keys_follow_the_forums_rules(app, world):
    forum = default_forum(world.classroom)
    prompt = make_prompt(world.classroom, world.teacher)
    with app.test_request_context():
        assert registry.resolve(world.student, f"new-thread-in-forum-{forum.id}").title == \
            "Your new thread in “General discussion”"
        assert registry.resolve(world.outsider, f"new-thread-in-forum-{forum.id}") is None
        # A prompt's forum: only teachers start threads there.
        assert registry.resolve(world.student, f"new-thread-in-forum-{prompt.forum_id}") is None
        assert registry.resolve(world.teacher, f"new-thread-in-forum-{prompt.forum_id}") is not None


def test_wiki_keys_name_a_live_page_and_one_of_its_versions(app, world):
    page = make_page(world.classroom, world.teacher)
    other = make_page(world.classroom, world.teacher, "Other page")
    first = page.current_revision_id
    edit_page(page, world.teacher, "A newer text.")
    with app.test_request_context():
        target = registry.resolve(world.student, f"wiki-edit-{page.id}-from-{first}")
        assert target.place == f"wiki-edit-{page.id}" and target.max_chars == 100_000
        assert target.title == "Your changes to the wiki page “Phrasal verbs”"
        assert registry.resolve(world.student, f"wiki-edit-{page.id}-from-{other.current_revision_id}") is None
        assert registry.resolve(world.outsider, f"wiki-edit-{page.id}-from-{first}") is None
        assert registry.resolve(world.student, f"wiki-new-page-{world.classroom.id}").title == "Your new wiki page"
        assert registry.resolve(world.outsider, f"wiki-new-page-{world.classroom.id}") is None
        assert registry.resolve(world.admin, "wiki-new-page-999999") is None  # no such class, even for admins
    pages.set_locked(page, True)
    db.session.commit()
    with app.test_request_context():
        assert registry.resolve(world.student, f"wiki-edit-{page.id}-from-{first}") is None
        assert registry.resolve(world.teacher, f"wiki-edit-{page.id}-from-{first}") is not None
    pages.set_deleted(page, True)
    db.session.commit()
    with app.test_request_context():
        assert registry.resolve(world.teacher, f"wiki-edit-{page.id}-from-{first}") is None


def test_a_member_who_left_the_class_is_refused(app, world):
    thread, first = start(world.classroom, world.teacher)
    key = f"reply-to-post-{first.id}"
    remove_member(membership_of(world.student.id, world.classroom.id))
    db.session.commit()
    with app.test_request_context():
        assert registry.resolve(world.student, key) is None


def test_resolving_many_keys_costs_a_fixed_number_of_queries(app, world):
    prompt = make_prompt(world.classroom, world.teacher)
    topic = topic_thread(prompt)
    thread, first = start(world.classroom, world.teacher)
    fixed = [f"new-thread-in-forum-{default_forum(world.classroom).id}", f"wiki-new-page-{world.classroom.id}"]
    keys, counts = [], {}
    for count in (1, 12):
        while len(keys) < 2 * count:
            keys.append(f"reply-to-post-{reply(first, world.teacher, 'A reply').id}")
            keys.append(f"reply-to-post-{write(topic, world.teacher, 'A topic post').id}")
        db.session.expire_all()
        with app.test_request_context(), count_queries(app) as queries:
            found = registry.resolve_many(world.student, keys + fixed)
        assert len(found) == len(keys) + len(fixed)
        counts[count] = queries.count
    assert counts[1] == counts[12] <= 10, counts
