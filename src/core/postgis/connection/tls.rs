//! TLS as libpq's `sslmode` asks for it, through the platform's TLS library (native-tls):
//!
//! - `disable`: never; `allow` and `prefer` (the default): encrypted when the server offers it, the
//!   certificate not checked (libpq checks nothing without a root certificate either);
//! - `require`: encrypted or no connection, the certificate not checked — unless a root certificate is
//!   given (`sslrootcert`, or `~/.postgresql/root.crt` exists), when it is checked as for `verify-ca`, as
//!   libpq does;
//! - `verify-ca`: the server's certificate chain must lead to a trusted root; its host name is not checked;
//! - `verify-full`: the chain and the host name (the `host` keyword) are both checked.
//!
//! The trusted roots are the `sslrootcert` PEM file when given (`sslrootcert=system`: the system's), else
//! `~/.postgresql/root.crt` when it exists, else the system's certificates. A Unix-socket connection never
//! uses TLS, whatever the mode: PostgreSQL does not offer it there, and libpq does not ask.

use std::path::{Path, PathBuf};

use postgres_native_tls::MakeTlsConnector;

/// libpq's `sslmode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SslMode {
    /// No TLS.
    Disable,
    /// libpq tries without TLS first; the atlas treats it as [`SslMode::Prefer`].
    Allow,
    /// TLS when the server offers it, unverified.
    #[default]
    Prefer,
    /// TLS required, unverified unless a root certificate is given.
    Require,
    /// TLS required, chain verified.
    VerifyCa,
    /// TLS required, chain and host name verified.
    VerifyFull,
}

impl SslMode {
    /// Reads an `sslmode` value; `None` for an unknown one.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "disable" => Some(Self::Disable),
            "allow" => Some(Self::Allow),
            "prefer" => Some(Self::Prefer),
            "require" => Some(Self::Require),
            "verify-ca" => Some(Self::VerifyCa),
            "verify-full" => Some(Self::VerifyFull),
            _ => None,
        }
    }

    /// The value as libpq writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Disable => "disable",
            Self::Allow => "allow",
            Self::Prefer => "prefer",
            Self::Require => "require",
            Self::VerifyCa => "verify-ca",
            Self::VerifyFull => "verify-full",
        }
    }
}

/// Where the trusted root certificates come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RootCertificates {
    /// The system's certificate store.
    System,
    /// Only the certificates of this PEM file.
    File(PathBuf),
}

/// How the connection's TLS is set up, decided from the mode and the root certificates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TlsPlan {
    /// What the client library is asked for.
    pub mode: postgres::config::SslMode,
    /// Check the certificate chain.
    pub verify_chain: bool,
    /// Check the host name against the certificate.
    pub verify_host_name: bool,
    /// The trusted roots (used when `verify_chain`).
    pub roots: RootCertificates,
}

/// Decides the TLS set-up for `mode`, the `sslrootcert` value (if any) and the home folder.
pub fn plan(mode: SslMode, root_cert: Option<&str>, home: Option<&Path>) -> TlsPlan {
    let default_root = home
        .map(|home| home.join(".postgresql/root.crt"))
        .filter(|path| path.is_file());
    let roots = match root_cert {
        Some("system") => RootCertificates::System,
        Some(file) => RootCertificates::File(PathBuf::from(file)),
        None => default_root
            .clone()
            .map_or(RootCertificates::System, RootCertificates::File),
    };
    let has_root_file = root_cert.is_some() || default_root.is_some();
    let (client_mode, verify_chain, verify_host_name) = match mode {
        SslMode::Disable => (postgres::config::SslMode::Disable, false, false),
        SslMode::Allow | SslMode::Prefer => (postgres::config::SslMode::Prefer, false, false),
        SslMode::Require => (postgres::config::SslMode::Require, has_root_file, false),
        SslMode::VerifyCa => (postgres::config::SslMode::Require, true, false),
        SslMode::VerifyFull => (postgres::config::SslMode::Require, true, true),
    };
    TlsPlan {
        mode: client_mode,
        verify_chain,
        verify_host_name,
        roots,
    }
}

/// Builds the TLS connector for `plan`; the error says what was wrong (a root file unreadable or not PEM).
pub fn connector(plan: &TlsPlan) -> Result<MakeTlsConnector, String> {
    let mut builder = native_tls::TlsConnector::builder();
    if plan.verify_chain {
        if let RootCertificates::File(path) = &plan.roots {
            let pem = std::fs::read(path)
                .map_err(|error| format!("root certificate file {}: {error}", path.display()))?;
            let certificates = native_tls::Certificate::stack_from_pem(&pem).map_err(|error| {
                format!(
                    "root certificate file {} is not a PEM certificate: {error}",
                    path.display()
                )
            })?;
            if certificates.is_empty() {
                return Err(format!(
                    "root certificate file {} holds no certificate",
                    path.display()
                ));
            }
            builder.disable_built_in_roots(true);
            for certificate in certificates {
                builder.add_root_certificate(certificate);
            }
        }
        builder.danger_accept_invalid_hostnames(!plan.verify_host_name);
    } else {
        builder.danger_accept_invalid_certs(true);
        builder.danger_accept_invalid_hostnames(true);
    }
    let connector = builder
        .build()
        .map_err(|error| format!("the TLS library could not be set up: {error}"))?;
    Ok(MakeTlsConnector::new(connector))
}
