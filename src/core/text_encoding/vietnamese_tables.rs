//! The byte tables of the two legacy Vietnamese font encodings, written as data.
//!
//! TCVN3 ("ABC", the `.Vn…` fonts) is the VN3 subset of TCVN 5712:1993; this table is the full VN1 table of
//! that standard, which agrees with VN3 wherever VN3 defines a byte and adds the capital letters with tones
//! (in practice VN3 files write capitals with the lowercase codes and a capital-only `.Vn…H` font, so such text
//! decodes to lower case). It is checked in the tests against the C library's `TCVN5712-1` converter.
//! VNI-Windows (the `VNI-…` fonts) writes a letter as an ASCII base letter followed by a modifier byte, or as
//! one byte; the bytes are the Windows-1252 positions of the Latin-1 glyphs the fonts replace.

/// TCVN 5712:1993 bytes 0x01–0x1F that are letters (VN1); the other C0 bytes are the ASCII controls.
pub(super) const TCVN3_LOW: [(u8, char); 12] = [
    (0x01, '\u{00DA}'), // Ú
    (0x02, '\u{1EE4}'), // Ụ
    (0x04, '\u{1EEA}'), // Ừ
    (0x05, '\u{1EEC}'), // Ử
    (0x06, '\u{1EEE}'), // Ữ
    (0x11, '\u{1EE8}'), // Ứ
    (0x12, '\u{1EF0}'), // Ự
    (0x13, '\u{1EF2}'), // Ỳ
    (0x14, '\u{1EF6}'), // Ỷ
    (0x15, '\u{1EF8}'), // Ỹ
    (0x16, '\u{00DD}'), // Ý
    (0x17, '\u{1EF4}'), // Ỵ
];
/// TCVN 5712:1993 (VN1, a superset of the VN3 "ABC" table) bytes 0x80–0xFF, in byte order.
pub(super) const TCVN3_HIGH: [char; 128] = [
    '\u{00C0}', '\u{1EA2}', '\u{00C3}', '\u{00C1}', '\u{1EA0}', '\u{1EB6}', '\u{1EAC}',
    '\u{00C8}', // 80: À Ả Ã Á Ạ Ặ Ậ È
    '\u{1EBA}', '\u{1EBC}', '\u{00C9}', '\u{1EB8}', '\u{1EC6}', '\u{00CC}', '\u{1EC8}',
    '\u{0128}', // 88: Ẻ Ẽ É Ẹ Ệ Ì Ỉ Ĩ
    '\u{00CD}', '\u{1ECA}', '\u{00D2}', '\u{1ECE}', '\u{00D5}', '\u{00D3}', '\u{1ECC}',
    '\u{1ED8}', // 90: Í Ị Ò Ỏ Õ Ó Ọ Ộ
    '\u{1EDC}', '\u{1EDE}', '\u{1EE0}', '\u{1EDA}', '\u{1EE2}', '\u{00D9}', '\u{1EE6}',
    '\u{0168}', // 98: Ờ Ở Ỡ Ớ Ợ Ù Ủ Ũ
    '\u{00A0}', '\u{0102}', '\u{00C2}', '\u{00CA}', '\u{00D4}', '\u{01A0}', '\u{01AF}',
    '\u{0110}', // A0:   Ă Â Ê Ô Ơ Ư Đ
    '\u{0103}', '\u{00E2}', '\u{00EA}', '\u{00F4}', '\u{01A1}', '\u{01B0}', '\u{0111}',
    '\u{1EB0}', // A8: ă â ê ô ơ ư đ Ằ
    '\u{0300}', '\u{0309}', '\u{0303}', '\u{0301}', '\u{0323}', '\u{00E0}', '\u{1EA3}',
    '\u{00E3}', // B0: ◌̀ ◌̉ ◌̃ ◌́ ◌̣ à ả ã
    '\u{00E1}', '\u{1EA1}', '\u{1EB2}', '\u{1EB1}', '\u{1EB3}', '\u{1EB5}', '\u{1EAF}',
    '\u{1EB4}', // B8: á ạ Ẳ ằ ẳ ẵ ắ Ẵ
    '\u{1EAE}', '\u{1EA6}', '\u{1EA8}', '\u{1EAA}', '\u{1EA4}', '\u{1EC0}', '\u{1EB7}',
    '\u{1EA7}', // C0: Ắ Ầ Ẩ Ẫ Ấ Ề ặ ầ
    '\u{1EA9}', '\u{1EAB}', '\u{1EA5}', '\u{1EAD}', '\u{00E8}', '\u{1EC2}', '\u{1EBB}',
    '\u{1EBD}', // C8: ẩ ẫ ấ ậ è Ể ẻ ẽ
    '\u{00E9}', '\u{1EB9}', '\u{1EC1}', '\u{1EC3}', '\u{1EC5}', '\u{1EBF}', '\u{1EC7}',
    '\u{00EC}', // D0: é ẹ ề ể ễ ế ệ ì
    '\u{1EC9}', '\u{1EC4}', '\u{1EBE}', '\u{1ED2}', '\u{0129}', '\u{00ED}', '\u{1ECB}',
    '\u{00F2}', // D8: ỉ Ễ Ế Ồ ĩ í ị ò
    '\u{1ED4}', '\u{1ECF}', '\u{00F5}', '\u{00F3}', '\u{1ECD}', '\u{1ED3}', '\u{1ED5}',
    '\u{1ED7}', // E0: Ổ ỏ õ ó ọ ồ ổ ỗ
    '\u{1ED1}', '\u{1ED9}', '\u{1EDD}', '\u{1EDF}', '\u{1EE1}', '\u{1EDB}', '\u{1EE3}',
    '\u{00F9}', // E8: ố ộ ờ ở ỡ ớ ợ ù
    '\u{1ED6}', '\u{1EE7}', '\u{0169}', '\u{00FA}', '\u{1EE5}', '\u{1EEB}', '\u{1EED}',
    '\u{1EEF}', // F0: Ỗ ủ ũ ú ụ ừ ử ữ
    '\u{1EE9}', '\u{1EF1}', '\u{1EF3}', '\u{1EF7}', '\u{1EF9}', '\u{00FD}', '\u{1EF5}',
    '\u{1ED0}', // F8: ứ ự ỳ ỷ ỹ ý ỵ Ố
];

/// VNI-Windows: every Vietnamese letter that is not plain ASCII and its bytes (a base letter and a
/// modifier, or one byte), lower and upper case. Other bytes are Windows-1252.
pub(super) const VNI_LETTERS: [(char, &[u8]); 134] = [
    ('\u{00E1}', &[0x61, 0xF9]), // á = aù
    ('\u{00C1}', &[0x41, 0xD9]), // Á = AÙ
    ('\u{00E0}', &[0x61, 0xF8]), // à = aø
    ('\u{00C0}', &[0x41, 0xD8]), // À = AØ
    ('\u{1EA3}', &[0x61, 0xFB]), // ả = aû
    ('\u{1EA2}', &[0x41, 0xDB]), // Ả = AÛ
    ('\u{00E3}', &[0x61, 0xF5]), // ã = aõ
    ('\u{00C3}', &[0x41, 0xD5]), // Ã = AÕ
    ('\u{1EA1}', &[0x61, 0xEF]), // ạ = aï
    ('\u{1EA0}', &[0x41, 0xCF]), // Ạ = AÏ
    ('\u{0103}', &[0x61, 0xEA]), // ă = aê
    ('\u{0102}', &[0x41, 0xCA]), // Ă = AÊ
    ('\u{1EAF}', &[0x61, 0xE9]), // ắ = aé
    ('\u{1EAE}', &[0x41, 0xC9]), // Ắ = AÉ
    ('\u{1EB1}', &[0x61, 0xE8]), // ằ = aè
    ('\u{1EB0}', &[0x41, 0xC8]), // Ằ = AÈ
    ('\u{1EB3}', &[0x61, 0xFA]), // ẳ = aú
    ('\u{1EB2}', &[0x41, 0xDA]), // Ẳ = AÚ
    ('\u{1EB5}', &[0x61, 0xFC]), // ẵ = aü
    ('\u{1EB4}', &[0x41, 0xDC]), // Ẵ = AÜ
    ('\u{1EB7}', &[0x61, 0xEB]), // ặ = aë
    ('\u{1EB6}', &[0x41, 0xCB]), // Ặ = AË
    ('\u{00E2}', &[0x61, 0xE2]), // â = aâ
    ('\u{00C2}', &[0x41, 0xC2]), // Â = AÂ
    ('\u{1EA5}', &[0x61, 0xE1]), // ấ = aá
    ('\u{1EA4}', &[0x41, 0xC1]), // Ấ = AÁ
    ('\u{1EA7}', &[0x61, 0xE0]), // ầ = aà
    ('\u{1EA6}', &[0x41, 0xC0]), // Ầ = AÀ
    ('\u{1EA9}', &[0x61, 0xE5]), // ẩ = aå
    ('\u{1EA8}', &[0x41, 0xC5]), // Ẩ = AÅ
    ('\u{1EAB}', &[0x61, 0xE3]), // ẫ = aã
    ('\u{1EAA}', &[0x41, 0xC3]), // Ẫ = AÃ
    ('\u{1EAD}', &[0x61, 0xE4]), // ậ = aä
    ('\u{1EAC}', &[0x41, 0xC4]), // Ậ = AÄ
    ('\u{00E9}', &[0x65, 0xF9]), // é = eù
    ('\u{00C9}', &[0x45, 0xD9]), // É = EÙ
    ('\u{00E8}', &[0x65, 0xF8]), // è = eø
    ('\u{00C8}', &[0x45, 0xD8]), // È = EØ
    ('\u{1EBB}', &[0x65, 0xFB]), // ẻ = eû
    ('\u{1EBA}', &[0x45, 0xDB]), // Ẻ = EÛ
    ('\u{1EBD}', &[0x65, 0xF5]), // ẽ = eõ
    ('\u{1EBC}', &[0x45, 0xD5]), // Ẽ = EÕ
    ('\u{1EB9}', &[0x65, 0xEF]), // ẹ = eï
    ('\u{1EB8}', &[0x45, 0xCF]), // Ẹ = EÏ
    ('\u{00EA}', &[0x65, 0xE2]), // ê = eâ
    ('\u{00CA}', &[0x45, 0xC2]), // Ê = EÂ
    ('\u{1EBF}', &[0x65, 0xE1]), // ế = eá
    ('\u{1EBE}', &[0x45, 0xC1]), // Ế = EÁ
    ('\u{1EC1}', &[0x65, 0xE0]), // ề = eà
    ('\u{1EC0}', &[0x45, 0xC0]), // Ề = EÀ
    ('\u{1EC3}', &[0x65, 0xE5]), // ể = eå
    ('\u{1EC2}', &[0x45, 0xC5]), // Ể = EÅ
    ('\u{1EC5}', &[0x65, 0xE3]), // ễ = eã
    ('\u{1EC4}', &[0x45, 0xC3]), // Ễ = EÃ
    ('\u{1EC7}', &[0x65, 0xE4]), // ệ = eä
    ('\u{1EC6}', &[0x45, 0xC4]), // Ệ = EÄ
    ('\u{00ED}', &[0xED]),       // í = í
    ('\u{00CD}', &[0xCD]),       // Í = Í
    ('\u{00EC}', &[0xEC]),       // ì = ì
    ('\u{00CC}', &[0xCC]),       // Ì = Ì
    ('\u{1EC9}', &[0xE6]),       // ỉ = æ
    ('\u{1EC8}', &[0xC6]),       // Ỉ = Æ
    ('\u{0129}', &[0xF3]),       // ĩ = ó
    ('\u{0128}', &[0xD3]),       // Ĩ = Ó
    ('\u{1ECB}', &[0xF2]),       // ị = ò
    ('\u{1ECA}', &[0xD2]),       // Ị = Ò
    ('\u{00F3}', &[0x6F, 0xF9]), // ó = où
    ('\u{00D3}', &[0x4F, 0xD9]), // Ó = OÙ
    ('\u{00F2}', &[0x6F, 0xF8]), // ò = oø
    ('\u{00D2}', &[0x4F, 0xD8]), // Ò = OØ
    ('\u{1ECF}', &[0x6F, 0xFB]), // ỏ = oû
    ('\u{1ECE}', &[0x4F, 0xDB]), // Ỏ = OÛ
    ('\u{00F5}', &[0x6F, 0xF5]), // õ = oõ
    ('\u{00D5}', &[0x4F, 0xD5]), // Õ = OÕ
    ('\u{1ECD}', &[0x6F, 0xEF]), // ọ = oï
    ('\u{1ECC}', &[0x4F, 0xCF]), // Ọ = OÏ
    ('\u{00F4}', &[0x6F, 0xE2]), // ô = oâ
    ('\u{00D4}', &[0x4F, 0xC2]), // Ô = OÂ
    ('\u{1ED1}', &[0x6F, 0xE1]), // ố = oá
    ('\u{1ED0}', &[0x4F, 0xC1]), // Ố = OÁ
    ('\u{1ED3}', &[0x6F, 0xE0]), // ồ = oà
    ('\u{1ED2}', &[0x4F, 0xC0]), // Ồ = OÀ
    ('\u{1ED5}', &[0x6F, 0xE5]), // ổ = oå
    ('\u{1ED4}', &[0x4F, 0xC5]), // Ổ = OÅ
    ('\u{1ED7}', &[0x6F, 0xE3]), // ỗ = oã
    ('\u{1ED6}', &[0x4F, 0xC3]), // Ỗ = OÃ
    ('\u{1ED9}', &[0x6F, 0xE4]), // ộ = oä
    ('\u{1ED8}', &[0x4F, 0xC4]), // Ộ = OÄ
    ('\u{01A1}', &[0xF4]),       // ơ = ô
    ('\u{01A0}', &[0xD4]),       // Ơ = Ô
    ('\u{1EDB}', &[0xF4, 0xF9]), // ớ = ôù
    ('\u{1EDA}', &[0xD4, 0xD9]), // Ớ = ÔÙ
    ('\u{1EDD}', &[0xF4, 0xF8]), // ờ = ôø
    ('\u{1EDC}', &[0xD4, 0xD8]), // Ờ = ÔØ
    ('\u{1EDF}', &[0xF4, 0xFB]), // ở = ôû
    ('\u{1EDE}', &[0xD4, 0xDB]), // Ở = ÔÛ
    ('\u{1EE1}', &[0xF4, 0xF5]), // ỡ = ôõ
    ('\u{1EE0}', &[0xD4, 0xD5]), // Ỡ = ÔÕ
    ('\u{1EE3}', &[0xF4, 0xEF]), // ợ = ôï
    ('\u{1EE2}', &[0xD4, 0xCF]), // Ợ = ÔÏ
    ('\u{00FA}', &[0x75, 0xF9]), // ú = uù
    ('\u{00DA}', &[0x55, 0xD9]), // Ú = UÙ
    ('\u{00F9}', &[0x75, 0xF8]), // ù = uø
    ('\u{00D9}', &[0x55, 0xD8]), // Ù = UØ
    ('\u{1EE7}', &[0x75, 0xFB]), // ủ = uû
    ('\u{1EE6}', &[0x55, 0xDB]), // Ủ = UÛ
    ('\u{0169}', &[0x75, 0xF5]), // ũ = uõ
    ('\u{0168}', &[0x55, 0xD5]), // Ũ = UÕ
    ('\u{1EE5}', &[0x75, 0xEF]), // ụ = uï
    ('\u{1EE4}', &[0x55, 0xCF]), // Ụ = UÏ
    ('\u{01B0}', &[0xF6]),       // ư = ö
    ('\u{01AF}', &[0xD6]),       // Ư = Ö
    ('\u{1EE9}', &[0xF6, 0xF9]), // ứ = öù
    ('\u{1EE8}', &[0xD6, 0xD9]), // Ứ = ÖÙ
    ('\u{1EEB}', &[0xF6, 0xF8]), // ừ = öø
    ('\u{1EEA}', &[0xD6, 0xD8]), // Ừ = ÖØ
    ('\u{1EED}', &[0xF6, 0xFB]), // ử = öû
    ('\u{1EEC}', &[0xD6, 0xDB]), // Ử = ÖÛ
    ('\u{1EEF}', &[0xF6, 0xF5]), // ữ = öõ
    ('\u{1EEE}', &[0xD6, 0xD5]), // Ữ = ÖÕ
    ('\u{1EF1}', &[0xF6, 0xEF]), // ự = öï
    ('\u{1EF0}', &[0xD6, 0xCF]), // Ự = ÖÏ
    ('\u{00FD}', &[0x79, 0xF9]), // ý = yù
    ('\u{00DD}', &[0x59, 0xD9]), // Ý = YÙ
    ('\u{1EF3}', &[0x79, 0xF8]), // ỳ = yø
    ('\u{1EF2}', &[0x59, 0xD8]), // Ỳ = YØ
    ('\u{1EF7}', &[0x79, 0xFB]), // ỷ = yû
    ('\u{1EF6}', &[0x59, 0xDB]), // Ỷ = YÛ
    ('\u{1EF9}', &[0x79, 0xF5]), // ỹ = yõ
    ('\u{1EF8}', &[0x59, 0xD5]), // Ỹ = YÕ
    ('\u{1EF5}', &[0xEE]),       // ỵ = î
    ('\u{1EF4}', &[0xCE]),       // Ỵ = Î
    ('\u{0111}', &[0xF1]),       // đ = ñ
    ('\u{0110}', &[0xD1]),       // Đ = Ñ
];
