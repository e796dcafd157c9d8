"""Rubrics as plain data, and scoring.

A rubric is a list of criteria::

    [{"title": "Vocabulary", "levels": [{"description": "…", "points": 3}, …]}, …]

Levels are listed from highest to lowest. A grade's ``levels`` maps a
criterion's position (as a string, since JSON keys are strings) to the
chosen level's position.
"""
from __future__ import annotations

DEFAULT_RUBRIC: list[dict] = [
    {"title": "Summary of the discussion", "levels": [
        {"description": "Gives the main ideas of the discussion clearly and in your own words.", "points": 4},
        {"description": "Gives most of the main ideas.", "points": 3},
        {"description": "Gives some ideas, but misses important ones.", "points": 2},
        {"description": "Does not really summarise the discussion.", "points": 0},
    ]},
    {"title": "Language accuracy", "levels": [
        {"description": "Few mistakes; they do not make the meaning unclear.", "points": 3},
        {"description": "Some mistakes, but the meaning is clear.", "points": 2},
        {"description": "Many mistakes make the meaning hard to follow.", "points": 1},
    ]},
    {"title": "Vocabulary", "levels": [
        {"description": "Uses new words and phrases from the discussion correctly.", "points": 3},
        {"description": "Uses one new word or phrase.", "points": 2},
        {"description": "Uses only simple, everyday words.", "points": 1},
    ]},
    {"title": "Participation", "levels": [
        {"description": "Took an active part and refers to classmates' ideas.", "points": 2},
        {"description": "Took some part in the discussion.", "points": 1},
        {"description": "Did not take part.", "points": 0},
    ]},
]


def max_points(rubric: list[dict]) -> int:
    """The highest total the rubric allows."""
    return sum(max((level["points"] for level in c["levels"]), default=0) for c in rubric)


def total(rubric: list[dict], levels: dict, adjustment: int = 0) -> int | None:
    """Points of the chosen levels plus the adjustment; None until every criterion has a level."""
    points = 0
    for index, criterion in enumerate(rubric):
        chosen = levels.get(str(index))
        if chosen is None or not 0 <= int(chosen) < len(criterion["levels"]):
            return None
        points += criterion["levels"][int(chosen)]["points"]
    return points + adjustment


def validate(rubric: list[dict]) -> list[str]:
    """Plain-English problems with a rubric a teacher typed (empty when it is fine)."""
    problems = []
    for number, criterion in enumerate(rubric, start=1):
        if not str(criterion.get("title", "")).strip():
            problems.append(f"Criterion {number} needs a name.")
        levels = criterion.get("levels") or []
        if len(levels) < 2:
            problems.append(f"Criterion {number} needs at least two levels.")
        for level in levels:
            if not str(level.get("description", "")).strip():
                problems.append(f"Criterion {number}: every level needs a description.")
                break
        for level in levels:
            points = level.get("points")
            if not isinstance(points, int) or points < 0:
                problems.append(f"Criterion {number}: points must be whole numbers, 0 or more.")
                break
    return problems
