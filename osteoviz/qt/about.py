"""Help → About: version, licence, the sources the science rests on, and how to cite osteoviz."""

from __future__ import annotations

import html

from PySide6 import QtWidgets

from .. import __version__
from ..content import glossary, strings


def about_html(lang: str = "en") -> str:
    s = strings(lang)
    e = html.escape
    refs = glossary(lang).references
    out = [f"<h2>osteoviz {e(__version__)}</h2>",
           f"<p>{e(s('about.version', version=__version__))} · {e(s('about.licence'))}</p>",
           f"<h3>{e(s('about.cite_title'))}</h3><p>{e(s('about.cite', version=__version__))}</p>",
           f"<h3>{e(s('about.sources_title'))}</h3><p>{e(s('about.sources_intro'))}</p><ol>"]
    out += [f"<li>{e(text)}</li>" for text in refs.values()]
    out.append("</ol>")
    return "".join(out)


class AboutDialog(QtWidgets.QDialog):
    def __init__(self, lang: str = "en", parent=None):
        super().__init__(parent)
        col = QtWidgets.QVBoxLayout(self)
        self.text = QtWidgets.QTextBrowser()
        self.text.setOpenExternalLinks(True)
        col.addWidget(self.text)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        col.addWidget(buttons)
        self.resize(620, 560)
        self.set_language(lang)

    def set_language(self, lang: str) -> None:
        self.setWindowTitle(strings(lang)("about.title"))
        self.text.setHtml(about_html(lang))
