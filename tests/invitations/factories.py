"""Invitation test data."""
from __future__ import annotations

import secrets

from app import clock
from app.auth import tokens
from app.extensions import db
from app.invitations import services
from app.invitations.models import Invitation


def pending_invitation(classroom, teacher, email: str = "invited@example.com", name: str = "Ivy Invited"):
    """A pending invitation (as ``services.invite`` writes it, without the e-mail); returns (token, row), committed."""
    token = secrets.token_urlsafe(32)
    row = Invitation(classroom_id=classroom.id, email=email, name=name, token_hash=tokens.digest(token),
                     invited_by_id=teacher.id, expires_at=clock.now() + services.LIFETIME)
    db.session.add(row)
    db.session.commit()
    return token, row


def invitation_samples(world) -> dict:
    """Sample URL values: a pending invitation to ``world.classroom``."""
    token, row = pending_invitation(world.classroom, world.teacher)
    return {"invite_token": token, "invitation_id": row.id}
