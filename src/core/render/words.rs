//! The words a rendered map shows — the north letter, the legend's heading, the label of features outside
//! every category, the data credits — in the language the caller picks. The renderer takes them as given;
//! [`MapWords::for_language`] holds the atlas's wording in each interface language, so the window's export,
//! the slide export and `hpatlas render` word their maps alike.

use crate::core::project::Language;

/// The default credits line of maps made from the shipped data, in Vietnamese.
const CREDITS_VI: &str = "Dữ liệu: GSHHG (LGPL-3.0), Natural Earth, GeoNames (CC-BY-4.0); lớp quy hoạch: dữ liệu minh họa";
/// The default credits line in English.
const CREDITS_EN: &str = "Data: GSHHG (LGPL-3.0), Natural Earth, GeoNames (CC-BY-4.0); planning layers: illustrative data";

/// What the legend calls its classes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendWords {
    /// Which label of a category is listed: its English label (when it has one) for English, else its label.
    pub language: Language,
    /// The label of the features outside every category.
    pub other: String,
}

/// The words of one rendered map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MapWords {
    /// The letter over the north arrow.
    pub north_letter: String,
    /// The legend's heading.
    pub legend_title: String,
    /// Credit lines in the bottom bar (no bar when empty).
    pub credits: Vec<String>,
    /// What the legend calls its classes.
    pub legend: LegendWords,
}

impl MapWords {
    /// The atlas's wording in `language`, with the credits of the shipped data.
    pub fn for_language(language: Language) -> Self {
        let (north_letter, legend_title, other, credits) = match language {
            Language::Vietnamese => ("B", "Chú giải", "Khác", CREDITS_VI),
            Language::English => ("N", "Legend", "Other", CREDITS_EN),
        };
        Self {
            north_letter: north_letter.to_string(),
            legend_title: legend_title.to_string(),
            credits: vec![credits.to_string()],
            legend: LegendWords {
                language,
                other: other.to_string(),
            },
        }
    }
}

impl Default for MapWords {
    /// The wording in Vietnamese, the atlas's default language.
    fn default() -> Self {
        Self::for_language(Language::default())
    }
}
