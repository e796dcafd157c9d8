"""The class wiki: pages everyone can improve, with history, diffs and no lost edits."""
from flask import Blueprint

bp = Blueprint("wiki", __name__, url_prefix="/classes/<int:class_id>/wiki")
