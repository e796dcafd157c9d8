"""Files people upload (voice recordings first): stored outside the static folder under
``MEDIA_ROOT`` with names nobody can guess, checked by their content, converted in the
worker, and served only through the reading rules of what they belong to."""
from flask import Blueprint

bp = Blueprint("media", __name__)


@bp.before_app_request
def _upload_size():
    from .forms import allow_upload_size

    allow_upload_size()
