"""Forums: threaded class discussions, moderation and notifications."""
from flask import Blueprint

from app.classes.navigation import Section, register

bp = Blueprint("forum", __name__)

register(Section("forum.forums", "Forums", blueprint="forum"), order=10)
register(Section("forum.queue", "Reports", "teacher"), order=80)
