//! The documented formats of the two planning codes every feature carries, as the public transcriptions give
//! them (not verified against the circular, hence only warnings):
//!
//! - `maThongTinQH`, the planning-information code: 12 digits (e.g. `012511012345`).
//! - `maHoSoQH`, the dossier code: 12 characters, `<province: 2 digits><QHC|QPK|QCT><1 digit><2 digits>
//!   <4 digits>` (e.g. `04QHC0010001`).

/// A documented code format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodePattern {
    /// `maThongTinQH`: 12 digits.
    PlanningInformation,
    /// `maHoSoQH`: 2 digits, QHC, QPK or QCT, then 7 digits.
    Dossier,
}

impl CodePattern {
    /// The pattern of the field named `field` (exactly as the catalogue spells it, or in another case).
    pub fn of_field(field: &str) -> Option<Self> {
        if field.eq_ignore_ascii_case("maThongTinQH") {
            Some(Self::PlanningInformation)
        } else if field.eq_ignore_ascii_case("maHoSoQH") {
            Some(Self::Dossier)
        } else {
            None
        }
    }

    /// The catalogue's name of the field with this pattern.
    pub fn field_name(self) -> &'static str {
        match self {
            Self::PlanningInformation => "maThongTinQH",
            Self::Dossier => "maHoSoQH",
        }
    }

    /// True when `value` has the documented format.
    pub fn matches(self, value: &str) -> bool {
        match self {
            Self::PlanningInformation => value.len() == 12 && all_digits(value),
            Self::Dossier => matches_dossier(value),
        }
    }

    /// The pattern in English.
    pub fn description_en(self) -> &'static str {
        match self {
            Self::PlanningInformation => "12 digits",
            Self::Dossier => {
                "12 characters: 2 digits (province), QHC, QPK or QCT, then 7 digits (e.g. 04QHC0010001)"
            }
        }
    }

    /// The pattern in Vietnamese.
    pub fn description_vi(self) -> &'static str {
        match self {
            Self::PlanningInformation => "12 chữ số",
            Self::Dossier => {
                "12 ký tự: 2 chữ số (mã tỉnh), QHC, QPK hoặc QCT, rồi 7 chữ số (ví dụ 04QHC0010001)"
            }
        }
    }
}

/// True when every character is an ASCII digit.
fn all_digits(text: &str) -> bool {
    text.bytes().all(|byte| byte.is_ascii_digit())
}

/// `<2 digits><QHC|QPK|QCT><7 digits>`.
fn matches_dossier(value: &str) -> bool {
    if value.len() != 12 || !value.is_ascii() {
        return false;
    }
    let (province, rest) = value.split_at(2);
    let (kind, numbers) = rest.split_at(3);
    all_digits(province) && matches!(kind, "QHC" | "QPK" | "QCT") && all_digits(numbers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planning_information_codes_are_twelve_digits() {
        let pattern = CodePattern::PlanningInformation;
        assert!(pattern.matches("012511012345"));
        assert!(!pattern.matches("01251101234"));
        assert!(!pattern.matches("01251101234X"));
        assert!(!pattern.matches(" 012511012345"));
        assert!(!pattern.matches("٠١٢٥١١٠١٢٣٤٥"));
    }

    #[test]
    fn dossier_codes_follow_province_kind_numbers() {
        let pattern = CodePattern::Dossier;
        assert!(pattern.matches("04QHC0010001"));
        assert!(pattern.matches("31QPK1010002"));
        assert!(pattern.matches("31QCT0020003"));
        assert!(!pattern.matches("31QHX0010001"));
        assert!(!pattern.matches("31qhc0010001"));
        assert!(!pattern.matches("3QHC00100012"));
        assert!(!pattern.matches("31QHC001001"));
        assert!(!pattern.matches("31QHC00100ễ"));
        assert_eq!(
            CodePattern::of_field("MAHOSOQH"),
            Some(CodePattern::Dossier)
        );
        assert_eq!(CodePattern::of_field("maDoiTuong"), None);
    }
}
