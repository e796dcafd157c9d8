"""My data: download everything I wrote, and delete my account."""
from flask import Blueprint

bp = Blueprint("mydata", __name__, url_prefix="/account")
