"""Post-chat reflections: an assignment on a thread, and each student's reflection."""
from flask import Blueprint

from app.classes.navigation import Section, register

bp = Blueprint("reflections", __name__)

register(Section("reflections.index", "Reflections", blueprint="reflections"), order=40)
