"""Classes: create, join with a code, members and roles."""
from flask import Blueprint

from .navigation import Section, register

bp = Blueprint("classes", __name__, url_prefix="/classes")

register(Section("classes.home", None), order=0)
register(Section("classes.members", "Members", "teacher"), order=90)
register(Section("classes.settings", "Class settings", "teacher"), order=100)
