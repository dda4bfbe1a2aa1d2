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
    """Femur, longitudinal section. Days after fertilisation unless noted."""

    seed: int = 8
    grid_w: int = 320  # sites along the long axis
    grid_h: int = 96  # sites across the section
    steps: int = 720  # simulation steps, evenly spaced on the timeline scale
    start_day: float = 56.0  # week 8
    end_day: float = BIRTH_DAY + 20 * DAYS_PER_YEAR  # past growth-plate closure
    # Timings (facts.md, endochondral table; O'Rahilly & Gardner 1972; Gray's 1918).
    hypertrophy_day: float = 56.6  # mid-shaft hypertrophy, weeks 7-8
    collar_day: float = 57.8  # periosteal bone collar, weeks 7-8 (with or before invasion)
    invasion_day: float = 59.5  # periosteal bud; femur about week 8
    haematopoiesis_day: float = 4.5 * 30.44  # marrow becomes blood-forming, months 4-5
    secondary_distal_day: float = 245.0  # distal femur, weeks 34-38 (present at term)
    secondary_proximal_day: float = BIRTH_DAY + 9 * DAYS_PER_MONTH  # femoral head, 6-12 months
    closure_start_day: float = BIRTH_DAY + 14 * DAYS_PER_YEAR  # distal femur 14-16 y (F)
    closure_end_day: float = BIRTH_DAY + 18.5 * DAYS_PER_YEAR  # 16-19 y (M)
    # Local rules (model units; chosen so fronts move at the pace of the timings above).
    pthrp_length_um: float = 700.0  # decay length of the PTHrP-like signal from the ends
    pthrp_hypertrophy_threshold: float = 0.22  # below this chondrocytes may hypertrophy
    hypertrophy_rate: float = 3.0  # per day, where PTHrP is below threshold
    calcify_after_days: float = 0.6  # hypertrophic matrix mineralises (hydroxyapatite)
    invasion_rate: float = 4.0  # per day, vessel tip steps into VEGF-rich calcified cartilage
    resorb_rate: float = 1.2  # per day, osteoclast resorption of calcified cartilage
    deposit_rate: float = 2.0  # per day, osteoblasts lay bone on calcified-cartilage spicules
    articular_um: float = 1800.0  # articular cartilage left on the joint surface (adult scale)
    plate_um: float = 1400.0  # growth-plate cartilage kept by PTHrP below the secondary centre


@dataclass(frozen=True)
class IntramembranousParams:
    """Parietal bone: skull vault from above (organ) and a section through the vault (cells)."""

    seed: int = 8
    vault_n: int = 220  # top view, sites per side
    section_w: int = 220  # section, sites along the bone
    section_h: int = 64  # section, sites through skin, membrane and dura
    steps: int = 720
    start_day: float = 56.0  # week 8
    end_day: float = BIRTH_DAY + 30 * DAYS_PER_YEAR  # sagittal suture fuses from about 20-30 y
    # Timings (facts.md, intramembranous table; Gray's 1918; UNSW Lab 6).
    parietal_centre_day: float = 56.8  # parietal about week 8, one centre at the eminence
    frontal_centre_day: float = 57.5  # frontal: end of month 2, two centres
    occipital_centre_day: float = 63.0  # interparietal (membranous) part, months 2-3
    mineralise_after_days: float = 1.0  # osteoid mineralises within days
    periosteum_day: float = 168.0  # late fetal
    plates_day: float = BIRTH_DAY + 2 * DAYS_PER_YEAR  # compact tables + diploe, childhood
    posterior_fontanelle_close: tuple[float, float] = (BIRTH_DAY + 1 * DAYS_PER_MONTH, BIRTH_DAY + 3 * DAYS_PER_MONTH)
    anterior_fontanelle_close: tuple[float, float] = (BIRTH_DAY + 6 * DAYS_PER_MONTH, BIRTH_DAY + 18 * DAYS_PER_MONTH)
    metopic_close: tuple[float, float] = (BIRTH_DAY + 3 * DAYS_PER_MONTH, BIRTH_DAY + 9 * DAYS_PER_MONTH)
    suture_fusion: tuple[float, float] = (BIRTH_DAY + 20 * DAYS_PER_YEAR, BIRTH_DAY + 30 * DAYS_PER_YEAR)
    fetal_spread_mm_per_day: float = 0.02  # radial growth of a vault bone, fetal period
    # surface woven bone is remodelled into the compact outer table, late fetal into childhood
    # (facts.md: periosteum & plates; Ross & Pawlina): older bone near each centre first
    outer_table: tuple[float, float] = (BIRTH_DAY - 4 * 7, BIRTH_DAY + 6 * DAYS_PER_YEAR)


ENDOCHONDRAL_PHASES: tuple[PhaseSpec, ...] = (
    PhaseSpec("cartilage_model", 56.0, 56.3, "shaft"),
    PhaseSpec("hypertrophy", 56.7, 57.3, "shaft"),
    PhaseSpec("bone_collar", 57.8, 58.8, "shaft"),
    PhaseSpec("primary_centre", 59.5, 61.0, "shaft"),
    PhaseSpec("marrow_cavity", 63.0, 75.0, "front"),
    PhaseSpec("growth_plates", 84.0, 160.0, "plate"),
    PhaseSpec("secondary_centres", 245.0, BIRTH_DAY + 3 * DAYS_PER_MONTH, "epiphysis"),
    PhaseSpec("childhood_growth", BIRTH_DAY + 1.5 * DAYS_PER_YEAR, BIRTH_DAY + 6 * DAYS_PER_YEAR, "plate"),
    PhaseSpec("closure", BIRTH_DAY + 14 * DAYS_PER_YEAR, BIRTH_DAY + 19 * DAYS_PER_YEAR, "plate"),
)

INTRAMEMBRANOUS_PHASES: tuple[PhaseSpec, ...] = (
    PhaseSpec("condensation", 56.0, 56.4, "centre"),
    PhaseSpec("ossification_centre", 56.8, 57.3, "centre"),
    PhaseSpec("osteoid", 57.8, 58.6, "centre"),
    PhaseSpec("osteocytes", 59.5, 61.0, "centre"),
    PhaseSpec("trabeculae", 63.0, 100.0, "centre"),
    PhaseSpec("periosteum", 168.0, 210.0, "centre"),
    PhaseSpec("sutures_fontanelles", 245.0, BIRTH_DAY, "edge"),
    PhaseSpec("fontanelle_closure", BIRTH_DAY + 1.5 * DAYS_PER_MONTH, BIRTH_DAY + 10 * DAYS_PER_MONTH, "edge"),
    PhaseSpec("tables_diploe", BIRTH_DAY + 2 * DAYS_PER_YEAR, BIRTH_DAY + 8 * DAYS_PER_YEAR, "centre"),
    PhaseSpec("suture_fusion", BIRTH_DAY + 20 * DAYS_PER_YEAR, BIRTH_DAY + 28 * DAYS_PER_YEAR, "edge"),
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


# Femur length: Hadlock et al. 1984 (Radiology 152:497) by GA weeks 14-40 (facts.md);
# before GA 14 extrapolated along the same line; after birth interpolated to the adult
# femur (45-48 cm) reached at growth-plate closure.
FEMUR_LENGTH = GrowthTable(
    days=(_ga(10), _ga(12), _ga(14), _ga(16), _ga(20), _ga(24), _ga(28), _ga(32), _ga(36), _ga(40),
          BIRTH_DAY + 1 * DAYS_PER_YEAR, BIRTH_DAY + 5 * DAYS_PER_YEAR, BIRTH_DAY + 10 * DAYS_PER_YEAR,
          BIRTH_DAY + 14 * DAYS_PER_YEAR, BIRTH_DAY + 18 * DAYS_PER_YEAR, BIRTH_DAY + 30 * DAYS_PER_YEAR),
    values_mm=(3.0, 8.0, 14.0, 20.0, 32.0, 43.0, 53.0, 61.0, 69.0, 75.0,
               140.0, 250.0, 350.0, 430.0, 465.0, 465.0),
    source="Hadlock 1984 (GA 14-40); extrapolated before GA 14; interpolated to adult length after birth",
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
