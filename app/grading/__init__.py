"""Grading reflections: the queue, the rubric view, release, and the class gradebook."""
from flask import Blueprint

from app.classes.navigation import Section, register

bp = Blueprint("grading", __name__)

register(Section("grading.gradebook", "Gradebook", "teacher", blueprint="grading"), order=60)
register(Section("grading.my_grades", "My grades", "student", blueprint="grading"), order=70)
