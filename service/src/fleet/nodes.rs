// SPDX-License-Identifier: MPL-2.0
//! The node registry: each node says it is alive (every second), where its
//! API is, what its recordings cost and how much room it has. A node whose
//! heartbeat is older than [`STALE`] is not listed.

use std::time::Duration;

use sqlx::Row;
use sqlx::postgres::PgPool;

/// A node that has not said it is alive for this long is gone.
pub const STALE: Duration = Duration::from_secs(5);

/// A live node, as `GET /api/v1/nodes` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub node_id: String,
    pub url: String,
    /// RFC 3339, the database's clock.
    pub heartbeat_at: String,
    pub load: f64,
    pub headroom: f64,
    pub draining: bool,
    /// What it records now, as it last said.
    pub recordings: serde_json::Value,
}

/// What a node says of itself at each heartbeat.
#[derive(Debug, Clone)]
pub struct Beat<'a> {
    pub node: &'a str,
    pub url: &'a str,
    /// CPU cores its recordings use now, measured.
    pub load: f64,
    /// CPU cores free on its machine, measured.
    pub headroom: f64,
    pub draining: bool,
    /// What it records now.
    pub recordings: serde_json::Value,
}

/// Says a node is alive, where its API is, and what it measures and runs.
pub async fn heartbeat(pool: &PgPool, beat: &Beat<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO nodes (node_id, url, load, headroom, draining, recordings)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (node_id) DO UPDATE
            SET url = EXCLUDED.url, heartbeat_at = now(), load = EXCLUDED.load,
                headroom = EXCLUDED.headroom, draining = EXCLUDED.draining,
                recordings = EXCLUDED.recordings",
    )
    .bind(beat.node)
    .bind(beat.url)
    .bind(beat.load)
    .bind(beat.headroom)
    .bind(beat.draining)
    .bind(&beat.recordings)
    .execute(pool)
    .await?;
    Ok(())
}

/// The nodes alive now, by id.
pub async fn live(pool: &PgPool) -> Result<Vec<Node>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT node_id, url, load, headroom, draining, recordings,
                to_char(heartbeat_at AT TIME ZONE 'UTC',
                        'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS heartbeat_at
           FROM nodes
          WHERE heartbeat_at > now() - $1 * interval '1 millisecond'
          ORDER BY node_id",
    )
    .bind(STALE.as_millis() as i64)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Node {
            node_id: r.get("node_id"),
            url: r.get("url"),
            heartbeat_at: r.get("heartbeat_at"),
            load: r.get("load"),
            headroom: r.get("headroom"),
            draining: r.get("draining"),
            recordings: r.get("recordings"),
        })
        .collect())
}

/// Where `node`'s API is, if it is alive.
pub async fn url_of(pool: &PgPool, node: &str) -> Result<Option<String>, sqlx::Error> {
    Ok(live(pool)
        .await?
        .into_iter()
        .find(|n| n.node_id == node)
        .map(|n| n.url))
}
