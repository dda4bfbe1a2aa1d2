"""The Experiments menu (normal or one experiment of the current process) and its explanation in the side panel."""

from __future__ import annotations

import html

from PySide6 import QtCore, QtGui

from ..colours import Profile
from ..content import experiment_texts, glossary, strings
from ..model.scenario import experiments_for


def texts_for(process: str, lang: str) -> dict:
    """The explanations of a process's experiments ({} where none are written yet)."""
    try:
        return experiment_texts(process, lang)
    except Exception:  # the content check at start-up names a missing text; the menu still works with ids
        return {}


def experiment_title(process: str, eid: str, lang: str) -> str:
    t = texts_for(process, lang).get(eid)
    return t.title if t is not None else eid


def experiment_html(process: str, eid: str, profile: Profile, lang: str = "en", text_px: int = 15) -> str:
    """The side panel's section on one experiment: gene, condition or mouse model, what to watch, why, sources."""
    t = texts_for(process, lang).get(eid)
    s = strings(lang)
    e = html.escape
    title = t.title if t is not None else eid
    out = [f"<div style='font-size:{text_px}px; color:{profile.text}; border-left: 4px solid {profile.accent};'>",
           f"<div style='color:{profile.accent}; font-size:{int(text_px * 0.85)}px'><b>{e(s('panel.experiment'))}</b></div>",
           f"<h2 style='margin:2px 0 4px 0; font-size:{round(text_px * 1.3)}px'>{e(title)}</h2>"]
    if t is not None:
        for key, value in (("panel.gene", t.gene), ("panel.condition", t.condition), ("panel.watch", t.watch)):
            out.append(f"<p style='margin:2px 0'><b>{e(s(key))}:</b> {e(value)}</p>")
        out.append(f"<p>{e(t.text)}</p>")
        if t.refs:
            refs = glossary(lang).references
            out.append(f"<ol style='margin-left:-20px; font-size:{int(text_px * 0.8)}px'>")
            out += [f"<li>{e(refs.get(r, r))}</li>" for r in t.refs]
            out.append("</ol>")
    out.append("<hr></div>")
    return "".join(out)


class ExperimentsMenu(QtCore.QObject):
    """Fills a QMenu with 'Normal' and the current process's experiments as one exclusive group.

    `chosen(str)` is emitted with the experiment id ('' for normal) when the user picks one."""

    chosen = QtCore.Signal(str)

    def __init__(self, menu, lang: str = "en", parent=None):
        super().__init__(parent)
        self.menu = menu
        self.lang = lang
        self.process = ""
        self.group = QtGui.QActionGroup(self)
        self.actions: dict[str, QtGui.QAction] = {}
        self.extra: list[QtGui.QAction] = []  # actions added after the list (Compare)

    def fill(self, process: str, current: str = "") -> None:
        self.process = process
        for a in self.actions.values():
            self.group.removeAction(a)
            self.menu.removeAction(a)
            a.deleteLater()
        for a in self.extra:
            self.menu.removeAction(a)
        self.menu.clear()
        self.actions = {}
        ids = [""] + [e.id for e in experiments_for(process)]
        for eid in ids:
            a = QtGui.QAction(self.menu, checkable=True)
            a.setData(eid)
            a.triggered.connect(lambda _=False, x=eid: self.chosen.emit(x))
            self.group.addAction(a)
            self.menu.addAction(a)
            self.actions[eid] = a
            if eid == "":
                self.menu.addSeparator()
        if self.extra:
            self.menu.addSeparator()
            for a in self.extra:
                self.menu.addAction(a)
        self.set_checked(current)
        self.set_language(self.lang)

    def refresh(self, process: str, current: str = "") -> None:
        """Refill only if the process's experiments changed since the menu was filled."""
        if [""] + [e.id for e in experiments_for(process)] != list(self.actions) or process != self.process:
            self.fill(process, current)

    def set_checked(self, eid: str) -> None:
        if eid in self.actions:
            self.actions[eid].setChecked(True)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        s = strings(lang)
        for eid, a in self.actions.items():
            a.setText(s("action.experiment_normal") if eid == "" else experiment_title(self.process, eid, lang))
