"""Every model parameter in one place, with its unit and the source of each timing."""

from __future__ import annotations

from dataclasses import dataclass, field

from .clock import BIRTH_DAY, DAYS_PER_MONTH, DAYS_PER_YEAR

# Sources named in the docstrings are listed in full in assets/content/<lang>/*.json
# ("references") and ../shared/science/sources.md.


@dataclass(frozen=True)
class PhaseSpec:
    """A named phase: id, first day (after fertilisation), and where the inset looks."""

    id: str
    start_day: float
    representative_day: float
    focus: str  # region key understood by the process model


@dataclass(frozen=True)
class EndochondralParams:
    """Femur, coronal longitudinal section. Days after fertilisation unless noted."""

    seed: int = 8
    grid_w: int = 364  # sites along the long axis
    grid_h: int = 118  # sites across the section (head and condyles included)
    steps: int = 720  # simulation steps, evenly spaced on the timeline scale
    start_day: float = 42.0  # week 6: the cartilage model forms in weeks 6-7
    end_day: float = BIRTH_DAY + 22 * DAYS_PER_YEAR  # past growth-plate closure
    # Timings (facts.md, endochondral table; O'Rahilly & Gardner 1972; Gray's 1918; Scheuer & Black 2004).
    hypertrophy_day: float = 50.0  # mid-shaft hypertrophy, week 7
    calcify_day: float = 53.0  # hypertrophic matrix mineralises, weeks 7-8
    collar_day: float = 53.5  # periosteal bone collar, weeks 7-8 (with or before invasion)
    invasion_day: float = 56.5  # periosteal bud; femur about week 8
    cavity_day: float = 63.0  # osteoclasts start a central cavity (week 9); clear from about week 12
    canals_day: float = 70.0  # cartilage canals enter both femoral ends, about week 10
    haematopoiesis_day: float = 4.5 * DAYS_PER_MONTH  # marrow becomes blood-forming, months 4-5
    secondary_distal_day: float = 31.5 * 7.0  # distal femur, about week 31-32
    secondary_head_day: float = BIRTH_DAY + 5 * DAYS_PER_MONTH  # femoral head, 4-6 months
    secondary_gt_day: float = BIRTH_DAY + 3.5 * DAYS_PER_YEAR  # greater trochanter, 2-5 years
    secondary_lt_day: float = BIRTH_DAY + 9.5 * DAYS_PER_YEAR  # lesser trochanter, 7-12 years
    neck_ossified_day: float = BIRTH_DAY  # the neck is ossified (metaphysis) by birth, up to the head plate
    yellow_marrow: tuple[float, float] = (BIRTH_DAY + 5 * DAYS_PER_YEAR, BIRTH_DAY + 20 * DAYS_PER_YEAR)
    lamellar_day: float = BIRTH_DAY + 1 * DAYS_PER_YEAR  # woven bone away from the plates is remodelled
    # closure: femoral head before the distal femur (Scheuer & Black: head 14-19 y M, distal 16-20 y M)
    closure_head: tuple[float, float] = (BIRTH_DAY + 14.5 * DAYS_PER_YEAR, BIRTH_DAY + 16.5 * DAYS_PER_YEAR)
    closure_distal: tuple[float, float] = (BIRTH_DAY + 16.0 * DAYS_PER_YEAR, BIRTH_DAY + 18.5 * DAYS_PER_YEAR)
    articular_mm: float = 2.5  # adult articular cartilage, 2-3 mm (facts.md)
    # Local rules (dimensionless knobs; the defaults give the measured timings above; experiments
    # override them, e.g. less PTHrP or slower invasion, and the pictures follow the rules).
    pthrp_length_um: float = 700.0  # reach of PTHrP from the ends: sets how long the dividing columns are
    pthrp_hypertrophy_threshold: float = 0.22  # below this PTHrP level chondrocytes may hypertrophy
    hypertrophy_rate: float = 3.0  # per day: how fast cells leave the columns and swell
    calcify_after_days: float = 0.6  # hypertrophic matrix mineralises (hydroxyapatite) after this delay
    invasion_rate: float = 4.0  # per day: vessels (VEGF, MMP9) enter calcified cartilage; slower = bone lags
    resorb_rate: float = 1.2  # per day: osteoclasts hollow the marrow cavity
    deposit_rate: float = 2.0  # per day: osteoblasts lay bone (the cortex under the periosteum)
    cortex_mm: tuple[tuple[float, ...], tuple[float, ...]] = (
        (56.0, 84.0, 266.0, BIRTH_DAY + 5 * DAYS_PER_YEAR, BIRTH_DAY + 18 * DAYS_PER_YEAR),
        (0.02, 0.15, 1.2, 3.0, 6.0))  # mid-shaft cortex thickness (estimate; adult 5-7 mm)
    # Experiment knobs (issue 10; conditions-repair-origins.md section 1): 1.0 / "never" = normal.
    ihh_level: float = 1.0  # Ihh from prehypertrophic cells: 0 = no collar, no osteoblasts, no cavity, less PTHrP
    runx2_level: float = 1.0  # 0 = no osteoblasts anywhere, no hypertrophy, no vascular invasion (Komori 1997)
    proliferation: float = 1.0  # chondrocyte division rate (FGFR3 gain slows it; Ihh drives it)
    slow_growth_from_day: float = 50.0  # a changed plate changes the femur's growth from this day on
    vegf_block: tuple[float, float] = (0.0, 0.0)  # VEGF trapped (no vessel invasion) from, until (days)
    invasion_normal_from_day: float = 1e9  # a slow invasion is compensated from this day (MMP9 loss)
    oestrogen_action: float = 1.0  # 0 = the plates never close and growth goes on, slowly falling
    puberty_shift_days: float = 0.0  # < 0: puberty (spurt and closure) this much earlier
    # Osteogenesis imperfecta and bisphosphonates (conditions-repair-origins.md §2.6; rules in oi_rules.py)
    bone_output: float = 1.0  # bone laid per remodelling event (OI: x0.5 type I to x0.3 type III)
    turnover: float = 1.0  # how often bone is resorbed and re-laid (OI: high turnover)
    mineral_excess: float = 0.0  # extra matrix mineral (OI: about +0.07, Roschger 2008)
    femur_fractures: int = 0  # femoral shaft fractures at load-bearing ages, each healing with a callus
    bisphosphonate_from_day: float = 1e9  # cyclic infusions from this day (pamidronate; Glorieux 1998)
    bisphosphonate_every_days: float = 120.0  # one infusion cycle every 4 months

    @property
    def closure_start_day(self) -> float:
        return self.closure_head[0]

    @property
    def closure_end_day(self) -> float:
        return self.closure_distal[1]


@dataclass(frozen=True)
class IntramembranousParams:
    """Skull vault from above (organ) and a section through the parietal bone (cells)."""

    seed: int = 8
    vault_n: int = 220  # top view, sites per side
    section_w: int = 640  # section, sites along the bone (eminence to sagittal suture and beyond)
    section_h: int = 72  # section, sites from scalp through bone and dura to brain
    steps: int = 720
    start_day: float = 56.0  # week 8
    end_day: float = BIRTH_DAY + 30 * DAYS_PER_YEAR  # sagittal suture fuses from about 20-30 y
    # Ossification centres (facts.md; O'Rahilly & Gardner 1972; Gray's 1918): the frontal centres are
    # present by stage 23 (end of week 8), before the parietal (about week 8, just after in many embryos).
    frontal_centre_day: float = 56.5
    parietal_centre_day: float = 59.0
    temporal_centre_day: float = 61.0  # squamous temporal, end of month 2
    occipital_centre_day: float = 63.0  # interparietal (membranous) part, months 2-3
    bones_meet_day: float = 236.0  # the fronts reach the sutures in the late fetal period (estimate)
    mineralise_after_days: float = 1.0  # osteoid mineralises within days
    haematopoiesis_day: float = 4.5 * DAYS_PER_MONTH  # blood formation in bone marrow from months 4-5
    periosteum_day: float = 168.0  # late fetal
    # Sutures and fontanelles at birth (facts.md, vault geometry): narrow seams, a 2 cm diamond at bregma
    suture_half_birth_mm: float = 1.2  # sagittal seam about 2-3 mm wide (5 mm or less)
    suture_half_child_mm: float = 0.5
    anterior_fontanelle_mm: float = 20.0  # across, at birth
    posterior_fontanelle_mm: float = 6.0  # a small triangle at lambda
    sphenoid_fontanelle_mm: float = 8.0
    mastoid_fontanelle_mm: float = 10.0
    # closure (fontanelle area falls to zero): posterior 1-3 months; sphenoid about 6 months; mastoid
    # 6-18 months; anterior median about 14 months (Pindrik 2014), about 1 cm across at 12 months
    posterior_fontanelle_close_day: float = BIRTH_DAY + 2.5 * DAYS_PER_MONTH
    sphenoid_fontanelle_close_day: float = BIRTH_DAY + 6 * DAYS_PER_MONTH
    mastoid_fontanelle_close_day: float = BIRTH_DAY + 12 * DAYS_PER_MONTH
    anterior_fontanelle_close_day: float = BIRTH_DAY + 15 * DAYS_PER_MONTH
    metopic_close: tuple[float, float] = (BIRTH_DAY + 3 * DAYS_PER_MONTH, BIRTH_DAY + 9 * DAYS_PER_MONTH)
    # adult fusion, sagittal first and lambdoid last (the squamosal stays open)
    sagittal_fusion: tuple[float, float] = (BIRTH_DAY + 22 * DAYS_PER_YEAR, BIRTH_DAY + 35 * DAYS_PER_YEAR)
    coronal_fusion: tuple[float, float] = (BIRTH_DAY + 24 * DAYS_PER_YEAR, BIRTH_DAY + 40 * DAYS_PER_YEAR)
    lambdoid_fusion: tuple[float, float] = (BIRTH_DAY + 26 * DAYS_PER_YEAR, BIRTH_DAY + 45 * DAYS_PER_YEAR)
    # seen from above the radiating woven bone is remodelled into compact bone in infancy, centres first
    outer_table: tuple[float, float] = (BIRTH_DAY + 7, BIRTH_DAY + 3 * DAYS_PER_YEAR)
    # section: a thin single plate at birth (about 1-2 mm); outer and inner tables with diploe distinct
    # from about 4 years (Jin et al. 2016); adult parietal about 5-7 mm
    tables_start_day: float = BIRTH_DAY + 1.0 * DAYS_PER_YEAR
    tables_distinct_day: float = BIRTH_DAY + 4 * DAYS_PER_YEAR
    growth_end_day: float = BIRTH_DAY + 18 * DAYS_PER_YEAR  # surfaces stop growing, only remodelling
    # Rules the skull-vault experiments change (issue 10; conditions-repair-origins.md §1.1 P5/P6/P13/P14, §1.3).
    # Defaults are normal. front_rate: how fast the osteogenic fronts spread (RUNX2 dose; 1 = normal).
    front_rate: float = 1.0
    # premature fusion of one coronal suture: (start, end) day, or None = with both (coronal_fusion)
    coronal_left_fusion: tuple[float, float] | None = None
    coronal_right_fusion: tuple[float, float] | None = None
    # Virchow's law: share of the vault's growth lost across a fused suture while the brain grows, and the
    # share of that loss made up by growth parallel to it (model estimates giving cephalic indices as in §1.3)
    virchow_restriction: float = 0.4
    virchow_compensation: float = 0.6
    wormian_count: int = 0  # extra small ossification centres in the lambdoid and sagittal sutures
    # Osteogenesis imperfecta (conditions-repair-origins.md §2.6; rules in oi_rules.py): 1.0 / 0 = normal
    bone_output: float = 1.0  # bone laid per remodelling event: thinner plate and tables, more porous diploe
    turnover: float = 1.0  # how often bone is resorbed and re-laid
    mineral_excess: float = 0.0  # extra matrix mineral (OI: about +0.07)


# Parietal plate thickness (mm) over time in the section (estimates consistent with facts.md:
# about 1-2 mm at birth, tables from about 4 years, adult about 5-7 mm).
PLATE_THICKNESS = (
    (59.0, 63.0, 70.0, 84.0, 112.0, 140.0, 196.0, BIRTH_DAY, BIRTH_DAY + DAYS_PER_YEAR, BIRTH_DAY + 2 * DAYS_PER_YEAR,
     BIRTH_DAY + 4 * DAYS_PER_YEAR, BIRTH_DAY + 8 * DAYS_PER_YEAR, BIRTH_DAY + 15 * DAYS_PER_YEAR,
     BIRTH_DAY + 30 * DAYS_PER_YEAR),
    (0.02, 0.04, 0.06, 0.12, 0.30, 0.45, 0.70, 1.3, 1.8, 2.3, 3.2, 4.2, 5.0, 6.0),
)


# representative day: when the phase's structure is visibly formed (issue 8, item 9)
ENDOCHONDRAL_PHASES: tuple[PhaseSpec, ...] = (
    PhaseSpec("cartilage_model", 42.0, 48.0, "shaft"),
    PhaseSpec("hypertrophy", 50.0, 52.5, "shaft"),
    PhaseSpec("bone_collar", 53.0, 55.5, "shaft"),
    PhaseSpec("primary_centre", 56.5, 60.0, "shaft"),
    PhaseSpec("marrow_cavity", 63.0, 83.0, "front"),
    PhaseSpec("growth_plates", 84.0, 140.0, "plate"),
    PhaseSpec("secondary_centres", 31.5 * 7.0, BIRTH_DAY + 6 * DAYS_PER_MONTH, "epiphysis"),
    PhaseSpec("childhood_growth", BIRTH_DAY + 1.5 * DAYS_PER_YEAR, BIRTH_DAY + 6 * DAYS_PER_YEAR, "plate"),
    PhaseSpec("closure", BIRTH_DAY + 14.5 * DAYS_PER_YEAR, BIRTH_DAY + 17 * DAYS_PER_YEAR, "line"),  # head closed, distal closing
)

# Each phase starts when its process starts and is shown (representative_day) when its structure is
# visibly formed in the model's frames (tests/model/test_vault_phases.py checks this).
INTRAMEMBRANOUS_PHASES: tuple[PhaseSpec, ...] = (
    PhaseSpec("condensation", 56.0, 56.3, "centre"),
    PhaseSpec("ossification_centre", 56.5, 59.8, "centre"),
    PhaseSpec("osteoid", 60.2, 61.2, "centre"),
    PhaseSpec("osteocytes", 62.0, 66.0, "centre"),
    PhaseSpec("trabeculae", 70.0, 150.0, "centre"),
    PhaseSpec("periosteum", 168.0, 215.0, "centre"),
    PhaseSpec("sutures_fontanelles", 236.0, BIRTH_DAY, "edge"),
    PhaseSpec("fontanelle_closure", BIRTH_DAY + 1 * DAYS_PER_MONTH, BIRTH_DAY + 12 * DAYS_PER_MONTH, "edge"),
    PhaseSpec("tables_diploe", BIRTH_DAY + 2 * DAYS_PER_YEAR, BIRTH_DAY + 7 * DAYS_PER_YEAR, "centre"),
    PhaseSpec("suture_fusion", BIRTH_DAY + 22 * DAYS_PER_YEAR, BIRTH_DAY + 29 * DAYS_PER_YEAR, "edge"),
)


@dataclass(frozen=True)
class GrowthTable:
    """True size of the organ over time, for the scale bar (mm)."""

    days: tuple[float, ...]
    values_mm: tuple[float, ...]
    source: str = ""
    notes: str = field(default="")


def _ga(weeks_ga: float) -> float:
    return (weeks_ga - 2) * 7.0


# Femur length: Hadlock et al. 1984 (Radiology 152:497) by GA weeks 14-40 (facts.md). Ultrasound
# FL measures the OSSIFIED DIAPHYSIS only; the model's ossified shaft follows it from GA 14 to 40.
FEMUR_LENGTH = GrowthTable(
    days=(_ga(14), _ga(16), _ga(20), _ga(24), _ga(28), _ga(32), _ga(36), _ga(40)),
    values_mm=(14.0, 20.0, 32.0, 43.0, 53.0, 61.0, 69.0, 75.0),
    source="Hadlock 1984, ossified diaphysis, GA 14-40",
)

# Share of the femur's length (along the shaft axis) that is still cartilage at its two ends
# (model estimate: all of it before the bud enters, about a third at mid-gestation; at birth the
# proximal end (head, neck, trochanters) and the distal epiphysis are cartilage, about a quarter).
FEMUR_CARTILAGE_SHARE = GrowthTable(
    days=(56.5, 60.0, 63.0, 70.0, 77.0, 84.0, 126.0, 196.0, 258.0),
    values_mm=(1.0, 0.93, 0.84, 0.6, 0.46, 0.38, 0.31, 0.265, 0.232),
    source="model estimate (fraction, not mm)",
)

# Whole femur length (mm, cartilage ends included) where Hadlock does not apply: the cartilage
# model of weeks 6-9 (a few mm; Moore) and after birth to the adult femur (45-48 cm, facts.md).
FEMUR_TOTAL_EARLY = GrowthTable(
    days=(42.0, 49.0, 56.0, 63.0, 70.0, 77.0, 84.0),
    values_mm=(1.2, 2.2, 3.5, 5.5, 10.0, 15.5, 22.6),
    source="model estimate before GA 14, joined to Hadlock at GA 14",
)
FEMUR_TOTAL_LATE = GrowthTable(
    days=(BIRTH_DAY, BIRTH_DAY + 1 * DAYS_PER_YEAR, BIRTH_DAY + 5 * DAYS_PER_YEAR, BIRTH_DAY + 10 * DAYS_PER_YEAR,
          BIRTH_DAY + 14 * DAYS_PER_YEAR, BIRTH_DAY + 18 * DAYS_PER_YEAR, BIRTH_DAY + 30 * DAYS_PER_YEAR),
    values_mm=(97.7, 145.0, 250.0, 350.0, 430.0, 460.0, 460.0),
    source="interpolated from the newborn femur to the adult femur (45-48 cm)",
)

# Skull vault breadth seen from above (biparietal diameter, mm): Hadlock et al. 1984 BPD
# by GA; after birth it follows head growth to an adult breadth of about 14-15 cm.
VAULT_BREADTH = GrowthTable(
    days=(_ga(10), _ga(12), _ga(14), _ga(16), _ga(20), _ga(24), _ga(28), _ga(32), _ga(36), _ga(40),
          BIRTH_DAY + 1 * DAYS_PER_YEAR, BIRTH_DAY + 2 * DAYS_PER_YEAR, BIRTH_DAY + 7 * DAYS_PER_YEAR,
          BIRTH_DAY + 30 * DAYS_PER_YEAR),
    values_mm=(12.0, 20.0, 27.0, 34.0, 47.0, 59.0, 71.0, 81.0, 88.0, 95.0, 120.0, 126.0, 138.0, 145.0),
    source="Hadlock 1984 (BPD by GA); after birth interpolated to adult head breadth",
)
