//! Connecting to PostGIS the way libpq users set it up: service files, password files, `PG*` variables,
//! `sslmode`, and each kind of failure classified — against the real throwaway clusters of
//! `tests/with_postgis.sh` where a server is needed (the resolution tests need none).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use hpatlas::core::db_source::{DbSource, Secret};
use hpatlas::core::postgis::DbError;
use hpatlas::core::postgis::connection::{
    ConnectSettings, Environment, PasswordOrigin, Passwords, SslMode, connect_with, list_services,
    pgpass, resolve, service_file,
};
use hpatlas::core::postgis::error::ConnectReason;

use crate::pg_support::{PrivateCluster, TlsDatabase, test_database, tls_database};
use crate::scratch_folder;

/// A home folder for one test with the given files (name, contents, mode).
fn home_with(name: &str, files: &[(&str, &str, u32)]) -> PathBuf {
    let home = scratch_folder(&format!("pgconn-{name}"));
    for (file, text, mode) in files {
        let path = home.join(file);
        std::fs::write(&path, text).expect("write");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(*mode)).expect("chmod");
    }
    home
}

fn source(text: &str) -> DbSource {
    text.parse().expect("source")
}

fn settings(text: &str, environment: &Environment) -> ConnectSettings {
    resolve(&source(text), &Passwords::default(), environment).expect("settings")
}

fn reason(result: Result<impl Sized, DbError>) -> ConnectReason {
    match result {
        Err(DbError::Connect { reason, .. }) => reason,
        Err(other) => panic!("not a connection error: {other}"),
        Ok(_) => panic!("connected, but a failure was expected"),
    }
}

const SERVICES: &str = "\
# the planning office
[hp_planning]
host=db.planning.example
port=6543
# a comment inside the section
dbname=quy_hoach
user=lan

[hp_archive]
host = archive.example
dbname=luu_tru
[hp_planning]
host=ignored-second-section
";

#[test]
fn postgis_service_file_sections_comments_and_precedence() {
    let home = home_with("services", &[(".pg_service.conf", SERVICES, 0o644)]);
    let environment = Environment::isolated(&home, "osuser")
        .with_variable("PGHOST", "env-host")
        .with_variable("PGPORT", "7000")
        .with_variable("PGDATABASE", "env_db")
        .with_variable("PGUSER", "env_user")
        .with_variable("PGSSLMODE", "verify-full");

    // The service's keywords beat the environment; the environment fills what the service lacks.
    let resolved = settings("PG:service=hp_planning table=t", &environment);
    assert_eq!(resolved.service.as_deref(), Some("hp_planning"));
    assert_eq!(resolved.hosts, vec!["db.planning.example".to_string()]);
    assert_eq!(resolved.port, 6543);
    assert_eq!(resolved.dbname, "quy_hoach");
    assert_eq!(resolved.user, "lan");
    assert_eq!(resolved.ssl_mode, SslMode::VerifyFull);

    // Explicit keywords beat the service.
    let resolved = settings(
        "PG:service=hp_planning dbname=other port=1234 table=t",
        &environment,
    );
    assert_eq!(resolved.dbname, "other");
    assert_eq!(resolved.port, 1234);
    assert_eq!(resolved.user, "lan");

    // Spaces around `=` are tolerated; a section ends at the next one.
    let resolved = settings("PG:service=hp_archive table=t", &environment);
    assert_eq!(resolved.hosts, vec!["archive.example".to_string()]);
    assert_eq!(resolved.port, 7000);
    assert_eq!(resolved.user, "env_user");

    // PGSERVICE names the service when the source does not.
    let resolved = settings(
        "PG:table=t",
        &environment.clone().with_variable("PGSERVICE", "hp_archive"),
    );
    assert_eq!(resolved.dbname, "luu_tru");

    // No service: the environment, then the defaults.
    let resolved = settings("PG:table=t", &environment);
    assert_eq!(resolved.hosts, vec!["env-host".to_string()]);
    let resolved = settings("PG:table=t", &Environment::isolated(&home, "osuser"));
    assert_eq!(resolved.hosts, vec!["/var/run/postgresql".to_string()]);
    assert_eq!(resolved.port, 5432);
    assert_eq!(resolved.user, "osuser");
    assert_eq!(resolved.dbname, "osuser");
    assert_eq!(resolved.ssl_mode, SslMode::Prefer);
    assert_eq!(resolved.connect_timeout.as_secs(), 10);

    assert_eq!(
        list_services(&environment),
        vec!["hp_archive".to_string(), "hp_planning".to_string()]
    );
    assert_eq!(
        reason(resolve(
            &source("PG:service=nowhere table=t"),
            &Passwords::default(),
            &environment
        )),
        ConnectReason::ServiceMissing("nowhere".to_string())
    );
}

#[test]
fn postgis_service_files_are_searched_in_libpq_order() {
    let home = home_with(
        "service-order",
        &[(".pg_service.conf", "[mine]\ndbname=home\n", 0o644)],
    );
    let elsewhere = home_with(
        "service-order-elsewhere",
        &[
            ("chosen.conf", "[mine]\ndbname=chosen\n", 0o644),
            (
                "pg_service.conf",
                "[mine]\ndbname=system\n[shared]\ndbname=system\n",
                0o644,
            ),
        ],
    );
    let environment = Environment::isolated(&home, "u")
        .with_variable("PGSYSCONFDIR", elsewhere.to_string_lossy());
    assert_eq!(
        settings("PG:service=mine table=t", &environment).dbname,
        "home"
    );
    assert_eq!(
        settings("PG:service=shared table=t", &environment).dbname,
        "system"
    );
    let chosen = environment.clone().with_variable(
        "PGSERVICEFILE",
        elsewhere.join("chosen.conf").to_string_lossy(),
    );
    assert_eq!(
        settings("PG:service=mine table=t", &chosen).dbname,
        "chosen"
    );
    assert_eq!(
        list_services(&environment),
        vec!["mine".to_string(), "shared".to_string()]
    );

    // Errors in the service's own section are reported with the line.
    let broken = service_file::parse_service("[x]\nhost\n", "x", Path::new("f"));
    assert!(broken.is_err());
    let nested = service_file::parse_service("[x]\nservice=y\n", "x", Path::new("f"));
    assert!(nested.is_err());
    // …while other sections' lines are not read.
    assert_eq!(
        service_file::parse_service("[y]\nnonsense\n[x]\nport=1\n", "x", Path::new("f")),
        Ok(Some(vec![("port".to_string(), "1".to_string())]))
    );
}

#[test]
fn postgis_password_file_wildcards_escapes_and_the_socket() {
    let text = "\
# host:port:database:user:password
db.example:5432:quy_hoach:lan:first
*:5432:quy_hoach:lan:second
db\\:odd:5432:*:*:pa\\:ss\\\\word
localhost:5432:*:socket_user:via-socket
/tmp/sock:5432:*:socket_user:named-socket
\\*:*:*:star_user:literal-star
";
    let find = |host: &str, port: &str, database: &str, user: &str| {
        pgpass::find_password(
            text,
            &pgpass::PasswordQuery {
                host,
                port,
                database,
                user,
            },
        )
        .map(|secret| secret.reveal().to_string())
    };
    assert_eq!(
        find("db.example", "5432", "quy_hoach", "lan").as_deref(),
        Some("first")
    );
    assert_eq!(
        find("other", "5432", "quy_hoach", "lan").as_deref(),
        Some("second")
    );
    assert_eq!(find("other", "5433", "quy_hoach", "lan"), None);
    assert_eq!(
        find("db:odd", "5432", "any", "anyone").as_deref(),
        Some("pa:ss\\word")
    );
    // `localhost` matches no host and the default socket folder, as in libpq; another folder is matched
    // by its path.
    assert_eq!(
        find("/var/run/postgresql", "5432", "d", "socket_user").as_deref(),
        Some("via-socket")
    );
    assert_eq!(
        find("", "5432", "d", "socket_user").as_deref(),
        Some("via-socket")
    );
    assert_eq!(
        find("/tmp/sock", "5432", "d", "socket_user").as_deref(),
        Some("named-socket")
    );
    // An escaped star is a literal star, not a wildcard.
    assert_eq!(
        find("*", "1", "d", "star_user").as_deref(),
        Some("literal-star")
    );
    assert_eq!(find("host", "1", "d", "star_user"), None);
}

#[test]
fn postgis_password_sources_in_order_and_an_open_password_file_ignored() {
    let line = "db.example:5432:qh:lan:from-file\n";
    let private = home_with("pgpass-0600", &[(".pgpass", line, 0o600)]);
    let open = home_with("pgpass-0644", &[(".pgpass", line, 0o644)]);
    let text = "PG:host=db.example dbname=qh user=lan table=t";

    let resolved = settings(text, &Environment::isolated(&private, "u"));
    assert_eq!(
        resolved.password.as_ref().map(Secret::reveal),
        Some("from-file")
    );
    assert_eq!(resolved.password_origin, Some(PasswordOrigin::PasswordFile));
    assert!(resolved.warnings.is_empty(), "{:?}", resolved.warnings);

    let resolved = settings(text, &Environment::isolated(&open, "u"));
    assert!(resolved.password.is_none());
    assert_eq!(resolved.warnings.len(), 1, "{:?}", resolved.warnings);
    assert!(
        resolved.warnings[0].contains("0644"),
        "{}",
        resolved.warnings[0]
    );
    assert!(!resolved.warnings[0].contains("from-file"));

    // PGPASSFILE points elsewhere; PGPASSWORD beats the file; the session beats everything.
    let environment = Environment::isolated(&open, "u")
        .with_variable("PGPASSFILE", private.join(".pgpass").to_string_lossy());
    assert_eq!(
        settings(text, &environment)
            .password
            .as_ref()
            .map(Secret::reveal),
        Some("from-file")
    );
    let environment = environment.with_variable("PGPASSWORD", "from-env");
    let resolved = settings(text, &environment);
    assert_eq!(
        resolved.password.as_ref().map(Secret::reveal),
        Some("from-env")
    );
    assert_eq!(resolved.password_origin, Some(PasswordOrigin::Environment));
    let mut passwords = Passwords::default();
    passwords.remember(&source(text), Secret::new("typed"));
    let resolved = resolve(&source(text), &passwords, &environment).expect("settings");
    assert_eq!(
        resolved.password.as_ref().map(Secret::reveal),
        Some("typed")
    );
    assert_eq!(resolved.password_origin, Some(PasswordOrigin::Session));
    // Nothing prints a password.
    let printed = format!("{resolved:?} {environment:?}");
    assert!(
        !printed.contains("typed") && !printed.contains("from-env"),
        "{printed}"
    );
}

#[test]
fn postgis_bad_settings_say_which() {
    let environment = Environment::isolated(scratch_folder("pgconn-bad"), "u");
    for (text, word) in [
        ("PG:sslmode=sometimes table=t", "sslmode"),
        ("PG:port=54x32 table=t", "port"),
        ("PG:hostaddr=not-an-ip table=t", "hostaddr"),
        ("PG:connect_timeout=soon table=t", "connect_timeout"),
        ("PG:sslcompression=1 table=t", "sslcompression"),
    ] {
        match reason(resolve(&source(text), &Passwords::default(), &environment)) {
            ConnectReason::Setting(message) => assert!(message.contains(word), "{message}"),
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn postgis_unknown_host_is_named() {
    // A label longer than DNS allows (63 characters) fails in the local resolver before any query is
    // sent, so this test touches no network.
    let host = format!("{}.invalid", "x".repeat(70));
    let environment = Environment::isolated(scratch_folder("pgconn-unknown-host"), "u");
    let result = connect_with(
        &source(&format!(
            "PG:host={host} dbname=d user=u sslmode=disable table=t"
        )),
        &Passwords::default(),
        &environment,
    );
    assert_eq!(reason(result), ConnectReason::UnknownHost(host));
}

#[test]
fn postgis_main_cluster_connects_and_reports_a_missing_database() {
    let Some(database) = test_database() else {
        return;
    };
    let environment = Environment::isolated(scratch_folder("pgconn-main"), "u");
    // sslmode=require over a Unix socket connects unencrypted, as libpq does (PostgreSQL offers no TLS
    // on a socket, and libpq does not ask there).
    for mode in ["disable", "prefer", "require", "verify-full"] {
        let text = format!("PG:{} sslmode={mode} table=t", database.conninfo);
        let mut connection = connect_with(&source(&text), &Passwords::default(), &environment)
            .unwrap_or_else(|error| panic!("{mode}: {error}"));
        let row = connection
            .client
            .query_one("SELECT postgis_lib_version()", &[])
            .expect("postgis");
        assert!(row.get::<_, String>(0).starts_with('3'));
    }
    let text = format!("PG:{} dbname=no_such_db table=t", database.conninfo);
    assert_eq!(
        reason(connect_with(
            &source(&text),
            &Passwords::default(),
            &environment
        )),
        ConnectReason::DatabaseMissing("no_such_db".to_string())
    );
}

#[test]
fn postgis_fresh_schemas_are_distinct() {
    let Some(database) = test_database() else {
        return;
    };
    let (first, mut client) = database.fresh_schema_with_client("fresh");
    let second = database.fresh_schema("fresh");
    assert_ne!(first, second);
    client
        .batch_execute("CREATE TABLE t (id int PRIMARY KEY, geom geometry(Point, 9210))")
        .expect("a table in the schema, PostGIS on the path");
    let row = client
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = $1",
            &[&first],
        )
        .expect("count");
    assert_eq!(row.get::<_, i64>(0), 1);
}

#[test]
fn postgis_server_down_is_unreachable_and_back_after_restart() {
    let Some(cluster) = PrivateCluster::start("down") else {
        return;
    };
    let environment = Environment::isolated(scratch_folder("pgconn-down"), "u");
    let text = format!("PG:{} table=t", cluster.conninfo("hpatlas_test"));
    let mut open = connect_with(&source(&text), &Passwords::default(), &environment)
        .expect("connects while up");
    cluster.kill();
    assert!(!cluster.is_running());
    assert!(open.client.simple_query("SELECT 1").is_err());
    let failure = connect_with(&source(&text), &Passwords::default(), &environment);
    assert!(
        matches!(reason(failure), ConnectReason::Unreachable(_)),
        "a killed server is unreachable"
    );
    cluster.restart();
    connect_with(&source(&text), &Passwords::default(), &environment).expect("connects again");
}

/// The TLS cluster's `PG:` text with the given extra keywords.
fn tls_source(database: &TlsDatabase, host: &str, extra: &str) -> DbSource {
    source(&format!(
        "PG:host={host} port={} user={} dbname={} {extra} table=t",
        database.port, database.user, database.dbname
    ))
}

fn with_password(database: &TlsDatabase, source: &DbSource) -> Passwords {
    let mut passwords = Passwords::default();
    passwords.remember(source, Secret::new(database.password.clone()));
    passwords
}

fn is_encrypted(client: &mut postgres::Client) -> bool {
    client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .expect("pg_stat_ssl")
        .get(0)
}

#[test]
fn postgis_tls_verify_full_ca_and_require() {
    let Some(database) = tls_database() else {
        return;
    };
    let environment = Environment::isolated(scratch_folder("pgconn-tls"), "u");
    let ca = database.ca.display().to_string();

    for (host, mode) in [
        ("localhost", "verify-full"),
        ("localhost", "verify-ca"),
        ("127.0.0.1", "verify-ca"),
        ("127.0.0.1", "require"),
        ("127.0.0.1", "prefer"),
    ] {
        let source = tls_source(&database, host, &format!("sslmode={mode} sslrootcert={ca}"));
        let mut connection =
            connect_with(&source, &with_password(&database, &source), &environment)
                .unwrap_or_else(|error| panic!("{host} {mode}: {error}"));
        assert!(is_encrypted(&mut connection.client), "{host} {mode}");
    }
    // require without a root certificate: encrypted, nothing verified.
    let source = tls_source(&database, "127.0.0.1", "sslmode=require");
    let mut connection =
        connect_with(&source, &with_password(&database, &source), &environment).expect("require");
    assert!(is_encrypted(&mut connection.client));

    // The certificate names only `localhost`: verify-full to 127.0.0.1 fails.
    let source = tls_source(
        &database,
        "127.0.0.1",
        &format!("sslmode=verify-full sslrootcert={ca}"),
    );
    let failure = reason(connect_with(
        &source,
        &with_password(&database, &source),
        &environment,
    ));
    assert!(matches!(failure, ConnectReason::Tls(_)), "{failure:?}");

    // The system's roots do not know the test CA.
    let source = tls_source(&database, "localhost", "sslmode=verify-full");
    let failure = reason(connect_with(
        &source,
        &with_password(&database, &source),
        &environment,
    ));
    assert!(matches!(failure, ConnectReason::Tls(_)), "{failure:?}");

    // require with a root certificate checks the chain (as libpq does): another CA fails.
    let other_ca = scratch_folder("pgconn-tls-other-ca").join("other.pem");
    std::fs::write(&other_ca, include_str!("../fixtures/tls/unrelated_ca.pem")).expect("write");
    let source = tls_source(
        &database,
        "localhost",
        &format!("sslmode=require sslrootcert={}", other_ca.display()),
    );
    let failure = reason(connect_with(
        &source,
        &with_password(&database, &source),
        &environment,
    ));
    assert!(matches!(failure, ConnectReason::Tls(_)), "{failure:?}");

    // A root certificate file that is missing is a TLS setting problem, said before connecting.
    let source = tls_source(
        &database,
        "localhost",
        "sslmode=verify-ca sslrootcert=/nonexistent/ca.pem",
    );
    let failure = reason(connect_with(
        &source,
        &with_password(&database, &source),
        &environment,
    ));
    assert!(
        matches!(failure, ConnectReason::Tls(ref message) if message.contains("/nonexistent/ca.pem"))
    );
}

#[test]
fn postgis_tls_passwords_missing_refused_from_file_and_never_printed() {
    let Some(database) = tls_database() else {
        return;
    };
    let ca = database.ca.display().to_string();
    let extra = format!("sslmode=verify-full sslrootcert={ca}");
    let source = tls_source(&database, "localhost", &extra);
    let empty = Environment::isolated(scratch_folder("pgconn-tls-nopass"), "u");

    assert_eq!(
        reason(connect_with(&source, &Passwords::default(), &empty)),
        ConnectReason::PasswordMissing
    );

    let wrong = "not-the-password-Zq9";
    let mut passwords = Passwords::default();
    passwords.remember(&source, Secret::new(wrong));
    let failure = connect_with(&source, &passwords, &empty)
        .err()
        .expect("refused");
    assert!(matches!(
        failure,
        DbError::Connect {
            reason: ConnectReason::PasswordRefused,
            ..
        }
    ));
    let printed = format!("{failure} {failure:?}");
    assert!(!printed.contains(wrong), "{printed}");

    // A 0600 password file is used; a 0644 one is ignored with a warning, so the password is missing.
    let line = format!(
        "localhost:{}:{}:{}:{}\n",
        database.port, database.dbname, database.user, database.password
    );
    let private = home_with("pgconn-tls-0600", &[(".pgpass", &line, 0o600)]);
    let connection = connect_with(
        &source,
        &Passwords::default(),
        &Environment::isolated(&private, "u"),
    )
    .expect("password from the 0600 file");
    assert!(connection.warnings.is_empty(), "{:?}", connection.warnings);
    let open = home_with("pgconn-tls-0644", &[(".pgpass", &line, 0o644)]);
    let open_environment = Environment::isolated(&open, "u");
    let resolved = resolve(&source, &Passwords::default(), &open_environment).expect("settings");
    assert_eq!(resolved.warnings.len(), 1);
    assert_eq!(
        reason(connect_with(
            &source,
            &Passwords::default(),
            &open_environment
        )),
        ConnectReason::PasswordMissing
    );

    // PGPASSWORD works, and the role pg_hba rejects is NotAllowed even with the right password.
    let environment = empty
        .clone()
        .with_variable("PGPASSWORD", database.password.clone());
    connect_with(&source, &Passwords::default(), &environment).expect("PGPASSWORD");
    let blocked: DbSource = format!(
        "PG:host=localhost port={} user=hp_blocked dbname={} {extra} table=t",
        database.port, database.dbname
    )
    .parse()
    .expect("source");
    let failure = connect_with(&blocked, &Passwords::default(), &environment)
        .err()
        .expect("rejected");
    assert!(
        matches!(
            failure,
            DbError::Connect {
                reason: ConnectReason::NotAllowed(_),
                ..
            }
        ),
        "{failure:?}"
    );
    assert!(!format!("{failure} {failure:?}").contains(&database.password));

    // Without TLS the cluster admits nobody (hostssl only).
    let plain = tls_source(&database, "localhost", "sslmode=disable");
    let failure = reason(connect_with(&plain, &Passwords::default(), &environment));
    assert!(
        matches!(failure, ConnectReason::NotAllowed(_)),
        "{failure:?}"
    );
}
