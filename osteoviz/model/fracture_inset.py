"""The fracture inset: a window on the gap or the callus front at cellular scale, with each cell placed by rule."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from .kinds import Cell as C, Tissue as T
from .lattice import NEIGHBOURS_4, any_neighbour, any_of, dilate

UP = 8  # fine sites per organ site, each way (a child's 200 µm site -> 25 µm: about a cell)
INSET_W, INSET_H = 24, 14  # organ sites in the window (about 16:9; 4.8 x 2.8 mm in a child)

# which cell sits in each tissue, and in what share of its sites
_BASE = {
    T.CARTILAGE: (C.CHONDROCYTE, 0.3), T.HYPERTROPHIC: (C.NONE, 0.0), T.CALCIFIED: (C.NONE, 0.0),
    T.DEAD_BONE: (C.EMPTY_LACUNA, 0.06), T.VESSEL: (C.ENDOTHELIAL, 0.1), T.MARROW: (C.HAEMATOPOIETIC, 0.3), T.YELLOW_MARROW: (C.HAEMATOPOIETIC, 0.08),
    T.MESENCHYME: (C.OSTEOPROGENITOR, 0.25), T.PERIOSTEUM: (C.FIBROBLAST, 0.4), T.GRANULATION: (C.FIBROBLAST, 0.3),
    T.MUSCLE: (C.NONE, 0.0), T.HAEMATOMA: (C.NONE, 0.0),
}


CAMBIUM = 12  # fine sites (300 µm) of the periosteum next to bone: its osteogenic cambium layer
SEAM = 1  # fine sites (about 25 µm): the osteoid seam that osteoblasts lay on woven bone facing a space
CORE_REACH = 16  # fine sites (0.4 mm): trabeculae this close to callus cartilage still hold calcified-cartilage cores


def woven_histology(fine: np.ndarray) -> np.ndarray:
    """Local rules on the fine grid: woven bone facing a vascular space or progenitors carries a pale osteoid seam
    (osteoblasts are laying it); near the cartilage front the middle of each trabecula is still calcified cartilage
    (bone laid on cartilage remnants, mixed spicules)."""
    bone = fine == T.BONE
    soft = any_of(fine, (T.VESSEL, T.MESENCHYME, T.MARROW))
    seam = bone & dilate(soft, SEAM)
    cartilage = any_of(fine, (T.HYPERTROPHIC, T.CALCIFIED))
    if cartilage.any():
        edge = dilate(~bone, 3)
        thick = ~dilate(~bone, 7)  # the inside of a broad plate of bone (no ring of septum round it)
        core = bone & ~edge & ~dilate(thick, 2) & dilate(cartilage, CORE_REACH)  # the septum of a trabecula
        core &= dilate(~dilate(~core, 1), 1)  # no thread of it one or two sites wide (a worm, not a septum)
        fine[core] = T.CALCIFIED
    fine[seam] = T.OSTEOID
    return fine


SCRAP = 128  # fine sites (0.08 mm², two organ sites): a smaller piece of tissue cut by the inset's edge is a shard
# tissues that count as one piece for that: bone, woven or lamellar, with its osteoid seam; cartilage in all its states
_FAMILY = {T.OSTEOID: T.BONE, T.COMPACT: T.BONE, T.HYPERTROPHIC: T.CARTILAGE, T.CALCIFIED: T.CARTILAGE}


def families(fine: np.ndarray) -> np.ndarray:
    """The fine grid with tissues of one family merged (osteoid and lamellar into bone, every cartilage into
    cartilage)."""
    return _FAMILY_LUT[fine]


_FAMILY_LUT = np.arange(256, dtype=np.uint8)  # a tissue code -> its family's code
for _t, _f in _FAMILY.items():
    _FAMILY_LUT[_t] = _f


def components(group: np.ndarray) -> np.ndarray:
    """A label per site: the smallest flat index in its 4-connected piece of equal `group` values (runs along rows
    joined across rows by vectorised union-find, so the cost follows the number of runs, not the piece sizes)."""
    h, w = group.shape
    start = np.ones((h, w), dtype=bool)
    start[:, 1:] = group[:, 1:] != group[:, :-1]
    run = (np.cumsum(start.ravel()) - 1).reshape(h, w)  # one id per run of equal values along a row
    first = np.flatnonzero(start.ravel())  # each run's first site: the smallest flat index of its run
    same = group[1:] == group[:-1]
    pair = run[:-1][same] * first.size + run[1:][same]
    pair = pair[np.concatenate([[True], pair[1:] != pair[:-1]])] if pair.size else pair  # a run pair once per row
    a, b = pair // first.size, pair % first.size  # runs that touch across two rows
    parent = np.arange(first.size)
    while True:
        pa, pb = parent[a], parent[b]
        if np.array_equal(pa, pb):
            return first[parent][run]
        lo = np.minimum(pa, pb)
        np.minimum.at(parent, pa, lo)  # hook each root under the smaller root it touches
        np.minimum.at(parent, pb, lo)
        while True:  # then compress every path to its root
            up = parent[parent]
            if np.array_equal(up, parent):
                break
            parent = up


def border_scraps(fine: np.ndarray, least: int = SCRAP) -> np.ndarray:
    """Labels (as in `components`) of the pieces of tissue that touch the inset's edge and are smaller than `least`
    sites (a scrap sliced off by the window's frame, e.g. a speck of callus cartilage over the gap), -1 elsewhere."""
    lab = components(families(fine))
    size = np.bincount(lab.ravel(), minlength=lab.size)
    edge = np.unique(np.concatenate([lab[0], lab[-1], lab[:, 0], lab[:, -1]]))
    small = edge[size[edge] < least]
    return np.where(np.isin(lab, small), lab, -1)


def without_border_scraps(fine: np.ndarray, least: int = SCRAP) -> np.ndarray:
    """The fine grid with every scrap cut by the inset's edge filled with the tissue that surrounds most of it (in
    place; one step per scrap, not per site)."""
    for _ in range(4):
        scraps = border_scraps(fine, least)
        ids = np.unique(scraps[scraps >= 0])
        if not ids.size:
            break
        for i in ids:
            piece = scraps == i
            ring = any_neighbour(piece, NEIGHBOURS_4) & (scraps < 0)
            if ring.any():
                fine[piece] = np.bincount(fine[ring]).argmax()
    return fine


def inflammation(day: float, pace: float) -> tuple[float, float]:
    """Share of clot sites holding a neutrophil and a macrophage: neutrophils in hours to ~2 days, then
    macrophages over days (conditions-repair-origins.md §3.1-3.2)."""
    d = day / pace
    neut = 0.05 * np.exp(-((np.log(max(d, 0.05)) - np.log(1.0)) / 0.7) ** 2)
    mac = 0.035 * np.exp(-((np.log(max(d, 0.05)) - np.log(4.5)) / 0.8) ** 2)
    return float(neut), float(mac)


class InsetMaker:
    """Fixed jitter and per-site keys for the fine grid, so cells stay put from frame to frame."""

    def __init__(self, seed: int):
        self.seed = seed
        rng = np.random.default_rng(seed)
        h, w = INSET_H * UP, INSET_W * UP
        self.key = rng.random((h, w), dtype=np.float32)
        # smooth sub-site offsets so tissue borders look like tissue, not squares
        jy, jx = rng.standard_normal((2, h, w)).astype(np.float32)
        for _ in range(14):
            jy = (jy + np.roll(jy, 1, 0) + np.roll(jy, -1, 0) + np.roll(jy, 1, 1) + np.roll(jy, -1, 1)) / 5
            jx = (jx + np.roll(jx, 1, 0) + np.roll(jx, -1, 0) + np.roll(jx, 1, 1) + np.roll(jx, -1, 1)) / 5
        jy /= max(float(np.abs(jy).max()), 1e-6)
        jx /= max(float(np.abs(jx).max()), 1e-6)
        fy, fx = np.mgrid[0:h, 0:w].astype(np.float32)
        self.fy = fy
        self.sy = (fy + 0.5) / UP + 0.9 * jy
        self.sx = (fx + 0.5) / UP + 0.9 * jx
        # granulation tissue is capillary-rich: thin wavy capillaries, broken into sprouts, where it has formed
        wave = ((fx / UP) * 0.3 + 2.5 * jy) % 1.0
        self.capillary = (np.abs(wave - 0.5) < 0.1) & (jx > -0.5)
        self.key2 = rng.random((h, w), dtype=np.float32)  # a second key: red cells and fibrin, apart from the first

    def tissue(self, crop: np.ndarray) -> np.ndarray:
        """The crop resampled at UP x UP, with the histology of its woven bone (seams, cartilage cores)."""
        return woven_histology(self.resampled(crop))

    def prepared(self, crop: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(the crop resampled, its histology), each without the scraps cut by the window's edge: read-only, the
        same for every frame of one simulation step (remembered for the last few crops; the cells change by day)."""
        crop = np.ascontiguousarray(crop)
        key = (self.seed, crop.shape, crop.dtype.str, crop.tobytes())
        with _LOCK:
            got = _PREPARED.get(key)
            if got is not None:
                _PREPARED.move_to_end(key)
                return got
        raw = without_border_scraps(self.resampled(crop))
        fine = without_border_scraps(woven_histology(raw.copy()))  # (a core cut by the frame too)
        raw.flags.writeable = fine.flags.writeable = False
        with _LOCK:
            _PREPARED[key] = (raw, fine)
            while len(_PREPARED) > 4:
                _PREPARED.popitem(last=False)
        return raw, fine

    def resampled(self, crop: np.ndarray) -> np.ndarray:
        """The crop resampled at UP x UP with smooth jitter at the borders."""
        ch, cw = crop.shape
        h, w = ch * UP, cw * UP
        iy = np.clip(np.floor(self.sy[:h, :w]), 0, ch - 1).astype(np.intp)
        ix = np.clip(np.floor(self.sx[:h, :w]), 0, cw - 1).astype(np.intp)
        fine = crop[iy, ix]
        fine[(fine == T.GRANULATION) & self.capillary[:h, :w]] = T.VESSEL
        return fine

    def cells(self, fine: np.ndarray, day: float, pace: float, remodelling: bool) -> np.ndarray:
        """A cell code per fine site by local rules: plump osteoblasts in a row on every osteoid seam, osteocytes
        few and scattered in woven bone but in rows and rings (lamellae, osteons) in lamellar bone, osteoclasts
        where calcified cartilage meets vessels, white cells and red cells in the young clot."""
        h, w = fine.shape
        key = self.key[:h, :w]
        out = np.zeros((h, w), np.uint8)
        # remodelling digs the resorption bays and lays the seams behind them first: the other cells follow
        cones = cutting_cones(fine, key) if remodelling else None
        for t, (cell, share) in _BASE.items():
            if share > 0:
                out[(fine == t) & (key < share)] = cell
        # the periosteum's inner (cambium) layer next to the bone holds the osteogenic progenitors; the outer
        # fibrous layer its fibroblasts
        cambium = (fine == T.PERIOSTEUM) & dilate(any_of(fine, (T.COMPACT, T.BONE, T.OSTEOID, T.DEAD_BONE)), CAMBIUM)
        out[cambium & (key < 0.3)] = C.OSTEOPROGENITOR
        out[cambium & (key >= 0.3)] = C.NONE
        # soft callus: chondrocytes still dividing (flattened, in pairs and small groups) away from the front, and
        # fibrocartilage (fibroblast-like cells in the matrix) where the cartilage meets progenitors or granulation
        cart = fine == T.CARTILAGE
        quiet = cart & ~dilate(any_of(fine, (T.HYPERTROPHIC, T.CALCIFIED, T.BONE)), 12)
        out[quiet & (key < 0.3) & ((self.fy[:h, :w].astype(np.int32) // 2) % 3 == 0)] = C.PROLIFERATIVE
        fibro = cart & dilate(any_of(fine, (T.GRANULATION, T.MESENCHYME, T.PERIOSTEUM)), 10)
        out[fibro & (key > 0.3) & (key < 0.4)] = C.FIBROBLAST
        # hypertrophic chondrocytes: swollen, so fewer to an area (kept apart), in hypertrophic cartilage and in the
        # calcified matrix next to it; the calcified-cartilage cores of the trabeculae are cell-free septa
        swollen = (fine == T.HYPERTROPHIC) | ((fine == T.CALCIFIED) & dilate(fine == T.HYPERTROPHIC, 6))
        out[spaced(swollen & (key < 0.3), key, HYP_SPACING)] = C.HYPERTROPHIC
        blood(fine, out, key, self.key2[:h, :w], day, pace)
        neut, mac = inflammation(day, pace)
        clot = any_of(fine, (T.HAEMATOMA, T.GRANULATION))
        out[neutrophil_sites(clot, key, neut)] = C.NEUTROPHIL
        out[clot & (key >= neut) & (key < neut + mac)] = C.MACROPHAGE
        gran = fine == T.GRANULATION
        out[gran & (key > 0.9)] = C.ENDOTHELIAL  # capillary buds
        # woven bone: osteocytes sparse, in large irregular lacunae, never in the seam
        woven = fine == T.BONE
        out[woven & (key < WOVEN_OSTEOCYTES) & ~any_neighbour(~woven)] = C.OSTEOCYTE
        out[lamellar_sites(fine, self.fy[:h, :w], key)] = C.OSTEOCYTE
        front = (fine == T.CALCIFIED) & any_neighbour(fine == T.VESSEL, NEIGHBOURS_4)
        out[front & (key > 0.8)] = C.OSTEOCLAST  # chondroclasts/osteoclasts at the front
        # osteoblasts: a row of plump cells on the space side of each seam
        seam_face = any_of(fine, (T.VESSEL, T.MESENCHYME, T.MARROW)) & any_neighbour(fine == T.OSTEOID, NEIGHBOURS_4)
        out[seam_face & (key < 0.5)] = C.OSTEOBLAST
        if remodelling:  # cutting cones: osteoclasts in bays at the heads of the resorption canals
            out[cones] = C.OSTEOCLAST
        return out


_PREPARED: OrderedDict = OrderedDict()  # (seed, crop) -> InsetMaker.prepared's arrays (the play worker and GUI share it)
_LOCK = threading.Lock()


RED_SHARE = 0.5  # share of fresh-clot sites holding a red cell: erythrocytes are the bulk of a clot
RED_LYSIS_DAYS = 15.0  # after the first days the trapped red cells lyse and are eaten (their share falls by e each)
FIBRIN_SPACING = 3  # fine sites: one tuft of fibrin strands per 7 x 7 sites (175 µm), overlapping into a mesh
NEUT_EDGE = 6  # fine sites (150 µm): the clot's margin (and the dead bone ends) where neutrophils gather
NEUT_SHARE = 1 / 3  # neutrophils: a third of the inflammation curve's share, mostly at the margin
NEUT_INNER = 0.15  # their density deep in the clot, relative to the margin


def blood(fine: np.ndarray, out: np.ndarray, key: np.ndarray, key2: np.ndarray, day: float, pace: float) -> None:
    """The clot's own content, in place: red cells densely packed (the bulk of the clot, thinning as they lyse
    after the first days) trapped in a mesh of thin fibrin strands (conditions-repair-origins.md §3.1: torn
    vessels -> clot, a fibrin scaffold). Only where the haematoma is still drawn: granulation tissue has replaced
    the clot there."""
    clot = fine == T.HAEMATOMA
    if not clot.any():
        return
    d = day / pace
    red = RED_SHARE * float(np.exp(-max(d - 2.0, 0.0) / RED_LYSIS_DAYS))
    out[clot & (key2 < red)] = C.ERYTHROCYTE
    tuft = spaced(clot & (key2 >= red) & (key2 < red + 0.35), key2, FIBRIN_SPACING)
    out[tuft] = C.FIBRIN


def fibrin_stretch(cells: np.ndarray, key2: np.ndarray) -> np.ndarray:
    """Glyph stretch (n, 2) of each fibrin tuft, in the placer's order: stretched along x and y by a fixed per-site
    key, so neighbouring tufts run at different angles and lengths and the strands read as a random mesh, not a
    pattern (positive stretches only: the cell layers draw a glyph at its smaller stretch's pen width)."""
    k = key2.ravel()[np.flatnonzero(cells.ravel() == C.FIBRIN)]
    q = (k * 1000).astype(np.int64)
    sx = 0.7 + 0.3 * (q % 3)
    sy = 0.7 + 0.3 * ((q // 3) % 3)
    return np.stack([sx, sy], axis=1).astype(np.float32)


def clot_depth(clot: np.ndarray, reach: int) -> np.ndarray:
    """Fine sites from each clot site to the clot's edge (anything not clot), up to `reach`."""
    depth = np.full(clot.shape, reach, np.int16)
    outside = ~clot
    for d in range(reach):
        depth[clot & outside & (depth == reach)] = d
        outside = any_neighbour(outside)
    return depth


def neutrophil_sites(clot: np.ndarray, key: np.ndarray, neut: float) -> np.ndarray:
    """Where neutrophils sit: about a third as many as the inflammation curve's share gives, gathered at the clot's
    margin and along the dead bone ends (they come in from the torn vessels at its edge and attack the debris),
    few deep in the clot."""
    if neut <= 0 or not clot.any():
        return np.zeros(clot.shape, bool)
    margin = clot_depth(clot, NEUT_EDGE) < NEUT_EDGE
    n_margin, n_inner = int(np.count_nonzero(margin)), int(np.count_nonzero(clot & ~margin))
    p_margin = NEUT_SHARE * neut * (n_margin + n_inner) / max(n_margin + NEUT_INNER * n_inner, 1)
    p = np.where(margin, p_margin, NEUT_INNER * p_margin)
    return clot & (key < np.minimum(p, neut))


HYP_SPACING = 2  # fine sites: hypertrophic chondrocytes at least 75 µm apart (centre to centre)
HYP_SWELL = 0.45  # extra glyph stretch of a hypertrophic chondrocyte at the calcifying front (femur: swelling to it)


def spaced(cand: np.ndarray, score: np.ndarray, spacing: int) -> np.ndarray:
    """The candidates that score best within `spacing` sites each way (so their cells do not overlap)."""
    score = np.where(cand, score, -1.0)
    return cand & (score >= _window_max(score, spacing))


def _window_max(a: np.ndarray, r: int) -> np.ndarray:
    """The largest value within r sites each way (a square, wrapping round the edges as np.roll does): the max
    along rows, then of that along columns (separable, exact)."""
    h, w = a.shape
    if 2 * r + 1 >= min(h, w):  # a window as wide as the grid: plain rolls (each offset once, as before)
        best = a.copy()
        for dy in range(-r, r + 1):
            for dx in range(-r, r + 1):
                best = np.maximum(best, np.roll(np.roll(a, dy, 0), dx, 1))
        return best
    p = np.concatenate([a[:, w - r:], a, a[:, :r]], axis=1)  # wrapped copies: the same sites np.roll brings in
    rows = p[:, 2 * r:2 * r + w].copy()
    for k in range(2 * r):
        np.maximum(rows, p[:, k:k + w], out=rows)
    p = np.concatenate([rows[h - r:], rows, rows[:r]], axis=0)
    best = p[2 * r:2 * r + h].copy()
    for k in range(2 * r):
        np.maximum(best, p[k:k + h], out=best)
    return best


def hypertrophic_stretch(fine: np.ndarray, cells: np.ndarray) -> np.ndarray:
    """Glyph stretch (n, 2) of each hypertrophic chondrocyte, in the placer's order (raster order): the cells swell
    towards the front where the matrix calcifies and bone is laid (as in the femur's growth plate)."""
    front = any_of(fine, (T.CALCIFIED, T.BONE, T.VESSEL))
    near = np.zeros(fine.shape, np.float32)
    grown = front
    for d in range(1, 13):  # swelling rises over the last 300 µm before the front
        grown = any_neighbour(grown)
        near += grown
    s = 1.0 + HYP_SWELL * (near / 12.0)
    v = s.ravel()[np.flatnonzero(cells.ravel() == C.HYPERTROPHIC)].astype(np.float32)
    return np.stack([v, v], axis=1)


BAY = 0.6  # share of bone round a lumen site (5 x 5) that makes it the closed head of a canal or a resorption bay
SPACING = 5  # fine sites: at most one osteoclast per 11 x 11 sites (a cone head is about 250 µm across)
CONE_GAP, CONE_LEN = 4, 22  # fine sites from an osteoclast to the first osteoblasts, and to the cone's end


def cutting_cones(fine: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Where osteoclasts sit during remodelling (changing `fine` in place): in lumen sites at the closed heads of the
    vascular canals and bays (bone on most sides within 50 µm), each against the bone of the bay it digs (a Howship's
    lacuna), at most one per 11 x 11 sites; further back along the same canal the wall carries an osteoid seam (the
    osteoblasts of the closing cone)."""
    hard = any_of(fine, (T.BONE, T.COMPACT, T.DEAD_BONE, T.OSTEOID))
    lumen = fine == T.VESSEL
    h, w = fine.shape
    c = np.pad(hard.astype(np.int32), 2).cumsum(0).cumsum(1)
    c = np.pad(c, ((1, 0), (1, 0)))
    box = c[5:, 5:] - c[:-5, 5:] - c[5:, :-5] + c[:-5, :-5]  # hard sites in the 5 x 5 window round each site
    cand = lumen & any_neighbour(hard, NEIGHBOURS_4) & (box >= BAY * 25) & (key > 0.55)
    ocl = spaced(cand, box + key, SPACING)
    ocl[:, :3] = ocl[:, -3:] = False
    ocl[:3] = ocl[-3:] = False
    behind = dilate(ocl, CONE_LEN) & ~dilate(ocl, CONE_GAP)
    wall = any_of(fine, (T.BONE, T.COMPACT)) & any_neighbour(fine == T.VESSEL, NEIGHBOURS_4) & behind
    fine[wall] = T.OSTEOID
    return ocl


WOVEN_OSTEOCYTES = 0.035  # share of woven-bone sites with an osteocyte (sparse to moderate, 1-2 per 100 µm square)


def lamellar_sites(fine: np.ndarray, fy: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Osteocytes of lamellar (compact) bone: on rings round each canal (osteons) and elsewhere in rows along the
    shaft (circumferential lamellae), a lamella every 4 fine sites (about 100 µm apart)."""
    compact = fine == T.COMPACT
    if not compact.any():
        return compact
    canal = fine == T.VESSEL
    ring = np.zeros(fine.shape, bool)
    near = canal.copy()
    for d in range(1, 13):  # distance from the nearest canal, ring by ring
        grown = any_neighbour(near)
        if d % 4 == 0:
            ring |= grown & ~near
        near = grown
    rows = (fy.astype(np.int32) % 4 == 0) & ~near
    return compact & (ring | rows) & (key < 0.45) & ~any_neighbour(~compact & ~canal)


_RANK = {"ossification": 0, "calcified": 1, "hypertrophic": 2, "callus_cartilage": 3}


def _in_order(prev: str, z: str, first: str) -> bool:
    """Whether zone z may follow prev across the window: the front's order, bone to cartilage or the other way
    round (set by the first zone), each zone once."""
    step = _RANK[z] - _RANK[prev]
    rising = _RANK[first] <= 1
    return step > 0 if rising else step < 0


def zones_along_x(fine: np.ndarray, rows: slice) -> list[tuple[str, float, float, str]]:
    """Bracketed zones across the inset, named as in a growth plate: the column's most common callus tissue."""
    codes = (T.CARTILAGE, T.HYPERTROPHIC, T.CALCIFIED, T.BONE)  # ties: the first of these
    names = ("callus_cartilage", "hypertrophic", "calcified", "ossification")
    band = fine[rows]
    counts = (band[None] == np.array(codes, band.dtype)[:, None, None]).sum(axis=1)  # (4, columns)
    least = 0.15 * band.shape[0]
    best = np.argmax(counts, axis=0)
    for thin in (1, 2):  # thin zones of the front count where they show clearly (calcified before hypertrophic)
        best = np.where(counts[thin] >= least, thin, best)
    shown = np.take_along_axis(counts, best[None], axis=0)[0] >= least
    # runs of one zone (columns without one skipped); short interruptions are merged into their neighbour below
    xs = np.flatnonzero(shown)
    z = best[xs]
    cut = np.flatnonzero(np.diff(z)) + 1
    starts, ends = np.concatenate([[0], cut]), np.concatenate([cut, [xs.size]])
    out = [[names[int(z[a])], int(xs[a]), int(xs[b - 1]) + 1] for a, b in zip(starts, ends)] if xs.size else []
    w = band.shape[1]
    kept: list[list] = []
    for z, a, b in (r for r in out if r[2] - r[1] >= 0.035 * w):  # slivers dropped, then neighbours joined
        if kept and (kept[-1][0] == z or not _in_order(kept[-1][0], z, kept[0][0])):
            kept[-1][2] = b  # the same zone, or one out of the front's order: part of the zone before it
        else:
            kept.append([z, a, b])
    return [(z, float(a), float(b), "x") for z, a, b in kept]
