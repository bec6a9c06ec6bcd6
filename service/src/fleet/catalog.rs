// SPDX-License-Identifier: MPL-2.0
//! The fleet's catalog in PostgreSQL: rooms, recordings and their parts.
//!
//! Every node reads it; a node writes a recording's rows only in a
//! transaction fenced by the recording's job ([`super::jobs::Jobs::fenced`]),
//! so a node that lost its job writes nothing. Listing filters, sorts and
//! pages in SQL (one index per order), with the same page tokens as the
//! files catalog (`gstmeetrec::catalog::encode_token`).

use gstmeetrec::catalog::SortField;
use gstmeetrec::catalog::access::{RecordingAccess, RoomSettings};
use gstmeetrec::metadata::Recording;
use sqlx::postgres::{PgExecutor, PgPool, PgRow};
use sqlx::{Postgres, Row, Transaction};

use super::parts::{self, Part};

/// A recording as the catalog holds it.
#[derive(Debug, Clone)]
pub struct Stored {
    /// Its parts merged (what the API shows).
    pub recording: Recording,
    /// OpenVidu Meet's status: starting, active, ending, complete, …
    pub status: String,
    /// Its recorder's state while it is recorded (`RECORDING_PAUSED`, …).
    pub live: Option<String>,
    /// The node that records it, or recorded its last part.
    pub node_id: Option<String>,
}

fn access_name(a: RecordingAccess) -> String {
    serde_json::to_value(a)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// A room's settings, if the room exists.
pub async fn room(pool: &PgPool, room: &str) -> Result<Option<RoomSettings>, sqlx::Error> {
    let row = sqlx::query("SELECT allow_recording, recording_access FROM rooms WHERE room_id = $1")
        .bind(room)
        .fetch_optional(pool)
        .await?;
    Ok(row.map(|r| RoomSettings {
        allow_recording: r.get("allow_recording"),
        recording_access: r
            .get::<&str, _>("recording_access")
            .parse()
            .unwrap_or_default(),
    }))
}

/// Creates a room; `false` when it exists already (rooms do not change
/// once made, so every node may keep what it read of one).
pub async fn create_room(
    pool: &PgPool,
    room: &str,
    settings: RoomSettings,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO rooms (room_id, allow_recording, recording_access) VALUES ($1, $2, $3)
         ON CONFLICT (room_id) DO NOTHING",
    )
    .bind(room)
    .bind(settings.allow_recording)
    .bind(access_name(settings.recording_access))
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Adds a recording the API accepted (no part yet).
pub async fn insert(
    tx: &mut Transaction<'static, Postgres>,
    r: &Recording,
    status: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO recordings (id, room_id, started_at, status, meta)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&r.id)
    .bind(&r.room)
    .bind(&r.started_at)
    .bind(status)
    .bind(sqlx::types::Json(r))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Adds a recording this node made before it was in the fleet (its files
/// catalog), as one part (epoch 0) on `node`: `false` when the catalog has
/// it already, so importing twice changes nothing.
pub async fn import(
    pool: &PgPool,
    node: &str,
    r: &Recording,
    path: &str,
    status: &str,
) -> Result<bool, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let added = sqlx::query(
        "INSERT INTO recordings (id, room_id, started_at, duration_ms, size_bytes, status,
                                 node_id, meta)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
    )
    .bind(&r.id)
    .bind(&r.room)
    .bind(&r.started_at)
    .bind(i64::try_from(r.duration_ms).unwrap_or(i64::MAX))
    .bind(i64::try_from(r.file.size_bytes).unwrap_or(i64::MAX))
    .bind(status)
    .bind(node)
    .bind(sqlx::types::Json(r))
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if added {
        sqlx::query(
            "INSERT INTO parts (recording_id, epoch, node_id, path, meta) VALUES ($1, 0, $2, $3, $4)",
        )
        .bind(&r.id)
        .bind(node)
        .bind(path)
        .bind(sqlx::types::Json(r))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(added)
}

/// Records what part `epoch` of recording `id` (on `node`, its file at
/// `path`) holds now, and what the recording as a whole is then: its
/// `status`, its recorder's `live` state and the parts merged. Call it
/// inside the job's fenced transaction.
pub async fn write_part(
    tx: &mut Transaction<'static, Postgres>,
    id: &str,
    part: &Part,
    path: &str,
    (status, live): (&str, Option<&str>),
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO parts (recording_id, epoch, node_id, path, meta) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (recording_id, epoch) DO UPDATE SET meta = EXCLUDED.meta, path = EXCLUDED.path",
    )
    .bind(id)
    .bind(part.epoch)
    .bind(&part.node)
    .bind(path)
    .bind(sqlx::types::Json(&part.meta))
    .execute(&mut **tx)
    .await?;
    let all = parts_of(&mut **tx, id).await?;
    let merged = merged_with(tx, id, &all).await?;
    // A part taking over is `starting` on its own; the recording it goes
    // on with stays `active`.
    let (status, live) = match (status, all.iter().any(|p| p.epoch < part.epoch)) {
        ("starting", true) => ("active", None),
        other => (other.0, live),
    };
    sqlx::query(
        "UPDATE recordings SET started_at = $2, duration_ms = $3, size_bytes = $4, status = $5,
                node_id = $6, meta = $7, live = $8, updated_at = now()
          WHERE id = $1",
    )
    .bind(id)
    .bind(&merged.started_at)
    .bind(i64::try_from(merged.duration_ms).unwrap_or(i64::MAX))
    .bind(i64::try_from(merged.file.size_bytes).unwrap_or(i64::MAX))
    .bind(status)
    .bind(&part.node)
    .bind(sqlx::types::Json(&merged))
    .bind(live)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Recording `id` (its row locked until `tx` ends) with `parts` merged in.
async fn merged_with(
    tx: &mut Transaction<'static, Postgres>,
    id: &str,
    parts: &[Part],
) -> Result<Recording, sqlx::Error> {
    let base: sqlx::types::Json<Recording> =
        sqlx::query_scalar("SELECT meta FROM recordings WHERE id = $1 FOR UPDATE")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    Ok(parts::merge(&base.0, parts))
}

/// What one part kept in the joined file: its media's length and when it
/// was recorded (wall clock, ms since the epoch).
#[derive(Debug, Clone, Copy)]
pub struct KeptPart {
    pub epoch: i64,
    pub ms: u64,
    pub from_ms: u64,
    pub to_ms: u64,
}

/// The recording's parts became one file in the media store (`uri`, `size`
/// bytes, named `name`), holding what `kept` says of each part (a part
/// whose node died lost its open chunk; one with nothing kept is empty):
/// the parts' times and the recording's file say so, and so its gaps. Call
/// it inside the job's fenced transaction.
pub async fn set_joined(
    tx: &mut Transaction<'static, Postgres>,
    id: &str,
    (uri, size, name): (&str, u64, &str),
    kept: &[KeptPart],
) -> Result<(), sqlx::Error> {
    let mut all = parts_of(&mut **tx, id).await?;
    all.retain(|p| kept.iter().any(|k| k.epoch == p.epoch));
    for part in &mut all {
        let k = kept.iter().find(|k| k.epoch == part.epoch).expect("kept");
        let at = |ms: u64| {
            gstmeetrec::metadata::rfc3339(
                std::time::UNIX_EPOCH + std::time::Duration::from_millis(ms),
            )
        };
        part.meta.duration_ms = k.ms;
        part.meta.started_at = at(k.from_ms);
        part.meta.ended_at = Some(at(k.to_ms));
        sqlx::query("UPDATE parts SET meta = $3 WHERE recording_id = $1 AND epoch = $2")
            .bind(id)
            .bind(part.epoch)
            .bind(sqlx::types::Json(&part.meta))
            .execute(&mut **tx)
            .await?;
    }
    let mut merged = merged_with(tx, id, &all).await?;
    merged.file.path = name.to_string();
    merged.file.parts.clear();
    merged.file.size_bytes = size;
    merged.remote_uri = Some(uri.to_string());
    sqlx::query(
        "UPDATE recordings SET duration_ms = $2, size_bytes = $3, meta = $4, updated_at = now()
          WHERE id = $1",
    )
    .bind(id)
    .bind(i64::try_from(merged.duration_ms).unwrap_or(i64::MAX))
    .bind(i64::try_from(size).unwrap_or(i64::MAX))
    .bind(sqlx::types::Json(&merged))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Ends a recording whose recorder cannot say so itself (its job failed,
/// was stopped while queued, or its last holder died after a stop): its
/// status, and in its metadata the end, `stopped` or `failed` with `error`.
pub async fn settle(
    exec: impl PgExecutor<'_>,
    id: &str,
    status: &str,
    error: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE recordings SET status = $2, live = NULL, updated_at = now(),
                meta = meta
                    || jsonb_build_object(
                        'status', CASE WHEN $3::text IS NULL THEN 'stopped' ELSE 'failed' END,
                        'endedAt', coalesce(meta->>'endedAt',
                            to_char(now() AT TIME ZONE 'UTC',
                                    'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')))
                    || CASE WHEN $3::text IS NULL THEN '{}'::jsonb
                            ELSE jsonb_build_object('error', $3::text) END
          WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(error)
    .execute(exec)
    .await?;
    Ok(())
}

/// Recording `id`'s parts, in epoch order.
pub async fn parts_of(exec: impl PgExecutor<'_>, id: &str) -> Result<Vec<Part>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT epoch, node_id, meta FROM parts WHERE recording_id = $1 ORDER BY epoch",
    )
    .bind(id)
    .fetch_all(exec)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let meta: sqlx::types::Json<Recording> = r.try_get("meta").ok()?;
            Some(Part {
                epoch: r.get("epoch"),
                node: r.get("node_id"),
                meta: meta.0,
            })
        })
        .collect())
}

/// Every part of recording `id`: (epoch, node, its file on that node's
/// disk), in epoch order.
pub async fn part_file(pool: &PgPool, id: &str) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT epoch, node_id, path FROM parts WHERE recording_id = $1 ORDER BY epoch",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.get("epoch"), r.get("node_id"), r.get("path")))
        .collect())
}

fn stored(r: PgRow) -> Option<Stored> {
    let meta: sqlx::types::Json<Recording> = r.try_get("meta").ok()?;
    Some(Stored {
        recording: meta.0,
        status: r.get("status"),
        live: r.get("live"),
        node_id: r.get("node_id"),
    })
}

/// One recording.
pub async fn get(pool: &PgPool, id: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query("SELECT meta, status, live, node_id FROM recordings WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.and_then(stored))
}

/// Removes a recording (its parts with it) unless it is in progress;
/// what it was, if it was removed.
pub async fn delete(pool: &PgPool, id: &str) -> Result<Option<Stored>, sqlx::Error> {
    let row = sqlx::query(
        "DELETE FROM recordings WHERE id = $1
            AND status NOT IN ('starting', 'active', 'ending')
        RETURNING meta, status, live, node_id",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(stored))
}

/// The rooms that have recordings (for room-name filters, which are
/// matched in Rust so `regex` means the same on files and in the fleet).
pub async fn recorded_rooms(pool: &PgPool) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT DISTINCT room_id FROM recordings ORDER BY room_id")
        .fetch_all(pool)
        .await
}

/// What to list.
#[derive(Debug, Clone)]
pub struct Listing {
    /// Only these rooms (the caller's, a room filter), when set.
    pub rooms: Option<Vec<String>>,
    /// The `recording-access` settings that let the caller see a room's
    /// recordings (rooms without settings have the default).
    pub access: Vec<RecordingAccess>,
    pub status: Option<String>,
    pub sort: SortField,
    pub ascending: bool,
    /// The last key of the previous page.
    pub after: Option<(String, String)>,
    pub max_items: usize,
}

/// One page of recordings and, when more follow, the next page's token.
pub async fn list(
    pool: &PgPool,
    q: &Listing,
) -> Result<(Vec<Stored>, Option<String>), sqlx::Error> {
    let column = match q.sort {
        SortField::StartDate => "r.started_at",
        SortField::RoomName => "r.room_id",
        SortField::Duration => "r.duration_ms",
        SortField::Size => "r.size_bytes",
    };
    let numeric = matches!(q.sort, SortField::Duration | SortField::Size);
    let (cmp, dir) = if q.ascending {
        (">", "ASC")
    } else {
        ("<", "DESC")
    };
    let key = if numeric {
        "($6::text)::bigint"
    } else {
        "$6::text"
    };
    let sql = format!(
        "SELECT r.meta, r.status, r.live, r.node_id FROM recordings r
           LEFT JOIN rooms o ON o.room_id = r.room_id
          WHERE ($1::text[] IS NULL OR r.room_id = ANY($1))
            AND coalesce(o.recording_access, $2) = ANY($3)
            AND ($4::text IS NULL OR r.status = $4)
            AND ($6::text IS NULL OR ({column}, r.id) {cmp} ({key}, $7::text))
          ORDER BY {column} {dir}, r.id {dir}
          LIMIT $5"
    );
    // The token's key: numbers zero-padded (as the files catalog orders
    // them), read back as numbers here.
    let after_value = q.after.as_ref().map(|(v, _)| match numeric {
        true => v.parse::<i64>().unwrap_or(i64::MAX).to_string(),
        false => v.clone(),
    });
    let after_id = q.after.as_ref().map(|(_, id)| id.clone());
    let max = q.max_items.clamp(1, 100);
    // Only the column and direction are spliced in, each from a fixed list.
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(q.rooms.as_deref())
        .bind(access_name(RecordingAccess::default()))
        .bind(q.access.iter().map(|a| access_name(*a)).collect::<Vec<_>>())
        .bind(q.status.as_deref())
        .bind(i64::try_from(max + 1).unwrap_or(101))
        .bind(after_value)
        .bind(after_id)
        .fetch_all(pool)
        .await?;
    let mut items: Vec<Stored> = rows.into_iter().filter_map(stored).collect();
    let next = (items.len() > max).then(|| {
        items.truncate(max);
        let last = &items[max - 1].recording;
        gstmeetrec::catalog::encode_token(q.sort, &gstmeetrec::catalog::sort_key(last, q.sort))
    });
    Ok((items, next))
}
