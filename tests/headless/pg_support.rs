//! TEMPORARY (replaced by the connection work): the test database from HPATLAS_TEST_PG.

use std::sync::atomic::{AtomicU32, Ordering};

/// The throwaway test cluster's database.
pub struct TestDatabase {
    /// Its libpq connection string.
    pub conninfo: String,
}

/// The test database, or `None` (skip) outside CI when none was started.
pub fn test_database() -> Option<TestDatabase> {
    match std::env::var("HPATLAS_TEST_PG") {
        Ok(conninfo) => Some(TestDatabase { conninfo }),
        Err(_) if std::env::var_os("CI").is_some() => panic!("CI needs HPATLAS_TEST_PG"),
        Err(_) => {
            eprintln!("skipped: no test database");
            None
        }
    }
}

impl TestDatabase {
    /// A client as the cluster's superuser.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.conninfo, postgres::NoTls).expect("test database")
    }

    /// A new, uniquely named schema.
    pub fn fresh_schema(&self, name: &str) -> String {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let schema = format!(
            "t_{name}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        self.client()
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS \"{schema}\" CASCADE; CREATE SCHEMA \"{schema}\""
            ))
            .expect("schema");
        schema
    }
}
