"""osteoviz.model imports numpy and the standard library only (no Qt), checked two ways."""

import ast
import subprocess
import sys
from pathlib import Path

import osteoviz.model

MODEL_DIR = Path(osteoviz.model.__file__).parent
ALLOWED_TOP = {"numpy", "__future__"} | set(sys.stdlib_module_names)


def test_model_sources_import_only_numpy_and_stdlib():
    for path in sorted(MODEL_DIR.glob("*.py")):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative: stays inside osteoviz.model
                    continue
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in ALLOWED_TOP, f"{path.name} imports {name}"


def test_importing_and_running_the_model_loads_no_qt():
    code = (
        "import sys\n"
        "from osteoviz.model.endochondral import EndochondralModel\n"
        "from osteoviz.model.intramembranous import IntramembranousModel\n"
        "from osteoviz.model import scene, clock, history\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6')]\n"
        "print(bad)\n"
        "raise SystemExit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
