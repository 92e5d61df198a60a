//! Small pieces the XML readers (GPX, KML) share: where a byte offset is as a line and column for messages,
//! the syntax error naming that place, and the character an entity or character reference (`&amp;`,
//! `&#x1EA1;`) stands for.

use std::path::Path;

use quick_xml::events::BytesRef;

use super::LoadError;

/// A syntax error at a line and column of the file at `path`.
pub(super) fn syntax(path: &Path, line: usize, column: usize, message: String) -> LoadError {
    LoadError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// The character an entity or character reference stands for; `None` for an entity XML does not predefine.
pub(super) fn resolve_reference(reference: &BytesRef) -> Option<char> {
    if let Ok(Some(character)) = reference.resolve_char_ref() {
        return Some(character);
    }
    let name = reference.decode().ok()?;
    quick_xml::escape::resolve_predefined_entity(&name)?
        .chars()
        .next()
}

/// One-based line and column (in characters) of a byte offset.
pub(super) fn line_and_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = bytes.get(..offset.min(bytes.len())).unwrap_or_default();
    let line = before.iter().filter(|&&byte| byte == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |at| at + 1);
    let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Moves a byte offset past whitespace, so an element's position is its `<`, not the line break before it.
pub(super) fn skip_whitespace(bytes: &[u8], at: usize) -> usize {
    let rest = bytes.get(at..).unwrap_or_default();
    at + rest
        .iter()
        .take_while(|byte| byte.is_ascii_whitespace())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters_not_bytes() {
        let text = "ab\nđc\n".as_bytes();
        assert_eq!(line_and_column(text, 0), (1, 1));
        assert_eq!(line_and_column(text, 3), (2, 1));
        assert_eq!(
            line_and_column(text, 5),
            (2, 2),
            "đ is two bytes, one column"
        );
        assert_eq!(line_and_column(text, 1000), (3, 1), "clamped to the end");
        assert_eq!(skip_whitespace(b"  \n<a>", 0), 3);
    }
}
