"""Invite a class: a teacher pastes addresses (or uploads a CSV); each gets a one-time link
that joins the class after the invited person registers or logs in."""
from flask import Blueprint

from app.classes.navigation import Section, register

bp = Blueprint("invitations", __name__)

#: "Invite students" is part of Members in the class menu (the link's own pages have no class menu).
register(Section("classes.members", "Members", "teacher", blueprint="invitations"), order=90)
