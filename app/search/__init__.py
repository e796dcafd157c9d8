"""Class search: find posts, thread titles and wiki pages again, as the searcher may see them."""
from flask import Blueprint

from app.classes.navigation import Section, register

bp = Blueprint("search", __name__)

register(Section("search.results", "Search", blueprint="search"), order=50)
