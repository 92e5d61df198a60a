#!/usr/bin/env python3
"""Prints the side-by-side table of benches/compare/run.sh as Markdown: the median seconds of each task and
tool, the ratio peer/ours, the coverage agreement check (per-unit % covered within 0.5 percentage points) and
whether both sides found the same number of bounding-box hits.

  table.py RESULTS.tsv COVERAGE_OURS.csv COVERAGE_PEER.csv OURS_HITS.txt PEER_HITS.txt
"""

import csv
import os
import statistics
import sys
from collections import defaultdict

AGREEMENT_PCT_POINTS = 0.5
DATASETS = {
    "districts": "692 districts of Vietnam",
    "gshhg": "GSHHG full shoreline",
    "parcels": "1 M generated parcels",
}
FORMATS = {
    "geojson": "GeoJSON, WGS 84",
    "shp": "Shapefile + .cpg, EPSG:9210",
    "shp-nocpg": "Shapefile without .cpg, EPSG:9210",
    "gpkg": "GeoPackage, EPSG:9210",
    "csv": "CSV points (lon/lat)",
}
OTHER_TASKS = [
    ("coverage", "coverage: 5,000 sites over 692 districts"),
    ("query-1M", "10,000 bounding-box queries, 1 M parcels"),
]
PEERS = ["geopandas", "ogrinfo"]


def task_label(task):
    """`load-districts-shp-nocpg` → "open + index: 692 districts of Vietnam — Shapefile without .cpg, …"."""
    for key, dataset in DATASETS.items():
        prefix = f"load-{key}-"
        if task.startswith(prefix) and task[len(prefix):] in FORMATS:
            label = f"{dataset} — {FORMATS[task[len(prefix):]]}"
            if key == "gshhg" and task[len(prefix):] in ("shp", "shp-nocpg", "gpkg"):
                label = label.replace("EPSG:9210", "WGS 84")
            return "open + index: " + label
    return dict(OTHER_TASKS).get(task, task)


def main(results_path, ours_csv, peer_csv, ours_hits_path, peer_hits_path):
    times = defaultdict(list)
    order = []
    with open(results_path, encoding="utf-8") as fh:
        for task, tool, seconds in csv.reader(fh, delimiter="\t"):
            times[(task, tool)].append(float(seconds))
            if task not in order:
                order.append(task)
    tasks = [(task, task_label(task)) for task in order]
    slowest = []
    print("| task | ours (s) | geopandas (s) | geopandas / ours | ogrinfo -so (s) | ogrinfo / ours | runs |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for task, label in tasks:
        ours = times.get((task, "ours"))
        if not ours:
            continue
        ours_median = statistics.median(ours)
        cells = [label, f"{ours_median:.3f}"]
        for peer in PEERS:
            peer_times = times.get((task, peer))
            if peer_times:
                peer_median = statistics.median(peer_times)
                cells += [f"{peer_median:.3f}", f"{peer_median / ours_median:.1f}×"]
                if peer == "geopandas" and task.startswith("load-"):
                    slowest.append((peer_median / ours_median, label))
            else:
                cells += ["–", "–"]
        cells.append(str(len(ours)))
        print("| " + " | ".join(cells) + " |")
    print()
    if slowest:
        ratio, label = min(slowest)
        print(f"Smallest lead over geopandas on open + index: {ratio:.1f}× ({label}); target ≥ 5× on every file.")
        print()
    print("Where our open + index time goes (medians): read = parse and checks; "
          "reproject + index = into EPSG:9210 on all cores, then the R-tree bulk load.")
    print()
    print("| file | read (s) | reproject + index (s) | peak RSS (MiB) |")
    print("|---|---:|---:|---:|")
    for task, label in tasks:
        phases = [times.get((task, tool)) for tool in ("ours-read", "ours-reproject-index", "ours-peak-rss-mib")]
        if all(phases):
            read_s, prepare_s, peak = (statistics.median(values) for values in phases)
            print(f"| {label.split(': ', 1)[-1]} | {read_s:.3f} | {prepare_s:.3f} | {peak:.0f} |")
    print()
    if os.path.exists(ours_csv) and os.path.exists(peer_csv):
        coverage_agreement(ours_csv, peer_csv)
    if os.path.exists(ours_hits_path) and os.path.exists(peer_hits_path):
        with open(ours_hits_path, encoding="utf-8") as fh:
            ours_hits = int(fh.read().strip())
        with open(peer_hits_path, encoding="utf-8") as fh:
            peer_hits = int(fh.read().strip())
        same = "the same" if ours_hits == peer_hits else f"DIFFERENT ({abs(ours_hits - peer_hits)} apart)"
        print(f"Bounding-box hits: ours {ours_hits:,}, shapely STRtree {peer_hits:,}: {same}.")


def coverage_agreement(ours_csv, peer_csv):
    def read(path):
        with open(path, encoding="utf-8") as fh:
            return {row["unit"]: row for row in csv.DictReader(fh)}

    ours = read(ours_csv)
    peer = read(peer_csv)
    ours_total = ours.pop("TOTAL", None)
    common = sorted(set(ours) & set(peer))
    differences = [abs(float(ours[unit]["covered_pct"]) - float(peer[unit]["covered_pct"])) for unit in common]
    worst = max(differences, default=0.0)
    outside = sum(1 for difference in differences if difference > AGREEMENT_PCT_POINTS)
    peer_area = sum(float(peer[unit]["area_m2"]) for unit in peer)
    peer_covered = sum(float(peer[unit]["covered_m2"]) for unit in peer)
    peer_total_pct = 100.0 * peer_covered / peer_area if peer_area else 0.0
    ours_total_pct = float(ours_total["covered_pct"]) if ours_total else float("nan")
    verdict = "AGREE" if outside == 0 and len(common) == len(peer) == len(ours) else "DO NOT AGREE"
    print(
        f"Coverage figures {verdict}: {len(common)} units compared (ours {len(ours)}, geopandas {len(peer)}); "
        f"largest per-unit difference {worst:.3f} percentage points, {outside} unit(s) beyond "
        f"{AGREEMENT_PCT_POINTS}; total covered ours {ours_total_pct:.3f} %, geopandas {peer_total_pct:.3f} %."
    )


if __name__ == "__main__":
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    main(*sys.argv[1:])
