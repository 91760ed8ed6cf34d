"""The map is drawn from the vendored Census-derived geometry."""

import re

from tracker.web.maps import county_shapes, state_shapes, viewbox

NUMBER = r"-?\d+\.\d"


def test_every_state_and_dc_has_a_closed_path_inside_the_viewbox() -> None:
    shapes = {geoid: (name, path) for geoid, name, path in state_shapes()}
    assert len(shapes) == 51
    assert shapes["22"][0] == "Louisiana"
    x0, y0, width, height = (float(v) for v in viewbox().split())
    for _name, path in shapes.values():
        assert path.startswith("M") and path.endswith("Z")
        points = [(float(x), float(y)) for x, y in re.findall(rf"({NUMBER}),({NUMBER})", path)]
        assert points
        assert all(x0 <= x <= x0 + width and y0 <= y <= y0 + height for x, y in points)


def test_a_state_has_its_counties_keyed_by_five_digit_geoid() -> None:
    counties = {geoid: name for geoid, name, _ in county_shapes("06")}
    assert len(counties) == 58
    assert counties["06075"] == "San Francisco"
    assert all(geoid.startswith("06") for geoid in counties)
