//! Attribute text in the encodings Vietnamese GIS files use: UTF-8, Windows-1258, TCVN3 (ABC) and VNI-Windows,
//! plus any other code page a `.cpg` file may declare.
//!
//! [`TextEncoding::decode`] turns bytes into Unicode NFC text; [`TextEncoding::encode`] does the reverse (used to
//! build test data and by anything that must write a legacy file). [`choose_encoding`] decides which encoding
//! a file's text is in: the user's choice first, then a usable declaration (a `.cpg`), else detection, which
//! scores each candidate by how many of its decoded words are well-formed Vietnamese syllables and reports
//! "ambiguous" — with every candidate and a sample of its text — when no candidate clearly wins, so the user
//! can choose instead of reading mojibake.

use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;

use encoding_rs::{Encoding, WINDOWS_1252, WINDOWS_1258};
use serde::{Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

mod vietnamese_tables;
mod vietnamese_words;

use vietnamese_tables::{TCVN3_HIGH, TCVN3_LOW, VNI_LETTERS};
use vietnamese_words::{WordCounts, plausibility};

/// A text encoding of attribute values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 (also right for pure ASCII text).
    Utf8,
    /// Windows-1258, the Windows Vietnamese code page (tones as combining marks).
    Windows1258,
    /// TCVN3 / ABC (TCVN 5712:1993), the `.VnTime` family of fonts.
    Tcvn3,
    /// VNI-Windows, the `VNI-Times` family of fonts.
    VniWindows,
    /// Any other code page known to the WHATWG encoding standard (declared by a `.cpg` or chosen by name).
    Other(&'static Encoding),
}

/// The legacy encodings detection chooses among when the text is not UTF-8, in tie-breaking order.
pub const DETECTABLE_LEGACY_ENCODINGS: [TextEncoding; 3] = [
    TextEncoding::Windows1258,
    TextEncoding::Tcvn3,
    TextEncoding::VniWindows,
];

/// The encodings a user is offered when choosing by hand.
pub const ENCODING_CHOICES: [TextEncoding; 4] = [
    TextEncoding::Utf8,
    TextEncoding::Windows1258,
    TextEncoding::Tcvn3,
    TextEncoding::VniWindows,
];

impl TextEncoding {
    /// The name shown to users and accepted by [`TextEncoding::from_name`].
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "UTF-8",
            Self::Windows1258 => "windows-1258",
            Self::Tcvn3 => "TCVN3",
            Self::VniWindows => "VNI-Windows",
            Self::Other(encoding) => encoding.name(),
        }
    }

    /// Parses a name as written by users or in `.cpg` files: `UTF-8`, `65001`, `1258`, `CP1258`,
    /// `ANSI 1258`, `TCVN3`, `ABC`, `VNI`, or any WHATWG label such as `windows-1252`.
    pub fn from_name(name: &str) -> Option<Self> {
        let cleaned = name
            .trim()
            .trim_start_matches('\u{feff}')
            .to_ascii_lowercase();
        let cleaned = cleaned
            .strip_prefix("ansi")
            .map_or(cleaned.as_str(), str::trim_start);
        let compact: String = cleaned
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect();
        match compact.as_str() {
            "utf8" | "65001" | "unicode" => return Some(Self::Utf8),
            "1258" | "cp1258" | "windows1258" | "winvietnamese" => return Some(Self::Windows1258),
            "tcvn3" | "tcvn" | "abc" | "tcvn5712" | "vn3" => return Some(Self::Tcvn3),
            "vni" | "vniwindows" | "vniwin" => return Some(Self::VniWindows),
            _ => {}
        }
        let label = if compact.len() == 4 && compact.starts_with("125") {
            format!("windows-{compact}")
        } else if let Some(code_page) = compact.strip_prefix("cp") {
            format!("windows-{code_page}")
        } else {
            cleaned.to_string()
        };
        let encoding = Encoding::for_label(label.as_bytes())?;
        Some(if encoding == encoding_rs::UTF_8 {
            Self::Utf8
        } else if encoding == WINDOWS_1258 {
            Self::Windows1258
        } else {
            Self::Other(encoding)
        })
    }

    /// Decodes bytes to NFC text; `None` when they are not valid in this encoding (only UTF-8 and some code
    /// pages can fail: TCVN3 and VNI-Windows give a character for every byte).
    pub fn decode(self, bytes: &[u8]) -> Option<String> {
        let raw = match self {
            Self::Utf8 => std::str::from_utf8(bytes).ok()?.to_string(),
            Self::Tcvn3 => bytes.iter().map(|byte| tcvn3_char(*byte)).collect(),
            Self::VniWindows => decode_vni(bytes),
            Self::Windows1258 => decode_code_page(WINDOWS_1258, bytes)?,
            Self::Other(encoding) => decode_code_page(encoding, bytes)?,
        };
        Some(raw.nfc().collect())
    }

    /// Encodes text; `None` when a character has no representation in this encoding.
    pub fn encode(self, text: &str) -> Option<Vec<u8>> {
        let text: String = text.nfc().collect();
        match self {
            Self::Utf8 => Some(text.into_bytes()),
            Self::Tcvn3 => text.chars().map(tcvn3_byte).collect(),
            Self::VniWindows => encode_vni(&text),
            Self::Windows1258 => encode_windows_1258(&text),
            Self::Other(encoding) => encode_code_page(encoding, &text),
        }
    }

    /// Encodes text like [`TextEncoding::encode`], or names the first character (of the NFC text) that has no
    /// representation in this encoding, for an error message.
    pub fn encode_or_name_failure(self, text: &str) -> Result<Vec<u8>, char> {
        if let Some(bytes) = self.encode(text) {
            return Ok(bytes);
        }
        let mut buffer = [0u8; 4];
        let failing = text
            .nfc()
            .find(|c| self.encode(c.encode_utf8(&mut buffer)).is_none());
        Err(failing.unwrap_or(char::REPLACEMENT_CHARACTER))
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for TextEncoding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// How the encoding of a layer's text was decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EncodingOrigin {
    /// The file declared it (a `.cpg`, or a format that is always UTF-8) and the text agrees.
    Declared,
    /// Detected from the text with confidence.
    Detected,
    /// The user chose it.
    User,
    /// No candidate clearly fits; the text was decoded with the best one and the user should choose.
    Ambiguous,
}

/// One encoding the text could be in, with how Vietnamese it reads that way.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EncodingCandidate {
    /// The encoding.
    pub encoding: TextEncoding,
    /// Share (0–1) of the words with non-ASCII letters that decode to Vietnamese syllables.
    pub vietnamese_share: f64,
    /// The first value with non-ASCII characters, decoded this way (for a chooser to show).
    pub sample: String,
}

/// Which encoding a layer's text was decoded with, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EncodingReport {
    /// The encoding used.
    #[serde(rename = "name")]
    pub encoding: TextEncoding,
    /// How it was decided.
    pub origin: EncodingOrigin,
    /// The legacy encodings considered by detection, best first (empty when none was needed).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<EncodingCandidate>,
    /// A remark for the user, e.g. a `.cpg` that was not followed and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<EncodingNote>,
}

/// A remark about how the encoding was chosen, for the user to check the text. `Display` gives an English
/// sentence (the command line's wording; the app words it in its own language); it serialises as that text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingNote {
    /// The `.cpg` declares `declared`, but the text reads clearly better as `used`, which was used.
    CpgNotFollowed {
        /// What the `.cpg` says.
        declared: TextEncoding,
        /// What the text was decoded with.
        used: TextEncoding,
    },
    /// The `.cpg` declares `declared`, but the text is not valid in it; detection chose instead.
    CpgNotValid {
        /// What the `.cpg` says.
        declared: TextEncoding,
    },
    /// No candidate clearly fits: the text was decoded with the best one and the user should choose.
    Ambiguous,
}

impl fmt::Display for EncodingNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::CpgNotFollowed { declared, used } => write!(
                f,
                "the .cpg declares {declared} but the text reads as {used}; {used} was used"
            ),
            Self::CpgNotValid { declared } => write!(
                f,
                "the .cpg declares {declared} but the text is not valid {declared}"
            ),
            Self::Ambiguous => {
                f.write_str("the text encoding could not be told apart with confidence; choose one")
            }
        }
    }
}

impl Serialize for EncodingNote {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Detection must be this sure (share of Vietnamese words) to pick a legacy encoding on its own…
const SURE_SHARE: f64 = 0.75;
/// …and lead the next candidate by this much.
const SURE_MARGIN: f64 = 0.25;
/// At most this many values with non-ASCII bytes are examined.
const MAX_SAMPLES: usize = 20_000;

/// Decides the encoding of `values` (every text value of a layer, raw bytes): `user` wins; then `declared`
/// when the text is valid in it and does not read clearly better in another encoding; then detection.
pub fn choose_encoding(
    values: &[&[u8]],
    declared: Option<TextEncoding>,
    user: Option<TextEncoding>,
) -> EncodingReport {
    if let Some(encoding) = user {
        return report(encoding, EncodingOrigin::User, Vec::new(), None);
    }
    let detected = detect_encoding(values);
    let Some(declared) = declared else {
        return detected;
    };
    let samples = non_ascii_samples(values);
    if samples.is_empty() {
        return report(declared, EncodingOrigin::Declared, Vec::new(), None);
    }
    let declared_fits = score(declared, &samples).map(|candidate| candidate.vietnamese_share);
    let detected_is_better = detected.origin == EncodingOrigin::Detected
        && detected.encoding != declared
        && declared_fits.is_none_or(|share| share < 0.5);
    if detected_is_better {
        return EncodingReport {
            note: Some(EncodingNote::CpgNotFollowed {
                declared,
                used: detected.encoding,
            }),
            ..detected
        };
    }
    if declared_fits.is_none() {
        return EncodingReport {
            note: Some(EncodingNote::CpgNotValid { declared }),
            ..detected
        };
    }
    report(declared, EncodingOrigin::Declared, Vec::new(), None)
}

/// Detects the encoding of `values` without any declaration: ASCII or valid UTF-8 is UTF-8; otherwise the
/// legacy candidate whose decoding reads most like Vietnamese, or [`EncodingOrigin::Ambiguous`].
pub fn detect_encoding(values: &[&[u8]]) -> EncodingReport {
    let samples = non_ascii_samples(values);
    if samples
        .iter()
        .all(|value| std::str::from_utf8(value).is_ok())
    {
        return report(
            TextEncoding::Utf8,
            EncodingOrigin::Detected,
            Vec::new(),
            None,
        );
    }
    let mut candidates: Vec<EncodingCandidate> = DETECTABLE_LEGACY_ENCODINGS
        .iter()
        .filter_map(|encoding| score(*encoding, &samples))
        .collect();
    candidates.sort_by(|a, b| b.vietnamese_share.total_cmp(&a.vietnamese_share));
    let best_share = candidates.first().map_or(0.0, |best| best.vietnamese_share);
    let second_share = candidates.get(1).map_or(0.0, |next| next.vietnamese_share);
    let sure = best_share >= SURE_SHARE && best_share - second_share >= SURE_MARGIN;
    let best = candidates
        .first()
        .map_or(TextEncoding::Windows1258, |best| best.encoding);
    if sure {
        report(best, EncodingOrigin::Detected, candidates, None)
    } else {
        report(
            best,
            EncodingOrigin::Ambiguous,
            candidates,
            Some(EncodingNote::Ambiguous),
        )
    }
}

fn report(
    encoding: TextEncoding,
    origin: EncodingOrigin,
    candidates: Vec<EncodingCandidate>,
    note: Option<EncodingNote>,
) -> EncodingReport {
    EncodingReport {
        encoding,
        origin,
        candidates,
        note,
    }
}

fn non_ascii_samples<'a>(values: &[&'a [u8]]) -> Vec<&'a [u8]> {
    values
        .iter()
        .filter(|value| !value.is_ascii())
        .take(MAX_SAMPLES)
        .copied()
        .collect()
}

/// How Vietnamese `samples` read in `encoding`; `None` when they are not valid in it.
fn score(encoding: TextEncoding, samples: &[&[u8]]) -> Option<EncodingCandidate> {
    let mut counts = WordCounts::default();
    let mut sample = None;
    for value in samples {
        let text = encoding.decode(value)?;
        counts.add(plausibility(&text));
        if sample.is_none() {
            sample = Some(text.chars().take(80).collect::<String>());
        }
    }
    Some(EncodingCandidate {
        encoding,
        vietnamese_share: counts.share(),
        sample: sample.unwrap_or_default(),
    })
}

fn decode_code_page(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    (!had_errors).then(|| text.into_owned())
}

fn encode_code_page(encoding: &'static Encoding, text: &str) -> Option<Vec<u8>> {
    let (bytes, _, had_errors) = encoding.encode(text);
    (!had_errors).then(|| bytes.into_owned())
}

const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Windows-1258 holds the base letters (â, ơ, …) and the five tone marks but few toned letters: a letter it
/// lacks is written as its base letter followed by the combining tone mark.
fn encode_windows_1258(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        if let Some(direct) = encode_code_page(WINDOWS_1258, c.encode_utf8(&mut buffer)) {
            bytes.extend(direct);
            continue;
        }
        let decomposed: String = std::iter::once(c).nfd().collect();
        let tones: String = decomposed
            .chars()
            .filter(|m| TONE_MARKS.contains(m))
            .collect();
        let base: String = decomposed
            .chars()
            .filter(|m| !TONE_MARKS.contains(m))
            .nfc()
            .collect();
        bytes.extend(encode_code_page(WINDOWS_1258, &base)?);
        bytes.extend(encode_code_page(WINDOWS_1258, &tones)?);
    }
    Some(bytes)
}

fn tcvn3_char(byte: u8) -> char {
    if byte >= 0x80 {
        return TCVN3_HIGH
            .get(usize::from(byte - 0x80))
            .copied()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
    }
    TCVN3_LOW
        .iter()
        .find(|(code, _)| *code == byte)
        .map_or(char::from(byte), |(_, letter)| *letter)
}

static TCVN3_BYTES: LazyLock<HashMap<char, u8>> = LazyLock::new(|| {
    let high = (0x80u8..=0xFF).zip(TCVN3_HIGH);
    let low = TCVN3_LOW.iter().copied();
    high.chain(low).map(|(byte, c)| (c, byte)).collect()
});

fn tcvn3_byte(c: char) -> Option<u8> {
    let is_plain_ascii = c.is_ascii() && !TCVN3_LOW.iter().any(|(code, _)| char::from(*code) == c);
    if is_plain_ascii {
        return u8::try_from(c).ok();
    }
    TCVN3_BYTES.get(&c).copied()
}

static VNI_BY_LETTER: LazyLock<HashMap<char, &'static [u8]>> =
    LazyLock::new(|| VNI_LETTERS.iter().copied().collect());

static VNI_BY_BYTES: LazyLock<HashMap<&'static [u8], char>> = LazyLock::new(|| {
    VNI_LETTERS
        .iter()
        .map(|(letter, bytes)| (*bytes, *letter))
        .collect()
});

/// VNI-Windows: the longest table entry (two bytes, then one) at each position, else Windows-1252.
fn decode_vni(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(first) = bytes.get(at) {
        if let Some(letter) = bytes
            .get(at..at + 2)
            .and_then(|pair| VNI_BY_BYTES.get(pair))
        {
            text.push(*letter);
            at += 2;
            continue;
        }
        match VNI_BY_BYTES.get(std::slice::from_ref(first)) {
            Some(letter) => text.push(*letter),
            None => text.push_str(&WINDOWS_1252.decode_without_bom_handling(&[*first]).0),
        }
        at += 1;
    }
    text
}

fn encode_vni(text: &str) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len() * 2);
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        if let Some(letter_bytes) = VNI_BY_LETTER.get(&c) {
            bytes.extend_from_slice(letter_bytes);
        } else {
            bytes.extend(encode_code_page(WINDOWS_1252, c.encode_utf8(&mut buffer))?);
        }
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 134 precomposed Vietnamese letters, built from the alphabet, not from the tables under test.
    fn all_vietnamese_letters() -> Vec<char> {
        let mut letters = Vec::new();
        for base in ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"] {
            for tone in ["", "\u{301}", "\u{300}", "\u{309}", "\u{303}", "\u{323}"] {
                let lower: String = format!("{base}{tone}").nfc().collect();
                if lower.is_ascii() {
                    continue;
                }
                for letter in [lower.clone(), lower.to_uppercase()] {
                    let mut chars = letter.chars();
                    let single = chars.next().expect("one letter");
                    assert!(chars.next().is_none(), "{letter} is precomposed");
                    letters.push(single);
                }
            }
        }
        letters.extend(['đ', 'Đ']);
        letters
    }

    #[test]
    fn every_vietnamese_letter_round_trips_through_each_encoding() {
        let letters = all_vietnamese_letters();
        assert_eq!(letters.len(), 134);
        for encoding in ENCODING_CHOICES {
            for letter in &letters {
                let text = letter.to_string();
                let bytes = encoding
                    .encode(&text)
                    .unwrap_or_else(|| panic!("{encoding} cannot encode {letter}"));
                assert_eq!(
                    encoding.decode(&bytes).as_deref(),
                    Some(text.as_str()),
                    "{encoding} {letter} {bytes:02X?}"
                );
            }
        }
    }

    #[test]
    fn legacy_encodings_use_distinct_bytes_for_distinct_letters() {
        for encoding in [TextEncoding::Tcvn3, TextEncoding::VniWindows] {
            let mut seen = HashMap::new();
            for letter in all_vietnamese_letters() {
                let bytes = encoding.encode(&letter.to_string()).expect("encodable");
                assert!(seen.insert(bytes, letter).is_none(), "{encoding}: {letter}");
            }
        }
    }

    #[test]
    fn known_bytes_decode_to_known_text() {
        // "Hải Phòng" as written with .VnTime (TCVN3) and VNI-Times fonts.
        assert_eq!(
            TextEncoding::Tcvn3.decode(b"H\xb6i Ph\xdfng").as_deref(),
            Some("Hải Phòng")
        );
        assert_eq!(
            TextEncoding::VniWindows
                .decode(b"Ha\xfbi Pho\xf8ng")
                .as_deref(),
            Some("Hải Phòng")
        );
        // Windows-1258 writes these tones as combining marks (hook 0xD2, grave 0xCC); NFC composes them.
        assert_eq!(
            TextEncoding::Windows1258
                .decode(b"Ha\xd2i Pho\xccng")
                .as_deref(),
            Some("Hải Phòng")
        );
        assert_eq!(TextEncoding::Utf8.decode(b"\xff"), None);
    }

    /// glibc's iconv implements TCVN 5712:1993; where it is installed, the table must agree byte for byte.
    #[test]
    fn tcvn3_table_agrees_with_the_c_library_when_available() {
        let all_bytes: Vec<u8> = (1u8..=0xFF).collect();
        let Ok(output) = std::process::Command::new("iconv")
            .args(["-f", "TCVN5712-1", "-t", "UTF-8"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                if let Some(mut stdin) = child.stdin.take() {
                    stdin.write_all(&all_bytes)?;
                }
                child.wait_with_output()
            })
        else {
            return;
        };
        if !output.status.success() {
            return;
        }
        let reference: String = String::from_utf8_lossy(&output.stdout).nfc().collect();
        assert_eq!(TextEncoding::Tcvn3.decode(&all_bytes), Some(reference));
    }

    #[test]
    fn the_first_character_without_a_legacy_byte_is_named() {
        assert_eq!(
            TextEncoding::Tcvn3.encode_or_name_failure("Hải Phòng"),
            Ok(b"H\xb6i Ph\xdfng".to_vec())
        );
        assert_eq!(
            TextEncoding::Tcvn3.encode_or_name_failure("Hải Phòng – 海防"),
            Err('–')
        );
        assert_eq!(
            TextEncoding::VniWindows.encode_or_name_failure("đường 海"),
            Err('海')
        );
        assert!(TextEncoding::Utf8.encode_or_name_failure("海防").is_ok());
    }

    #[test]
    fn names_from_cpg_files_and_users() {
        for (name, expected) in [
            ("UTF-8", TextEncoding::Utf8),
            ("65001", TextEncoding::Utf8),
            ("1258", TextEncoding::Windows1258),
            ("ANSI 1258", TextEncoding::Windows1258),
            ("CP1258\r\n", TextEncoding::Windows1258),
            ("tcvn3", TextEncoding::Tcvn3),
            ("VNI", TextEncoding::VniWindows),
            ("1252", TextEncoding::Other(WINDOWS_1252)),
            ("ISO-8859-1", TextEncoding::Other(WINDOWS_1252)),
        ] {
            assert_eq!(TextEncoding::from_name(name), Some(expected), "{name}");
        }
        assert_eq!(TextEncoding::from_name("klingon"), None);
    }
}
