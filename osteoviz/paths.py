"""Where the shipped assets live: inside the installed package, or the repository's assets/ folder."""

from __future__ import annotations

from pathlib import Path


def assets_dir() -> Path:
    """The assets folder: osteoviz/assets when installed from a wheel, ../assets in a source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "assets", here.parent / "assets"):
        if (candidate / "strings").is_dir():
            return candidate
    import osteoviz.assets as pkg  # editable installs map the package elsewhere

    return Path(pkg.__file__).resolve().parent
