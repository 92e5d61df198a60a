//! Whether GDAL's `ogr2ogr` is there to build test data (Debian `gdal-bin`): required in CI, a skip on a
//! developer machine without it. Shared by the headless and UI tests.

/// True when GDAL's command-line tools (`ogr2ogr`, `ogrinfo`, Debian's gdal-bin) can be run. They must be in
/// CI (`CI` set): there a missing tool fails the test instead of skipping it.
pub fn gdal_installed() -> bool {
    let found = std::process::Command::new("ogr2ogr")
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "ogr2ogr (Debian gdal-bin) is required in CI"
        );
        eprintln!("skipped: GDAL's ogr2ogr is not installed");
    }
    found
}
