"""Class search: find posts, thread titles, wiki pages and discussions again, as the searcher may see them."""
from flask import Blueprint

from app.classes.navigation import Section, register

bp = Blueprint("search", __name__)

register(Section("search.results", "Search", blueprint="search"), order=50)

from . import index, models  # noqa: E402,F401  (the index listens to every flush)
