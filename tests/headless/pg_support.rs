//! Support for tests against the throwaway PostgreSQL + PostGIS clusters that `tests/with_postgis.sh`
//! starts (it exports where they are). Without them a test is skipped with a note — except under CI
//! (`CI` set), where a test that needs the server must run, so it fails instead.
//!
//! - [`test_database`]: the main cluster (Unix socket, `hpatlas_test` with PostGIS); each test takes its
//!   own schema with [`TestDatabase::fresh_schema`].
//! - [`tls_database`]: the TLS cluster (127.0.0.1, a test CA, a role with a password); skipped, also under
//!   CI, where `HPATLAS_TEST_NO_TCP` says TCP is unavailable on purpose (`tests/no_network.sh`).
//! - [`PrivateCluster`]: a cluster of the test's own that it may kill and restart.

// Shared by several test files; not every one uses every helper.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use hpatlas::core::db_source::{DbSource, quote_value};
use hpatlas::core::layer::Layer;
use hpatlas::core::postgis::publish::{PublishOptions, publish_layer};
use hpatlas::core::postgis::read::{ReadControl, ReadOptions};
use hpatlas::core::postgis::{DbError, Passwords, connect, open_layer};

/// Skips a test that needs a server (returns `None`), or fails it under CI.
fn unavailable<T>(what: &str) -> Option<T> {
    let under_ci = std::env::var("CI").is_ok_and(|value| !value.is_empty());
    assert!(
        !under_ci,
        "{what} is needed under CI: run the tests through tests/with_postgis.sh"
    );
    eprintln!("skipped: no {what} (run through tests/with_postgis.sh)");
    None
}

/// A variable exported by `tests/with_postgis.sh`, `None` when unset or empty.
fn exported(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|value| !value.is_empty())
}

/// The main test cluster's `hpatlas_test` database.
#[derive(Clone, Debug)]
pub struct TestDatabase {
    /// Its libpq connection string (a Unix socket, user `postgres`, no password).
    pub conninfo: String,
}

/// The main test database, or `None` (with a note) when the tests were not started by
/// `tests/with_postgis.sh`; panics under CI.
pub fn test_database() -> Option<TestDatabase> {
    match exported("HPATLAS_TEST_PG") {
        Some(conninfo) => Some(TestDatabase { conninfo }),
        None => unavailable("test database"),
    }
}

/// A schema name no other test (or earlier run) uses: `t_<name>_<process>_<counter>`, lower case.
fn unique_schema_name(name: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .take(30)
        .collect();
    format!(
        "t_{cleaned}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

impl TestDatabase {
    /// A new client (no TLS: the socket has none).
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.conninfo, postgres::NoTls)
            .unwrap_or_else(|error| panic!("test database: {error}"))
    }

    /// The `PG:` source of `table` in this database.
    pub fn source(&self, table: &str) -> DbSource {
        format!("PG:{} table={table}", self.conninfo)
            .parse()
            .unwrap_or_else(|error| panic!("test source: {error}"))
    }

    /// The `PG:` source of `schema.table` (either part may hold spaces, quotes or Vietnamese letters).
    pub fn source_in(&self, schema: &str, table: &str) -> DbSource {
        format!(
            "PG:{} table={}",
            self.conninfo,
            quote_value(&format!("{schema}.{table}"))
        )
        .parse()
        .unwrap_or_else(|error| panic!("test source: {error}"))
    }

    /// A new, empty schema only this test uses; it stays until the cluster is removed.
    pub fn fresh_schema(&self, name: &str) -> String {
        self.fresh_schema_with_client(name).0
    }

    /// A new, empty schema only this test uses, and a client whose `search_path` is that schema then
    /// `public` (where PostGIS lives). The schema stays until the cluster is removed.
    pub fn fresh_schema_with_client(&self, name: &str) -> (String, postgres::Client) {
        let schema = unique_schema_name(name);
        let mut client = self.client();
        client
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS \"{schema}\" CASCADE; CREATE SCHEMA \"{schema}\"; \
                 SET search_path TO \"{schema}\", public;"
            ))
            .unwrap_or_else(|error| panic!("schema {schema}: {error}"));
        (schema, client)
    }
}

/// The TLS test cluster: `hostssl` + scram-sha-256 on 127.0.0.1, its certificate for `localhost` signed
/// by the test CA.
#[derive(Clone, Debug)]
pub struct TlsDatabase {
    /// The host name in the certificate (`localhost`).
    pub host: String,
    /// The TCP port.
    pub port: u16,
    /// A role with a password.
    pub user: String,
    /// Its password.
    pub password: String,
    /// A database it owns.
    pub dbname: String,
    /// The test CA's certificate (PEM).
    pub ca: PathBuf,
}

/// The TLS test cluster, or `None` (with a note) outside `tests/with_postgis.sh`; panics under CI.
pub fn tls_database() -> Option<TlsDatabase> {
    let read = || -> Option<TlsDatabase> {
        Some(TlsDatabase {
            host: exported("HPATLAS_TEST_PG_TLS_HOST")?,
            port: exported("HPATLAS_TEST_PG_TLS_PORT")?.parse().ok()?,
            user: exported("HPATLAS_TEST_PG_TLS_USER")?,
            password: exported("HPATLAS_TEST_PG_TLS_PASSWORD")?,
            dbname: exported("HPATLAS_TEST_PG_TLS_DBNAME")?,
            ca: PathBuf::from(exported("HPATLAS_TEST_PG_TLS_CA")?),
        })
    };
    if let Some(reason) = exported("HPATLAS_TEST_NO_TCP") {
        // The TLS cluster listens on TCP, which `tests/no_network.sh` takes away on purpose; the same test
        // has run against it in `make test` already.
        eprintln!("skipped: no TLS test database over TCP ({reason})");
        return None;
    }
    read().or_else(|| unavailable("TLS test database"))
}

/// Runs a server program (as the server's user when the tests run as root), panicking on failure.
fn run_server_program(run_as: Option<&str>, program: &Path, arguments: &[&str]) {
    let mut command = match run_as {
        Some(user) => {
            let mut command = Command::new("runuser");
            command.args(["-u", user, "--"]).arg(program);
            command
        }
        None => Command::new(program),
    };
    let output = command
        .args(arguments)
        .output()
        .unwrap_or_else(|error| panic!("{}: {error}", program.display()));
    assert!(
        output.status.success(),
        "{} {arguments:?} failed: {}{}",
        program.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A cluster of one test's own (copied from the initdb'd template, Unix socket only, database
/// `hpatlas_test` with PostGIS), which the test may kill and restart. Dropping it stops it and removes its
/// folder; `tests/with_postgis.sh` stops any left behind.
pub struct PrivateCluster {
    folder: PathBuf,
    bin: PathBuf,
    run_as: Option<String>,
    port: u16,
}

impl PrivateCluster {
    /// Starts a new private cluster named after the test, or `None` (with a note) outside
    /// `tests/with_postgis.sh`; panics under CI.
    pub fn start(name: &str) -> Option<Self> {
        let (Some(bin), Some(template), Some(scratch)) = (
            exported("HPATLAS_TEST_PG_BIN"),
            exported("HPATLAS_TEST_PG_TEMPLATE"),
            exported("HPATLAS_TEST_PG_SCRATCH"),
        ) else {
            return unavailable("private test cluster");
        };
        let folder = Path::new(&scratch).join(unique_schema_name(name));
        let cluster = Self {
            folder,
            bin: PathBuf::from(bin),
            run_as: exported("HPATLAS_TEST_PG_RUN_AS"),
            port: 5432,
        };
        let folder_text = cluster.folder.to_string_lossy().into_owned();
        let data_text = cluster.data().to_string_lossy().into_owned();
        run_server_program(
            cluster.run_as.as_deref(),
            Path::new("mkdir"),
            &[&folder_text],
        );
        run_server_program(
            cluster.run_as.as_deref(),
            Path::new("cp"),
            &["-a", &template, &data_text],
        );
        cluster.restart();
        let mut client = postgres::Client::connect(&cluster.conninfo("postgres"), postgres::NoTls)
            .unwrap_or_else(|error| panic!("private cluster: {error}"));
        client
            .batch_execute("CREATE DATABASE hpatlas_test")
            .unwrap_or_else(|error| panic!("private cluster: {error}"));
        let mut client = cluster.client();
        client
            .batch_execute("CREATE EXTENSION postgis")
            .unwrap_or_else(|error| panic!("private cluster: {error}"));
        Some(cluster)
    }

    /// The cluster's data folder.
    fn data(&self) -> PathBuf {
        self.folder.join("data")
    }

    /// The Unix-socket folder.
    pub fn socket_dir(&self) -> &Path {
        &self.folder
    }

    /// The libpq connection string of `dbname` as the superuser `postgres`.
    pub fn conninfo(&self, dbname: &str) -> String {
        format!(
            "host={} port={} user=postgres dbname={dbname}",
            self.folder.display(),
            self.port
        )
    }

    /// The `PG:` source of `table` in `hpatlas_test`.
    pub fn source(&self, table: &str) -> DbSource {
        format!("PG:{} table={table}", self.conninfo("hpatlas_test"))
            .parse()
            .unwrap_or_else(|error| panic!("private cluster source: {error}"))
    }

    /// A new client of `hpatlas_test`.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.conninfo("hpatlas_test"), postgres::NoTls)
            .unwrap_or_else(|error| panic!("private cluster: {error}"))
    }

    /// Kills the server at once (`pg_ctl stop -m immediate`): open connections break mid-statement, as when
    /// a server crashes or the network drops.
    pub fn kill(&self) {
        let data = self.data().to_string_lossy().into_owned();
        run_server_program(
            self.run_as.as_deref(),
            &self.bin.join("pg_ctl"),
            &["-D", &data, "-m", "immediate", "-w", "stop"],
        );
    }

    /// Starts the server (again, after [`PrivateCluster::kill`]); `pg_ctl -w` returns once it accepts
    /// connections.
    pub fn restart(&self) {
        let data = self.data().to_string_lossy().into_owned();
        let log = self.folder.join("log").to_string_lossy().into_owned();
        let options = format!(
            "-c listen_addresses='' -c unix_socket_directories='{}' -p {} -c fsync=off",
            self.folder.display(),
            self.port
        );
        run_server_program(
            self.run_as.as_deref(),
            &self.bin.join("pg_ctl"),
            &[
                "-D", &data, "-l", &log, "-w", "-t", "60", "-o", &options, "start",
            ],
        );
    }

    /// True while the server's pid file exists.
    pub fn is_running(&self) -> bool {
        self.data().join("postmaster.pid").exists()
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let data = self.data().to_string_lossy().into_owned();
        let mut stop = match &self.run_as {
            Some(user) => {
                let mut command = Command::new("runuser");
                command
                    .args(["-u", user, "--"])
                    .arg(self.bin.join("pg_ctl"));
                command
            }
            None => Command::new(self.bin.join("pg_ctl")),
        };
        let _ = stop
            .args(["-D", &data, "-m", "immediate", "-w", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// The shipped illustrative zoning layer (691 polygons, Vietnamese text), prepared as the atlas holds it.
pub fn shipped_zoning() -> Layer {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("maps/zoning_illustrative.geojson");
    let data = hpatlas::core::io::read_layer_file(&path, None, &mut |_| {}).expect("zoning");
    Layer::prepare(data, &mut |_| {}).expect("prepared")
}

/// Publishes `layer` as `source`'s (new) table through the core.
pub fn publish_to(source: &DbSource, layer: &Layer) {
    let mut connection = connect(source, &Passwords::default()).expect("connect");
    publish_layer(
        &mut connection.client,
        layer,
        &PublishOptions {
            table: source.table.clone(),
            replace: false,
        },
    )
    .unwrap_or_else(|error| panic!("publish: {error}"));
}

/// Opens `source`'s table as a layer through the core with `options` (no password, no cancel).
pub fn open_table(source: &DbSource, options: &ReadOptions) -> Result<Layer, DbError> {
    open_layer(
        source,
        &Passwords::default(),
        options,
        &mut |_| ReadControl::Continue,
        &mut |_| {},
    )
    .map(|opened| opened.layer)
}
