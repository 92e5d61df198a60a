//! KMZ files: a zip archive holding a KML document (`doc.kml` by convention) and often the icons and images
//! it refers to. The document read is `doc.kml` at the root of the archive (in any letter case), or else the
//! first `.kml` entry at the root in the archive's order, as Google Earth does. A file that is not a zip
//! archive, or holds no such entry, is refused with one message naming the file; so is an entry that would
//! expand beyond [`MAX_KML_BYTES`] (a "zip bomb").

use std::io::{BufReader, Read};
use std::path::Path;

use zip::ZipArchive;

use super::LoadError;

/// The largest KML document a KMZ may expand to, in bytes (1 GiB).
pub const MAX_KML_BYTES: u64 = 1 << 30;

/// The KML document inside a KMZ: its name in the archive and its bytes.
pub(super) struct KmlEntry {
    /// The entry's name in the archive (`doc.kml`).
    pub name: String,
    /// The uncompressed document.
    pub bytes: Vec<u8>,
}

/// Reads the KML document of the KMZ at `path`.
pub(super) fn read_kml_entry(path: &Path) -> Result<KmlEntry, LoadError> {
    let file = std::fs::File::open(path).map_err(|source| LoadError::io(path, source))?;
    let mut archive = ZipArchive::new(BufReader::new(file)).map_err(|error| {
        LoadError::malformed(
            path,
            format!("not a KMZ file: it is not a zip archive ({error})"),
        )
    })?;
    let names: Vec<String> = (0..archive.len())
        .filter_map(|index| archive.name_for_index(index))
        .filter_map(Result::ok)
        .map(|name| name.into_owned())
        .collect();
    let name = chosen_entry(&names).ok_or_else(|| {
        LoadError::malformed(
            path,
            "the KMZ archive holds no doc.kml or other .kml file at its root",
        )
    })?;
    let unreadable = |error: &dyn std::fmt::Display| {
        LoadError::malformed(
            path,
            format!("{name} in the KMZ archive cannot be read: {error}"),
        )
    };
    let entry = archive.by_name(&name).map_err(|error| unreadable(&error))?;
    let mut bytes = Vec::with_capacity(usize::try_from(entry.size().min(1 << 26)).unwrap_or(0));
    entry
        .take(MAX_KML_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| unreadable(&error))?;
    if bytes.len() as u64 > MAX_KML_BYTES {
        return Err(LoadError::malformed(
            path,
            format!("{name} in the KMZ archive expands to more than 1 GiB"),
        ));
    }
    Ok(KmlEntry { name, bytes })
}

/// `doc.kml` at the root, else the first `.kml` at the root.
fn chosen_entry(names: &[String]) -> Option<String> {
    let at_root = |name: &&String| !name.contains('/') && !name.contains('\\');
    names
        .iter()
        .filter(at_root)
        .find(|name| name.eq_ignore_ascii_case("doc.kml"))
        .or_else(|| {
            names
                .iter()
                .filter(at_root)
                .find(|name| name.to_ascii_lowercase().ends_with(".kml"))
        })
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_kml_is_preferred_then_the_first_root_kml() {
        let names = |list: &[&str]| list.iter().map(|name| name.to_string()).collect::<Vec<_>>();
        assert_eq!(
            chosen_entry(&names(&["files/a.kml", "b.KML", "Doc.kml"])),
            Some("Doc.kml".into())
        );
        assert_eq!(
            chosen_entry(&names(&["files/doc.kml", "icon.png", "b.kml", "c.kml"])),
            Some("b.kml".into())
        );
        assert_eq!(chosen_entry(&names(&["files/doc.kml", "icon.png"])), None);
    }
}
