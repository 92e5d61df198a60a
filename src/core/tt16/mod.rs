//! Circular 16/2025/TT-BXD (TT16): the planning GIS packages every urban and rural planning dossier is
//! delivered with, and their check against the circular.
//!
//! A dossier is a `HoSoGIS` folder holding up to four packages — `NenDiaHinh`, `HienTrang`, `QuyHoach`,
//! `MocGioi` — each a File Geodatabase (`.gdb`) or a GeoPackage (`.gpkg`), with layers named
//! `<TenLop>_<A|P|L>` that carry six minimum fields. The pieces:
//!
//! - [`catalogue`]: the circular's layers, groups, fields and land-use colours, shipped as data in
//!   `assets/tt16/` (restated from public transcriptions, not checked against the official text).
//! - [`package`]: one layer of a package as stored ([`package::PackageLayer`]: declared schema and features).
//! - [`open`]: a `HoSoGIS` folder, a `.gpkg` or a `.gdb` → its layers, with the problems of opening it.
//! - [`check`]: the checks of the layers against the catalogue, and [`check::check_package`], the whole run.
//! - [`problem`] and [`report`]: what a check finds, in English and Vietnamese, and the JSON report;
//!   [`report_csv`] writes the problems as CSV.
//! - [`symbology`]: land-use layers drawn in the circular's Appendix I colours.

pub mod catalogue;
pub mod check;
mod check_fields;
mod check_geometry;
mod check_values;
mod codes;
mod gpkg_schema;
mod messages_vi;
pub mod open;
mod open_gdb;
pub mod package;
pub mod problem;
pub mod report;
pub mod report_csv;
pub mod symbology;
#[cfg(test)]
mod test_layers;
