"""Drafts kept on the server: what a user was writing (a reply, a new thread, a post's or a wiki
page's changes), saved while they type and given back on any device until the text is saved."""
from flask import Blueprint

bp = Blueprint("drafts", __name__, url_prefix="/drafts")
