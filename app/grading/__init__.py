"""Grading reflections: the queue, the rubric view, release, and the class gradebook."""
from flask import Blueprint

bp = Blueprint("grading", __name__)
