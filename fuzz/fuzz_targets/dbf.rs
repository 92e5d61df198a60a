//! Fuzz target: the `.dbf` decoder alone (through `hpatlas::core::io::fuzzing::decode_dbf`: header, field
//! descriptors, records, encoding detection, field names, typed cells). The first byte chooses the text
//! encoding: detected (0 and anything past the choices) or one of `ENCODING_CHOICES` as if the user picked it.
//! The rest is the `.dbf`. Errors are fine; panics and huge allocations are not.
#![no_main]

use hpatlas::core::text_encoding::ENCODING_CHOICES;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, dbf)) = data.split_first() else {
        return;
    };
    let encoding = usize::from(mode)
        .checked_sub(1)
        .and_then(|at| ENCODING_CHOICES.get(at).copied());
    let _ = hpatlas::core::io::fuzzing::decode_dbf(dbf, encoding);
});
