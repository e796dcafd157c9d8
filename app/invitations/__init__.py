"""Invite a class: a teacher pastes addresses (or uploads a CSV); each gets a one-time link
that joins the class after the invited person registers or logs in."""
from flask import Blueprint

bp = Blueprint("invitations", __name__)
