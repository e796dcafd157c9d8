"""Teachers' corrections in students' texts, and each learner's error profile ("My language")."""
from flask import Blueprint

from app.classes.navigation import Section, register

bp = Blueprint("corrections", __name__)

register(Section("corrections.my_language", "My language", "student", blueprint="corrections"), order=75)
register(Section("corrections.class_language", "Language", "teacher", blueprint="corrections"), order=65)
