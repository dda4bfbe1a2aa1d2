"""Skull-vault experiments: less RUNX2 (cleidocranial dysplasia) and early fusion of the sagittal or coronal sutures."""

from __future__ import annotations

from .clock import BIRTH_DAY, DAYS_PER_MONTH, DAYS_PER_YEAR
from .params import IntramembranousParams
from .scenario import Experiment, define

# conditions-repair-origins.md §1.1 (P6, P13, P14) and §1.3; the settings are model suggestions, not measurements
NEVER = IntramembranousParams().end_day + 20 * DAYS_PER_YEAR  # after the clock's end: stays open for life
# synostosis that starts in the last weeks before birth (from week 30) and is complete in the first month:
# present at birth, as in Apert (bicoronal) and in most single-suture synostoses (Saethre-Chotzen and Crouzon
# are often progressive after birth; the model shows the early form)
EARLY = (30 * 7.0, BIRTH_DAY + 1 * DAYS_PER_MONTH)

define(Experiment("runx2_haplo", "intramembranous", (
    ("front_rate", 0.6),  # half the RUNX2 dose: the osteogenic fronts spread more slowly (x0.5-0.7)
    ("anterior_fontanelle_mm", 32.0),  # large, wide-open fontanelles at birth ...
    ("anterior_fontanelle_close_day", NEVER),  # ... the anterior may stay open for life
    ("posterior_fontanelle_close_day", BIRTH_DAY + 2 * DAYS_PER_YEAR),
    ("sphenoid_fontanelle_close_day", BIRTH_DAY + 2 * DAYS_PER_YEAR),
    ("mastoid_fontanelle_close_day", BIRTH_DAY + 3 * DAYS_PER_YEAR),
    ("suture_half_birth_mm", 3.0),  # wide sutures
    ("suture_half_child_mm", 2.0),
    ("metopic_close", (BIRTH_DAY + 30 * DAYS_PER_YEAR, NEVER)),  # delayed closure of the sutures
    ("sagittal_fusion", (NEVER, NEVER + 1)),
    ("coronal_fusion", (NEVER, NEVER + 1)),
    ("lambdoid_fusion", (NEVER, NEVER + 1)),
    ("wormian_count", 12),  # Wormian (intrasutural) bones
)))

define(Experiment("sagittal_synostosis", "intramembranous", (
    ("sagittal_fusion", EARLY),
)))

define(Experiment("coronal_synostosis_left", "intramembranous", (
    ("coronal_left_fusion", EARLY),
)))

define(Experiment("coronal_synostosis_both", "intramembranous", (
    ("coronal_fusion", EARLY),
)))

# Osteogenesis imperfecta (conditions-repair-origins.md §2.3, §2.6; rules in oi_rules.py): less bone per event,
# high turnover, hypermineralised matrix; Wormian bones (>= 10 in 35 % of type I, 78 % of IV, 96 % of III;
# Semler 2010); woven bone persists in type III (the tables form later). Settings are model choices.
OI_COMMON = (("turnover", 1.8), ("mineral_excess", 0.07))
define(Experiment("oi_type1", "intramembranous", OI_COMMON + (("bone_output", 0.5), ("wormian_count", 6))))
define(Experiment("oi_type3", "intramembranous", OI_COMMON + (
    ("bone_output", 0.3), ("wormian_count", 18),
    ("tables_start_day", BIRTH_DAY + 3 * DAYS_PER_YEAR), ("tables_distinct_day", BIRTH_DAY + 8 * DAYS_PER_YEAR),
    ("outer_table", (BIRTH_DAY + 2 * DAYS_PER_YEAR, BIRTH_DAY + 7 * DAYS_PER_YEAR)))))
define(Experiment("oi_type4", "intramembranous", OI_COMMON + (("bone_output", 0.4), ("wormian_count", 12))))
