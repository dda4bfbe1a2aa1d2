"""Write assets/skeleton/drawing.json: the skeleton map's vector shapes (front view and a skull side view).

Run from the repository root: python -m osteoviz.skeleton_drawing. Coordinates: front view in units of
body height / 200 (vertex y=2, sole y=200, midline x=50), the person's LEFT side drawn (viewer's right)
and mirrored; skull side view in its own 0..100 x 0..80 box, face to the left.
"""

import json
import math
import re
from pathlib import Path

R = lambda v: round(v, 2)  # noqa: E731


def pts(seq):
    return [[R(x), R(y)] for x, y in seq]


def ell_arc(cx, cy, rx, ry, a0, a1, n=12):
    return [(cx + rx * math.cos(a0 + (a1 - a0) * i / n), cy + ry * math.sin(a0 + (a1 - a0) * i / n)) for i in range(n + 1)]


def bezier(p0, p1, p2, p3, n=14):
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def poly(p):
    return {"poly": pts(p)}


def ellipse(cx, cy, rx, ry):
    return {"ellipse": [R(cx), R(cy), R(rx), R(ry)]}


def stroke(p, w):
    return {"stroke": pts(p), "width": R(w)}


def mirror_x(p, axis=50.0):
    return [(2 * axis - x, y) for x, y in p]


layers = []


def bone(bid, shapes, mirror=True, start=None):
    layers.append({"bone": bid, "mirror": mirror, "shapes": shapes})
    if start:
        layers[-1]["from"] = pts(start)


def hole(shapes, mirror=True):
    layers.append({"hole": True, "mirror": mirror, "shapes": shapes})


def cartilage(shapes, mirror=True):
    layers.append({"cartilage": True, "mirror": mirror, "shapes": shapes})


RADII = {('femur', 'head'): 2.1, ('femur', 'greater_trochanter'): 1.3, ('femur', 'lesser_trochanter'): 0.8, ('femur', 'distal'): 2.0, ('tibia', 'proximal'): 2.0, ('tibia', 'distal'): 1.3, ('fibula', 'proximal'): 0.9, ('fibula', 'distal'): 0.9, ('humerus', 'head'): 2.0, ('humerus', 'greater_tubercle'): 0.9, ('humerus', 'capitulum'): 0.9, ('humerus', 'trochlea'): 0.9, ('humerus', 'medial_epicondyle'): 0.7, ('humerus', 'lateral_epicondyle'): 0.6, ('radius', 'head'): 0.8, ('radius', 'distal'): 1.2, ('ulna', 'olecranon'): 0.9, ('ulna', 'distal'): 0.8, ('clavicle', 'sternal_end'): 0.9, ('scapula', 'coracoid'): 0.8, ('scapula', 'acromion'): 0.9, ('scapula', 'inferior_angle'): 0.9, ('ilium', 'iliac_crest'): 0.8, ('ischium', 'ischial_tuberosity'): 0.9, ('pubis', 'os_acetabuli'): 0.6, ('calcaneus', 'calcaneal_apophysis'): 0.7, ('metacarpals', 'heads'): 0.5, ('phalanges_hand_proximal_middle', 'bases'): 0.42, ('phalanges_hand_distal', 'bases'): 0.4, ('metatarsals', 'heads'): 0.55, ('phalanges_foot_proximal', 'bases'): 0.45, ('hyoid', 'lesser_horns'): 0.4, ('vertebrae_lumbar', 'ring_apophyses'): 0.6}

# ---- front view ---------------------------------------------------------------------------
# spine behind everything
cerv = [poly([(48.3, y), (51.7, y), (51.7, y + 1.9), (48.3, y + 1.9)]) for y in [22.5 + i * 2.25 for i in range(7)]]
bone("vertebrae_cervical", cerv, mirror=False)
thor = []
y = 38.6
for i in range(12):
    hw = 1.9 + 0.3 * i / 11
    thor.append(poly([(50 - hw, y), (50 + hw, y), (50 + hw, y + 1.85), (50 - hw, y + 1.85)]))
    y += 2.15
bone("vertebrae_thoracic", thor, mirror=False)
lumb = []
y = 64.6
for i in range(5):
    hw = 2.5 + 0.1 * i
    lumb.append(poly([(50 - hw, y), (50 + hw, y), (50 + hw, y + 2.9), (50 - hw, y + 2.9)]))
    y += 3.35
bone("vertebrae_lumbar", lumb, mirror=False)
bone("sacrum", [poly([(45.9, 81.6), (54.1, 81.6), (53.7, 85), (52.5, 89.5), (50.9, 92.8), (49.1, 92.8), (47.5, 89.5), (46.3, 85)])], mirror=False)
bone("coccyx", [poly([(49.15, 93.2), (50.85, 93.2), (50.55, 95.4), (50, 96.4), (49.45, 95.4)])], mirror=False)

# scapula behind the ribs
bone("scapula", [poly([(60.0, 38.4), (63.5, 37.6), (67.6, 37.0), (68.7, 38.3), (67.4, 39.6), (66.3, 41.9), (66.3, 44.6),
                       (64.6, 52.6), (62.6, 54.2), (60.6, 46.5), (59.6, 41.0)])])

# ribs (bone) and costal cartilages
front_y = [39.9, 42.0, 44.4, 46.7, 49.1, 51.6, 54.2]
widths = [5.2, 8.3, 10.4, 11.8, 12.8, 13.4, 13.7, 13.6, 13.2, 12.5, 11.2, 9.6]
rib_shapes, cart_shapes = [], []
for i in range(12):
    yv = 39.5 + i * 2.15
    w = widths[i]
    drop = 3.5 + 0.55 * i if i < 10 else 3.0 + 0.3 * i
    end_x = 50 + (w * 0.62 if i >= 2 else w * 0.75)
    if i >= 10:
        end_x = 50 + w * 0.92
    end_y = yv + drop
    p = bezier((51.7, yv), (50 + w * 0.9, yv - 1.6), (50 + w * 1.12, yv + drop * 0.45), (end_x, end_y))
    rib_shapes.append(stroke(p, 1.05 if i else 1.3))
    if i < 7:
        sy = front_y[i]
        cart_shapes.append(stroke(bezier((end_x, end_y), (end_x - 1.5, end_y + 0.6), (52.4, sy + 0.8), (51.1, sy)), 0.8))
    elif i < 10:
        # false ribs: cartilage up to the cartilage above (costal margin)
        tx = 50 + [4.2, 5.8, 7.6][i - 7]
        ty = front_y[6] + [1.6, 3.6, 5.6][i - 7]
        cart_shapes.append(stroke(bezier((end_x, end_y), (end_x - 1.2, end_y + 0.4), (tx + 1.0, ty + 1.2), (tx, ty)), 0.75))
cart_shapes.append(stroke([(51.1, front_y[6]), (54.2, 56.3), (55.8, 58.2), (57.6, 60.2)], 0.8))
bone("ribs", rib_shapes)
cartilage(cart_shapes)

bone("sternum", [poly([(48.0, 38.7), (52.0, 38.7), (52.4, 39.9), (51.6, 42.5), (51.2, 43.1), (48.8, 43.1), (48.4, 42.5), (47.6, 39.9)]),
                 poly([(48.75, 43.3), (51.25, 43.3), (51.45, 55.3), (50.9, 56.3), (49.1, 56.3), (48.55, 55.3)])], mirror=False)
bone("xiphoid", [poly([(49.25, 56.5), (50.75, 56.5), (50.35, 59.0), (50, 59.6), (49.65, 59.0)])], mirror=False)
bone("clavicle", [stroke([(51.0, 38.3), (53.0, 38.9), (55.5, 38.9), (59.0, 37.9), (62.5, 37.0), (65.5, 36.8), (67.9, 37.1)], 1.35)])

# skull
frontal = ell_arc(50, 12.5, 8.6, 10.5, -math.pi * 0.80, -math.pi * 0.20)
frontal_r = [p for p in frontal if p[0] >= 50]
frontal_half = frontal_r + [(56.95, 9.5), (56.9, 12.2), (57.05, 15.3), (56.2, 15.5), (55.7, 14.5), (54.0, 13.9),
                            (52.2, 14.4), (51.25, 15.2), (50.6, 15.9), (50, 16.0)]
bone("frontal", [poly([(50, frontal_r[0][1])] + frontal_half + list(reversed(mirror_x(frontal_half))))], mirror=False,
     start=[(54.2, 10.5), (45.8, 10.5)])  # two centres, one above each orbit
par_outer = ell_arc(50, 12.5, 8.6, 10.5, -math.pi * 0.20, math.pi * 0.02, 8)
bone("parietal", [poly(par_outer + [(57.15, 13.0), (56.9, 12.2), (56.95, 9.5)])])
bone("temporal_squama", [poly([(58.6, 13.2), (58.35, 16.6), (57.9, 19.0), (57.25, 18.7), (57.4, 15.6), (57.15, 13.0)])])
bone("sphenoid_greater_wing", [poly([(57.15, 13.0), (57.4, 15.6), (57.25, 18.0), (56.5, 17.4), (56.2, 15.5), (57.05, 15.3), (56.9, 12.2)])])
mand_outer = [(50, 28.4), (52.6, 28.1), (54.9, 27.1), (56.3, 25.4), (56.6, 22.4), (56.8, 20.2)]
mand_inner = [(55.8, 20.4), (55.7, 23.2), (54.6, 25.4), (52.6, 26.4), (50, 26.6)]
bone("mandible", [poly(mand_outer + mand_inner + list(reversed(mirror_x(mand_inner))) + list(reversed(mirror_x(mand_outer)))[:-1])],
     mirror=False, start=[(53.4, 27.0), (46.6, 27.0)])  # one centre on each side, beside Meckel's cartilage
bone("maxilla", [poly([(50.0, 16.0), (51.25, 15.2), (52.2, 16.0), (52.3, 18.2), (53.6, 19.2), (54.2, 20.4), (55.9, 21.1),
                       (55.6, 23.4), (54.2, 25.0), (52.2, 25.7), (50, 25.8)])])
bone("zygomatic", [poly([(57.05, 15.3), (57.55, 17.5), (57.6, 19.3), (56.1, 21.3), (54.2, 20.4), (53.6, 19.2), (55.6, 18.6),
                         (56.5, 17.2), (56.2, 15.5)])])
hole([ellipse(54.0, 16.6, 2.65, 2.35)])  # orbit
hole([poly([(50, 18.3), (51.1, 19.3), (51.9, 21.2), (51.75, 22.9), (50.9, 23.7), (50, 23.9), (49.1, 23.7), (48.25, 22.9),
            (48.1, 21.2), (48.9, 19.3)])], mirror=False)  # nasal aperture
bone("nasal", [poly([(50, 15.9), (50.75, 15.8), (51.15, 17.6), (51.1, 18.9), (50, 18.5)])])
bone("vomer", [poly([(49.72, 19.6), (50.28, 19.6), (50.32, 23.7), (49.68, 23.7)])], mirror=False)
bone("inferior_concha", [ellipse(51.05, 22.3, 0.55, 0.95)])
bone("ethmoid", [ellipse(52.05, 16.3, 0.45, 0.95)])
bone("lacrimal", [ellipse(52.25, 17.95, 0.42, 0.55)])
bone("hyoid", [stroke([(47.6, 29.5), (48.5, 30.4), (50, 30.7), (51.5, 30.4), (52.4, 29.5)], 0.7)], mirror=False)

# pelvis
bone("ilium", [poly([(53.0, 82.0), (55.5, 79.9), (59.5, 79.5), (62.7, 80.5), (64.2, 83.0), (63.6, 85.6), (62.6, 88.2),
                     (62.3, 90.6), (59.5, 91.3), (56.8, 90.6), (55.0, 89.0), (53.6, 86.8), (53.2, 84.5)])])
bone("pubis", [poly([(56.8, 90.6), (59.5, 91.3), (59.0, 93.2), (58.6, 94.8), (56.4, 96.4), (54.4, 97.4), (53.4, 99.4),
                     (54.3, 100.8), (56.2, 101.6), (56.0, 103.0), (54.2, 102.6), (52.2, 101.6), (51.0, 101.0), (51.0, 96.6),
                     (52.6, 96.3), (54.5, 95.2)])])
bone("ischium", [poly([(58.6, 94.8), (59.0, 93.2), (61.6, 93.4), (62.3, 96.5), (61.9, 100.0), (60.9, 102.8), (59.0, 103.9),
                       (57.2, 103.8), (56.0, 103.0), (56.2, 101.6), (57.8, 101.5), (59.0, 99.5), (58.8, 96.8)])])
hole([ellipse(56.7, 99.1, 1.7, 2.05)])  # obturator foramen

# lower limb
bone("femur", [ellipse(59.8, 93.4, 2.15, 2.15),
               poly([(60.3, 92.2), (62.8, 91.7), (64.2, 91.2), (65.0, 93.0), (64.9, 95.8), (64.2, 98.5), (63.3, 103.0),
                     (62.0, 120.0), (61.3, 134.8), (62.5, 137.4), (62.7, 140.1), (61.8, 141.6), (60.2, 141.5), (59.4, 140.9),
                     (58.6, 141.6), (56.9, 141.6), (56.2, 140.0), (56.6, 137.5), (58.0, 134.6), (59.6, 120.0), (61.0, 103.0),
                     (61.5, 99.0), (60.6, 98.0), (60.9, 96.7), (60.2, 95.2)])])
bone("patella", [ellipse(59.6, 137.6, 1.5, 1.85)])
bone("fibula", [poly([(61.9, 143.4), (63.4, 143.3), (63.7, 145.1), (62.9, 146.6), (62.9, 184.0), (63.5, 189.5), (62.6, 192.2),
                      (61.4, 190.4), (61.5, 184.0), (61.8, 146.6), (61.4, 145.1)])])
bone("tibia", [poly([(56.3, 142.3), (61.6, 142.2), (62.0, 144.1), (60.7, 146.7), (60.3, 150.0), (59.9, 182.0), (60.3, 187.5),
                     (59.6, 189.6), (57.8, 190.0), (56.8, 191.4), (56.0, 189.6), (56.4, 184.0), (57.3, 150.0), (56.6, 146.6),
                     (55.9, 144.3)])])
bone("calcaneus", [ellipse(62.1, 193.6, 1.25, 1.55)])
bone("talus", [ellipse(59.3, 192.0, 2.0, 1.25)])
bone("navicular", [ellipse(57.5, 193.9, 1.3, 0.8)])
bone("cuboid", [ellipse(61.55, 195.3, 1.15, 1.2)])
bone("cuneiform_medial", [ellipse(56.35, 195.8, 0.75, 1.0)])
bone("cuneiform_intermediate", [ellipse(57.85, 195.7, 0.62, 0.85)])
bone("cuneiform_lateral", [ellipse(59.3, 195.8, 0.68, 0.95)])
mt = [((56.2, 197.0), (55.3, 202.8), 1.25), ((57.8, 197.0), (57.5, 203.3), 0.85), ((59.3, 197.0), (59.5, 203.1), 0.85),
      ((60.8, 197.0), (61.4, 202.7), 0.85), ((62.2, 196.8), (63.2, 202.1), 0.85)]
bone("metatarsals", [stroke([a, b], w) for a, b, w in mt])
bone("phalanges_foot_proximal", [stroke(s, w) for s, w in [
    ([(55.2, 203.5), (54.9, 205.9)], 1.15), ([(57.45, 203.9), (57.35, 205.8)], 0.75), ([(59.55, 203.7), (59.65, 205.5)], 0.75),
    ([(61.5, 203.3), (61.8, 205.0)], 0.75), ([(63.35, 202.7), (63.7, 204.2)], 0.7)]])
bone("phalanges_foot_middle", [stroke(s, 0.65) for s in [
    [(57.3, 206.3), (57.25, 207.2)], [(59.7, 206.0), (59.75, 206.9)], [(61.85, 205.5), (62.0, 206.3)], [(63.8, 204.7), (63.95, 205.3)]]])
bone("phalanges_foot_distal", [stroke(s, w) for s, w in [
    ([(54.85, 206.6), (54.7, 208.3)], 1.05), ([(57.2, 207.7), (57.15, 208.6)], 0.6), ([(59.8, 207.4), (59.85, 208.3)], 0.6),
    ([(62.05, 206.8), (62.15, 207.6)], 0.55), ([(64.0, 205.8), (64.1, 206.4)], 0.5)]])

# upper limb
bone("humerus", [ellipse(67.3, 40.4, 2.0, 2.1),
                 poly([(65.6, 41.6), (69.2, 40.7), (69.4, 43.5), (68.8, 47.0), (69.3, 66.0), (70.6, 69.5), (71.3, 72.1),
                       (70.3, 73.2), (68.9, 72.8), (67.2, 73.2), (66.1, 72.6), (65.6, 70.8), (66.0, 68.5), (66.9, 64.5),
                       (66.3, 47.0), (65.6, 44.0)])])
bone("ulna", [poly([(66.6, 73.2), (68.6, 72.9), (68.7, 75.5), (68.6, 78.0), (69.9, 98.5), (70.6, 100.8), (69.9, 102.0),
                    (68.9, 101.2), (68.7, 98.5), (67.4, 78.0), (66.8, 76.0)])])
bone("radius", [poly([(69.0, 73.9), (70.9, 73.8), (71.0, 75.4), (70.6, 77.0), (72.3, 93.0), (74.2, 99.0), (74.6, 101.8),
                      (71.3, 102.2), (71.0, 100.0), (70.9, 96.0), (69.6, 77.5), (69.2, 75.5)])])
bone("scaphoid", [ellipse(73.8, 103.6, 0.85, 0.95)])
bone("lunate", [ellipse(72.3, 103.5, 0.7, 0.85)])
bone("triquetrum", [ellipse(70.95, 103.7, 0.65, 0.8)])
bone("pisiform", [ellipse(70.2, 104.4, 0.45, 0.5)])
bone("trapezium", [ellipse(74.95, 105.6, 0.75, 0.85)])
bone("trapezoid", [ellipse(73.55, 105.6, 0.62, 0.75)])
bone("capitate", [ellipse(72.25, 105.5, 0.68, 1.05)])
bone("hamate", [ellipse(70.9, 105.5, 0.68, 0.95)])
mc = [((75.4, 106.5), (77.2, 110.4), 0.95), ((73.6, 106.8), (74.2, 113.5), 0.85), ((72.3, 106.9), (72.5, 114.0), 0.85),
      ((71.1, 106.8), (70.9, 113.4), 0.8), ((70.1, 106.6), (69.5, 112.6), 0.75)]
bone("metacarpals", [stroke([a, b], w) for a, b, w in mc])
bone("phalanges_hand_proximal_middle", [stroke(s, w) for s, w in [
    ([(77.45, 110.9), (78.4, 113.5)], 0.85), ([(74.35, 114.2), (74.7, 118.0)], 0.75), ([(72.55, 114.6), (72.7, 118.8)], 0.75),
    ([(70.85, 114.0), (70.6, 117.9)], 0.72), ([(69.35, 113.2), (68.9, 116.3)], 0.68),
    ([(74.75, 118.5), (74.95, 121.0)], 0.68), ([(72.75, 119.3), (72.85, 122.0)], 0.68), ([(70.55, 118.4), (70.4, 121.0)], 0.66),
    ([(68.85, 116.8), (68.6, 118.6)], 0.62)]])
bone("phalanges_hand_distal", [stroke(s, w) for s, w in [
    ([(78.55, 114.1), (79.1, 116.1)], 0.75), ([(75.0, 121.5), (75.1, 123.1)], 0.6), ([(72.9, 122.5), (72.95, 124.3)], 0.6),
    ([(70.35, 121.5), (70.25, 123.1)], 0.58), ([(68.55, 119.1), (68.4, 120.4)], 0.55)]])

front_centres = {
    "femur": {"head": [[59.8, 93.4]], "greater_trochanter": [[64.0, 93.2]], "lesser_trochanter": [[61.0, 97.6]],
              "distal": [[59.5, 140.0]]},
    "tibia": {"proximal": [[58.6, 143.6]], "distal": [[58.2, 188.9]]},
    "fibula": {"proximal": [[62.6, 144.3]], "distal": [[62.5, 190.4]]},
    "humerus": {"head": [[67.3, 40.4]], "greater_tubercle": [[68.7, 42.0]], "capitulum": [[69.9, 72.1]],
                "trochlea": [[67.9, 72.4]], "medial_epicondyle": [[66.3, 71.2]], "lateral_epicondyle": [[70.8, 71.2]]},
    "radius": {"head": [[70.0, 74.6]], "distal": [[72.9, 101.0]]},
    "ulna": {"olecranon": [[67.6, 74.0]], "distal": [[69.8, 100.9]]},
    "clavicle": {"sternal_end": [[52.0, 38.6]]},
    "scapula": {"coracoid": [[64.2, 39.4]], "acromion": [[67.2, 37.6]], "inferior_angle": [[62.8, 53.2]]},
    "ilium": {"iliac_crest": [[56.5, 80.2], [60.2, 80.0], [63.2, 81.5]]},
    "ischium": {"ischial_tuberosity": [[60.2, 102.6]]},
    "pubis": {"os_acetabuli": [[58.2, 92.0]]},
    "calcaneus": {"calcaneal_apophysis": [[62.4, 194.6]]},
    "metacarpals": {"heads": [[75.5, 106.8], [74.15, 113.1], [72.5, 113.6], [70.9, 113.0], [69.55, 112.2]]},
    "phalanges_hand_proximal_middle": {"bases": [[77.5, 111.2], [74.4, 114.5], [72.6, 114.9], [70.8, 114.3], [69.3, 113.5],
                                                 [74.8, 118.8], [72.8, 119.6], [70.5, 118.7], [68.8, 117.1]]},
    "phalanges_hand_distal": {"bases": [[78.6, 114.4], [75.0, 121.8], [72.9, 122.8], [70.35, 121.8], [68.55, 119.4]]},
    "metatarsals": {"heads": [[56.15, 197.3], [57.5, 202.9], [59.5, 202.7], [61.35, 202.3], [63.1, 201.7]]},
    "phalanges_foot_proximal": {"bases": [[55.2, 203.8], [57.45, 204.2], [59.55, 204.0], [61.5, 203.6], [63.4, 203.0]]},
    "hyoid": {"lesser_horns": [[48.6, 30.0]]},
}

front_centres = {b: {c: {"at": v, "r": RADII[(b, c)]} for c, v in cs.items()} for b, cs in front_centres.items()}
front = {"viewbox": [20, 0, 60, 210], "axis": 50, "layers": layers, "centres": front_centres}

# ---- skull, side view (face to the left) ---------------------------------------------------
layers = []
E = lambda a: (55 + 34 * math.cos(a), 34 + 28 * math.sin(a))  # noqa: E731
bone("mandible", [ellipse(60.0, 52.6, 1.9, 1.4),
                  poly([(21.6, 65.4), (26.0, 65.2), (35.0, 64.6), (43.5, 62.6), (45.6, 56.5), (47.6, 50.0), (50.0, 54.5),
                        (53.2, 56.0), (56.4, 55.0), (58.4, 53.0), (61.0, 53.4), (60.2, 58.5), (59.0, 65.5), (57.6, 69.6),
                        (55.0, 71.2), (48.0, 72.2), (38.0, 73.4), (28.0, 74.4), (23.2, 74.6), (20.6, 73.2), (20.1, 69.6)])],
     mirror=False, start=[(30.0, 70.0)])  # first: the zygomatic arch hides the coronoid process
coronal = [(47.6, 6.7), (46.6, 14.0), (43.6, 24.0), (40.6, 33.0), (38.6, 40.5)]
lambdoid = [(83.7, 19.0), (82.6, 29.0), (81.2, 35.5), (79.6, 41.0)]
squamosal = [(79.6, 41.0), (72.0, 37.0), (64.0, 32.6), (55.0, 32.0), (47.5, 35.0), (41.6, 40.6)]
frontal_arc = [E(math.pi * (0.93 + (1.43 - 0.93) * i / 16)) for i in range(17)]
bone("frontal", [poly(frontal_arc + coronal[1:] + [(34.0, 41.6), (30.0, 42.6), (27.5, 42.8), (24.0, 43.0), (21.8, 42.5)])], mirror=False,
     start=[(30.0, 33.0)])
parietal_arc = [E(math.pi * (1.43 + (1.82 - 1.43) * i / 12)) for i in range(13)]
bone("parietal", [poly(list(reversed(coronal)) + parietal_arc[1:] + lambdoid[1:] + squamosal[1:])], mirror=False,
     start=[(64.0, 20.0)])  # the parietal eminence
ip_arc = [E(math.pi * (1.82 + (1.97 - 1.82) * i / 6)) for i in range(7)]
bone("occipital_interparietal", [poly(ip_arc + [(86.0, 36.0), (81.2, 35.5), (82.6, 29.0)])], mirror=False)
so_arc = [E(math.pi * (1.97 + (2.12 - 1.97) * i / 6)) for i in range(7)]
bone("occipital_supraoccipital", [poly(so_arc + [(83.0, 48.0), (79.5, 47.5), (79.6, 41.0), (81.2, 35.5), (86.0, 36.0)])], mirror=False)
bone("temporal_squama", [poly(list(reversed(squamosal)) + [(79.5, 47.5), (74.0, 46.5), (70.5, 47.6), (66.5, 48.2), (62.5, 48.0),
                                                             (52.0, 48.8), (45.5, 49.6), (45.0, 51.0), (52.0, 51.1), (61.5, 51.4),
                                                             (63.5, 49.8), (64.0, 48.6), (55.0, 47.2), (47.0, 46.3), (42.6, 44.2)])],
     mirror=False)
bone("temporal_petromastoid", [poly([(71.0, 48.0), (79.5, 47.5), (79.6, 51.5), (76.8, 57.8), (74.2, 58.5), (72.4, 55.0), (70.4, 52.8)])],
     mirror=False)
bone("temporal_tympanic", [poly([(64.2, 52.6), (66.0, 54.4), (68.2, 54.7), (70.0, 53.0), (70.4, 54.6), (68.5, 56.6), (65.6, 56.4),
                                 (63.6, 54.5)])], mirror=False)
bone("sphenoid_greater_wing", [poly([(38.6, 40.5), (41.6, 40.6), (42.6, 44.2), (47.0, 46.3), (45.5, 49.6), (40.0, 49.4), (37.6, 46.8),
                                     (37.0, 42.0)])], mirror=False)
bone("zygomatic", [poly([(34.0, 41.6), (37.0, 42.0), (37.6, 46.8), (40.0, 49.4), (45.5, 49.6), (45.0, 51.0), (39.5, 52.6),
                         (34.6, 53.2), (31.4, 50.6), (31.6, 46.8), (33.6, 44.5)])], mirror=False)
bone("maxilla", [poly([(22.8, 48.8), (25.0, 48.0), (24.8, 52.4), (29.0, 52.9), (31.4, 50.6), (34.6, 53.2), (39.5, 52.6), (40.2, 56.0),
                       (38.2, 61.0), (34.2, 63.6), (27.0, 64.6), (21.0, 64.6), (19.3, 62.2), (20.6, 58.6), (19.9, 55.6),
                       (19.5, 52.6)])], mirror=False, start=[(30.0, 58.0)])
hole([ellipse(28.3, 47.6, 5.0, 4.75), ellipse(67.2, 51.4, 1.9, 1.9)], mirror=False)  # orbit, external acoustic meatus
bone("nasal", [poly([(21.8, 42.5), (24.0, 43.0), (22.8, 48.8), (19.5, 52.6), (18.4, 51.6), (20.4, 46.4)])], mirror=False)
bone("lacrimal", [ellipse(24.7, 47.8, 1.0, 1.4)], mirror=False)
# labels: anchor on the bone, label text at (x, y) outside the skull; side says which way the text runs
L = lambda b, ax, ay, ty, side: {"bone": b, "anchor": [ax, ay], "text": [15.0 if side == "left" else 93.0, ty], "side": side}  # noqa: E731
side_labels = [
    L("frontal", 30.0, 24.0, 16.0, "left"), L("sphenoid_greater_wing", 40.5, 45.0, 27.0, "left"),
    L("nasal", 20.9, 47.0, 37.0, "left"), L("lacrimal", 24.7, 47.8, 44.0, "left"),
    L("zygomatic", 36.0, 50.5, 51.0, "left"), L("maxilla", 27.0, 59.0, 59.0, "left"),
    L("mandible", 30.0, 71.0, 69.0, "left"),
    L("parietal", 68.0, 16.0, 10.0, "right"), L("occipital_interparietal", 86.2, 27.0, 20.0, "right"),
    L("occipital_supraoccipital", 84.5, 41.0, 31.0, "right"), L("temporal_squama", 70.0, 41.5, 41.0, "right"),
    L("temporal_petromastoid", 76.0, 53.0, 51.0, "right"), L("temporal_tympanic", 67.2, 55.6, 61.0, "right"),
]
side = {"viewbox": [-14, 2, 136, 78], "axis": 50, "layers": layers, "centres": {}, "labels": side_labels}

# zoom labels: text to the right of the zoom frame, one row each, top to bottom
hand_anchors = [("scaphoid", 73.8, 103.6), ("lunate", 72.3, 103.5), ("triquetrum", 70.95, 103.7), ("pisiform", 70.2, 104.4),
                ("trapezium", 74.95, 105.6), ("trapezoid", 73.55, 105.6), ("capitate", 72.25, 105.5), ("hamate", 70.9, 105.5),
                ("metacarpals", 72.4, 110.5), ("phalanges_hand_proximal_middle", 72.62, 116.5)]
hand_labels = [{"bone": b, "anchor": [ax, ay], "text": [82.0, round(100.2 + 2.35 * k, 2)], "side": "right"}
               for k, (b, ax, ay) in enumerate(hand_anchors)]
foot_anchors = [("talus", 59.3, 192.0), ("calcaneus", 62.3, 193.0), ("navicular", 57.5, 193.9), ("cuboid", 61.55, 195.3),
                ("cuneiform_medial", 56.35, 195.8), ("cuneiform_intermediate", 57.85, 195.7), ("cuneiform_lateral", 59.3, 195.8),
                ("metatarsals", 59.4, 200.0), ("phalanges_foot_proximal", 59.6, 204.6)]
foot_labels = [{"bone": b, "anchor": [ax, ay], "text": [66.6, round(188.0 + 2.3 * k, 2)], "side": "right"}
               for k, (b, ax, ay) in enumerate(foot_anchors)]

out = {
    "_about": "Vector shapes for the skeleton map (generated by osteoviz/skeleton_drawing.py). Each view has a viewbox "
              "[x, y, width, height] and layers drawn back to front: a bone's shapes (poly, ellipse, or stroke = a polyline "
              "of the given width), holes (orbits, nasal aperture, foramina: drawn in the background colour) and cartilage "
              "(costal cartilages). mirror: also drawn reflected about x = axis (the person's right side). centres: where each "
              "secondary ossification centre is drawn (ids as in bones.json). zooms: magnified parts of a view.",
    "views": {"front": front, "skull_side": side},
    "zooms": {"hand": {"of": "front", "viewbox": [65.5, 98.5, 15.5, 27.0], "labels": hand_labels},
              "foot": {"of": "front", "viewbox": [53.0, 187.0, 12.8, 22.8], "labels": foot_labels}},
}
if __name__ == "__main__":
    path = Path(__file__).resolve().parent.parent / "assets" / "skeleton" / "drawing.json"
    text = json.dumps(out, indent=1)
    text = re.sub(r"\[\s+(-?[0-9.]+),\s+(-?[0-9.]+)\s+\]", r"[\1, \2]", text)  # one point per line
    path.write_text(text + "\n", encoding="utf-8")
    print(path)
