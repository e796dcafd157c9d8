"""Classes: create, join with a code, members and roles."""
from flask import Blueprint

bp = Blueprint("classes", __name__, url_prefix="/classes")
