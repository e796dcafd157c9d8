"""Post-chat reflections: an assignment on a thread, and each student's reflection."""
from flask import Blueprint

bp = Blueprint("reflections", __name__)
