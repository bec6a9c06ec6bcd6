// SPDX-License-Identifier: MPL-2.0
//! The fleet: many service nodes behind one API, their jobs and registry in
//! PostgreSQL. Switched on by `"database"` in `service.json` (or
//! `MEETREC_DATABASE_URL`); without it the service is one node on files.
//!
//! - [`jobs`]: the job queue (claim, lease, fenced writes, attempts).
//! - [`nodes`]: the node registry (heartbeat, load, headroom).
//! - [`load`]: what this node measures of its CPU.
//! - [`member`]: this node's connection and heartbeat.
//! - [`catalog`]: rooms, recordings and their parts; [`parts`]: the pure
//!   rule that merges parts into one recording.
//!
//! Queries are plain `sqlx::query` strings checked at run time, each one
//! run by a test against a real PostgreSQL (`service/tests/fleet_*.rs`):
//! compile-time checked macros would need a database, or a `.sqlx` cache
//! kept in step by hand, on every machine that builds the plugin.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

pub mod catalog;
pub mod jobs;
pub mod load;
pub mod member;
pub mod nodes;
pub mod parts;

/// The schema, applied at start (idempotent: applied migrations are kept in
/// `_sqlx_migrations`).
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// `url` with its password replaced, for messages.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) if u.password().is_some() => {
            let _ = u.set_password(Some("***"));
            u.to_string()
        }
        Ok(u) => u.to_string(),
        Err(_) => "(not a URL)".into(),
    }
}

/// Checks a database URL without connecting: a `postgres://` or
/// `postgresql://` URL that PostgreSQL's client accepts.
pub fn options(url: &str) -> Result<PgConnectOptions, String> {
    let parsed =
        url::Url::parse(url).map_err(|e| format!("database URL {}: {e}", redacted(url)))?;
    if !matches!(parsed.scheme(), "postgres" | "postgresql") {
        return Err(format!(
            "database URL {}: the scheme must be postgres:// or postgresql://, not {}://",
            redacted(url),
            parsed.scheme()
        ));
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(format!("database URL {}: no host", redacted(url)));
    }
    PgConnectOptions::from_str(url).map_err(|e| format!("database URL {}: {e}", redacted(url)))
}

/// The longest a query waits for a connection: while the database is away
/// the API answers 503 this soon, and recording goes on.
pub const ACQUIRE: Duration = Duration::from_secs(2);

/// Connects to the fleet's database (waiting up to `timeout`, at most
/// [`ACQUIRE`]) and brings its schema up to date.
pub async fn connect(url: &str, timeout: Duration) -> Result<PgPool, String> {
    let options = options(url)?;
    let pool = PgPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(timeout.min(ACQUIRE))
        .connect_with(options)
        .await
        .map_err(|e| format!("database {}: {e}", redacted(url)))?;
    MIGRATOR
        .run(&pool)
        .await
        .map_err(|e| format!("database {}: migrating the schema: {e}", redacted(url)))?;
    Ok(pool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_url_that_is_not_postgres_is_refused_with_the_reason() {
        let err = options("mysql://u:hunter2@127.0.0.1/db").unwrap_err();
        assert!(err.contains("postgres://"), "{err}");
        assert!(!err.contains("hunter2"), "the password leaked: {err}");
        let err = options("postgres://").unwrap_err();
        assert!(err.contains("no host"), "{err}");
        let err = options("not a url at all").unwrap_err();
        assert!(err.contains("database URL"), "{err}");
        let err = options("postgres://u:p@127.0.0.1:99999/db").unwrap_err();
        assert!(err.contains("port") || err.contains("invalid"), "{err}");
        assert!(options("postgres://meetrec@127.0.0.1:5432/meetrec").is_ok());
        assert!(options("postgresql://127.0.0.1/x?sslmode=require").is_ok());
    }

    #[test]
    fn messages_never_show_the_password() {
        assert_eq!(
            redacted("postgres://meetrec:s3cret@db.example:5432/m"),
            "postgres://meetrec:***@db.example:5432/m"
        );
        assert_eq!(redacted("::"), "(not a URL)");
    }
}
