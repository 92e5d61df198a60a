"""GeoJSON writing shared by the map build scripts (build_maps.py, build_planning_layers.py).

Output is deterministic: coordinates rounded to 6 decimals (about 0.1 m in degrees), repeated points
dropped, RFC 7946 ring orientation (exterior counter-clockwise, holes clockwise), compact JSON with one
feature per line, UTF-8 and LF endings, so a rebuild from the same inputs is byte-identical.
"""

import json

import shapely


def explode(g, kind):
    """Flatten a geometry into a list of non-empty parts of type `kind`."""
    if g is None or g.is_empty:
        return []
    if g.geom_type == kind:
        return [g]
    if hasattr(g, "geoms"):
        return [p for q in g.geoms for p in explode(q, kind)]
    return []


def r6(v):
    return round(float(v), 6) + 0.0  # + 0.0 turns -0.0 into 0.0


def line_coords(coords):
    out = []
    for x, y in coords:
        p = [r6(x), r6(y)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def polygon_coords(p):
    p = shapely.orient_polygons(p)  # RFC 7946: exterior CCW, holes CW
    return [line_coords(p.exterior.coords)] + [line_coords(r.coords) for r in p.interiors]


def geom_json(g):
    if g.geom_type == "Point":
        return {"type": "Point", "coordinates": [r6(g.x), r6(g.y)]}
    if g.geom_type == "LineString":
        return {"type": "LineString", "coordinates": line_coords(g.coords)}
    if g.geom_type == "Polygon":
        return {"type": "Polygon", "coordinates": polygon_coords(g)}
    if g.geom_type == "MultiPolygon":
        return {"type": "MultiPolygon", "coordinates": [polygon_coords(p) for p in g.geoms]}
    raise ValueError(g.geom_type)


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def write_geojson(path, features, meta):
    """Compact FeatureCollection, one feature per line, UTF-8, LF endings."""
    head = {"type": "FeatureCollection"}
    head.update(meta)  # foreign members (RFC 7946 §6.1): name, source, license
    text = dumps(head)[:-1] + ',"features":[\n'
    text += ",\n".join(dumps(f) for f in features)
    text += "\n]}\n"
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
