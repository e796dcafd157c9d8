"""Class search: find posts, thread titles and wiki pages again, as the searcher may see them."""
from flask import Blueprint

bp = Blueprint("search", __name__)
