//! What can go wrong when rendering a map image.

use thiserror::Error;

/// Largest width or height of a rendered image, in pixels.
pub const MAX_SIDE_PX: u32 = 16_384;
/// Largest number of pixels of a rendered image (512 MiB of RGBA).
pub const MAX_PIXELS: u64 = 16_384 * 8_192;

/// A map image could not be rendered.
#[derive(Debug, Error)]
pub enum RenderError {
    /// The requested size is zero or too large.
    #[error(
        "image size {width}×{height} px is not allowed: each side must be 1 to {MAX_SIDE_PX} px and the whole at most {MAX_PIXELS} px"
    )]
    InvalidSize {
        /// Requested width in pixels.
        width: u32,
        /// Requested height in pixels.
        height: u32,
    },
    /// The view (centre, metres per pixel or UI scale) is not usable.
    #[error("invalid map view: {0}")]
    InvalidView(String),
    /// The image memory could not be allocated.
    #[error("cannot allocate a {width}×{height} px image")]
    Allocation {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// A shipped font could not be read.
    #[error("the shipped font {0} cannot be read")]
    Font(&'static str),
    /// The PNG encoder failed.
    #[error("cannot encode the PNG: {0}")]
    Encode(String),
}

/// Checks an image size against [`MAX_SIDE_PX`] and [`MAX_PIXELS`].
pub fn check_size(width: u32, height: u32) -> Result<(), RenderError> {
    let side_ok = |side: u32| (1..=MAX_SIDE_PX).contains(&side);
    if side_ok(width) && side_ok(height) && u64::from(width) * u64::from(height) <= MAX_PIXELS {
        Ok(())
    } else {
        Err(RenderError::InvalidSize { width, height })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_guarded() {
        assert!(check_size(1920, 1080).is_ok());
        assert!(check_size(16_384, 8_192).is_ok());
        assert!(check_size(0, 10).is_err());
        assert!(check_size(10, 0).is_err());
        assert!(check_size(16_385, 10).is_err());
        assert!(check_size(16_384, 16_384).is_err());
    }
}
