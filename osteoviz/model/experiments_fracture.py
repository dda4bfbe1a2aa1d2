"""Fracture-repair scenarios: an adult instead of a child, rigid fixation (primary healing), VEGF or BMP2 missing."""

from __future__ import annotations

from .scenario import Experiment, define

# conditions-repair-origins.md §3.1, §3.4, §3.5; the settings are model choices that give the documented timings
define(Experiment("adult", "fracture", (
    ("pace", 2.2),  # soft callus to 3-4 weeks, hard callus to 8-12 weeks, remodelling for months to years
    ("site_um", 380.0),  # an adult femoral shaft, about 27 mm across
    ("cortex", 14),  # cortex about 5 mm
    ("periosteum", 1),  # a thin, less osteogenic periosteum
    ("callus_thick", 11),  # a smaller external callus
)))

define(Experiment("rigid_fixation", "fracture", (
    ("rigid_fixation", True),  # anatomical reduction and a compression plate: strain below 2 %
    ("gap", 1),  # contact healing: the ends touch
)))

define(Experiment("callus_vegf_blocked", "fracture", (
    ("vegf_level", 0.0),  # soluble VEGF receptor (Street 2002): no vessels into the callus, no bony callus
)))

define(Experiment("bmp2_loss", "fracture", (
    ("bmp2_level", 0.0),  # limbs without BMP2 (Tsuji 2006): repair never starts
)))
