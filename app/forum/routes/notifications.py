"""My notifications: the list, opening one, marking all read."""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from app.forms import ConfirmForm
from app.permissions import user_required

from .. import bp, notifications, rules


@bp.get("/notifications")
@user_required
def notification_list():
    """My newest notifications."""
    found = notifications.recent(current_user.id)
    names = rules.shown_names(current_user, [n.post_id for n, _, _ in found])
    rows = [(n, notifications.label(n, title, names.get(n.post_id)), cid) for n, title, cid in found]
    return render_template("forum/notifications.html", rows=rows, confirm=ConfirmForm())


@bp.get("/notifications/<int:notification_id>")
@user_required
def open_notification(notification_id: int):
    """Mark a notification read and go to its post (or the page its kind names, see ``notifications.TARGETS``)."""
    row = notifications.get_notification(current_user.id, notification_id)
    target = notifications.target(row) or url_for(".permalink", class_id=row.post.classroom_id, post_id=row.post_id)
    notifications.mark_read(current_user.id, row.id)
    return redirect(target)


@bp.post("/notifications/read")
@user_required
def read_all():
    """Mark every notification read."""
    if ConfirmForm().confirmed():
        notifications.mark_read(current_user.id)
        flash("All notifications are marked as read.", "success")
    return redirect(url_for(".notification_list"))


@bp.app_context_processor
def notification_bell():
    """``unread_notifications()`` for the header bell: one query, only when the page shows it."""

    def unread_notifications() -> int:
        from flask import g

        if not current_user.is_authenticated:
            return 0
        if "unread_notifications" not in g:
            g.unread_notifications = notifications.unread_count(current_user.id)
        return g.unread_notifications

    return {"unread_notifications": unread_notifications}
