"""Discussion prompts: teacher-set topics, requirements, deadlines and a live chat."""
from flask import Blueprint

bp = Blueprint("prompts", __name__)
