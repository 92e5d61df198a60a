//! Inputs on which a fuzz target (`fuzz/`) once crashed, replayed byte for byte through the entry point the
//! target uses: each must now give a layer or an error, never a panic. The inputs are kept in
//! `tests/fixtures/fuzz/<target>/`; `fuzz/RESULTS.md` says what each one found.

use hpatlas::core::io::fuzzing::shp_records_input;

use crate::fixture;

/// The inputs kept for one fuzz target, by file name.
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let folder = fixture(&format!("fuzz/{target}"));
    let mut found: Vec<(String, Vec<u8>)> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let bytes = std::fs::read(&path).expect("a regression input");
            (path.display().to_string(), bytes)
        })
        .collect();
    found.sort();
    found
}

#[test]
fn shp_records_inputs_that_crashed_are_read_or_refused() {
    let found = inputs("shp_records");
    assert!(!found.is_empty(), "no inputs kept for shp_records");
    for (name, bytes) in found {
        // Replayed as the fuzz target does; the outcome itself may be a layer or an error.
        let outcome = shp_records_input(&bytes);
        println!("{name}: {outcome:?}");
    }
}

#[test]
fn two_rings_whose_relation_made_geo_panic_are_reported_as_invalid() {
    // The second record of the first crash: a shell of nearly coincident and subnormal corners and a hole
    // meeting it, on which geo's relate panicked ("topology position conflict") while wording the note.
    let bytes = std::fs::read(fixture("fuzz/shp_records/geo_relate_topology_conflict.bin"))
        .expect("the kept input");
    assert!(
        shp_records_input(&bytes).is_ok(),
        "the records are readable; only the validity note's wording was at stake"
    );
}
