"""Correction codes: the defaults every class has, each with words a student can read.

A class's teachers add their own (``CorrectionCode`` rows); a class code may not reuse a
default's letters. Codes are stored on each correction as text, so deleting a class code
keeps the corrections that used it (they show the code without its explanation).
"""
from __future__ import annotations

from typing import NamedTuple


class Code(NamedTuple):
    code: str
    #: A short name ("Spelling").
    name: str
    #: What it means, in plain words, for the student.
    explanation: str
    #: Praise, not a mistake: never counted as something to fix.
    praise: bool = False


DEFAULTS: tuple[Code, ...] = (
    Code("SP", "Spelling", "The word is spelt wrong. Check each letter."),
    Code("WW", "Wrong word", "This word does not mean what you want here. Choose another word."),
    Code("WF", "Word form", "The right word, but the wrong form (for example “happy” instead of “happiness”)."),
    Code("T", "Verb tense", "The verb is in the wrong time (past, present or future). Check when it happens."),
    Code("AGR", "Subject–verb agreement", "The verb does not match its subject (for example “he go” instead of “he goes”)."),
    Code("ART", "Article", "Add, change or remove “a”, “an” or “the”."),
    Code("PREP", "Preposition", "Use another small word such as “in”, “on”, “at”, “to” or “for”."),
    Code("WO", "Word order", "The words are in the wrong order. Try to move them."),
    Code("P", "Punctuation", "Add, change or remove a full stop, comma, question mark or other sign."),
    Code("MW", "Missing word", "A word is missing here."),
    Code("X", "Extra word", "This word is not needed. Take it out."),
    Code("?", "Meaning unclear", "Your teacher is not sure what you mean. Try to say it another way."),
    Code("Good!", "Well done", "This is very good English. Keep writing like this!", praise=True),
)
BY_CODE = {c.code: c for c in DEFAULTS}
