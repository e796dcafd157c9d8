"""The shared editor's server side: the Preview tab."""
from flask import Blueprint

bp = Blueprint("editor", __name__, url_prefix="/editor")
