//! How Vietnamese a decoded text looks, used to tell legacy encodings apart.
//!
//! Text decoded with the wrong table turns into letters outside the Vietnamese alphabet (`H¶i`), dangling
//! combining marks, or impossible syllables (`Phoứng`). [`plausibility`] splits a text into words at ASCII
//! separators and counts, among the words that contain a non-ASCII character, those that are a well-formed
//! Vietnamese syllable: an optional initial consonant, a vowel nucleus from the language's inventory, an
//! optional final consonant, and at most one tone mark.

use unicode_normalization::UnicodeNormalization;

/// Counts of words with non-ASCII characters in a text, and how many of them are Vietnamese syllables.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordCounts {
    /// Words containing at least one non-ASCII character.
    pub non_ascii_words: usize,
    /// Of those, the words that are well-formed Vietnamese syllables.
    pub vietnamese_words: usize,
}

impl WordCounts {
    /// Adds another text's counts.
    pub fn add(&mut self, other: WordCounts) {
        self.non_ascii_words += other.non_ascii_words;
        self.vietnamese_words += other.vietnamese_words;
    }

    /// The share of non-ASCII words that are Vietnamese (1 when there are none).
    pub fn share(&self) -> f64 {
        if self.non_ascii_words == 0 {
            1.0
        } else {
            self.vietnamese_words as f64 / self.non_ascii_words as f64
        }
    }
}

/// Counts the non-ASCII words of `text` (already decoded, any normalisation) and the Vietnamese ones.
pub fn plausibility(text: &str) -> WordCounts {
    let mut counts = WordCounts::default();
    for word in text.split(|c: char| c.is_ascii() && !c.is_ascii_alphabetic()) {
        if word.is_ascii() {
            continue;
        }
        counts.non_ascii_words += 1;
        if is_vietnamese_syllable(word) {
            counts.vietnamese_words += 1;
        }
    }
    counts
}

const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
const VOWELS: &str = "aăâeêioôơuưy";
const INITIALS: [&str; 28] = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];
const FINALS: [&str; 9] = ["", "c", "ch", "m", "n", "ng", "nh", "p", "t"];
/// Vowel nuclei that may be followed by a final consonant.
const CLOSED_NUCLEI: [&str; 24] = [
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "iê", "yê", "oa", "oă", "oe", "oo",
    "uâ", "uê", "uô", "uy", "ươ", "uyê",
];
/// Vowel groups that end the syllable (they end in a glide or are open diphthongs).
const OPEN_NUCLEI: [&str; 30] = [
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui", "ưa",
    "ưi", "ưu", "uơ", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya",
];
const MORE_OPEN_NUCLEI: [&str; 2] = ["uyu", "ya"];

/// True when `word` is one well-formed Vietnamese syllable (any case, composed or decomposed).
pub fn is_vietnamese_syllable(word: &str) -> bool {
    let mut tone_count = 0;
    let toneless: String = word
        .nfd()
        .flat_map(char::to_lowercase)
        .filter(|c| {
            let is_tone = TONE_MARKS.contains(c);
            tone_count += usize::from(is_tone);
            !is_tone
        })
        .nfc()
        .collect();
    if tone_count > 1 || !toneless.chars().all(is_vietnamese_base_letter) {
        return false;
    }
    INITIALS.iter().any(|initial| {
        toneless
            .strip_prefix(initial)
            .is_some_and(|rhyme| is_rhyme(rhyme, initial))
    })
}

fn is_vietnamese_base_letter(c: char) -> bool {
    (c.is_ascii_lowercase() && !matches!(c, 'f' | 'j' | 'w' | 'z')) || "ăâêôơưđ".contains(c)
}

fn is_rhyme(rhyme: &str, initial: &str) -> bool {
    let nucleus_end = rhyme
        .char_indices()
        .find(|(_, c)| !VOWELS.contains(*c))
        .map_or(rhyme.len(), |(at, _)| at);
    let (nucleus, last) = rhyme.split_at(nucleus_end);
    if nucleus.is_empty() {
        // "gì", "gìn": the i of "gi" is the vowel.
        return initial == "gi" && FINALS.contains(&last);
    }
    if OPEN_NUCLEI.contains(&nucleus) || MORE_OPEN_NUCLEI.contains(&nucleus) {
        return last.is_empty();
    }
    CLOSED_NUCLEI.contains(&nucleus) && FINALS.contains(&last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_syllables_and_rejects_mojibake() {
        for word in [
            "Hải",
            "Phòng",
            "Việt",
            "Nam",
            "NGUYỄN",
            "giữa",
            "gìn",
            "quốc",
            "khuya",
            "người",
            "Đường",
            "thuở",
            "chuyện",
            "Kiến",
            "An",
            "Thủy",
            "Nguyên",
            "Dương",
            "Kinh",
            "Môn",
        ] {
            assert!(is_vietnamese_syllable(word), "{word}");
        }
        for word in [
            "H¶i",
            "Phoứng",
            "Haỷi",
            "caùc",
            "Vieät",
            "Ph\u{f8}ng",
            "hảỉ",
            "xyz\u{301}k",
        ] {
            assert!(!is_vietnamese_syllable(word), "{word}");
        }
    }

    #[test]
    fn counts_only_words_with_non_ascii_letters() {
        let counts = plausibility("Quận Lê Chân, Hải Phòng 12 abc H¶i");
        assert_eq!(
            counts,
            WordCounts {
                non_ascii_words: 6,
                vietnamese_words: 5
            }
        );
    }
}
