"""Qt's own translations (OK/Cancel, Yes/No, file dialogs) for the interface language, from PySide6's folder."""

from __future__ import annotations

from PySide6 import QtCore

_INSTALLED: list[QtCore.QTranslator] = []


def install_qt_translations(lang: str) -> bool:
    """Swap Qt's translations to `lang` (none for English); True if a translation file was loaded."""
    app = QtCore.QCoreApplication.instance()
    if app is None:
        return False
    while _INSTALLED:
        app.removeTranslator(_INSTALLED.pop())
    if lang == "en":
        return False
    folder = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QtCore.QTranslator(app)
    if translator.load(f"qtbase_{lang}", folder) and app.installTranslator(translator):
        _INSTALLED.append(translator)
        return True
    translator.deleteLater()
    return False
