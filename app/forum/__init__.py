"""Forums: threaded class discussions, moderation and notifications."""
from flask import Blueprint

bp = Blueprint("forum", __name__)
