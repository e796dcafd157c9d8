"""count_words() and the browser's counter in static/js/words.js agree, and count like a teacher."""
from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from app.content import count_words, word_requirement_message

WORDS_JS = Path(__file__).resolve().parents[2] / "static" / "js" / "words.js"

CASES = [
    ("", 0),
    ("   \n\t ", 0),
    ("hello", 1),
    ("**very** good", 2),
    ("<b>hello</b> world", 2),
    ('<a href="https://example.com/a b">my link</a>', 2),
    ("see https://example.com/page?x=1&y=2 now", 3),
    ("www.example.com", 1),
    ("[the link](https://example.com)", 2),
    ("don't", 1),
    ("don’t stop", 2),
    ("well-known", 1),
    ("I have 3 cats and 2,000 fish", 7),
    ("It costs 3.5 dollars", 4),
    ("- — * ** --- !!! ...", 0),
    ("- one\n- two", 2),
    ("1. first\n2. second\n10) tenth", 3),
    ("1.5 is a number", 4),
    ("# Title\n\nText here.", 3),
    ("> quoted words", 2),
    ("I <3 English", 3),
    ("x < 5 and y > 3", 5),
    ("<u>hi</u>", 1),
    ("snake_case and _emphasis_", 3),
    ("__init__", 1),
    ("e-mail me: me@example.com", 3),
    ("Hello,world.Bye", 1),
    ("word\u00a0word", 2),
    ("word\u3000word", 2),
    ("word\u200bword", 1),
    ("\ufeffHello", 1),
    ("café naïve résumé", 3),
    ("cafe\u0301", 1),
    ("Привет мир", 2),
    ("مرحبا بالعالم", 2),
    ("नमस्ते दुनिया", 2),
    ("我喜欢学习英语", 1),
    ("こんにちは 世界", 2),
    ("١٢٣ ٤٥", 2),
    ("½ ² ⅷ", 3),
    ("😀 🎉", 0),
    ("line one\r\nline two\r\n3. item", 5),
    ("`code` here", 2),
    ("```\nprint(1)\n```", 1),
    ("<!-- a note --> visible", 1),
    ("one <!-- two --> three <!-- four", 3),
    ("<!-- a --> b <!--> c --> d", 2),
    ("<br/>done", 1),
    ("a<b>c</b>d", 3),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_count_words(text, expected):
    assert count_words(text) == expected


@pytest.mark.parametrize("count, minimum, message", [
    (84, 100, "84 of 100 words"),
    (120, 100, "120 words ✓ (100 needed)"),
    (100, 100, "100 words ✓ (100 needed)"),
    (120, None, "120 words"),
    (1, None, "1 word"),
    (0, 0, "0 words"),
    (1200, 1500, "1,200 of 1,500 words"),
])
def test_word_requirement_message(count, minimum, message):
    assert word_requirement_message(count, minimum) == message


def test_long_runs_are_counted_in_linear_time():
    for text in ("-" * 200_000, "_" * 200_000, "<a " * 50_000, "a-" * 100_000, "1." * 100_000, "\n1" * 100_000,
                 "<!--" * 50_000, "<!-- -->" * 25_000):
        assert count_words(text) <= 200_000


def _random_texts(n: int) -> list[str]:
    rng = random.Random(1234)
    pieces = ["a", "Z", "é", "e\u0301", "ж", "ع", "न", "्", "中", "3", "٣", "½", "_", "-", "'", "’", ".", ",", "*", "#",
              "<", ">", "/", "=", '"', "<b>", "</b>", "<a href='x'>", "<br/>", "<3", "<!--", "-->", "1. ", "2) ", "http://x.y/z",
              " ", "  ", "\n", "\r\n", "\t", "\u00a0", "\u2003", "\u3000", "\u200b", "\ufeff", "\x1c", "\x85",
              "\u2028", "😀", "\u0000"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(n)]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not on PATH: cannot run static/js/words.js")
def test_javascript_counter_agrees_with_python():
    texts = [text for text, _ in CASES] + _random_texts(3000)
    script = (
        "global.window = {};"
        f"require({json.dumps(str(WORDS_JS))});"
        "let input = '';"
        "process.stdin.on('data', d => input += d);"
        "process.stdin.on('end', () => console.log(JSON.stringify(JSON.parse(input).map(window.Roundtable.countWords))));"
    )
    done = subprocess.run(["node", "-e", script], input=json.dumps(texts), capture_output=True, text=True, timeout=60,
                          check=True)
    js_counts = json.loads(done.stdout)
    mismatches = [(text, count_words(text), js) for text, js in zip(texts, js_counts, strict=False) if count_words(text) != js]
    assert mismatches == []
