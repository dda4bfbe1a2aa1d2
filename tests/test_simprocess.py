"""The simulation's own process: messages framed on a pipe, and a priority below the window's."""

import io
import os
import subprocess
import sys

import numpy as np
import pytest

from osteoviz import simprocess


def test_messages_come_back_in_order_and_the_end_is_none():
    buf = io.BytesIO()
    simprocess.write_message(buf, ("p", 0.5))
    simprocess.write_message(buf, ("done", {"a": np.arange(5, dtype=np.uint8)}))
    buf.seek(0)
    assert simprocess.read_message(buf) == ("p", 0.5)
    kind, arrays = simprocess.read_message(buf)
    assert kind == "done" and np.array_equal(arrays["a"], np.arange(5))
    assert simprocess.read_message(buf) is None


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_the_simulation_process_runs_below_the_window_priority():
    code = "import os; from osteoviz.simprocess import lower_priority; lower_priority(); print(os.nice(0))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    mine = os.nice(0)
    assert int(out) > mine or mine >= 19  # lower priority = higher niceness (unless already at the floor)


def test_the_process_sends_its_model_first_then_progress_then_the_history(tmp_path):
    """The window's process never builds the model itself: it arrives, built, before the progress."""
    import pickle

    from osteoviz.model.history import History
    from osteoviz.model.scenario import Scenario

    sc = Scenario.parse("fracture+bmp2_loss")
    env = dict(os.environ, OSTEOVIZ_CACHE_DIR=str(tmp_path / "cache"))
    proc = subprocess.Popen([sys.executable, "-m", "osteoviz.simprocess"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    with proc.stdin:
        pickle.dump((sc.spec.model_type, sc.params()), proc.stdin)
    messages = []
    while (m := simprocess.read_message(proc.stdout)) is not None:
        messages.append(m)
    assert proc.wait() == 0
    kinds = [k for k, _ in messages]
    assert kinds[0] == "model" and kinds[-1] == "done" and set(kinds[1:-1]) == {"p"}
    model = messages[0][1]
    assert type(model) is sc.spec.model_type and model.p == sc.params()
    history = History(messages[-1][1])
    day = float(history.days[-1])
    sent, built = model.frame(history, day), sc.model().frame(history, day)  # the sent model draws as one built here
    assert sent.main.tissue.size > 0 and np.array_equal(sent.main.tissue, built.main.tissue)
    assert np.array_equal(sent.inset.tissue, built.inset.tissue)
