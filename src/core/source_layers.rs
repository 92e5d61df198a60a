//! Sources that hold several layers, and the planning dossiers made of them. A GeoPackage holds feature
//! tables, a File Geodatabase (`.gdb`, a folder) feature classes, and a Circular 16/2025 planning dossier (a
//! folder named `HoSoGIS`) holds up to four packages — `NenDiaHinh`, `HienTrang`, `QuyHoach`, `MocGioi`, each a
//! `.gdb` or a `.gpkg`. [`list_source_layers`] lists what one source holds, [`list_package_sources`] the
//! packages of a dossier, and [`plan_package_open`] turns a path the planner chose into the packages to open,
//! each of which becomes one layer group named after its file ([`package_group_name`]).
//!
//! Each layer of a package is read on its own with [`LoadOptions::table`] set to its name, and marked with
//! [`mark_package_layer`] (its table, its group, its display name, hidden when it has no feature) — by the app's
//! background jobs and by [`load_package_layers`] here, which the command line and tests use. This module reads
//! only the listing; it never draws and holds no interface text.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::crs::Crs;
use super::io::gpkg::list_gpkg_layers_counted;
use super::io::{LoadError, LoadOptions, read_layer_file_with};
use super::layer::{Layer, LayerError};
use super::source_files::lower_extension;

/// The packages of a planning dossier, in drawing order (bottom first): terrain base, current state, plan,
/// boundary markers.
pub const DOSSIER_PACKAGES: [&str; 4] = ["NenDiaHinh", "HienTrang", "QuyHoach", "MocGioi"];

/// The name a planning dossier folder has (in any letter case).
pub const DOSSIER_FOLDER_NAME: &str = "HoSoGIS";

/// One layer inside a multi-layer source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceLayerInfo {
    /// The layer's name in the source (the table or feature class), as [`LoadOptions::table`] takes it.
    pub name: String,
    /// How many features it holds, when the source says.
    pub feature_count: Option<u64>,
    /// The declared geometry type (`POINT`, `MULTIPOLYGON`, `GEOMETRY`, …).
    pub geometry_type: String,
}

impl SourceLayerInfo {
    /// A listing entry from its parts (the shape of GDAL's layer listing).
    pub fn new(name: String, feature_count: Option<u64>, geometry_type: String) -> Self {
        Self {
            name,
            feature_count,
            geometry_type,
        }
    }
}

/// One package of a dossier: which of [`DOSSIER_PACKAGES`] it is and where its `.gdb` or `.gpkg` is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackageSource {
    /// The package's name as the circular writes it (`QuyHoach`), whatever the letter case on disk.
    pub package: &'static str,
    /// The `.gdb` folder or `.gpkg` file.
    pub path: PathBuf,
}

/// One package to open as a layer group: its source and the layers it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackagePlan {
    /// The `.gdb` folder or `.gpkg` file.
    pub path: PathBuf,
    /// The group's name (see [`package_group_name`]).
    pub group: String,
    /// The layers, in the order the source lists them.
    pub layers: Vec<SourceLayerInfo>,
}

/// Lists the layers inside a multi-layer source: the feature tables of a GeoPackage with their row counts,
/// the feature classes of a File Geodatabase. Any other path is [`LoadError::Unsupported`].
pub fn list_source_layers(path: &Path) -> Result<Vec<SourceLayerInfo>, LoadError> {
    match lower_extension(path).as_str() {
        "gpkg" => Ok(list_gpkg_layers_counted(path)?
            .into_iter()
            .map(|(info, count)| SourceLayerInfo::new(info.table, Some(count), info.geometry_type))
            .collect()),
        "gdb" => Ok(super::io::gdal_formats::list_gdal_layers(path)?
            .into_iter()
            .map(|layer| SourceLayerInfo::new(layer.name, layer.feature_count, layer.geometry_type))
            .collect()),
        _ => Err(unsupported(path)),
    }
}

/// True for a folder whose name ends with `.gdb` (any case): a File Geodatabase, opened as a whole.
pub fn is_gdb_folder(path: &Path) -> bool {
    path.is_dir() && lower_extension(path) == "gdb"
}

/// True for a folder named `HoSoGIS` (any case): a planning dossier, opened as its packages.
pub fn is_dossier_folder(path: &Path) -> bool {
    path.is_dir()
        && path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.eq_ignore_ascii_case(DOSSIER_FOLDER_NAME))
}

/// True for a folder the atlas opens as a whole instead of browsing into it (a `.gdb` or a dossier).
pub fn is_openable_folder(path: &Path) -> bool {
    is_gdb_folder(path) || is_dossier_folder(path)
}

/// True when a layer's source is where its path says: a file, or a File Geodatabase folder.
pub fn source_exists(path: &Path) -> bool {
    path.is_file() || is_gdb_folder(path)
}

/// The packages of a dossier folder, in the order of [`DOSSIER_PACKAGES`]: each entry of the folder whose
/// name without extension is a package name (any case) and which is a `.gdb` folder or a `.gpkg` file. A
/// package present as both gives both, sorted by name. A folder holding none of them is
/// [`LoadError::Malformed`].
pub fn list_package_sources(folder: &Path) -> Result<Vec<PackageSource>, LoadError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(|source| LoadError::io(folder, source))?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    entries.sort();
    let packages: Vec<PackageSource> = DOSSIER_PACKAGES
        .iter()
        .flat_map(|package| {
            entries
                .iter()
                .filter(|path| is_package_of(path, package))
                .map(|path| PackageSource {
                    package,
                    path: path.clone(),
                })
        })
        .collect();
    if packages.is_empty() {
        return Err(LoadError::malformed(
            folder,
            format!(
                "no package ({}, each a .gdb or a .gpkg) in the folder",
                DOSSIER_PACKAGES.join(", ")
            ),
        ));
    }
    Ok(packages)
}

/// True when `path` is package `package` of a dossier: a `.gdb` folder or a `.gpkg` file of that name.
fn is_package_of(path: &Path, package: &str) -> bool {
    let stem_matches = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .is_some_and(|stem| stem.eq_ignore_ascii_case(package));
    let kind_matches = match lower_extension(path).as_str() {
        "gdb" => path.is_dir(),
        "gpkg" => path.is_file(),
        _ => false,
    };
    stem_matches && kind_matches
}

/// The packages to open for `path` as layer groups, or `None` when it is an ordinary single-layer source
/// (any file but a GeoPackage, or a GeoPackage with at most one feature table). A dossier folder gives one
/// plan per package (even a package of one layer); a `.gdb` folder and a GeoPackage of several tables one.
pub fn plan_package_open(path: &Path) -> Result<Option<Vec<PackagePlan>>, LoadError> {
    if is_dossier_folder(path) {
        let plans = list_package_sources(path)?
            .into_iter()
            .map(|package| plan_for(&package.path))
            .collect::<Result<Vec<_>, _>>()?;
        return Ok(Some(plans));
    }
    if is_gdb_folder(path) {
        return plan_for(path).map(|plan| Some(vec![plan]));
    }
    if lower_extension(path) == "gpkg" {
        let plan = plan_for(path)?;
        return Ok((plan.layers.len() > 1).then(|| vec![plan]));
    }
    Ok(None)
}

fn plan_for(path: &Path) -> Result<PackagePlan, LoadError> {
    Ok(PackagePlan {
        path: path.to_path_buf(),
        group: package_group_name(path),
        layers: list_source_layers(path)?,
    })
}

/// The name of the layer group a package opens as: its file or folder name (`QuyHoach.gpkg`).
pub fn package_group_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The name a package layer is shown under, from its name in the source: a layer of Circular 16/2025's
/// catalogue gets the circular's Vietnamese name with the stored name after it
/// (`ChucNangSuDungDat_A` → `Chức năng sử dụng đất (ChucNangSuDungDat_A)`); any other keeps its name.
pub fn layer_display_name(stored_name: &str) -> String {
    let name_vi = super::tt16::catalogue::shipped()
        .ok()
        .and_then(|catalogue| catalogue.find_layer(None, stored_name))
        .map(|lookup| lookup.layer.name_vi.clone());
    match name_vi {
        Some(name_vi) => format!("{name_vi} ({stored_name})"),
        None => stored_name.to_string(),
    }
}

/// Marks a freshly read layer as layer `table` of a package in `group`: records the table (so a project
/// reopens the same one), the group, its display name, and hides it when it has no feature.
pub fn mark_package_layer(layer: &mut Layer, table: &str, group: &str) {
    layer.source_table = Some(table.to_string());
    layer.group = Some(group.to_string());
    layer.name = layer_display_name(table);
    if layer.features.is_empty() {
        layer.visible = false;
    }
}

/// One layer of a package could not be loaded (the others still are).
#[derive(Debug, Error)]
pub enum PackageLayerError {
    /// Reading the layer failed.
    #[error(transparent)]
    Read(#[from] LoadError),
    /// The layer could not be put on the map.
    #[error("{}: layer {table}: {source}", path.display())]
    Prepare {
        /// The package.
        path: PathBuf,
        /// The layer's name in the package.
        table: String,
        /// What went wrong.
        source: LayerError,
    },
}

/// The layers of one package, read and prepared (one thread per layer, as PROJ objects are per thread), in
/// the plan's order, each marked with [`mark_package_layer`] under the group name `group`; the layers that
/// failed are reported beside them. `crs` replaces the CRS the source declares.
pub fn load_package_layers(
    plan: &PackagePlan,
    group: &str,
    crs: Option<Crs>,
) -> (Vec<Layer>, Vec<PackageLayerError>) {
    let outcomes: Vec<Result<Layer, PackageLayerError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = plan
            .layers
            .iter()
            .map(|info| scope.spawn(move || load_one(&plan.path, &info.name, group, crs)))
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle.join().unwrap_or_else(|_| {
                    Err(PackageLayerError::Read(LoadError::malformed(
                        &plan.path,
                        "loading stopped unexpectedly",
                    )))
                })
            })
            .collect()
    });
    let mut layers = Vec::new();
    let mut problems = Vec::new();
    for outcome in outcomes {
        match outcome {
            Ok(layer) => layers.push(layer),
            Err(problem) => problems.push(problem),
        }
    }
    (layers, problems)
}

fn load_one(
    path: &Path,
    table: &str,
    group: &str,
    crs: Option<Crs>,
) -> Result<Layer, PackageLayerError> {
    let options = LoadOptions {
        crs,
        table: Some(table.to_string()),
        ..LoadOptions::default()
    };
    let data = read_layer_file_with(path, &options, &mut |_| {})?;
    let mut layer =
        Layer::prepare(data, &mut |_| {}).map_err(|source| PackageLayerError::Prepare {
            path: path.to_path_buf(),
            table: table.to_string(),
            source,
        })?;
    mark_package_layer(&mut layer, table, group);
    Ok(layer)
}

fn unsupported(path: &Path) -> LoadError {
    LoadError::Unsupported {
        path: path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let folder = std::env::temp_dir().join(format!(
            "hpatlas-source-layers-{name}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).expect("scratch folder");
        folder
    }

    #[test]
    fn a_dossier_lists_its_packages_in_the_circulars_order_in_any_case() {
        let folder = scratch("dossier").join("hosogis");
        std::fs::create_dir_all(folder.join("QUYHOACH.GDB")).expect("gdb folder");
        std::fs::create_dir_all(folder.join("khac.gdb")).expect("other folder");
        std::fs::write(folder.join("NenDiaHinh.gpkg"), b"").expect("gpkg");
        std::fs::write(folder.join("MocGioi.gdb"), b"").expect("a file named .gdb");
        std::fs::write(folder.join("HienTrang.shp"), b"").expect("not a package");
        assert!(is_dossier_folder(&folder));
        let found = list_package_sources(&folder).expect("packages");
        let names: Vec<_> = found.iter().map(|package| package.package).collect();
        assert_eq!(names, ["NenDiaHinh", "QuyHoach"]);
        assert_eq!(found[1].path, folder.join("QUYHOACH.GDB"));
        assert!(is_openable_folder(&folder.join("QUYHOACH.GDB")));
        assert!(!is_openable_folder(&folder.join("MocGioi.gdb")));
        assert!(source_exists(&folder.join("QUYHOACH.GDB")));
        assert!(!source_exists(&folder.join("khac.gpkg")));
    }

    #[test]
    fn a_folder_without_packages_says_which_it_looked_for() {
        let folder = scratch("empty").join("HoSoGIS");
        std::fs::create_dir_all(&folder).expect("folder");
        let error = list_package_sources(&folder).expect_err("no package");
        assert!(
            error
                .to_string()
                .contains("NenDiaHinh, HienTrang, QuyHoach, MocGioi")
        );
    }

    #[test]
    fn only_packages_are_planned_as_groups() {
        let folder = scratch("plan");
        let text = folder.join("a.geojson");
        std::fs::write(&text, b"{}").expect("file");
        assert_eq!(plan_package_open(&text).expect("plain file"), None);
        assert!(matches!(
            list_source_layers(&text),
            Err(LoadError::Unsupported { .. })
        ));
        let gdb = folder.join("Goi.gdb");
        std::fs::create_dir_all(&gdb).expect("gdb");
        // An empty folder named .gdb is not a geodatabase GDAL can open: a message naming it.
        let error = plan_package_open(&gdb).expect_err("not a geodatabase");
        assert!(matches!(error, LoadError::Malformed { .. }), "{error}");
        assert!(error.to_string().contains("Goi.gdb"), "{error}");
        assert_eq!(package_group_name(&gdb), "Goi.gdb");
        assert_eq!(layer_display_name("QHSDD_A"), "QHSDD_A");
        assert_eq!(
            layer_display_name("ChucNangSuDungDat_A"),
            "Chức năng sử dụng đất (ChucNangSuDungDat_A)"
        );
    }
}
