"""The femur's geometry is built once a run and shared by every endochondral model on its grid, read-only."""

import numpy as np
import pytest

from osteoviz.model.endochondral import EndochondralModel
from osteoviz.model.femur_shape import FemurShape, femur_shape
from osteoviz.model.params import EndochondralParams


def test_models_share_one_read_only_geometry_equal_to_a_fresh_one():
    a, b = EndochondralModel(), EndochondralModel(EndochondralParams(pthrp_length_um=350.0))  # (an experiment)
    assert a.geo is b.geo
    fresh = FemurShape(a.p.grid_w, a.p.grid_h)
    for name, value in vars(fresh).items():
        if isinstance(value, np.ndarray):
            assert np.array_equal(getattr(a.geo, name), value), name
            with pytest.raises(ValueError):
                getattr(a.geo, name)[...] = value  # read-only: no model can change the others' geometry
    assert femur_shape(a.p.grid_w // 2, a.p.grid_h // 2) is not a.geo  # another grid, another shape


def test_the_distance_transform_gives_the_brute_force_numbers():
    """surface_mm and joint_mm come from an exact separable distance transform: the very numbers of comparing
    every site with every target site, on the femur's own edges and on scattered, dense and empty targets."""
    from osteoviz.model.lattice import NEIGHBOURS_4, any_neighbour

    shape = FemurShape(182, 59)  # a coarser grid: the brute force stays quick
    edge = shape.inside & any_neighbour(~shape.inside, NEIGHBOURS_4)
    rng = np.random.default_rng(3)
    for target in (edge, shape.joint_edge, rng.random(shape.x.shape) < 0.01, rng.random(shape.x.shape) < 0.5,
                   np.zeros(shape.x.shape, bool)):
        assert np.array_equal(shape._distance_mm(target), shape.distance_brute_force(target))
