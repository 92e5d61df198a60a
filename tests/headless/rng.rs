//! Helpers over the core's seeded generator ([`SeededRng`]) for property tests: the same seed gives the same
//! cases on every machine, so a failure can be replayed.

pub use hpatlas::core::testdata::SeededRng;

/// What the property tests draw besides numbers.
pub trait TestDraws {
    /// A version-4 UUID made from the generator.
    fn uuid(&mut self) -> uuid::Uuid;
    /// One element of a non-empty slice.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T;
}

impl TestDraws for SeededRng {
    fn uuid(&mut self) -> uuid::Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}
