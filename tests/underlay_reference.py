"""The underlay's map as it was made before its neighbourhood was taken one direction at a time (for tests)."""

import numpy as np


def underlay_labels(labels: np.ndarray, background: int) -> np.ndarray:
    """Sites with the background among their eight neighbours (a crop's edge not counting) given the background's
    label: the nine shifts of the padded map at once, as Underlay did."""
    lab = np.ascontiguousarray(labels, dtype=np.uint8)
    out = np.pad(lab == background, 1, mode="edge")
    near = out[1:-1, 1:-1] | out[:-2, 1:-1] | out[2:, 1:-1] | out[1:-1, :-2] | out[1:-1, 2:]
    near |= out[:-2, :-2] | out[:-2, 2:] | out[2:, :-2] | out[2:, 2:]
    return np.where(near, np.uint8(background), lab)
