#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets in fuzz/corpus/<target>/ from tests/fixtures, maps/ and a few
hand-made samples (WKB of every geometry type, GeoPackage blobs, a small GeoPackage, KML/KMZ, CSV with WKT,
review and project files), plus a dictionary of project-file member names in fuzz/dicts/. Existing corpus
files are kept (libFuzzer adds its own); seeds are named by their content, so reruns add nothing twice.
Each target's input format (a leading mode byte, lengths) is described at the top of its fuzz_targets/*.rs."""

import hashlib
import io
import re
import sqlite3
import struct
import sys
import tempfile
import zipfile
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
FIXTURES = ROOT / "tests" / "fixtures"
CORPUS = FUZZ / "corpus"
MAX_LEN = 65536


def seed(target, data):
    """Adds one seed to a target's corpus (skipped when longer than the runs' -max_len)."""
    if len(data) > MAX_LEN:
        return
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def files(*patterns):
    """Fixture files matching the glob patterns, sorted."""
    found = set()
    for pattern in patterns:
        found.update(FIXTURES.glob(pattern))
    return sorted(found)


# --- WKB -------------------------------------------------------------------------------------------------

def wkb(code, body, little=True):
    return struct.pack("<BI" if little else ">BI", 1 if little else 0, code) + body


def coords(points, little=True):
    fmt = "<" if little else ">"
    return b"".join(struct.pack(fmt + "d" * len(p), *p) for p in points)


def count(n, little=True):
    return struct.pack("<I" if little else ">I", n)


def wkb_samples(x0, y0, d):
    """WKB of every type the reader knows (2-D, Z, M, ZM in ISO and extended codes; both byte orders;
    curved types), around (x0, y0) with size d."""
    ring = [(x0, y0), (x0 + d, y0), (x0 + d, y0 + d), (x0, y0 + d), (x0, y0)]
    hole = [(x0 + d / 4, y0 + d / 4), (x0 + d / 2, y0 + d / 4), (x0 + d / 2, y0 + d / 2),
            (x0 + d / 4, y0 + d / 4)]
    line = [(x0, y0), (x0 + d, y0 + d), (x0 + 2 * d, y0)]
    out = []
    for little in (True, False):
        pt = wkb(1, coords([(x0, y0)], little), little)
        ls = wkb(2, count(len(line), little) + coords(line, little), little)
        poly = wkb(3, count(2, little) + count(len(ring), little) + coords(ring, little)
                   + count(len(hole), little) + coords(hole, little), little)
        out += [pt, ls, poly,
                wkb(4, count(2, little) + pt + pt, little),
                wkb(5, count(2, little) + ls + ls, little),
                wkb(6, count(2, little) + poly + poly, little),
                wkb(7, count(3, little) + pt + ls + wkb(7, count(1, little) + poly, little), little),
                wkb(7, count(0, little), little),
                wkb(1, coords([(float("nan"), float("nan"))], little), little)]
        # Z, M and ZM: ISO codes (1000, 2000, 3000 added) and extended flags (0x80000000 Z, 0x40000000 M).
        for extra, iso, flags in ((1, 1000, 0x80000000), (1, 2000, 0x40000000), (2, 3000, 0xC0000000)):
            pts = [p + (5.0,) * extra for p in line]
            body = count(len(pts), little) + coords(pts, little)
            out.append(wkb(2 + iso, body, little))
            out.append(wkb(2 | flags, body, little))
            out.append(wkb(1 + iso, coords([(x0, y0) + (1.0,) * extra], little), little))
        # Curved types: CircularString, CompoundCurve, CurvePolygon, MultiCurve, MultiSurface.
        arc = [(x0, y0), (x0 + d, y0 + d), (x0 + 2 * d, y0)]
        circ = wkb(8, count(3, little) + coords(arc, little), little)
        closed_arc = [(x0, y0), (x0 + d, y0 + d), (x0, y0)]
        closed = wkb(8, count(3, little) + coords(closed_arc, little), little)
        compound = wkb(9, count(2, little) + circ + wkb(2, count(2, little) + coords(
            [(x0 + 2 * d, y0), (x0, y0)], little), little), little)
        curvepoly = wkb(10, count(1, little) + compound, little)
        out += [circ, closed, compound, curvepoly,
                wkb(10, count(1, little) + closed, little),
                wkb(11, count(2, little) + circ + ls, little),
                wkb(12, count(2, little) + curvepoly + poly, little)]
    return out


def gpkg_blob(body, srs_id, envelope_code=0, empty=False, little=True):
    """A GeoPackage geometry blob: "GP", version 0, flags, srs_id, an envelope of the code's size, the WKB."""
    flags = (envelope_code << 1) | (1 if little else 0) | (0x10 if empty else 0)
    envelope = struct.pack("<" + "d" * {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[envelope_code],
                           *([0.0] * {0: 0, 1: 4, 2: 6, 3: 6, 4: 8}[envelope_code]))
    return b"GP" + bytes([0, flags]) + struct.pack("<i", srs_id) + envelope + body


def gpkg_wkb_seeds():
    vn2000 = wkb_samples(590000.0, 2300000.0, 100.0)
    wgs84 = wkb_samples(106.68, 20.85, 0.01)
    for body in vn2000 + wgs84:
        seed("gpkg_wkb", b"\x00" + body)
    for number, body in enumerate(vn2000):
        seed("gpkg_wkb", b"\x01" + gpkg_blob(body, 9210, envelope_code=number % 5))
    for number, body in enumerate(wgs84):
        seed("gpkg_wkb", b"\x03" + gpkg_blob(body, 4326, envelope_code=number % 5))
    seed("gpkg_wkb", b"\x01" + gpkg_blob(b"", 9210, empty=True))
    for path in files("**/*.gpkg"):
        for blob in geometry_blobs(path):
            seed("gpkg_wkb", b"\x01" + blob)
            seed("gpkg_wkb", b"\x03" + blob)
            if len(blob) > 8:
                seed("gpkg_wkb", b"\x00" + blob[8:])


def geometry_blobs(path):
    """The geometry blobs of a GeoPackage fixture (none when it is not one)."""
    blobs = []
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        tables = connection.execute(
            "SELECT table_name, column_name FROM gpkg_geometry_columns").fetchall()
        for table, column in tables:
            for (blob,) in connection.execute(f'SELECT "{column}" FROM "{table}" LIMIT 50'):
                if isinstance(blob, bytes):
                    blobs.append(blob)
        connection.close()
    except sqlite3.Error:
        pass
    return blobs


# --- GeoPackage files ------------------------------------------------------------------------------------

def small_gpkg():
    """A small GeoPackage (512-byte pages) with a feature table of every geometry type and an attribute table."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "small.gpkg"
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA page_size = 512")
        connection.execute("PRAGMA application_id = 1196444487")
        connection.execute("PRAGMA user_version = 10300")
        connection.executescript("""
            CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY,
              organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL,
              definition TEXT NOT NULL, description TEXT);
            CREATE TABLE gpkg_contents (table_name TEXT PRIMARY KEY, data_type TEXT NOT NULL,
              identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME,
              min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER);
            CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
              geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL,
              m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name));
            INSERT INTO gpkg_spatial_ref_sys VALUES
              ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', NULL),
              ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', NULL),
              ('WGS 84', 4326, 'EPSG', 4326, 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', NULL),
              ('VN-2000 / TM-3 105-45', 9210, 'EPSG', 9210, 'undefined', NULL);
            INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id)
              VALUES ('thua_dat', 'features', 'thua_dat', 9210), ('ghi_chu', 'attributes', 'ghi_chu', NULL);
            INSERT INTO gpkg_geometry_columns VALUES ('thua_dat', 'geom', 'GEOMETRY', 9210, 0, 0);
            CREATE TABLE thua_dat (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom BLOB, ten TEXT, dien_tich REAL,
              so_to INTEGER, hop_le BOOLEAN, ngay DATE, anh BLOB);
            CREATE TABLE ghi_chu (id INTEGER PRIMARY KEY, noi_dung TEXT);
            INSERT INTO ghi_chu (noi_dung) VALUES ('Thửa đất ven sông'), ('Khu công nghiệp');
        """)
        for number, body in enumerate(wkb_samples(590000.0, 2300000.0, 100.0)[:12]):
            connection.execute(
                "INSERT INTO thua_dat (geom, ten, dien_tich, so_to, hop_le, ngay, anh) VALUES (?,?,?,?,?,?,?)",
                (gpkg_blob(body, 9210, envelope_code=number % 2), f"Thửa {number}", 100.5 * number,
                 number, number % 2, "2025-07-01", bytes([number] * 4)))
        connection.commit()
        connection.execute("VACUUM")
        connection.close()
        return path.read_bytes()


def gpkg_file_seeds():
    seed("gpkg_file", small_gpkg())
    for path in files("**/*.gpkg"):
        seed("gpkg_file", path.read_bytes())


# --- Shapefile parts -------------------------------------------------------------------------------------

def shapefile_seeds():
    for shp in files("formats/*.shp", "bad/*.shp"):
        data = shp.read_bytes()
        seed("shp_records", b"\x00" + data)
        seed("shp_records", b"\x02" + data)
        shx = shp.with_suffix(".shx")
        if shx.exists() and len(data) < 65536:
            seed("shp_records", b"\x01" + struct.pack("<H", len(data)) + data + shx.read_bytes())
        dbf = shp.with_suffix(".dbf")
        if shx.exists() and dbf.exists() and len(data) < 65536 and len(shx.read_bytes()) < 65536:
            shx_bytes = shx.read_bytes()
            seed("shapefile", struct.pack("<HH", len(data), len(shx_bytes)) + data + shx_bytes
                 + dbf.read_bytes())
    for dbf in files("formats/*.dbf", "bad/*.dbf"):
        data = dbf.read_bytes()
        seed("dbf", b"\x00" + data)
        seed("dbf", b"\x03" + data)
        seed("text_encoding", data)


# --- Text formats ----------------------------------------------------------------------------------------

KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document><name>Khảo sát</name>
<Schema name="s" id="s"><SimpleField name="dien_tich" type="double"/></Schema>
<Folder><name>Thửa</name>
<Placemark><name>Điểm A</name><description><![CDATA[<b>Cổng</b> &amp; hàng rào]]></description>
<ExtendedData><Data name="so_to"><value>12</value></Data></ExtendedData>
<Point><coordinates>106.68,20.85,3</coordinates></Point></Placemark>
<Placemark><name>Đường</name><LineString><tessellate>1</tessellate>
<coordinates>106.68,20.85 106.69,20.86 106.70,20.85</coordinates></LineString></Placemark>
<Placemark><name>Khu</name><ExtendedData><SchemaData schemaUrl="#s"><SimpleData name="dien_tich">12.5</SimpleData>
</SchemaData></ExtendedData><Polygon><outerBoundaryIs><LinearRing><coordinates>
106.68,20.85 106.69,20.85 106.69,20.86 106.68,20.86 106.68,20.85</coordinates></LinearRing></outerBoundaryIs>
<innerBoundaryIs><LinearRing><coordinates>106.682,20.852 106.684,20.852 106.684,20.854 106.682,20.852
</coordinates></LinearRing></innerBoundaryIs></Polygon></Placemark>
<Placemark><name>Nhiều</name><MultiGeometry><Point><coordinates>106.7,20.8</coordinates></Point>
<LineString><coordinates>106.7,20.8 106.71,20.81</coordinates></LineString></MultiGeometry></Placemark>
<Placemark><name>gx</name><gx:Track xmlns:gx="http://www.google.com/kml/ext/2.2"><when>2025-07-01T08:30:00Z</when>
<gx:coord>106.68 20.85 3</gx:coord></gx:Track></Placemark>
</Folder></Document></kml>
"""


def kmz(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return out.getvalue()


def kml_seeds():
    samples = [KML.encode()] + [path.read_bytes() for path in files("**/*.kml")]
    for data in samples:
        seed("kml", b"\x00" + data)
        seed("kml", b"\x01" + data)
    seed("kml", b"\x01" + b"\xef\xbb\xbf" + KML.encode())
    seed("kml", b"\x01" + "\ufeff".encode("utf-16-le") + KML.encode("utf-16-le"))
    seed("kml", b"\x02" + kmz([("doc.kml", KML.encode()), ("files/anh.png", b"\x89PNG\r\n")]))
    for path in files("**/*.kmz"):
        seed("kml", b"\x02" + path.read_bytes())


CSV_SAMPLES = [
    "ten;x;y\nCổng;2300000,5;590000,25\nTrạm;2300100,0;590100,0\n",
    "id,WKT,ten\n1,\"POINT (106.68 20.85)\",a\n2,\"LINESTRING (106.68 20.85, 106.69 20.86)\",b\n"
    "3,\"POLYGON ((106.68 20.85, 106.69 20.85, 106.69 20.86, 106.68 20.85))\",c\n"
    "4,\"MULTIPOLYGON (((1 1, 2 1, 2 2, 1 1)), ((3 3, 4 3, 4 4, 3 3)))\",d\n5,,e\n"
    "6,\"GEOMETRYCOLLECTION (POINT (1 2), LINESTRING (1 2, 3 4))\",f\n7,\"POINT EMPTY\",g\n",
    "lon\tlat\tname\n106.68\t20.85\tA\n106.7\t20.9\tB\n",
    "\ufefflongitude,latitude,ghi_chu\n106.68,20.85,\"có, dấu phẩy\"\n106.7,,thiếu\n",
]


def csv_seeds():
    samples = [text.encode() for text in CSV_SAMPLES] + [path.read_bytes() for path in files("**/*.csv")]
    samples.append("kinh_do,vi_do,ten\n106.68,20.85,Cầu\n".encode("cp1258", errors="replace"))
    for data in samples:
        for mode in (0, 1, 4, 5, 8):
            seed("csv_points", bytes([mode]) + data)


REVIEW = """{
  "type": "FeatureCollection",
  "hpatlas_review": 1,
  "features": [
    {
      "type": "Feature",
      "id": "6f1c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f",
      "geometry": { "type": "Point", "coordinates": [106.68, 20.85] },
      "properties": {
        "category": "issue", "status": "open", "text": "Cống bị tắc", "author": "Lan",
        "created": "2025-07-01T08:30:00Z", "updated": "2025-07-02T09:00:00.25Z",
        "photos": ["photos/cong.jpg"], "deleted": false,
        "history": [
          { "lon_deg": 106.679, "lat_deg": 20.849, "category": "issue", "status": "open", "text": "Cống",
            "author": "Lan", "created": "2025-07-01T08:30:00Z", "updated": "2025-07-01T08:30:00Z" }
        ]
      }
    },
    {
      "type": "Feature",
      "id": "00000000-0000-4000-8000-000000000001",
      "geometry": { "type": "Point", "coordinates": [106.7, 20.9, 4.5] },
      "properties": {
        "category": "proposal", "status": "resolved", "author": "Minh",
        "created": "2025-07-01T15:30:00+07:00", "updated": "2025-07-03t01:02:03z", "deleted": true
      }
    },
    {
      "type": "Feature",
      "id": "00000000-0000-4000-8000-000000000002",
      "geometry": { "type": "Point", "coordinates": [-180, -90] },
      "properties": { "category": "approved", "status": "open", "author": "Hà",
        "created": "1969-12-31T23:59:59.999999999Z", "updated": "9999-12-31T23:59:59Z" }
    }
  ]
}
"""

PROJECT_V1 = """{
  "format": "hpatlas-project",
  "version": 1,
  "title": "Dự án cũ (phiên bản 1)",
  "home_layer": "Các hình",
  "layers": [
    { "path": "shapes.geojson", "name": "Các hình", "opacity": 0.5,
      "style": { "fill": "#ff000080", "stroke": "#000000ff", "stroke_width_px": 2.0 } },
    { "path": "vn2000_no_crs.geojson", "crs": "EPSG:9210", "visible": false }
  ]
}
"""


def json_seeds():
    for path in files("*.geojson", "bad/*.geojson"):
        seed("geojson", path.read_bytes())
    for path in files("gpx/*.gpx", "bad/*.gpx"):
        seed("gpx", path.read_bytes())
    seed("review_file", REVIEW.encode())
    seed("project_file", PROJECT_V1.encode())
    seed("project_file", (ROOT / "maps" / "haiphong.hpatlas.json").read_bytes())
    for path in files("formats/*.csv"):
        seed("text_encoding", path.read_bytes())


def project_dictionary():
    """Member names of the project file (serde field names and renames) as a libFuzzer dictionary."""
    names = set()
    sources = [ROOT / "src/core/project.rs", ROOT / "src/core/review.rs", ROOT / "src/core/style.rs",
               ROOT / "src/core/slides.rs", ROOT / "src/core/db_source.rs"]
    sources += sorted((ROOT / "src/core/project").glob("*.rs"))
    for source in sources:
        if not source.exists():
            continue
        text = source.read_text(encoding="utf-8")
        names.update(re.findall(r"^\s*pub (\w+):", text, re.MULTILINE))
        names.update(re.findall(r'rename = "(\w+)"', text))
    lines = [f'"\\"{name}\\""' for name in sorted(names)]
    lines += ['"\\"hpatlas-project\\""', '"\\"EPSG:9210\\""', '"\\"#ff000080\\""', '"null"', '"true"', '"[]"',
              '"{}"']
    folder = FUZZ / "dicts"
    folder.mkdir(exist_ok=True)
    (folder / "project_file.dict").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main():
    shapefile_seeds()
    gpkg_wkb_seeds()
    gpkg_file_seeds()
    kml_seeds()
    csv_seeds()
    json_seeds()
    project_dictionary()
    for folder in sorted(CORPUS.iterdir()):
        print(f"{folder.name}: {sum(1 for _ in folder.iterdir())} file(s)", file=sys.stderr)


if __name__ == "__main__":
    main()
