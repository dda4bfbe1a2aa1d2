"""Fracture-repair parameters (days after injury) and phases, with the source of each timing."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .params import PhaseSpec

# Timings: conditions-repair-origins.md §3.1 (Prosser 2012, 63 children under 6: periosteal new bone from
# day 5, soft callus from day 12, hard callus and bridging from day 19, remodelling from day 45; Kleinman;
# adult: soft callus to 3-4 weeks, hard callus to 8-12 weeks, remodelling for months to years).
# The child's days are the defaults; `pace` stretches every onset and slows every rate (adult about 2.2x).


@dataclass(frozen=True)
class FractureParams:
    """Mid-shaft femoral fracture, longitudinal section (organ) and the gap at cellular scale (inset)."""

    seed: int = 11
    grid_w: int = 300  # sites along the shaft (a 60 mm segment in a child)
    grid_h: int = 112  # sites across: muscle, periosteum, cortex, marrow, cortex, periosteum, muscle
    steps: int = 480  # simulation steps, evenly spaced on the timeline scale
    start_day: float = 0.25  # six hours after the injury: the clot is there
    end_day: float = 365.0  # about a year: remodelling goes on beyond it
    site_um: float = 200.0  # one site (child of about 4 years: shaft about 14 mm across)
    shaft_half: int = 36  # sites from the axis to the outer cortical surface
    cortex: int = 10  # cortical thickness in sites (about 2 mm in a young child)
    periosteum: int = 5  # periosteal thickness in sites (about 1 mm): thick, cambium-rich and osteogenic in children
    gap: int = 8  # fracture gap in sites (about 1.6 mm: a transverse fracture, slightly distracted)
    dead_sites: int = 9  # osteocytes die back this far from the fracture line (a few mm)
    callus_reach: int = 70  # the periosteal callus spreads this far from the gap along the shaft (sites)
    callus_thick: int = 16  # most the external callus stands out from the cortex (sites)
    pace: float = 1.0  # every onset x pace, every rate / pace: 1 = young child, about 2.2 = adult
    # onsets (days after injury, child; Prosser 2012 and Kleinman, §3.1)
    neutrophil_peak_day: float = 1.0  # cytokines peak at 24 h, neutrophils in hours to about 2 days
    macrophage_peak_day: float = 4.0  # macrophages follow over days
    granulation_day: float = 2.0  # the clot is organised into granulation tissue, days 3-14
    periosteal_day: float = 4.0  # periosteal new bone first seen at day 5
    cartilage_day: float = 7.0  # soft callus first seen at day 12 (cartilage in the gap)
    hypertrophy_day: float = 12.0  # callus chondrocytes hypertrophy, calcify and are invaded (hard callus)
    remodel_day: float = 45.0  # remodelling seen only in fractures 45 days old or more
    # rates, per day (child): model choices that give the documented timings
    granulation_rate: float = 0.9
    periosteal_rate: float = 0.8
    cartilage_rate: float = 0.9
    hypertrophy_rate: float = 2.5
    calcify_rate: float = 2.5
    invasion_rate: float = 2.2
    resorb_rate: float = 0.03  # remodelling: the callus allowed shrinks by this share a day (half in ~3 weeks)
    lamellar_rate: float = 0.05  # woven callus bone in the cortex replaced by compact (lamellar) bone
    creeping_rate: float = 0.04  # dead bone ends replaced (creeping substitution)
    # experiment knobs (1.0 / False = normal)
    rigid_fixation: bool = False  # compression plate: no motion, no callus, no cartilage; cutting cones
    cone_um_per_day: float = 70.0  # cutting cones advance 50-100 µm a day (§3.4)
    vegf_level: float = 1.0  # 0 = VEGF trapped (Street 2002): no vessels, no bony callus
    bmp2_level: float = 1.0  # 0 = no BMP2 (Tsuji 2006): repair never starts

    def day(self, child_day: float) -> float:
        """An onset at this params' pace."""
        return float(child_day) * self.pace


# representative day: when the phase's structure is visibly formed in the model's frames (child)
FRACTURE_PHASES: tuple[PhaseSpec, ...] = (
    PhaseSpec("haematoma", 0.25, 1.0, "gap"),
    PhaseSpec("granulation", 3.0, 5.0, "gap"),
    PhaseSpec("soft_callus", 7.0, 13.0, "gap"),  # the cartilage splint over and in the gap
    PhaseSpec("hard_callus", 15.0, 20.0, "front"),
    PhaseSpec("bridging", 22.0, 30.0, "gap"),
    PhaseSpec("remodelling", 45.0, 72.0, "gap"),
)



def phases_at_pace(pace: float) -> tuple[PhaseSpec, ...]:
    """The phases of a repair at this pace: every onset and representative day after the first onset x pace
    (an adult's callus bridges later, so its "bridging" stop comes later too)."""
    first = FRACTURE_PHASES[0]
    return (first, *(replace(ph, start_day=ph.start_day * pace, representative_day=ph.representative_day * pace)
                     for ph in FRACTURE_PHASES[1:]))


# The analogy: callus day -> the fetal femur's day (after fertilisation) showing the same step
FEMUR_DAY_FOR_PHASE: dict[str, float] = {
    "haematoma": 42.0,  # no counterpart: development has no injury; the cartilage model is shown
    "granulation": 46.0,  # mesenchymal condensation / cartilage model
    "soft_callus": 48.0,  # cartilage model
    "hard_callus": 55.5,  # hypertrophy, calcification, bone collar
    "bridging": 60.0,  # primary ossification centre: vessels, osteoclasts, woven bone
    "remodelling": 83.0,  # marrow cavity hollowed out
}
