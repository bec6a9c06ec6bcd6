// SPDX-License-Identifier: MPL-2.0
//! What every node of a fleet answers from the fleet's catalog instead of
//! its own files: rooms, recordings, their live state, starts, stops and
//! pauses (sent to the node that records through the job's row, woken by
//! NOTIFY), and media (served here when this node holds the file, else
//! through the node that does). On one node (no database) none of this
//! runs and the files are the catalog.
//!
//! The synchronous lookups here run on the blocking pool (`blocking`), where
//! waiting for the database is allowed.

use super::*;
use crate::fleet::catalog::{self as db, Stored};
use crate::fleet::jobs::{Desired, Jobs, NewJob};
use crate::fleet::member::Member;
use crate::runner::{JOB_COST, Spec};

/// How long a job may wait for a node with room before it fails.
const QUEUE_LIMIT: Duration = Duration::from_secs(120);

/// The recorder state a catalog row implies, for the recording object:
/// its holder's, else what its status says.
pub(crate) fn live_of(stored: &Stored) -> Option<String> {
    stored.live.clone().or_else(|| {
        Some(
            match stored.status.as_str() {
                "starting" => "RECORDING_STARTING",
                "ending" => "RECORDING_STOPPING",
                "failed" if stored.recording.status != Status::Failed => "RECORDING_FAILED",
                "aborted" => "RECORDING_ABORTED",
                _ => return None,
            }
            .to_string(),
        )
    })
}

impl Service {
    fn member(&self) -> Option<&Arc<Member>> {
        self.fleet.as_ref()
    }

    /// Runs `f` against the fleet's database from a blocking-pool thread.
    fn db<T>(&self, f: impl std::future::Future<Output = Result<T, sqlx::Error>>) -> ApiResult<T> {
        Ok(tokio::runtime::Handle::current().block_on(f)?)
    }

    /// A room's settings, if it exists: on one node from its file; in a
    /// fleet from the database (rooms never change once made, so what this
    /// node read of one is kept).
    pub(crate) fn room(&self, room: &str) -> ApiResult<Option<RoomSettings>> {
        if let Some(known) = self.rooms.lock().unwrap().get(room) {
            return Ok(Some(known));
        }
        let Some(m) = self.member() else {
            return Ok(None);
        };
        let found = self.db(db::room(&m.pool, room))?;
        if let Some(settings) = found {
            let _ = self.rooms.lock().unwrap().put(room, settings);
        }
        Ok(found)
    }

    /// Creates a room; `false` when it exists.
    pub(crate) fn create_room(&self, room: &str, settings: RoomSettings) -> ApiResult<bool> {
        if let Some(m) = self.member() {
            if !self.db(db::create_room(&m.pool, room, settings))? {
                return Ok(false);
            }
        } else if self.rooms.lock().unwrap().get(room).is_some() {
            return Ok(false);
        }
        self.rooms.lock().unwrap().put(room, settings)?;
        Ok(true)
    }

    /// Recording `id`: on one node its files; in a fleet its catalog row,
    /// the media this node's copy of the joined file in the media store
    /// (not fetched yet: [`Service::fetch_media`]), else this node's file
    /// of its last part (empty when another node holds it:
    /// [`Service::holder_of`]).
    pub(crate) fn lookup(&self, id: &str) -> ApiResult<catalog::Entry> {
        Ok(self.lookup_live(id)?.0)
    }

    /// Recording `id` as the API shows it: [`Service::lookup`]'s entry and
    /// its recorder's live state, from one read of the catalog.
    pub(crate) fn lookup_live(&self, id: &str) -> ApiResult<(catalog::Entry, Option<String>)> {
        let Some(m) = self.member() else {
            return Ok((self.catalog.get(id)?, self.live_state(id)));
        };
        let stored = self
            .db(db::get(&m.pool, id))?
            .ok_or_else(|| CatalogError::NotFound(id.to_string()))?;
        let live = live_of(&stored);
        let media = match self.store_path(&stored) {
            Some(local) => local,
            None => self
                .db(db::part_file(&m.pool, id))?
                .pop()
                .filter(|(_, node, _)| *node == self.node_id)
                .map(|(_, _, path)| PathBuf::from(path))
                .unwrap_or_default(),
        };
        let entry = catalog::Entry {
            recording: stored.recording,
            json: gstmeetrec::metadata::path_for(&media),
            media,
        };
        Ok((entry, live))
    }

    /// Recording `id`'s recorder state now, if it is being recorded.
    pub(crate) fn live_now(&self, id: &str) -> ApiResult<Option<String>> {
        match self.member() {
            None => Ok(self.live_state(id)),
            Some(m) => Ok(self.db(db::get(&m.pool, id))?.as_ref().and_then(live_of)),
        }
    }

    /// Where this node keeps its copy of a recording's joined file in the
    /// media store, if it has one there.
    fn store_path(&self, stored: &Stored) -> Option<PathBuf> {
        let (store, uri) = (self.media.as_ref()?, stored.recording.remote_uri.as_ref()?);
        store.local_path(uri, &self.catalog.dir().join(".store"))
    }

    /// Makes `entry`'s media a local file before it is read: a recording
    /// joined in the media store is fetched into this node's cache the
    /// first time (metadata, share links and deletes never fetch it).
    pub(crate) fn fetch_media(&self, entry: &catalog::Entry) -> ApiResult<()> {
        let (Some(store), Some(uri), true) = (
            &self.media,
            &entry.recording.remote_uri,
            self.member().is_some(),
        ) else {
            return Ok(());
        };
        tokio::runtime::Handle::current()
            .block_on(store.fetch_to_cache(uri, &self.catalog.dir().join(".store")))
            .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e))
    }

    /// The URL of the node whose disk holds recording `id`'s last part, when
    /// that is another node of the fleet (and it is alive) and the media
    /// store does not have it.
    pub(crate) fn holder_of(&self, id: &str) -> ApiResult<Option<String>> {
        let Some(m) = self.member() else {
            return Ok(None);
        };
        if self.media.is_some()
            && self
                .db(db::get(&m.pool, id))?
                .is_some_and(|r| r.recording.remote_uri.is_some())
        {
            return Ok(None);
        }
        let Some((_, node, _)) = self.db(db::part_file(&m.pool, id))?.pop() else {
            return Ok(None);
        };
        if node == self.node_id {
            return Ok(None);
        }
        let url = self.db(crate::fleet::nodes::url_of(&m.pool, &node))?;
        url.map(Some).ok_or_else(|| {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("Recording \"{id}\" is on node {node}, which is not running now"),
            )
        })
    }

    /// Deletes a recording the caller may delete (stopped, or failed).
    pub(crate) fn delete(&self, entry: catalog::Entry) -> ApiResult<()> {
        let Some(m) = self.member() else {
            self.catalog.delete_entry(entry)?;
            return Ok(());
        };
        let id = entry.recording.id.clone();
        if self.db(db::delete(&m.pool, &id))?.is_none() {
            return Err(CatalogError::InProgress(id).into());
        }
        if let (Some(store), Some(uri)) = (&self.media, &entry.recording.remote_uri) {
            let cache = self.catalog.dir().join(".store");
            tokio::runtime::Handle::current()
                .block_on(store.remove(uri, &cache))
                .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e))?;
            return Ok(());
        }
        // This node's file of it; other nodes' stay until they are asked.
        if !entry.media.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&entry.json);
            let _ = std::fs::remove_file(&entry.media);
        }
        Ok(())
    }

    /// Starts recording in a fleet: the recording's row and its job, in one
    /// transaction; a node with room claims it (this one, or another).
    pub(crate) fn enqueue(
        &self,
        req: StartRequest,
        props: &[(&str, String)],
    ) -> ApiResult<Recording> {
        let m = self.member().expect("a fleet");
        let id = new_id(&self.node_id);
        let container = props
            .iter()
            .find(|(k, _)| *k == "container")
            .map_or("webm", |(_, v)| v.as_str());
        let now = gstmeetrec::metadata::rfc3339(SystemTime::now());
        let mut rec = Recording::starting(&id, &req.room_id, &now, container);
        for (k, v) in props {
            match *k {
                "layout" => rec.config.layout = v.clone(),
                "quality" => rec.config.quality = v.clone(),
                "orientation" => rec.config.orientation = v.clone(),
                _ => {}
            }
        }
        let job = NewJob {
            id: id.clone(),
            room_id: req.room_id.clone(),
            spec: serde_json::to_value(Spec { request: req }).map_err(ApiError::internal)?,
            cost: JOB_COST,
            queue_limit: Some(QUEUE_LIMIT),
            max_attempts: 3,
        };
        tokio::runtime::Handle::current().block_on(async {
            let mut tx = m.pool.begin().await?;
            db::insert(&mut tx, &rec, "starting").await?;
            Jobs::enqueue_in(&mut tx, &job).await?;
            tx.commit().await?;
            Ok::<_, ApiError>(())
        })?;
        Ok(rec)
    }

    /// Asks the node that records `id` to stop, pause or resume it (through
    /// the job's row; it is woken by NOTIFY). `Ok(None)`: the job had ended.
    /// A job stopped while still queued ends failed here.
    pub(crate) fn request(&self, id: &str, desired: Desired) -> ApiResult<Option<Stored>> {
        let m = self.member().expect("a fleet");
        let Some(row) = tokio::runtime::Handle::current().block_on(m.jobs.request(id, desired))?
        else {
            return Ok(None);
        };
        if row.state == "failed" {
            let why = row.reason.unwrap_or_default();
            self.db(db::settle(&m.pool, id, "failed", Some(&why)))?;
        }
        self.holders.poke(id);
        self.db(db::get(&m.pool, id))
    }

    /// A page of the fleet's catalog, filtered and sorted in SQL.
    pub(crate) fn list_shared(
        &self,
        caller: &Caller,
        query: &catalog::Query,
        names: Option<&crate::query::NameFilter>,
        status: Option<&str>,
    ) -> ApiResult<(Vec<Stored>, Option<String>)> {
        let m = self.member().expect("a fleet");
        let mut rooms: Option<Vec<String>> = caller.rooms.clone();
        if let Some(room) = &query.room {
            rooms = Some(match rooms {
                Some(r) if !r.contains(room) => vec![],
                _ => vec![room.clone()],
            });
        }
        if let Some(names) = names {
            let all = self.db(db::recorded_rooms(&m.pool))?;
            let matching = all.into_iter().filter(|r| names.matches(r));
            rooms = Some(match rooms {
                Some(r) => matching.filter(|n| r.contains(n)).collect(),
                None => matching.collect(),
            });
        }
        let after = match &query.page_token {
            Some(t) => Some(catalog::decode_token(query.sort, t).ok_or_else(|| {
                ApiError::invalid("nextPageToken", "not a page token of this listing")
            })?),
            None => None,
        };
        let listing = db::Listing {
            rooms,
            access: access::RecordingAccess::ALL
                .into_iter()
                .filter(|a| a.includes(caller.role))
                .collect(),
            status: status.map(String::from),
            sort: query.sort,
            ascending: query.ascending,
            after,
            max_items: query.max_items,
        };
        self.db(db::list(&m.pool, &listing))
    }
}

/// Brings what this node kept on its own (rooms, and the recordings in its
/// directory, finished by recovery first) into the fleet's catalog, once:
/// what is there already is left as it is. Returns how many recordings
/// were added.
pub(crate) async fn import(s: &Service, m: &Member) -> Result<usize, String> {
    let rooms: Vec<(String, RoomSettings)> = s
        .rooms
        .lock()
        .unwrap()
        .list()
        .map(|(k, v)| (k.to_string(), *v))
        .collect();
    for (room, settings) in rooms {
        db::create_room(&m.pool, &room, settings)
            .await
            .map_err(|e| format!("importing room {room}: {e}"))?;
    }
    let entries = s.catalog.scan().map_err(|e| e.to_string())?;
    let mut added = 0;
    // One still being written (by another process) comes at the next start.
    for e in entries
        .into_iter()
        .filter(|e| e.recording.status != Status::Recording)
    {
        let status = gstmeetrec::catalog::openvidu::status(&e.recording, None);
        let path = e.media.to_string_lossy();
        if db::import(&m.pool, &s.node_id, &e.recording, &path, status.as_str())
            .await
            .map_err(|err| format!("importing recording {}: {err}", e.recording.id))?
        {
            added += 1;
        }
    }
    Ok(added)
}

/// A recording id no other node makes: the time, then 64 random bits.
fn new_id(node: &str) -> String {
    use std::hash::{BuildHasher, Hasher};
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write(node.as_bytes());
    h.write_u64(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    let ms = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    format!("{ms}-{:016x}", h.finish())
}

/// Answers a request for media that another node holds by asking that
/// node (`base`: its URL) the same, with the caller's credentials and
/// Range, and streaming its answer back.
pub(crate) async fn through(base: &str, req: Request) -> ApiResult<Response> {
    use hyper_util::client::legacy::Client;
    use hyper_util::rt::TokioExecutor;
    // The whole path: a nested router's handler sees it without `/api/v1`.
    let original = req
        .extensions()
        .get::<axum::extract::OriginalUri>()
        .map_or_else(|| req.uri().clone(), |o| o.0.clone());
    let path = original
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .to_string();
    let uri: axum::http::Uri = format!("{}{path}", base.trim_end_matches('/'))
        .parse()
        .map_err(ApiError::internal)?;
    let mut ask = axum::http::Request::get(uri);
    for name in [
        header::RANGE,
        header::AUTHORIZATION,
        header::IF_RANGE,
        header::HeaderName::from_static("x-api-key"),
    ] {
        if let Some(v) = req.headers().get(&name) {
            ask = ask.header(name, v);
        }
    }
    let ask = ask.body(Body::empty()).map_err(ApiError::internal)?;
    let client: Client<_, Body> = Client::builder(TokioExecutor::new()).build_http();
    let answer = client.request(ask).await.map_err(|e| {
        ApiError::new(
            StatusCode::BAD_GATEWAY,
            format!("the node holding the recording did not answer: {e}"),
        )
    })?;
    Ok(answer.map(Body::new))
}
