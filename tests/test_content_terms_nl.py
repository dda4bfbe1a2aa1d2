"""Dutch femur texts name the femoral head as the pictures do ("caput femoris"), not also "heupkop"."""

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "assets"


def test_dutch_femoral_head_one_term_in_text_and_picture():
    strings = (ROOT / "strings" / "nl.json").read_text(encoding="utf-8")
    text = (ROOT / "content" / "nl" / "endochondral.json").read_text(encoding="utf-8")
    json.loads(text)
    assert "caput femoris" in strings  # the picture's label
    assert "caput femoris" in text and "heupkop" not in text.lower()
