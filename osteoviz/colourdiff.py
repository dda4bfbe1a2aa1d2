"""Colour science for palette checks: sRGB to CIELAB, CIEDE2000, dichromat and washed-out projector simulations."""

from __future__ import annotations

import numpy as np

# D65 reference white (CIE 1931 2°), the white point of sRGB
_WHITE = np.array([0.95047, 1.0, 1.08883])
_RGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])

# Washed-out projector (a lit lecture hall): saturation kept at 70 %, then in linear light a white
# veil of 12 % of peak white is added to every colour (stray light lifts black; contrast ~9:1).
WASH_SATURATION = 0.70
WASH_VEIL = 0.12
# Pairs drawn together must stay at least this far apart (ΔE2000) after the wash-out.
WASHED_MIN_DE = 10.0
# ... and this far apart (ΔE2000) on the profile as designed.
MIN_DE = 15.0
# The colour-blind profile, as a protanope or deuteranope sees it (Viénot et al. 1999 simulation).
DICHROMAT_MIN_DE = 10.0

# Viénot, Brettel & Mollon 1999: dichromat simulation in linear RGB (as used by e.g. DaltonLens).
_PROTAN = np.array([[0.11238, 0.88762, 0.0], [0.11238, 0.88762, 0.0], [0.00401, -0.00401, 1.0]])
_DEUTAN = np.array([[0.29275, 0.70725, 0.0], [0.29275, 0.70725, 0.0], [-0.02234, 0.02234, 1.0]])


def hex_to_srgb(colours) -> np.ndarray:
    """'#rrggbb' strings to an (n, 3) array of sRGB values in 0..1."""
    return np.array([[int(h[i:i + 2], 16) for i in (1, 3, 5)] for h in colours], float).reshape(-1, 3) / 255.0


def srgb_to_linear(c: np.ndarray) -> np.ndarray:
    c = np.asarray(c, float)
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(c: np.ndarray) -> np.ndarray:
    c = np.clip(np.asarray(c, float), 0.0, 1.0)
    return np.where(c <= 0.0031308, c * 12.92, 1.055 * c ** (1 / 2.4) - 0.055)


def linear_to_lab(lin: np.ndarray) -> np.ndarray:
    """Linear sRGB (n, 3) to CIELAB (n, 3), D65."""
    xyz = np.asarray(lin, float) @ _RGB_TO_XYZ.T / _WHITE
    d = 6 / 29
    f = np.where(xyz > d ** 3, np.cbrt(xyz), xyz / (3 * d * d) + 4 / 29)
    return np.stack([116 * f[:, 1] - 16, 500 * (f[:, 0] - f[:, 1]), 200 * (f[:, 1] - f[:, 2])], axis=1)


def srgb_to_lab(c: np.ndarray) -> np.ndarray:
    return linear_to_lab(srgb_to_linear(c))


def delta_e2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005) between rows of two (n, 3) Lab arrays."""
    lab1, lab2 = np.atleast_2d(lab1).astype(float), np.atleast_2d(lab2).astype(float)
    L1, a1, b1 = lab1.T
    L2, a2, b2 = lab2.T
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean ** 7 / (c_mean ** 7 + 25.0 ** 7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    zero = (c1p * c2p) == 0
    dlp = L2 - L1
    dcp = c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(zero, 0.0, dh)
    dhp = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh) / 2)
    lp = (L1 + L2) / 2
    cp = (c1p + c2p) / 2
    hsum = h1p + h2p
    hp = np.where(np.abs(h1p - h2p) <= 180, hsum / 2, np.where(hsum < 360, (hsum + 360) / 2, (hsum - 360) / 2))
    hp = np.where(zero, hsum, hp)
    t = (1 - 0.17 * np.cos(np.radians(hp - 30)) + 0.24 * np.cos(np.radians(2 * hp))
         + 0.32 * np.cos(np.radians(3 * hp + 6)) - 0.20 * np.cos(np.radians(4 * hp - 63)))
    dtheta = 30 * np.exp(-(((hp - 275) / 25) ** 2))
    rc = 2 * np.sqrt(cp ** 7 / (cp ** 7 + 25.0 ** 7))
    sl = 1 + 0.015 * (lp - 50) ** 2 / np.sqrt(20 + (lp - 50) ** 2)
    sc = 1 + 0.045 * cp
    sh = 1 + 0.015 * cp * t
    rt = -np.sin(np.radians(2 * dtheta)) * rc
    x, y, z = dlp / sl, dcp / sc, dhp / sh
    return np.sqrt(x * x + y * y + z * z + rt * y * z)


def washed_out(srgb: np.ndarray, saturation: float = WASH_SATURATION, veil: float = WASH_VEIL) -> np.ndarray:
    """Linear RGB of colours as a washed-out projector shows them: less saturated, with a white veil."""
    lin = srgb_to_linear(srgb)
    y = lin @ _RGB_TO_XYZ[1]
    desat = y[:, None] + saturation * (lin - y[:, None])
    return veil + (1 - veil) * np.clip(desat, 0.0, 1.0)


def dichromat(srgb: np.ndarray, kind: str) -> np.ndarray:
    """Linear RGB of colours as a protanope ('protan') or deuteranope ('deutan') sees them."""
    m = {"protan": _PROTAN, "deutan": _DEUTAN}[kind]
    return np.clip(srgb_to_linear(srgb) @ m.T, 0.0, 1.0)


def pair_distances(labs: np.ndarray, pairs: list[tuple[int, int]]) -> np.ndarray:
    """ΔE2000 for each (i, j) index pair into rows of `labs`."""
    if not pairs:
        return np.zeros(0)
    i, j = np.array(pairs).T
    return delta_e2000(labs[i], labs[j])


def views(hexes, colourblind: bool = False) -> dict[str, tuple[np.ndarray, float]]:
    """Colours as Lab in each view they must stay apart in, with that view's least ΔE2000: as designed, on a
    washed-out projector, and (for the colour-blind profile) as protan and deutan viewers see them."""
    rgb = hex_to_srgb(hexes)
    out = {"as designed": (srgb_to_lab(rgb), MIN_DE),
           "washed-out projector": (linear_to_lab(washed_out(rgb)), WASHED_MIN_DE)}
    if colourblind:
        for kind in ("protan", "deutan"):
            out[kind] = (linear_to_lab(dichromat(rgb, kind)), DICHROMAT_MIN_DE)
    return out
