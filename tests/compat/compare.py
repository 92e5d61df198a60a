#!/usr/bin/env python3
"""Compare what the atlas reads with what GDAL reads, file by file, over the compatibility corpus.

The corpus is made by tests/compat/fetch_corpus.sh (target/compat-corpus/files/). For every data file
(.shp, .gpkg tables, GeoJSON, .csv, .gpx, .kml/.kmz) this runs `hpatlas info` (and `hpatlas convert` to
GeoJSON for the attribute values) and GDAL (`ogrinfo -so` for the schema, `ogr2ogr -t_srs EPSG:4326` to
GeoJSON for the features), and compares:
  - the feature count;
  - the geometry types (per-feature counts; GDAL's curves are linearised by ogr2ogr as GDAL draws them);
  - the WGS 84 bounding box (tolerance 1e-6 degrees);
  - the attribute names (for GPX and KML the atlas has a schema of its own: not compared, see
    docs/compatibility.md);
  - the attribute values of the first SAMPLE_FEATURES features (same position in both).
Files the atlas refuses are listed with its message.

Run from the repository root, after the fetch script:
    bash tests/compat/fetch_corpus.sh && python3 tests/compat/compare.py
The atlas binary is $HPATLAS (default target/release/hpatlas). Prints a Markdown table to stdout and
writes target/compat-corpus/results.json. Standard library only; needs gdal-bin (ogrinfo, ogr2ogr).
Options: --only SUBSTRING (files whose path contains it), --jobs N (parallel files, default 2).
"""

import argparse
import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO_ROOT / "target" / "compat-corpus"
FILES_DIR = CORPUS_DIR / "files"
RESULTS_PATH = CORPUS_DIR / "results.json"
BBOX_TOLERANCE_DEG = 1e-6
SAMPLE_FEATURES = 25
COMMAND_TIMEOUT_S = 300

PRIMARY_SUFFIXES = {".shp", ".gpkg", ".geojson", ".json", ".csv", ".gpx", ".kml", ".kmz"}
# GDAL's GPX layers that hold the features the atlas reads (route_points/track_points repeat them).
GPX_FEATURE_LAYERS = ("waypoints", "routes", "tracks")
# GDAL's CSV driver needs to be told where the geometry is; these mirror the names the atlas looks for.
CSV_OPEN_OPTIONS = [
    "-oo", "X_POSSIBLE_NAMES=lon,lng,long,longitude,x,easting,kinh_do",
    "-oo", "Y_POSSIBLE_NAMES=lat,latitude,y,northing,vi_do",
    "-oo", "GEOM_POSSIBLE_NAMES=wkt,geometry,the_geom,geom,wkt_geom",
    "-oo", "KEEP_GEOM_COLUMNS=NO",
]
FIELD_LINE = re.compile(
    r"^(?P<name>.+?): (?P<type>Integer64List|IntegerList|RealList|StringList|Integer64|Integer|Real|"
    r"String|DateTime|Date|Time|Binary)(\((?P<subtype>\w+)\))? \(\d+\.\d+\)$"
)


def first_error_line(text):
    """GDAL's failures list every driver it tried; the first line says what went wrong."""
    lines = [l for l in text.splitlines() if l.strip()]
    return lines[0][:300] if lines else ""


def run(args, timeout=COMMAND_TIMEOUT_S):
    """Runs a command; returns (exit code, stdout, stderr). A time-out is reported as exit code -9."""
    try:
        done = subprocess.run(args, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return -9, "", f"timed out after {timeout} s"
    return (done.returncode, done.stdout.decode("utf-8", "replace"),
            done.stderr.decode("utf-8", "replace"))


def find_primary_files():
    files = []
    for path in sorted(FILES_DIR.rglob("*")):
        if path.is_file() and path.suffix.lower() in PRIMARY_SUFFIXES:
            files.append(path)
    return files


# ---------------------------------------------------------------- GDAL side

def gdal_layer_names(path):
    code, out, err = run(["ogrinfo", "-ro", "-q", str(path)] + csv_options(path))
    if code != 0:
        return None, first_error_line(err) or first_error_line(out)
    names = []
    for line in out.splitlines():
        m = re.match(r"^\d+: (.+?)(?: \([^()]*\))?$", line.strip())
        if m:
            names.append(m.group(1))
    return names, ""


def csv_options(path):
    return CSV_OPEN_OPTIONS if path.suffix.lower() == ".csv" else []


def gdal_fields(path, layer):
    """Field names and types of one layer from `ogrinfo -so`."""
    code, out, err = run(["ogrinfo", "-ro", "-so", str(path), layer] + csv_options(path))
    fields, srs = [], True
    if code != 0:
        return fields, srs, first_error_line(err)
    past_header = False
    for line in out.splitlines():
        if line.startswith("Layer SRS WKT:"):
            past_header = True
        if line.strip() == "(unknown)" and past_header:
            srs = False
        m = FIELD_LINE.match(line)
        if m and past_header:
            fields.append({"name": m.group("name"), "type": m.group("type"),
                           "subtype": m.group("subtype")})
    return fields, srs, ""


def gdal_features(path, layer, has_srs):
    """The layer's features as GeoJSON in WGS 84 (when the layer has a CRS) via ogr2ogr."""
    with tempfile.TemporaryDirectory() as tmp:
        out_path = os.path.join(tmp, "gdal.geojson")
        args = ["ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=NO", "-lco", "WRITE_BBOX=NO"]
        if has_srs:
            args += ["-t_srs", "EPSG:4326"]
        args += [out_path, str(path), layer] + csv_options(path)
        code, out, err = run(args)
        if code != 0 or not os.path.exists(out_path):
            return None, first_error_line(err) or first_error_line(out)
        with open(out_path, encoding="utf-8") as f:
            return json.load(f)["features"], ""


def gdal_summary(path, table=None):
    """What GDAL reads: count, geometry types, WGS 84 bbox, field names, features (for values)."""
    suffix = path.suffix.lower()
    names, err = gdal_layer_names(path)
    if names is None:
        return {"error": err}
    if table is not None:
        layers = [table]
    elif suffix == ".gpx":
        layers = [n for n in GPX_FEATURE_LAYERS if n in names]
    elif suffix in (".kml", ".kmz"):
        layers = names
    else:
        layers = names[:1]
    summary = {"layers": layers, "features": [], "fields": [], "has_srs": True, "notes": []}
    for layer in layers:
        fields, has_srs, err = gdal_fields(path, layer)
        if err:
            return {"error": err}
        summary["has_srs"] = summary["has_srs"] and has_srs
        for field in fields:
            if field["name"] not in [f["name"] for f in summary["fields"]]:
                summary["fields"].append(field)
        features, err = gdal_features(path, layer, has_srs)
        if features is None:
            return {"error": err}
        summary["features"].extend(features)
    summary["count"] = len(summary["features"])
    summary["geometry_types"] = geometry_type_counts(f.get("geometry") for f in summary["features"])
    summary["bbox"] = bbox_of(f.get("geometry") for f in summary["features"])
    return summary


# ---------------------------------------------------------------- atlas side

def atlas_summary(atlas, path, table=None, crs=None):
    args = [atlas, "info", str(path)]
    if table is not None:
        args += ["--table", table]
    if crs is not None:
        args += ["--crs", crs]
    code, out, err = run(args)
    if code != 0:
        return {"refused": (err.strip() or out.strip() or f"exit code {code}")}
    try:
        info = json.loads(out)
    except ValueError:
        return {"refused": f"info printed no JSON: {out[:200]!r} {err[:200]!r}"}
    with tempfile.TemporaryDirectory() as tmp:
        out_path = os.path.join(tmp, "atlas.geojson")
        args = [atlas, "convert", str(path), out_path]
        if table is not None:
            args += ["--table", table]
        if crs is not None:
            args += ["--from-crs", crs]
        code, out, err = run(args)
        features = None
        convert_error = ""
        if code == 0 and os.path.exists(out_path):
            with open(out_path, encoding="utf-8") as f:
                features = json.load(f)["features"]
        else:
            convert_error = err.strip() or out.strip() or f"exit code {code}"
    return {"info": info, "features": features, "convert_error": convert_error}


# ---------------------------------------------------------------- geometry helpers

def is_empty(g):
    return next(geometry_positions(g), None) is None


def geometry_type_counts(geometries):
    """Per-type counts; an empty geometry (GDAL's LINESTRING EMPTY) counts as Null, as the atlas has none."""
    counts = {}
    for g in geometries:
        name = "Null" if not g or is_empty(g) else g["type"]
        counts[name] = counts.get(name, 0) + 1
    return counts


def positions(coords):
    if not coords:
        return
    if isinstance(coords[0], (int, float)):
        yield coords
        return
    for c in coords:
        yield from positions(c)


def geometry_positions(g):
    if not g:
        return
    if g["type"] == "GeometryCollection":
        for part in g.get("geometries", []):
            yield from geometry_positions(part)
    else:
        yield from positions(g.get("coordinates"))


def bbox_of(geometries):
    xmin = ymin = math.inf
    xmax = ymax = -math.inf
    for g in geometries:
        for p in geometry_positions(g):
            x, y = p[0], p[1]
            xmin, ymin, xmax, ymax = min(xmin, x), min(ymin, y), max(xmax, x), max(ymax, y)
    return None if xmin == math.inf else [xmin, ymin, xmax, ymax]


# ---------------------------------------------------------------- comparison

def values_equal(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        # GDAL 3.6 reads a DBF logical field as a one-letter string (T/F/Y/N, either case).
        truthy = {True: True, False: False, 1: True, 0: False, "t": True, "f": False,
                  "y": True, "n": False, "true": True, "false": False}
        norm = lambda v: truthy.get(v.lower() if isinstance(v, str) else v, v)
        return norm(a) == norm(b)
    # GDAL's CSV driver reads every cell as text (no AUTODETECT_TYPE); compare numbers as numbers.
    if isinstance(a, (int, float)) and isinstance(b, str) or isinstance(b, (int, float)) and isinstance(a, str):
        try:
            a, b = float(a), float(b)
        except ValueError:
            return False
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, str) and isinstance(b, str):
        # GDAL writes dates as 2021/03/04 in some drivers; compare the digits.
        if re.fullmatch(r"\d{4}[-/]\d\d[-/]\d\d.*", a) and re.fullmatch(r"\d{4}[-/]\d\d[-/]\d\d.*", b):
            return re.sub(r"\D", "", a).rstrip("0") == re.sub(r"\D", "", b).rstrip("0")
        return a == b
    return str(a) == str(b)


def short(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def compare(path, table, atlas_result, gdal):
    """Returns the list of differences (strings) between the atlas and GDAL for one layer."""
    suffix = path.suffix.lower()
    info = atlas_result["info"]
    diffs = []
    if info.get("features") != gdal["count"]:
        diffs.append(f"features: atlas {info.get('features')}, GDAL {gdal['count']}")
    atlas_types = info.get("geometry_types") or {}
    if atlas_types != gdal["geometry_types"]:
        diffs.append(f"geometry types: atlas {atlas_types}, GDAL {gdal['geometry_types']}")
    atlas_bbox = info.get("bbox_wgs84")
    gdal_bbox = gdal["bbox"]
    if (atlas_bbox is None) != (gdal_bbox is None):
        diffs.append(f"bbox: atlas {atlas_bbox}, GDAL {gdal_bbox}")
    elif atlas_bbox is not None:
        worst = max(abs(a - b) for a, b in zip(atlas_bbox, gdal_bbox))
        if worst > BBOX_TOLERANCE_DEG:
            diffs.append(f"bbox off by {worst:.3g}°: atlas {[round(v, 7) for v in atlas_bbox]}, "
                         f"GDAL {[round(v, 7) for v in gdal_bbox]}")
    atlas_names = [a["name"] for a in info.get("attributes", [])]
    gdal_names = [f["name"] for f in gdal["fields"]]
    own_schema = suffix in (".gpx", ".kml", ".kmz")
    if not own_schema and atlas_names != gdal_names:
        missing = [n for n in gdal_names if n not in atlas_names]
        extra = [n for n in atlas_names if n not in gdal_names]
        if missing or extra:
            diffs.append(f"attributes: only GDAL {missing}, only atlas {extra}")
        else:
            diffs.append(f"attribute order: atlas {atlas_names}, GDAL {gdal_names}")
    features = atlas_result["features"]
    if features is None:
        diffs.append(f"convert failed: {atlas_result['convert_error']}")
    elif not own_schema and len(features) == len(gdal["features"]):
        shared = [n for n in gdal_names if n in atlas_names]
        value_diffs = []
        for i, (fa, fg) in enumerate(zip(features[:SAMPLE_FEATURES], gdal["features"])):
            pa, pg = fa.get("properties") or {}, fg.get("properties") or {}
            for name in shared:
                # Both writers put a field called "id" in the feature's "id" member.
                va = pa[name] if name in pa else fa.get("id") if name == "id" else None
                vg = pg[name] if name in pg else fg.get("id") if name == "id" else None
                if not values_equal(va, vg):
                    value_diffs.append(f"#{i} {name}: atlas {short(va)}, GDAL {short(vg)}")
        if value_diffs:
            more = f" (+{len(value_diffs) - 3} more)" if len(value_diffs) > 3 else ""
            diffs.append("values: " + "; ".join(value_diffs[:3]) + more)
    return diffs


def check_file(atlas, path):
    """One result per layer the atlas is asked about (GeoPackage: every table GDAL lists)."""
    tables = [None]
    if path.suffix.lower() == ".gpkg":
        names, err = gdal_layer_names(path)
        tables = names if names else [None]
    results = []
    for table in tables:
        rel = str(path.relative_to(FILES_DIR)) + (f" [{table}]" if table else "")
        atlas_result = atlas_summary(atlas, path, table)
        gdal = gdal_summary(path, table)
        result = {"file": rel, "format": path.suffix.lower().lstrip(".")}
        # A file without a CRS is refused by the atlas until the user chooses one (the window asks).
        # When GDAL's coordinates are all degrees, compare again as if the user chose WGS 84.
        if ("refused" in atlas_result and "coordinate system unknown" in atlas_result["refused"]
                and "error" not in gdal and not gdal["has_srs"] and gdal["bbox"] is not None
                and -180 <= gdal["bbox"][0] and gdal["bbox"][2] <= 180
                and -90 <= gdal["bbox"][1] and gdal["bbox"][3] <= 90):
            result["atlas_message_without_crs"] = atlas_result["refused"]
            result["crs_given"] = "EPSG:4326"
            atlas_result = atlas_summary(atlas, path, table, crs="EPSG:4326")
        if "error" in gdal:
            result["gdal_error"] = gdal["error"]
        if "refused" in atlas_result:
            result["status"] = "refused"
            result["atlas_message"] = atlas_result["refused"]
            result["gdal"] = None if "error" in gdal else {
                "features": gdal["count"], "geometry_types": gdal["geometry_types"]}
        elif "error" in gdal:
            result["status"] = "gdal-fails"
            result["atlas"] = {k: atlas_result["info"].get(k) for k in ("features", "geometry_types")}
        else:
            diffs = compare(path, table, atlas_result, gdal)
            result["status"] = "differ" if diffs else "agree"
            result["differences"] = diffs
            result["atlas_crs"] = atlas_result["info"].get("crs")
            result["gdal_has_crs"] = gdal["has_srs"]
        results.append(result)
    return results


def markdown_cell(text):
    return text.replace("|", "\\|").replace("\n", " ")


def without_corpus_prefix(text):
    """Messages name files by absolute path; the table names them relative to the corpus."""
    return text.replace(str(FILES_DIR) + os.sep, "")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="compare only files whose path contains this")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    atlas = os.environ.get("HPATLAS", str(REPO_ROOT / "target" / "release" / "hpatlas"))
    if not os.access(atlas, os.X_OK):
        sys.exit(f"compare: no atlas binary at {atlas} (set HPATLAS)")
    if not FILES_DIR.is_dir():
        sys.exit("compare: no corpus; run bash tests/compat/fetch_corpus.sh first")
    files = [p for p in find_primary_files() if not args.only or args.only in str(p)]
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for file_results in pool.map(lambda p: check_file(atlas, p), files):
            results.extend(file_results)
            for r in file_results:
                print(f"compare: {r['status']:>10}  {r['file']}", file=sys.stderr)
    counts = {}
    for r in results:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    with open(RESULTS_PATH, "w", encoding="utf-8") as f:
        json.dump({"atlas": atlas, "summary": counts, "results": results}, f, indent=1,
                  ensure_ascii=False)
    print(f"# Atlas vs GDAL on the compatibility corpus\n")
    print(", ".join(f"{n} {s}" for s, n in sorted(counts.items())) + f" ({len(results)} layers)\n")
    print("| file | result | what differs |")
    print("| --- | --- | --- |")
    for r in results:
        if r["status"] == "refused":
            what = "atlas: " + r["atlas_message"]
            if r.get("gdal"):
                what += f" — GDAL reads {r['gdal']['features']} features"
            elif r.get("gdal_error"):
                what += " — GDAL fails too: " + r["gdal_error"]
        elif r["status"] == "gdal-fails":
            what = "GDAL: " + r["gdal_error"]
        else:
            what = "; ".join(r["differences"])
            if r.get("crs_given"):
                what = f"(no CRS in the file: compared with --crs {r['crs_given']}) " + what
        what = without_corpus_prefix(what)
        print(f"| {markdown_cell(r['file'])} | {r['status']} | {markdown_cell(what)} |")
    print(f"\ncompare: results in {RESULTS_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
