"""Discussion prompts: teacher-set topics, requirements, deadlines and a live chat."""
from flask import Blueprint

from app.classes.navigation import Section, register

bp = Blueprint("prompts", __name__)

register(Section("prompts.index", "Discussions", blueprint="prompts"), order=30)
