"""Reflection pages: settings on a thread or prompt, rubric templates, the student writing page."""
from . import bp  # noqa: F401
