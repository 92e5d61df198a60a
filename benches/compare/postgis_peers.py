#!/usr/bin/env python3
"""The Python side of the PostGIS benchmark (benches/compare/postgis.sh).

  postgis_peers.py read SOCKET_DIR PORT DBNAME TABLE [COLUMNS]
                                                       geopandas.read_postgis (SQLAlchemy + psycopg 3 over the
                                                       Unix socket) of the whole table (COLUMNS: the SELECT list,
                                                       default the quad table's), then build its STRtree
                                                       (.sindex) and query it once; prints JSON with the timed
                                                       part in seconds
  postgis_peers.py atlas-json REPORT.json              the fields of an `hpatlas query` report the table needs,
                                                       tab-separated: open seconds, first-batch seconds (or -),
                                                       features, peak MiB (or -)
  postgis_peers.py table RESULTS.tsv [GENERATION.tsv]  the Markdown table of medians (seconds, peak RSS, ratio
                                                       to the atlas), and the raw coordinate bytes

RESULTS.tsv has one line per measurement: tool, metric, value. Metrics: `seconds` (the tool's timed part: the
atlas's open_and_index_s, geopandas' read + sindex, the whole process for ogr2ogr, ogrinfo and psql's COPY),
`wall_s` (the whole process), `rss_kib` (`/usr/bin/time -v` maximum resident set size), `first_s` (the atlas's
first batch; geopandas' whole read, as its frame exists only then).
"""

import json
import statistics
import sys
import time
from collections import defaultdict


def read(socket_dir, port, dbname, table, columns="id, class_code, area_m2, approved_on, geom"):
    import geopandas as gpd
    import shapely
    from sqlalchemy import create_engine

    # The connection is part of the timed work, as it is for the atlas and GDAL.
    started = time.perf_counter()
    engine = create_engine(f"postgresql+psycopg://postgres@/{dbname}?host={socket_dir}&port={port}")
    with engine.connect() as con:
        frame = gpd.read_postgis(
            f"SELECT {columns} FROM {table}", con, geom_col="geom"
        )
    read_s = time.perf_counter() - started
    tree = frame.sindex
    minx, miny, maxx, maxy = frame.geometry.iloc[0].bounds
    tree.query(shapely.box(minx, miny, maxx, maxy))  # the tree is built lazily: make sure it exists
    elapsed = time.perf_counter() - started
    engine.dispose()
    print(json.dumps({"features": len(frame), "crs": str(frame.crs), "read_s": read_s, "seconds": elapsed}))


def atlas_json(path):
    with open(path, encoding="utf-8") as fh:
        report = json.load(fh)
    first = next((report[key] for key in report if "first" in key and isinstance(report[key], (int, float))), None)
    peak = report.get("peak_rss_mb")
    fields = [
        report["open_and_index_s"],
        "-" if first is None else first,
        report.get("features", "-"),
        "-" if peak is None else peak,
    ]
    print("\t".join(str(field) for field in fields))


TOOLS = [
    ("atlas", "atlas: `hpatlas query 'PG:… table={table}'` (stream, index)"),
    ("geopandas", "geopandas `read_postgis` (SQLAlchemy + psycopg) + `.sindex`"),
    ("ogr2ogr", "GDAL `ogr2ogr -f GPKG` (table → GeoPackage with its R-tree)"),
    ("ogrinfo", "GDAL `ogrinfo -so` (summary: count, extent, fields)"),
    ("copy", "floor: `psql` binary `COPY … TO STDOUT` of the same rows, nothing decoded"),
]


# generation.tsv lines that are not timed steps
GENERATION_FACTS = {"shape", "table", "columns", "rows", "vertices", "table bytes", "index bytes", "extent",
                    "load average at start", "load average at end"}


def table(results_path, generation_path=None):
    generation = {}
    if generation_path:
        with open(generation_path, encoding="utf-8") as fh:
            generation = dict(line.rstrip("\n").split("\t", 1) for line in fh)
    values = defaultdict(list)
    with open(results_path, encoding="utf-8") as fh:
        for line in fh:
            tool, metric, value = line.rstrip("\n").split("\t")
            values[(tool, metric)].append(float(value))

    def median(tool, metric):
        got = values.get((tool, metric))
        return statistics.median(got) if got else None

    atlas = median("atlas", "seconds")
    print("| tool | median s (timed part) | median s (whole process) | peak RSS MiB (median) | "
          "time / atlas | first features (s) | runs |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for tool, label in TOOLS:
        seconds = median(tool, "seconds")
        wall = median(tool, "wall_s")
        rss = median(tool, "rss_kib")
        first = median(tool, "first_s")
        runs = len(values.get((tool, "wall_s"), []))
        if seconds is None:
            print(f"| {label.format(table=generation.get('table', 'public.parcels'))} | pending | – | – | – | – | 0 |")
            continue
        ratio = f"{seconds / atlas:.1f}×" if atlas else "–"
        print(
            f"| {label.format(table=generation.get('table', 'public.parcels'))} | {seconds:.3f} | {wall:.3f} | {rss / 1024:.0f} | {ratio} | "
            f"{'–' if first is None else f'{first:.3f}'} | {runs} |"
        )
    counts = [f"{tool} {int(values[(tool, 'features')][-1]):,}" for tool, _ in TOOLS if (tool, "features") in values]
    print()
    print("Features read: " + ", ".join(counts) + ".")
    spreads = []
    for tool, _ in TOOLS:
        got, rss = values.get((tool, "seconds")), values.get((tool, "rss_kib"))
        if got and len(got) > 1:
            first = values.get((tool, "first_s")) if tool == "atlas" else None
            spreads.append(f"{tool} {min(got):.3f}–{max(got):.3f} s, {min(rss) / 1024:.0f}–{max(rss) / 1024:.0f} MiB"
                           + (f", first features {min(first):.3f}–{max(first):.3f} s" if first else ""))
    if spreads:
        print()
        print("Spread (timed part, peak RSS): " + "; ".join(spreads) + ".")
    if generation:
        rows, vertices = int(generation["rows"]), int(generation["vertices"])
        raw_mib = vertices * 16 / 2**20
        steps = ", ".join(f"{step} {float(seconds):.1f} s" for step, seconds in generation.items()
                          if step not in GENERATION_FACTS)
        print()
        print(f"Table {generation.get('table', 'public.parcels')} ({generation.get('shape', 'quad')}): {rows:,} rows, "
              f"{vertices / rows:.1f} vertices per row. Generation: {steps}.")
        print()
        print(f"Raw coordinates: {vertices:,} vertices × 16 B = {raw_mib:.1f} MiB (3× = {3 * raw_mib:.0f} MiB).")
        held = [f"{tool} {median(tool, 'rss_kib') / 1024 / raw_mib:.1f}×" for tool in ("atlas", "geopandas")
                if median(tool, "rss_kib") is not None]
        if held:
            print(f"Peak RSS / raw coordinates (medians): {', '.join(held)}.")


def main(argv):
    tasks = {"read": read, "atlas-json": atlas_json, "table": table}
    if len(argv) < 2 or argv[1] not in tasks:
        sys.exit(__doc__)
    tasks[argv[1]](*argv[2:])


if __name__ == "__main__":
    main(sys.argv)
