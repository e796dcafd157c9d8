"""Imports every model so the metadata (and Alembic) sees all tables."""
from app.auth.models import AccountToken, LoginSession, User  # noqa: F401
from app.classes.models import Classroom, Membership  # noqa: F401
from app.corrections.models import Correction, CorrectionCode, MarkedText  # noqa: F401
from app.drafts.models import Draft  # noqa: F401
from app.forum.models import (  # noqa: F401
    Forum,
    HelpfulMark,
    Notification,
    Post,
    PostRevision,
    ReadState,
    Report,
    Thread,
    ThreadFollow,
)
from app.invitations.models import Invitation  # noqa: F401
from app.mail.models import OutboxEmail  # noqa: F401
from app.main.health import HealthCheck  # noqa: F401
from app.media.models import MediaFile  # noqa: F401
from app.notify.models import DigestChoice, EmailChoice, ReminderSent  # noqa: F401
from app.prompts.models import Extension, Prompt, Topic  # noqa: F401
from app.reflections.models import Assignment, Grade, PromptReflection, Reflection, ReflectionVersion, RubricTemplate  # noqa: F401
from app.search.models import SearchDocument, SearchWord  # noqa: F401
from app.submissions import Submission  # noqa: F401
from app.wiki.models import WikiLink, WikiPage, WikiRedirect, WikiRevision  # noqa: F401
