"""Benchmark baseline: the same frame drawn with matplotlib (Agg), run in its own subprocess."""

from __future__ import annotations

import json
import statistics
import sys
import time

import numpy as np


def main(path: str, width: int, height: int, repeats: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = np.load(path)
    lut = data["lut"][:, :3] / 255.0
    fig = plt.figure(figsize=(width / 100, height / 100), dpi=100)
    ax_main = fig.add_axes([0.01, 0.55, 0.75, 0.36])
    ax_inset = fig.add_axes([0.15, 0.03, 0.5, 0.48])
    for ax in (ax_main, ax_inset):
        ax.set_axis_off()
    main_img = ax_main.imshow(lut[data["main"]], interpolation="nearest", aspect="equal")
    inset_img = ax_inset.imshow(lut[data["inset"]], interpolation="nearest", aspect="equal")
    codes = [int(k.split("_")[1]) for k in data.files if k.startswith("cells_")]
    scatters = {c: ax_inset.scatter([], [], s=30, marker="o") for c in codes}
    title = fig.text(0.01, 0.95, "", fontsize=28, weight="bold")
    legend = [fig.text(0.8, 0.9 - 0.03 * i, f"entry {i}", fontsize=14) for i in range(16)]
    times, cpu = [], []
    for i in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        shift = (i % 2) * 0.1  # cells move between frames
        main_img.set_data(lut[data["main"]])
        inset_img.set_data(lut[data["inset"]])
        for c, sc in scatters.items():
            sc.set_offsets(data[f"cells_{c}"] + shift)
        title.set_text(f"week {8 + i}")
        for t in legend:
            t.set_text(t.get_text())
        fig.canvas.draw()
        fig.canvas.buffer_rgba()
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    print(json.dumps({"median_ms": 1000 * statistics.median(times[1:]), "median_cpu_ms": 1000 * statistics.median(cpu[1:])}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
