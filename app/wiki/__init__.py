"""The class wiki: pages everyone can improve, with history, diffs and no lost edits."""
from flask import Blueprint

from app.classes.navigation import Section, register

bp = Blueprint("wiki", __name__, url_prefix="/classes/<int:class_id>/wiki")

register(Section("wiki.home", "Wiki", blueprint="wiki"), order=20)
