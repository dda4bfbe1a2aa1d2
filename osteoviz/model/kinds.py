"""The tissue and cell-type codes stored in the site grids (names are keys into palettes and content)."""

from __future__ import annotations

from enum import IntEnum


class Tissue(IntEnum):
    """What fills a site: the matrix or space a cell sits in."""

    BACKGROUND = 0
    MESENCHYME = 1
    PERICHONDRIUM = 2
    CARTILAGE = 3
    PROLIFERATIVE = 4
    HYPERTROPHIC = 5
    CALCIFIED = 6
    BONE = 7  # woven / spongy (trabecular) bone
    COMPACT = 8  # bone collar, cortex, compact tables
    MARROW = 9
    PERIOSTEUM = 10
    VESSEL = 11
    ARTICULAR = 12
    EPIPHYSEAL_LINE = 13
    OSTEOID = 14
    SUTURE = 15
    SKIN = 16
    DURA = 17
    FONTANELLE = 18
    BONE_SPICULE = 19  # radiating trabecula seen from above
    BRAIN = 20
    TRABECULAR = 21  # remodelled (lamellar) spongy bone
    YELLOW_MARROW = 22  # fatty marrow of the adult long-bone shaft
    COLLAR = 23  # periosteal bone collar of the fetal long bone (woven), before it becomes cortical bone
    HAEMATOMA = 24  # fracture haematoma: clotted blood (fibrin, red cells) in the gap
    GRANULATION = 25  # granulation tissue: capillaries, fibroblasts and macrophages organising the clot
    DEAD_BONE = 26  # cortex at the fracture ends whose osteocytes died (empty lacunae)
    MUSCLE = 27  # skeletal muscle and soft tissue around the shaft


class Cell(IntEnum):
    """Which cell occupies a site (NONE: matrix only)."""

    NONE = 0
    MESENCHYMAL = 1
    CHONDROCYTE = 2
    PROLIFERATIVE = 3
    HYPERTROPHIC = 4
    OSTEOPROGENITOR = 5
    OSTEOBLAST = 6
    OSTEOCYTE = 7
    OSTEOCLAST = 8
    ENDOTHELIAL = 9
    HAEMATOPOIETIC = 10
    FIBROBLAST = 11
    NEUTROPHIL = 12
    MACROPHAGE = 13
    EMPTY_LACUNA = 14  # not a cell: the space a dead osteocyte left
    ERYTHROCYTE = 15  # red blood cell: the bulk of a fresh clot (fracture haematoma)
    FIBRIN = 16  # not a cell: a tuft of the clot's fibrin mesh, drawn as thin strands


def tissue_key(t: int) -> str:
    return Tissue(t).name.lower()


def cell_key(c: int) -> str:
    return Cell(c).name.lower()
