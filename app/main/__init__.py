"""Dashboard, health check and site admin pages."""
from flask import Blueprint

bp = Blueprint("main", __name__)
