"""Answers kept for one paint pass: asked once while a frame is drawn, afresh outside and in the next pass."""

from osteoviz.qt.passmemo import painting, per_pass


class Asked:
    def __init__(self):
        self.times = 0
        self.value = 1

    @per_pass
    def answer(self):
        self.times += 1
        return self.value


def test_an_answer_is_kept_only_while_one_pass_lasts():
    a = Asked()
    a.answer(), a.answer()
    assert a.times == 2  # outside a pass: asked each time
    with painting(a):
        assert a.answer() == 1
        a.value = 2  # (a paint changes no state; were it to, the pass would still say what it said first)
        with painting(a):  # a pass inside a pass shares its answers
            assert a.answer() == 1
        assert a.answer() == 1
    assert a.times == 3
    with painting(a):  # the next pass asks afresh
        assert a.answer() == 2
    assert a.times == 4


def test_a_frame_asks_once_per_pass_whether_anything_foreign_is_shown(qapp):
    """Whether the scene shows an item the canvas did not make (it walks the scene's items) is asked by the legend's
    hole, the background's clearing, the frame cache's keys and the legend's checks: once a frame, not at each."""
    from osteoviz.qt.canvas import SceneCanvas
    from osteoviz.qt.headless import frame_for

    c = SceneCanvas()
    c.frame = frame_for("endochondral", 140.0)
    c.render_image(800, 450)
    asked = []
    real = c.frame_cache._foreign
    c.frame_cache._foreign = lambda: asked.append(1) or real()
    c.frame = frame_for("endochondral", 141.0)
    c.render_image(800, 450)
    assert 1 <= len(asked) <= 2  # (the frame cache's keys, and the legend's opaque check; 8 without the pass)
