"""Side panel: the current phase explained (what happens, cells with matching swatches, signals, references)."""

from __future__ import annotations

import html

from PySide6 import QtWidgets

from ..colours import Profile
from ..content import glossary, process_content, strings


def phase_html(process: str, phase_id: str, index: int, count: int, profile: Profile, lang: str = "en",
               text_px: int = 15) -> str:
    """The panel's HTML for one phase (all prose comes from assets/content)."""
    s = strings(lang)
    content = process_content(process, lang)
    ph = content.phase(phase_id)
    gloss = glossary(lang)
    e = html.escape
    h2 = f"font-size:{round(text_px * 1.45)}px"  # headings sized from the text, so Ctrl+plus scales them too
    h3 = f"font-size:{round(text_px * 1.15)}px"
    out = [
        f"<div style='font-size:{text_px}px; color:{profile.text};'>",
        f"<div style='color:{profile.muted_text}; font-size:{int(text_px * 0.85)}px'>{e(content.title)} · "
        f"{e(s('panel.phase_of', i=index + 1, n=count))}</div>",
        f"<h2 style='margin:4px 0 2px 0; {h2}'>{e(ph.title)}</h2>",
        f"<div style='color:{profile.muted_text}'><b>{e(s('panel.when'))}:</b> {e(ph.when)}</div>",
        f"<p><i>{e(ph.summary)}</i></p>",
        f"<h3 style='{h3}'>{e(s('panel.what'))}</h3>",
    ]
    out += [f"<p>{e(p)}</p>" for p in ph.paragraphs]
    out.append(f"<h3 style='{h3}'>{e(s('panel.cells'))}</h3><table cellspacing='4'>")
    for c in ph.cells:
        info = gloss.cells[c]
        colour = profile.cells[c]["fill"]
        markers = f"<br><span style='color:{profile.muted_text}'>{e(info['markers'])}</span>" if info["markers"] else ""
        out.append(
            f"<tr><td valign='top'><span style='background:{colour}; color:{colour}'>&nbsp;&nbsp;&nbsp;&nbsp;</span></td>"
            f"<td><b>{e(info['name'])}</b> — {e(info['role'])}{markers}</td></tr>"
        )
    out.append("</table>")
    if ph.signals:
        out.append(f"<h3 style='{h3}'>{e(s('panel.signals'))}</h3><ul style='margin-left:-20px'>")
        out += [f"<li><b>{e(n)}</b>: {e(r)}</li>" for n, r in ph.signals]
        out.append("</ul>")
    out.append(f"<h3 style='{h3}'>{e(s('panel.refs'))}</h3><ol style='margin-left:-20px; font-size:{int(text_px * 0.8)}px'>")
    out += [f"<li>{e(gloss.references[r])}</li>" for r in ph.refs]
    out.append("</ol>")
    out.append(f"<p style='font-size:{int(text_px * 0.85)}px'><a href='osteoviz:about-skeleton'>"
               f"{e(s('panel.about_skeleton_link'))}</a></p></div>")
    return "".join(out)


class SidePanel(QtWidgets.QTextBrowser):
    """Follows the clock; rebuilt only when the phase (or profile, text size) changes."""

    def __init__(self, lang: str = "en", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.text_px = 15
        self.setOpenExternalLinks(False)
        self.setOpenLinks(False)  # links are handled by the window (anchorClicked): the About the skeleton page
        self.setMinimumWidth(300)
        self.current: tuple | None = None
        self.experiment_html = ""  # the experiment's explanation above the phase (osteoviz.qt.experimentspanel)

    def show_phase(self, process: str, phase_id: str, index: int, count: int, profile: Profile) -> None:
        key = (process, phase_id, profile.name, self.text_px, self.experiment_html)
        if key == self.current:
            return
        self.current = key
        self.setStyleSheet(f"QTextBrowser {{ background: {profile.panel}; border: none; padding: 10px; }}")
        self.setHtml(self.experiment_html + phase_html(process, phase_id, index, count, profile, self.lang, self.text_px))
