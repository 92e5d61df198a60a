//! `hpatlas transform --from A --to B X Y`: one coordinate pair between two CRSs, printed as "X Y"
//! (9 decimals for degrees, 3 for metres).

use anyhow::Result;

use hpatlas::core::crs::{Crs, Reprojector};

use super::output::println_stdout;

/// Prints `x y` transformed from `from` to `to`.
pub fn transform(from: Crs, to: Crs, x: f64, y: f64) -> Result<()> {
    let reprojector = Reprojector::new(from, to)?;
    let (out_x, out_y) = reprojector.convert(x, y)?;
    let decimals = |crs: Crs| if crs.is_geographic() { 9 } else { 3 };
    println_stdout(&format!(
        "{out_x:.prec_x$} {out_y:.prec_y$}",
        prec_x = decimals(to),
        prec_y = decimals(to)
    ))?;
    Ok(())
}
