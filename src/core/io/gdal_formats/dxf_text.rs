//! AutoCAD's Unicode escapes in DXF text. A drawing saved as DXF R2000–R2004 (AC1015–AC1018) stores every
//! character outside its code page as `\U+XXXX` (four hexadecimal digits): "Đất ở" is written
//! `\U+0110\U+1EA5t \U+1EDF`. GDAL turns these into characters in MTEXT but leaves them as written in TEXT,
//! so the atlas decodes them after the layer's encoding has been applied (the escapes are plain ASCII,
//! unchanged by any of the encodings the atlas detects).

use std::borrow::Cow;

/// `text` with each `\U+XXXX` escape replaced by its character; an escape that does not name a character
/// (a surrogate half, fewer than four hexadecimal digits) is kept as written.
pub fn decode_unicode_escapes(text: &str) -> Cow<'_, str> {
    if !text.contains("\\U+") {
        return Cow::Borrowed(text);
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("\\U+") {
        decoded.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        match escaped_char(after) {
            Some(character) => {
                decoded.push(character);
                rest = &after[4..];
            }
            None => {
                decoded.push_str("\\U+");
                rest = after;
            }
        }
    }
    decoded.push_str(rest);
    Cow::Owned(decoded)
}

/// The character named by the four hexadecimal digits that start `digits`.
fn escaped_char(digits: &str) -> Option<char> {
    let hex = digits.get(..4)?;
    if !hex.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return None;
    }
    char::from_u32(u32::from_str_radix(hex, 16).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_escapes_become_letters() {
        assert_eq!(
            decode_unicode_escapes("\\U+0110\\U+1EA5t \\U+1EDF hi\\U+1EC7n tr\\U+1EA1ng"),
            "Đất ở hiện trạng"
        );
    }

    #[test]
    fn text_without_escapes_is_not_copied() {
        assert!(matches!(
            decode_unicode_escapes("Đất ở"),
            Cow::Borrowed("Đất ở")
        ));
    }

    #[test]
    fn broken_escapes_are_kept_as_written() {
        assert_eq!(decode_unicode_escapes("a\\U+12"), "a\\U+12");
        assert_eq!(decode_unicode_escapes("\\U+D800x"), "\\U+D800x");
        assert_eq!(decode_unicode_escapes("\\U+12G4\\U+0041"), "\\U+12G4A");
        assert_eq!(decode_unicode_escapes("\\U+"), "\\U+");
    }
}
