//! Reading a File Geodatabase (`.gdb` folder) package. The FileGDB reader comes through GDAL (OpenFileGDB),
//! which is being added beside this module; until then a `.gdb` package is reported as unreadable.

use std::path::Path;

use super::package::PackageLayer;
use crate::core::io::LoadError;

/// Reads every feature class of the `.gdb` folder at `path` as [`PackageLayer`]s: `package` left empty (the
/// caller sets it from the folder's stem), `source` the `.gdb` folder, the declared geometry, fields (type and
/// width) and EPSG code of each feature class, its features in its own CRS and their `OBJECTID`s in the same
/// order. An error means the whole geodatabase cannot be opened; the check reports it as an unreadable
/// package.
// LEAD: replaced by the GDAL reader
pub(super) fn read_gdb_package(path: &Path) -> Result<Vec<PackageLayer>, LoadError> {
    Err(LoadError::Malformed {
        path: path.to_path_buf(),
        message: "File Geodatabase (.gdb) packages cannot be read yet; save the package as GeoPackage (.gpkg)"
            .to_string(),
    })
}
