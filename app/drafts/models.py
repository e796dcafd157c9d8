"""A draft: the text one user is writing for one place, not saved yet."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app import clock
from app.extensions import db


class Draft(db.Model):
    """The newest unsaved text of a user for one place (one draft per user and place)."""

    __table_args__ = (UniqueConstraint("user_id", "place"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    #: The class the text is for (the draft is shown only while the user may write there).
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classroom.id", ondelete="CASCADE"), index=True)
    #: What the text is for, as the registry names it: "reply-to-post-42", "wiki-edit-7".
    place: Mapped[str] = mapped_column(String(100))
    #: The editor's key: the place, plus for a wiki page the version the text started from
    #: ("wiki-edit-7-from-31"), so saving it later merges with what changed since.
    key: Mapped[str] = mapped_column(String(100))
    text: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime] = mapped_column(default=clock.now)
