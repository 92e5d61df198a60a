//! A bounds-checked cursor over bytes read from a file: every read says how far the data fell short instead of
//! panicking, so truncated or lying binary files (Shapefile, dBASE, WKB) become clear errors.

/// Reads little- and big-endian numbers from a byte slice, failing cleanly at its end.
pub(crate) struct ByteCursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> ByteCursor<'a> {
    /// A cursor at the start of `bytes`.
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    /// Bytes not yet read.
    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    /// The next `count` bytes.
    pub(crate) fn take(&mut self, count: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(count);
        match end.and_then(|end| self.bytes.get(self.at..end)) {
            Some(slice) => {
                self.at += count;
                Ok(slice)
            }
            None => Err(format!(
                "the data ends after {} byte(s) where {} more were expected",
                self.at,
                count.saturating_sub(self.remaining())
            )),
        }
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let slice = self.take(N)?;
        let mut array = [0u8; N];
        array.copy_from_slice(slice);
        Ok(array)
    }

    /// One byte.
    pub(crate) fn u8(&mut self) -> Result<u8, String> {
        Ok(self.array::<1>()?[0])
    }

    /// A little-endian 32-bit signed integer.
    pub(crate) fn i32_le(&mut self) -> Result<i32, String> {
        self.array().map(i32::from_le_bytes)
    }

    /// A big-endian 32-bit signed integer.
    pub(crate) fn i32_be(&mut self) -> Result<i32, String> {
        self.array().map(i32::from_be_bytes)
    }

    /// A 32-bit unsigned integer in the given byte order.
    pub(crate) fn u32(&mut self, little_endian: bool) -> Result<u32, String> {
        let bytes = self.array()?;
        Ok(if little_endian {
            u32::from_le_bytes(bytes)
        } else {
            u32::from_be_bytes(bytes)
        })
    }

    /// A 64-bit float in the given byte order.
    pub(crate) fn f64(&mut self, little_endian: bool) -> Result<f64, String> {
        let bytes = self.array()?;
        Ok(if little_endian {
            f64::from_le_bytes(bytes)
        } else {
            f64::from_be_bytes(bytes)
        })
    }

    /// A little-endian 64-bit float.
    pub(crate) fn f64_le(&mut self) -> Result<f64, String> {
        self.f64(true)
    }

    /// Skips `count` bytes.
    pub(crate) fn skip(&mut self, count: usize) -> Result<(), String> {
        self.take(count).map(|_| ())
    }
}
