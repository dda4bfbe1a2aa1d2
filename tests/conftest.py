"""Shared test set-up: headless Qt, and one simulation cache for the whole session (subprocesses too)."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("OSTEOVIZ_CACHE_DIR", tempfile.mkdtemp(prefix="osteoviz-test-cache-"))
os.environ.setdefault("OSTEOVIZ_SETTINGS", os.path.join(tempfile.mkdtemp(prefix="osteoviz-test-settings-"), "settings.ini"))
