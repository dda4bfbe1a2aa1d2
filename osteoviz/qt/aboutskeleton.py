"""The "About the skeleton" side-panel page as HTML (all prose from assets/content/<lang>/skeleton.json)."""

from __future__ import annotations

import html
import re

from ..colours import Profile
from ..skeletoncontent import skeleton_text


def _formula(text: str) -> str:
    """Subscripts in chemical formulae: Ca10(PO4)6(OH)2."""
    return re.sub(r"Ca10\(PO4\)6\(OH\)2", "Ca<sub>10</sub>(PO<sub>4</sub>)<sub>6</sub>(OH)<sub>2</sub>", text)


def about_skeleton_html(profile: Profile, lang: str = "en", text_px: int = 15) -> str:
    """What bone is, the three embryonic sources, the two ways bone forms, remodelling; references at the end."""
    t = skeleton_text(lang)
    e = html.escape
    refs: list[str] = []
    out = [f"<div style='font-size:{text_px}px; color:{profile.text};'>",
           f"<h2 style='margin:4px 0 6px 0'>{e(t.about_title)}</h2>"]
    for section in t.about:
        marks = []
        for r in section.refs:
            if r not in refs:
                refs.append(r)
            marks.append(str(refs.index(r) + 1))
        sup = f" <sup style='color:{profile.muted_text}'>[{', '.join(marks)}]</sup>" if marks else ""
        out.append(f"<h3 style='margin:10px 0 2px 0'>{e(section.heading)}{sup}</h3>")
        out += [f"<p>{_formula(e(p))}</p>" for p in section.paragraphs]
    if refs:
        out.append(f"<ol style='margin-left:-20px; font-size:{int(text_px * 0.8)}px; color:{profile.muted_text}'>")
        out += [f"<li>{e(t.references[r])}</li>" for r in refs]
        out.append("</ol>")
    out.append("</div>")
    return "".join(out)
