"""Demo prompts for "ESL Discussion 101": one open (with a live chat yesterday and
several students' posts) and one scheduled for next week."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import clock
from app.auth.models import User
from app.classes.models import Classroom, Membership, Role
from app.extensions import db
from app.forum import posts
from app.forum.models import Post, Thread

from . import services
from .services import TopicInput

STARTERS = "\n".join([
    "I agree with … because …",
    "I see it differently: …",
    "Could you explain what you mean by …?",
    "In my experience, …",
    "Another example is …",
])

FIRST_POSTS = [
    "I think Skype is a good idea for our class. When I speak with a classmate online, I am less nervous than in "
    "the classroom, because nobody is looking at me. I can also practise at home in the evening after work. "
    "The problem is the internet connection: sometimes my voice is late and we both speak at the same time. "
    "Maybe we can agree that one person speaks and then says “over”, like on a radio. I would like to try it "
    "every week with a different partner, so we hear different accents and learn new words from each other.",
    "In a group chat it is easy to forget the question. Last time we started with holidays and finished with "
    "football! I think we need one person who keeps the time and brings us back to the topic. We could also "
    "write the question at the top of the chat window so everybody can see it. And it helps when everybody "
    "prepares two or three sentences before the call, so we do not lose time thinking about what to say.",
    "For me speaking online is harder than speaking face to face, because I cannot see the small signs on the "
    "face of the other person. But it is good practice for real life: many jobs now have meetings on video. "
    "I want to practise with the camera on, even if I feel shy at the beginning.",
]
REPLIES = [
    "I agree with you because I am also less nervous at home. The “over” idea is funny but useful!",
    "Could you explain what you mean by a person who keeps the time? Should it be the teacher or a student?",
    "In my experience, the camera helps a lot. When I see a smile, I know the other person understands me.",
]


def load(classroom: Classroom) -> list:
    """Create the two prompts and the open one's posts."""
    teacher_id = db.session.scalar(select(Membership.user_id).where(
        Membership.classroom_id == classroom.id, Membership.role == Role.TEACHER).order_by(Membership.id))
    teacher = db.session.get(User, teacher_id)
    students = list(db.session.scalars(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.classroom_id == classroom.id, Membership.role == Role.STUDENT).order_by(Membership.id)))
    now = clock.now().replace(second=0, microsecond=0)
    open_prompt = services.create_prompt(classroom, teacher, {
        "title": "Should our class use Skype for speaking practice?",
        "instructions": "We had our first live chat yesterday. Choose **one** topic, write your opinion with a "
                        "reason and an example, then answer two classmates.",
        "starters": STARTERS, "time_zone": "Europe/London",
        "opens_at": now - timedelta(days=2), "closes_at": now + timedelta(days=5),
        "first_post_due": now + timedelta(days=2), "replies_due": now + timedelta(days=5),
        "min_words_first": 100, "replies_required": 2, "min_words_reply": 15, "post_first": True,
        "chat_at": now - timedelta(days=1), "chat_minutes": 45, "chat_url": "https://meet.jit.si/roundtable-esl-101",
    }, [TopicInput(None, "Practising speaking online", "Is a video call good practice for speaking? Why or why not?"),
        TopicInput(None, "Staying on topic in a group chat", "How can a group keep a conversation on its topic?")])
    services.publish(open_prompt)
    scheduled = services.create_prompt(classroom, teacher, {
        "title": "Food from home: a recipe to share", "instructions": "Describe a dish from your country.",
        "starters": "My favourite dish is … because …\nIn my family we usually …", "time_zone": "Europe/London",
        "opens_at": now + timedelta(days=7), "closes_at": now + timedelta(days=14), "min_words_first": 80,
        "replies_required": 1,
    }, [TopicInput(None, "A dish for a celebration"), TopicInput(None, "An everyday meal")])
    services.publish(scheduled)
    db.session.flush()
    threads = [db.session.scalar(select(Thread).options(joinedload(Thread.forum)).where(Thread.id == t.thread_id))
               for t in sorted(_topics(open_prompt), key=lambda t: t.position)]
    written = []
    for i, text in enumerate(FIRST_POSTS):
        thread = threads[1 if i == 1 else 0]
        first = db.session.scalar(select(Post).where(Post.thread_id == thread.id, Post.depth == 0))
        written.append((thread, posts.reply(first, thread, students[i], text)))
    for i, text in enumerate(REPLIES):
        thread, parent = written[(i + 1) % len(written)]
        posts.reply(parent, thread, students[i], text)
    return [open_prompt, scheduled]


def _topics(prompt):
    from .models import Topic

    return db.session.scalars(select(Topic).where(Topic.prompt_id == prompt.id))
