"""Accounts: register, log in and out, change password and name."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/account")
