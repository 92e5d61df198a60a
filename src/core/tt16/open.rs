//! Opening what a planner is handed as a TT16 dossier: a `HoSoGIS` folder (holding `NenDiaHinh`, `HienTrang`,
//! `QuyHoach` and `MocGioi`, each a `.gdb` folder or a `.gpkg` file, names in any letter case), a folder that
//! holds a `HoSoGIS` folder, one `.gpkg`, or one `.gdb`.
//!
//! Opening never fails on the content: a package or layer that cannot be read, a missing package, or a file in
//! the folder that is no package becomes a [`Problem`]. `HienTrang` and `QuyHoach` are the dossier's substance
//! (existing state and plan), so a folder without one of them is an error; `NenDiaHinh` (left by the circular
//! to the base-geodata rules) and `MocGioi` (boundary markers, often delivered after approval) are warnings.

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::catalogue::Package;
use super::gpkg_schema::read_gpkg_package;
use super::open_gdb::read_gdb_package;
use super::package::PackageLayer;
use super::problem::{Detail, Place, Problem};

/// The name of the folder a dossier's packages are in.
const DOSSIER_FOLDER: &str = "HoSoGIS";

/// What a path holds: its layers, and the problems of opening it.
#[derive(Debug, Default)]
pub struct OpenedPackage {
    /// Every layer read, package by package in the circular's order.
    pub layers: Vec<PackageLayer>,
    /// Packages missing or unreadable, layers unreadable, files that are no package.
    pub problems: Vec<Problem>,
}

/// A path that is no package at all.
#[derive(Debug, Error)]
pub enum OpenError {
    /// Nothing is at the path.
    #[error("{}: no such file or folder", .0.display())]
    NotFound(PathBuf),
    /// The path is neither a folder, a `.gdb` nor a `.gpkg`.
    #[error("{}: not a TT16 package (give a HoSoGIS folder, a .gdb folder or a .gpkg file)", .0.display())]
    NotAPackage(PathBuf),
    /// The folder could not be listed.
    #[error("{}: cannot list the folder: {source}", path.display())]
    Io {
        /// The folder.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

/// The kind of package file a path is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PackageFormat {
    /// A File Geodatabase folder.
    Gdb,
    /// A GeoPackage file.
    Gpkg,
}

/// Opens `path`: a `HoSoGIS` folder (or a folder holding one), a `.gdb` or a `.gpkg`.
pub fn open_package(path: &Path) -> Result<OpenedPackage, OpenError> {
    if let Some(format) = package_format(path) {
        let mut opened = OpenedPackage::default();
        open_one(path, format, &mut opened);
        return Ok(opened);
    }
    if path.is_dir() {
        return open_folder(path);
    }
    if path.exists() {
        Err(OpenError::NotAPackage(path.to_path_buf()))
    } else {
        Err(OpenError::NotFound(path.to_path_buf()))
    }
}

/// The package format of a path: a folder ending in `.gdb` or a file ending in `.gpkg` (any case).
fn package_format(path: &Path) -> Option<PackageFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "gdb" if path.is_dir() => Some(PackageFormat::Gdb),
        "gpkg" if path.is_file() => Some(PackageFormat::Gpkg),
        _ => None,
    }
}

/// The package name of a file: the canonical name when its stem names one (any case), else the stem.
fn package_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    Package::from_name(&stem).map_or(stem, |package| package.name().to_string())
}

/// Reads one package file into `opened`.
fn open_one(path: &Path, format: PackageFormat, opened: &mut OpenedPackage) {
    let package = package_name(path);
    let read = match format {
        PackageFormat::Gpkg => read_gpkg_package(path, &package),
        PackageFormat::Gdb => read_gdb_package(path, &package),
    };
    match read {
        Ok((layers, problems)) => {
            opened
                .layers
                .extend(layers.into_iter().map(|layer| PackageLayer {
                    package: package.clone(),
                    ..layer
                }));
            opened.problems.extend(problems);
        }
        Err(error) => opened.problems.push(package_problem(
            &package,
            Detail::UnreadablePackage {
                reason: error.to_string(),
            },
        )),
    }
}

/// A problem of a whole package.
fn package_problem(package: &str, detail: Detail) -> Problem {
    Problem::new(
        Place {
            package: package.to_string(),
            ..Place::default()
        },
        detail,
    )
}

/// Opens a `HoSoGIS` folder: each package in it, in the circular's order; or the `HoSoGIS` folder inside it
/// when it holds no package itself.
fn open_folder(folder: &Path) -> Result<OpenedPackage, OpenError> {
    let entries = package_entries(folder)?;
    if entries.is_empty()
        && let Some(inner) = dossier_folder_inside(folder)?
    {
        return open_folder(&inner);
    }
    let mut opened = OpenedPackage::default();
    for package in Package::ALL {
        let mut matching = entries
            .iter()
            .filter(|(path, _)| package_name(path) == package.name());
        match matching.next() {
            Some((path, format)) => open_one(path, *format, &mut opened),
            None => opened.problems.push(package_problem(
                package.name(),
                Detail::MissingPackage { package },
            )),
        }
        for (path, _) in matching {
            opened
                .problems
                .push(unchecked_entry(path, Detail::DuplicatePackage { package }));
        }
    }
    for (path, _) in entries
        .iter()
        .filter(|(path, _)| Package::from_name(&package_name(path)).is_none())
    {
        opened
            .problems
            .push(unchecked_entry(path, Detail::UnknownPackage));
    }
    Ok(opened)
}

/// A problem of an entry of the folder that is not checked, named by its file name.
fn unchecked_entry(path: &Path, detail: Detail) -> Problem {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    package_problem(&name, detail)
}

/// The `.gdb` folders and `.gpkg` files in `folder`, sorted by name.
fn package_entries(folder: &Path) -> Result<Vec<(PathBuf, PackageFormat)>, OpenError> {
    let mut entries: Vec<(PathBuf, PackageFormat)> = list(folder)?
        .into_iter()
        .filter_map(|path| package_format(&path).map(|format| (path, format)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(entries)
}

/// The `HoSoGIS` folder (any case) inside `folder`, if there is one.
fn dossier_folder_inside(folder: &Path) -> Result<Option<PathBuf>, OpenError> {
    Ok(list(folder)?.into_iter().find(|path| {
        path.is_dir()
            && path
                .file_name()
                .is_some_and(|name| name.to_string_lossy().eq_ignore_ascii_case(DOSSIER_FOLDER))
    }))
}

/// The paths in `folder`.
fn list(folder: &Path) -> Result<Vec<PathBuf>, OpenError> {
    let io = |source| OpenError::Io {
        path: folder.to_path_buf(),
        source,
    };
    std::fs::read_dir(folder)
        .map_err(io)?
        .map(|entry| entry.map(|entry| entry.path()).map_err(io))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::tt16::problem::{ProblemKind, Severity};

    fn scratch(name: &str) -> PathBuf {
        let folder =
            std::env::temp_dir().join(format!("hpatlas-tt16-open-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        std::fs::create_dir_all(&folder).expect("scratch folder");
        folder
    }

    fn summary(opened: &OpenedPackage) -> Vec<(ProblemKind, Severity, String)> {
        let mut found: Vec<_> = opened
            .problems
            .iter()
            .map(|p| (p.kind, p.severity, p.package.clone()))
            .collect();
        found.sort();
        found
    }

    #[test]
    fn an_empty_dossier_misses_every_package() {
        let folder = scratch("empty");
        let opened = open_package(&folder).expect("a folder");
        assert_eq!(
            summary(&opened),
            vec![
                (
                    ProblemKind::MissingPackage,
                    Severity::Error,
                    "HienTrang".into()
                ),
                (
                    ProblemKind::MissingPackage,
                    Severity::Error,
                    "QuyHoach".into()
                ),
                (
                    ProblemKind::MissingPackage,
                    Severity::Warning,
                    "MocGioi".into()
                ),
                (
                    ProblemKind::MissingPackage,
                    Severity::Warning,
                    "NenDiaHinh".into()
                ),
            ]
        );
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn packages_are_found_in_any_case_in_a_hosogis_inside_the_folder() {
        let folder = scratch("case");
        let dossier = folder.join("hosogis");
        std::fs::create_dir_all(dossier.join("quyhoach.GDB")).expect("gdb folder");
        std::fs::create_dir_all(dossier.join("HienTrang.gdb")).expect("gdb folder");
        std::fs::write(dossier.join("Ban_ve.gpkg"), b"").expect("file");
        std::fs::write(dossier.join("HienTrang.gpkg"), b"").expect("file");
        let opened = open_package(&folder).expect("a folder");
        assert_eq!(
            summary(&opened),
            vec![
                (
                    ProblemKind::MissingPackage,
                    Severity::Warning,
                    "MocGioi".into()
                ),
                (
                    ProblemKind::MissingPackage,
                    Severity::Warning,
                    "NenDiaHinh".into()
                ),
                (
                    ProblemKind::UnknownPackage,
                    Severity::Warning,
                    "Ban_ve.gpkg".into()
                ),
                (
                    ProblemKind::UnknownPackage,
                    Severity::Warning,
                    "HienTrang.gpkg".into()
                ),
                (
                    ProblemKind::UnreadablePackage,
                    Severity::Error,
                    "HienTrang".into()
                ),
                (
                    ProblemKind::UnreadablePackage,
                    Severity::Error,
                    "QuyHoach".into()
                ),
            ]
        );
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn a_path_that_is_no_package_is_an_error() {
        let folder = scratch("none");
        let file = folder.join("notes.txt");
        std::fs::write(&file, b"x").expect("file");
        assert!(matches!(
            open_package(&file),
            Err(OpenError::NotAPackage(_))
        ));
        assert!(matches!(
            open_package(&folder.join("missing.gpkg")),
            Err(OpenError::NotFound(_))
        ));
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn an_unreadable_gpkg_is_a_problem_not_a_failure() {
        let folder = scratch("broken");
        let file = folder.join("QuyHoach.gpkg");
        std::fs::write(&file, b"not a database at all").expect("file");
        let opened = open_package(&file).expect("a gpkg");
        assert_eq!(
            summary(&opened),
            vec![(
                ProblemKind::UnreadablePackage,
                Severity::Error,
                "QuyHoach".into()
            )]
        );
        let _ = std::fs::remove_dir_all(&folder);
    }
}
