"""The femur's experiments (issue 10): each switches a gene or signal by overriding parameters the rules read.

Settings are model suggestions from conditions-repair-origins.md section 1.1 (P1-P15), not measured values.
"""

from __future__ import annotations

from .clock import BIRTH_DAY, DAYS_PER_MONTH, DAYS_PER_YEAR
from .scenario import Experiment, define

P = "endochondral"
VEGF_BLOCK = (BIRTH_DAY + 3.0 * DAYS_PER_YEAR, BIRTH_DAY + 3.0 * DAYS_PER_YEAR + 8.0)  # a juvenile, as Gerber 1999

# P1: PTHrP from the ends reaches less far: cells leave the columns and hypertrophy early (Karaplis 1994)
define(Experiment("pthrp_loss", P, (("pthrp_length_um", 350.0),)))
# P3: PTH1R always on (Jansen): hypertrophy, calcification and vascular invasion all delayed (Schipani 1997)
define(Experiment("jansen", P, (("pthrp_length_um", 1120.0), ("calcify_after_days", 1.2),
                                ("hypertrophy_rate", 1.5), ("invasion_rate", 2.0))))
# P4: no Ihh: no collar, no osteoblasts, vessels do not persist, little proliferation and PTHrP (St-Jacques 1999)
define(Experiment("ihh_loss", P, (("ihh_level", 0.0), ("proliferation", 0.3))))
# P5: no RUNX2: no osteoblasts anywhere, no hypertrophy, no vascular invasion (Komori 1997)
define(Experiment("runx2_loss", P, (("runx2_level", 0.0),)))
# P7: no SP7/Osterix: vessels and osteoclasts enter, nobody lays bone (Nakashima 2002)
define(Experiment("sp7_loss", P, (("deposit_rate", 0.0),)))
# P8: VEGF trapped for 8 days at 3 years, then released (Gerber 1999: fully reversible)
define(Experiment("vegf_blocked", P, (("vegf_block", VEGF_BLOCK),)))
# P9: no MMP9: slow invasion, the hypertrophic zone lengthens, compensated after birth (Vu 1998)
define(Experiment("mmp9_loss", P, (("invasion_rate", 1.2), ("invasion_normal_from_day", BIRTH_DAY + 3 * DAYS_PER_MONTH))))
# P11: no working osteoclasts (osteopetrosis): nothing is resorbed, no marrow cavity
define(Experiment("osteopetrosis", P, (("resorb_rate", 0.0),)))
# P12: FGFR3 gain (achondroplasia): slower division from about GA 22 (Patel & Filly 1995)
define(Experiment("fgfr3_gain", P, (("proliferation", 0.45), ("slow_growth_from_day", 20.0 * 7.0))))
# P15: no oestrogen action (aromatase or ER-alpha loss): the plates never close (Smith 1994; Morishima 1995)
define(Experiment("no_oestrogen", P, (("oestrogen_action", 0.0),)))
# P15, opposite: early puberty: the spurt and closure about 4.5 years earlier
define(Experiment("early_puberty", P, (("puberty_shift_days", -4.5 * DAYS_PER_YEAR),)))
# Osteogenesis imperfecta (conditions-repair-origins.md §2.6; rules in oi_rules.py): less bone per event
# (x0.5 type I, x0.4 type IV, x0.3 type III), high turnover, hypermineralised matrix, femoral fractures
# (type III most); woven bone persists in type III. Settings are model choices, not measured rates.
OI_COMMON = (("turnover", 1.8), ("mineral_excess", 0.07))
define(Experiment("oi_type1", P, OI_COMMON + (("bone_output", 0.5), ("femur_fractures", 2))))
define(Experiment("oi_type3", P, OI_COMMON + (("bone_output", 0.3), ("femur_fractures", 7),
                                             ("lamellar_day", BIRTH_DAY + 6 * DAYS_PER_YEAR))))
define(Experiment("oi_type4", P, OI_COMMON + (("bone_output", 0.4), ("femur_fractures", 4))))
# cyclic pamidronate from about 2.5 years, one cycle every 4 months (Glorieux 1998; meant with an OI type)
define(Experiment("bisphosphonate", P, (("bisphosphonate_from_day", BIRTH_DAY + 2.5 * DAYS_PER_YEAR),
                                        ("bisphosphonate_every_days", 4 * DAYS_PER_MONTH))))
