//! The formats read through GDAL, built from source with only the drivers the atlas needs: File
//! Geodatabase folders (`.gdb`, the OpenFileGDB driver), AutoCAD DXF (text and binary), MicroStation DGN v7
//! and MapInfo TAB and MIF/MID. Each read gives a [`LayerData`] in the file's own CRS like the atlas's own
//! readers; GeoJSON, Shapefile, GeoPackage, CSV and GPX keep their own faster readers.
//!
//! What the reader adds to GDAL: text is taken as the bytes the file holds and decoded by the atlas's own
//! detection (UTF-8, TCVN3, VNI, Windows-1258), as for a Shapefile, since CAD and MapInfo files from
//! Vietnamese offices are often TCVN3 or VNI; curves are turned into segments; a drawing, which has no CRS,
//! is a question for the user ([`LoadError::CrsUnknown`], EPSG:9210 offered first and 9209 for old Hai Duong
//! drawings), and once answered a note says when the coordinates are nowhere near Hai Phong in that CRS
//! (local drawing coordinates); DXF entities in paper space (title blocks, viewports) are left out with a
//! note; a DXF entity's colour is kept as `color` and `aci`. A feature GDAL cannot give a geometry for keeps
//! its attributes without one, listed in a note. GDAL's own messages never reach the terminal: failures
//! become the error, warnings a note. DWG and DGN v8 files are refused with what to save them as.

mod aci_palette;
mod cad;
mod dxf_text;
mod env;
mod ffi;
pub mod schema;
mod values;

use std::path::Path;

use gdal::vector::{Layer, LayerAccess};
use gdal::{Dataset, DatasetOptions, GdalOpenFlags};
use geo::{Geometry, GeometryCollection, Rect};

use super::prj::match_prj;
use super::unknown_crs::UnknownCrsReason;
use super::wkb::read_wkb;
use super::{LoadError, LoadOptions, display_name};
use crate::core::attributes::infer_field_kinds;
use crate::core::crs::{CRS_CHOICES_WHEN_UNKNOWN, Crs, Reprojector, WGS84};
use crate::core::geometry::bounding_rect;
use crate::core::layer::{CrsOrigin, LayerData, SourceFeature};
use crate::core::layer_note::LayerNote;
use crate::core::source_files::lower_extension;
pub use cad::dwg_refusal;
use values::{FieldReader, RawRow};

/// A file format the atlas reads through GDAL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GdalFormat {
    /// An Esri File Geodatabase folder (`.gdb`), possibly with many layers.
    FileGdb,
    /// An AutoCAD DXF drawing (text or binary).
    Dxf,
    /// A MicroStation DGN v7 drawing.
    Dgn,
    /// A MapInfo table (`.tab`) or interchange file (`.mif` with its `.mid`).
    MapInfo,
}

impl GdalFormat {
    /// The format of `path` by its extension, when GDAL reads it for the atlas.
    pub fn of_path(path: &Path) -> Option<Self> {
        match lower_extension(path).as_str() {
            "gdb" => Some(Self::FileGdb),
            "dxf" => Some(Self::Dxf),
            "dgn" => Some(Self::Dgn),
            "tab" | "mif" => Some(Self::MapInfo),
            _ => None,
        }
    }

    /// The GDAL driver that reads it.
    fn driver(self) -> &'static str {
        match self {
            Self::FileGdb => "OpenFileGDB",
            Self::Dxf => "DXF",
            Self::Dgn => "DGN",
            Self::MapInfo => "MapInfo File",
        }
    }

    /// The format's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Self::FileGdb => "File Geodatabase",
            Self::Dxf => "DXF",
            Self::Dgn => "DGN",
            Self::MapInfo => "MapInfo",
        }
    }

    /// True for CAD drawings, which never say their CRS.
    fn is_drawing(self) -> bool {
        matches!(self, Self::Dxf | Self::Dgn)
    }
}

/// One layer of a GDAL source (a FileGDB holds many; the other formats one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GdalLayerInfo {
    /// The layer's name as stored.
    pub name: String,
    /// Its feature count, when the format knows it without reading every feature.
    pub feature_count: Option<u64>,
    /// The declared geometry type as GDAL names it (`Multi Polygon`, `Point`, `None`, …).
    pub geometry_type: String,
}

/// Lists the layers of a GDAL source, in stored order.
pub fn list_gdal_layers(path: &Path) -> Result<Vec<GdalLayerInfo>, LoadError> {
    let format = GdalFormat::of_path(path).ok_or_else(|| LoadError::Unsupported {
        path: path.to_path_buf(),
    })?;
    let dataset = open_dataset(path, format)?;
    let infos = dataset
        .layers()
        .map(|layer| GdalLayerInfo {
            name: layer.name(),
            feature_count: layer.try_feature_count(),
            geometry_type: gdal::vector::geometry_type_to_name(layer.defn().geometry_type()),
        })
        .collect();
    env::take_messages();
    Ok(infos)
}

/// Reads one layer of a GDAL source: `options.table` names it (the first layer when `None`).
pub fn read_gdal_layer(
    path: &Path,
    options: &LoadOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<LayerData, LoadError> {
    read_gdal_layer_with_ids(path, options, progress).map(|(data, _)| data)
}

/// Reads one layer like [`read_gdal_layer`], with each feature's id in the file (a FileGDB `OBJECTID`, a
/// DXF entity's position), in feature order.
pub fn read_gdal_layer_with_ids(
    path: &Path,
    options: &LoadOptions,
    progress: &mut dyn FnMut(f32),
) -> Result<(LayerData, Vec<u64>), LoadError> {
    let format = GdalFormat::of_path(path).ok_or_else(|| LoadError::Unsupported {
        path: path.to_path_buf(),
    })?;
    let dataset = open_dataset(path, format)?;
    let mut layer = pick_layer(&dataset, path, options.table.as_deref())?;
    let (crs, crs_origin, mut notes) = layer_crs(path, format, &layer, options.crs)?;
    let reader = FieldReader::new(path, &layer, format);
    let read = read_features(&mut layer, &reader, format, progress)?;
    let mut warnings = env::take_messages();
    let failure = warnings.iter().find(|message| message.is_failure);
    if read.rows.is_empty()
        && let Some(failure) = failure
    {
        return Err(LoadError::malformed(
            path,
            format!("no feature could be read from it: {}", failure.text),
        ));
    }
    let cut_short = cad::ends_early(path, format);
    if cut_short && read.rows.is_empty() {
        return Err(LoadError::malformed(
            path,
            "it ends before its end-of-file marker (cut short) and no feature could be read from it",
        ));
    }
    // GDAL's complaints about recoding text are moot: the atlas decodes the bytes itself.
    warnings.retain(|message| {
        !message.text.contains("Recode from") && !message.text.contains("couldn't be converted")
    });
    notes.extend(read.notes);
    let (names, rows, encoding) = reader.decode(&read.rows, options.encoding, &mut notes);
    let features: Vec<SourceFeature> = read
        .geometries
        .into_iter()
        .zip(rows)
        .map(|(geometry, attributes)| SourceFeature {
            geometry,
            attributes,
        })
        .collect();
    if format.is_drawing() && crs_origin == CrsOrigin::User {
        notes.extend(far_from_hai_phong_note(&features, crs));
    }
    if cut_short {
        notes.push(LayerNote::FileCutShort);
    }
    if let Some(first) = warnings.first() {
        notes.push(LayerNote::ReaderWarnings {
            count: warnings.len(),
            first: first.text.clone(),
        });
    }
    progress(1.0);
    let data = LayerData {
        name: layer_display_name(path, format, &layer),
        source_path: Some(path.to_path_buf()),
        crs,
        crs_origin,
        fields: infer_field_kinds(names, &rows_for_kinds(&features)),
        features,
        text_encoding: encoding,
        notes,
    };
    Ok((data, read.feature_ids))
}

fn rows_for_kinds(features: &[SourceFeature]) -> Vec<&[crate::core::attributes::AttributeValue]> {
    features
        .iter()
        .map(|feature| feature.attributes.as_slice())
        .collect()
}

/// Labels a drawing's texts: a DXF or DGN layer whose `Text` column holds words (TEXT, MTEXT; a DXF
/// hatch's pattern name is kept apart, in `hatch_pattern`) shows them as labels, as the drawing did. True
/// when it did; any other layer keeps its style.
pub fn label_drawing_texts(layer: &mut crate::core::layer::Layer) -> bool {
    let is_drawing = layer
        .source_path
        .as_deref()
        .and_then(GdalFormat::of_path)
        .is_some_and(GdalFormat::is_drawing);
    let Some(column) = layer.fields.iter().position(|field| field.name == "Text") else {
        return false;
    };
    let has_words = layer.features.iter().any(|feature| {
        matches!(feature.attributes.get(column), Some(crate::core::attributes::AttributeValue::Text(text)) if !text.trim().is_empty())
    });
    if !is_drawing || !has_words || layer.style.label_field.is_some() {
        return false;
    }
    layer.style.label_field = Some("Text".to_string());
    true
}

/// Opens `path` with only the driver of its format, after refusing what GDAL cannot read for the atlas.
fn open_dataset(path: &Path, format: GdalFormat) -> Result<Dataset, LoadError> {
    cad::refuse_unreadable(path, format)?;
    if !path.exists() {
        return Err(LoadError::io(
            path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
        ));
    }
    env::start_gdal();
    env::clear_messages();
    let drivers = [format.driver()];
    let open_options: &[&str] = match format {
        // No recoding: the bytes are decoded by the atlas (TCVN3/VNI detection).
        GdalFormat::Dxf => &["ENCODING=UTF-8"],
        _ => &[],
    };
    let options = DatasetOptions {
        open_flags: GdalOpenFlags::GDAL_OF_VECTOR | GdalOpenFlags::GDAL_OF_READONLY,
        allowed_drivers: Some(&drivers),
        open_options: Some(open_options),
        sibling_files: None,
    };
    Dataset::open_ex(path, options).map_err(|_| {
        let message = match env::last_failure() {
            Some(said) => format!("it cannot be read as {}: {said}", format.name()),
            None => format!(
                "it is not a {} file that can be read (damaged, cut short, or another kind of file)",
                format.name()
            ),
        };
        LoadError::malformed(path, message)
    })
}

fn pick_layer<'a>(
    dataset: &'a Dataset,
    path: &Path,
    wanted: Option<&str>,
) -> Result<Layer<'a>, LoadError> {
    match wanted {
        Some(name) => dataset.layer_by_name(name).map_err(|_| {
            let known: Vec<String> = dataset.layers().map(|layer| layer.name()).collect();
            LoadError::malformed(
                path,
                format!("no layer {name:?} (it has: {})", known.join(", ")),
            )
        }),
        None => dataset
            .layer(0)
            .map_err(|_| LoadError::malformed(path, "it holds no layer")),
    }
}

fn layer_display_name(path: &Path, format: GdalFormat, layer: &Layer) -> String {
    match format {
        GdalFormat::FileGdb => layer.name(),
        _ => display_name(path),
    }
}

/// The CRS from the caller, else from the layer's spatial reference; a drawing without one is a question.
fn layer_crs(
    path: &Path,
    format: GdalFormat,
    layer: &Layer,
    given: Option<Crs>,
) -> Result<(Crs, CrsOrigin, Vec<LayerNote>), LoadError> {
    if let Some(crs) = given {
        return Ok((crs, CrsOrigin::User, Vec::new()));
    }
    let unknown = |reason| LoadError::CrsUnknown {
        path: path.to_path_buf(),
        reason,
        suggestions: CRS_CHOICES_WHEN_UNKNOWN.to_vec(),
    };
    let Some(spatial_ref) = layer.spatial_ref() else {
        return Err(unknown(if format.is_drawing() {
            UnknownCrsReason::DrawingHasNoCrs
        } else {
            UnknownCrsReason::NoCrsInFile
        }));
    };
    let wkt = spatial_ref.to_wkt().unwrap_or_default();
    match match_prj(&wkt) {
        Ok(found) => Ok((found.crs, CrsOrigin::Declared, found.warnings)),
        Err(problem) => Err(unknown(UnknownCrsReason::Prj(problem))),
    }
}

/// What the feature loop gathered.
struct ReadFeatures {
    geometries: Vec<Geometry>,
    feature_ids: Vec<u64>,
    rows: Vec<RawRow>,
    notes: Vec<LayerNote>,
}

/// Features without a readable geometry, counted for one note.
#[derive(Default)]
struct Unreadable {
    count: usize,
    first: Option<(u64, String)>,
}

fn read_features(
    layer: &mut Layer,
    reader: &FieldReader,
    format: GdalFormat,
    progress: &mut dyn FnMut(f32),
) -> Result<ReadFeatures, LoadError> {
    let expected = layer.try_feature_count().unwrap_or(0).max(1);
    let capacity = usize::try_from(expected.min(1 << 20)).unwrap_or(0);
    let mut geometries = Vec::with_capacity(capacity);
    let mut feature_ids = Vec::with_capacity(capacity);
    let mut rows = Vec::with_capacity(capacity);
    let mut unreadable = Unreadable::default();
    let (mut heights_dropped, mut paper_space) = (false, 0usize);
    for (position, feature) in layer.features().enumerate() {
        if format == GdalFormat::Dxf && cad::in_paper_space(&feature, reader) {
            paper_space += 1;
            continue;
        }
        let fid = feature.fid().unwrap_or(position as u64);
        let geometry = match feature.geometry() {
            None => Geometry::GeometryCollection(GeometryCollection::default()),
            Some(ogr) => match convert_geometry(ogr, &mut heights_dropped) {
                Ok(geometry) => geometry,
                Err(reason) => {
                    unreadable.count += 1;
                    unreadable.first.get_or_insert((fid, reason));
                    Geometry::GeometryCollection(GeometryCollection::default())
                }
            },
        };
        let is_area = matches!(geometry, Geometry::Polygon(_) | Geometry::MultiPolygon(_));
        geometries.push(geometry);
        feature_ids.push(fid);
        rows.push(reader.raw_row(&feature, is_area));
        if position % 4096 == 0 {
            progress((0.9 * position as f64 / expected as f64).min(0.9) as f32);
        }
    }
    let mut notes = Vec::new();
    if heights_dropped {
        notes.push(LayerNote::HeightsDropped);
    }
    if paper_space > 0 {
        notes.push(LayerNote::PaperSpaceSkipped { count: paper_space });
    }
    if let Some((first_feature, first_reason)) = unreadable.first {
        notes.push(LayerNote::GeometriesUnreadable {
            count: unreadable.count,
            first_feature,
            first_reason,
        });
    }
    Ok(ReadFeatures {
        geometries,
        feature_ids,
        rows,
        notes,
    })
}

/// `wkb`, a geometry with arcs (circular strings, compound curves, curve polygons, multi-surfaces, as a
/// GeoPackage or PostGIS stores them), as WKB of straight segments: GDAL's segmentation, the one every
/// GDAL format read here gets (4 degrees of arc per segment).
pub(crate) fn linearised_wkb(wkb: &[u8]) -> Result<Vec<u8>, String> {
    env::start_gdal();
    env::clear_messages();
    let geometry = gdal::vector::Geometry::from_wkb(wkb).map_err(|_| {
        env::last_failure().unwrap_or_else(|| "GDAL could not read the curved geometry".into())
    });
    env::take_messages();
    ffi::linear_wkb(&geometry?)
}

/// The WKB of the WKT geometry `wkt`, read by GDAL's parser (every WKT type, curves included), or why it
/// is not WKT.
pub(crate) fn wkt_as_wkb(wkt: &str) -> Result<Vec<u8>, String> {
    env::start_gdal();
    env::clear_messages();
    let geometry = gdal::vector::Geometry::from_wkt(wkt).map_err(|_| {
        let reason = env::last_failure().unwrap_or_else(|| "it is not well-known text".into());
        format!(
            "the geometry {:?} cannot be read: {reason}",
            abbreviated(wkt)
        )
    });
    env::take_messages();
    geometry?.wkb().map_err(|error| error.to_string())
}

/// The first 40 characters of `text`, with "…" when there were more.
fn abbreviated(text: &str) -> String {
    let mut head: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        head.push('…');
    }
    head
}

/// An OGR geometry as a 2-D `geo` geometry, curves turned into segments; notes real heights (Z ≠ 0) dropped.
fn convert_geometry(
    ogr: &gdal::vector::Geometry,
    heights_dropped: &mut bool,
) -> Result<Geometry, String> {
    let wkb = if ffi::is_curved(ogr) {
        ffi::linear_wkb(ogr)?
    } else {
        ogr.wkb().map_err(|error| error.to_string())?
    };
    let read = read_wkb(&wkb)?;
    if read.dropped_zm && !*heights_dropped {
        let (low_z, high_z) = ffi::height_range(ogr);
        *heights_dropped = low_z != 0.0 || high_z != 0.0;
    }
    check_finite(&read.geometry)?;
    Ok(read.geometry)
}

fn check_finite(geometry: &Geometry) -> Result<(), String> {
    use geo::CoordsIter;
    match geometry
        .coords_iter()
        .find(|coord| !coord.x.is_finite() || !coord.y.is_finite())
    {
        Some(coord) => Err(format!(
            "a coordinate is not a number ({}, {})",
            coord.x, coord.y
        )),
        None => Ok(()),
    }
}

/// Hai Phong's surroundings (the shipped maps' box, lon 105.9–107.9, lat 19.9–21.45) widened by half a
/// degree: a drawing whose features all lie outside it in the chosen CRS is in some other grid.
const HAI_PHONG_LON_LAT_BOX: [f64; 4] = [105.4, 19.4, 108.4, 21.95];

/// A note when the features' extent lies wholly outside Hai Phong's surroundings in `crs`.
fn far_from_hai_phong_note(features: &[SourceFeature], crs: Crs) -> Option<LayerNote> {
    let extent = features
        .iter()
        .filter_map(|feature| bounding_rect(&feature.geometry))
        .reduce(|a, b| {
            Rect::new(
                (a.min().x.min(b.min().x), a.min().y.min(b.min().y)),
                (a.max().x.max(b.max().x), a.max().y.max(b.max().y)),
            )
        })?;
    let area = hai_phong_box_in(crs)?;
    let apart = extent.max().x < area.min().x
        || extent.min().x > area.max().x
        || extent.max().y < area.min().y
        || extent.min().y > area.max().y;
    apart.then_some(LayerNote::FarFromHaiPhong {
        crs,
        extent: [
            extent.min().x,
            extent.min().y,
            extent.max().x,
            extent.max().y,
        ],
    })
}

/// Hai Phong's surroundings in `crs`, from the corners and edge midpoints of the lon/lat box.
fn hai_phong_box_in(crs: Crs) -> Option<Rect> {
    let [west, south, east, north] = HAI_PHONG_LON_LAT_BOX;
    let reprojector = Reprojector::new(WGS84, crs).ok()?;
    let middle_lon = (west + east) / 2.0;
    let middle_lat = (south + north) / 2.0;
    let points = [
        (west, south),
        (east, south),
        (west, north),
        (east, north),
        (middle_lon, south),
        (middle_lon, north),
        (west, middle_lat),
        (east, middle_lat),
    ];
    let converted: Vec<(f64, f64)> = points
        .iter()
        .filter_map(|&(lon, lat)| reprojector.convert(lon, lat).ok())
        .collect();
    let (first, rest) = converted.split_first()?;
    let mut area = Rect::new(*first, *first);
    for &point in rest {
        area = Rect::new(
            (area.min().x.min(point.0), area.min().y.min(point.1)),
            (area.max().x.max(point.0), area.max().y.max(point.1)),
        );
    }
    Some(area)
}
