// SPDX-License-Identifier: MPL-2.0
//! meetrec-service: a small HTTP service that embeds `meetingrecorder` and
//! manages its recordings with OpenVidu Meet's published recordings API
//! (the recording object, parameters, status codes and error bodies of its
//! OpenAPI description), plus a recordings console in the browser at `/`.
//! Everything it knows about recordings comes from `gstmeetrec::catalog`
//! (the same metadata the recorder writes); HTTP is axum's; its own OpenAPI
//! document, generated from the handlers, is at `/api/v1/openapi.json`.
//!
//! ```sh
//! cargo run --release -p meetrec-service -- --config service.json
//! ```
//!
//! `service.json`:
//! ```json
//! { "listen": "127.0.0.1:8080", "recordingsDir": "recordings",
//!   "shareSecret": "change me", "publicUrl": "http://127.0.0.1:8080",
//!   "apiKeys": ["change-me-too"],
//!   "tokens": { "t-admin": { "role": "admin" },
//!               "t-mod":   { "role": "moderator", "rooms": ["standup"] },
//!               "t-spk":   { "role": "speaker" } },
//!   "webhook": { "url": "http://127.0.0.1:9000/hooks", "secret": "s",
//!                "format": "openvidu-meet" } }
//! ```
//! An `X-API-KEY` from `apiKeys` is an admin (as in OpenVidu Meet); a token
//! (`Authorization: Bearer <token>`) has its role, and its `rooms` limit a
//! moderator or speaker to those rooms (absent: all). `webhook` is where the
//! recordings the service starts send their state changes (`format`:
//! `meetrec` or `openvidu-meet`).
//!
//! Endpoints under `/api/v1` (errors: `{"error", "message", "details"?}`):
//! - OpenVidu Meet's: `GET|POST|DELETE /recordings` (list with `roomId`,
//!   `roomName` + `roomNameMatchMode` + `roomNameCaseInsensitive`, `status`,
//!   `fields`/`X-Fields`, `maxItems`, `nextPageToken`, `sortField`,
//!   `sortOrder`; start `{roomId, config?: {layout, encoding}}`; bulk delete
//!   `?recordingIds=`), `GET /recordings/download?recordingIds=` (zip),
//!   `GET|DELETE /recordings/{id}`, `POST /recordings/{id}/stop`,
//!   `GET /recordings/{id}/media` (HTTP Range) and `/download` (attachment),
//!   both also with `?recordingSecret=` from `GET /recordings/{id}/url`.
//! - meetrec's: `POST /rooms`, `GET /rooms/{roomId}` (who may record and
//!   play), `POST /recordings/{id}/pause` and
//!   `/resume` (202; paused: `active` with `details: "paused"`),
//!   `GET /recordings/{id}/audio` (the audio alone, not transcoded:
//!   `.opus` or `.wav`), `GET /me` (the caller's role and permissions), and
//!   meetrec's extras in the start body (`participants`, `layout`,
//!   `quality`).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use gst::prelude::*;
use gstmeetrec::catalog::access::{self, Action, RecordingAccess, Role, RoomSettings, Rooms};
use gstmeetrec::catalog::{self, Catalog, CatalogError, share};
use gstmeetrec::metadata::{Recording, Status};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tower::ServiceExt;
use utoipa::OpenApi;

mod auth;
mod config;
mod console;
mod error;
pub mod fleet;
mod live;
mod media_store;
mod nodes;
mod openapi;
mod query;
mod recordings;
mod rooms;
mod runner;
mod shared;
#[cfg(test)]
mod tests;

pub use config::{Caller, Config};
use error::*;
use live::*;
use nodes::*;
use recordings::*;
use rooms::*;

/// A recording in progress: its meeting pipeline and last state.
struct Active {
    room: String,
    /// The API's id: the recorder's own on one node; in a fleet, the job's
    /// (each part the recorder makes has its own `recording_id`).
    api_id: String,
    /// The recorder's id of what it records now.
    recording_id: String,
    recorder: gst::Element,
    status: Arc<Mutex<String>>,
    /// Set when the recording is to be given up (a stop while it was
    /// starting): why. Its watcher takes the pipeline down.
    abandon: Arc<Mutex<Option<String>>>,
}

pub struct Service {
    config: Config,
    public_url: String,
    catalog: Catalog,
    rooms: Mutex<Rooms>,
    /// By room: at most one recording in progress per room.
    active: Mutex<HashMap<String, Active>>,
    /// This node's id (`nodeId`, else the host name).
    node_id: String,
    /// This node's membership of the fleet, when `database` is configured.
    fleet: Option<Arc<fleet::member::Member>>,
    /// The fleet's jobs this node records now.
    holders: runner::Holders,
    /// The fleet's media store (`mediaStore`), if it has one.
    media: Option<media_store::MediaStore>,
    /// Set at SIGTERM in a fleet: no more claims.
    draining: std::sync::atomic::AtomicBool,
    /// Set at SIGTERM when other nodes can take this one's recordings: each
    /// holder hands its job over instead of stopping it.
    handing_over: std::sync::atomic::AtomicBool,
}

pub type Shared = Arc<Service>;

impl Service {
    /// The service over `config.recordings_dir`. Recordings a crash left in
    /// progress there are finished first (`gstmeetrec::recovery`: remuxed,
    /// marked stopped and `recovered`, or failed with the reason), so what it
    /// serves is whole.
    pub fn new(config: Config, public_url: String) -> std::io::Result<Service> {
        let catalog = Catalog::new(&config.recordings_dir)?;
        for r in gstmeetrec::recovery::recover_dir(catalog.dir())? {
            match r.outcome {
                Ok(m) => eprintln!("meetrec-service: recovered {} ({} ms)", m.id, m.duration_ms),
                Err(e) => eprintln!(
                    "meetrec-service: could not recover {}: {e}",
                    r.metadata.display()
                ),
            }
        }
        // Hidden: the catalog does not list it as a recording.
        let rooms = Rooms::open(&catalog.dir().join(".rooms.json"))?;
        Ok(Service {
            node_id: config.node_id(),
            config,
            public_url,
            catalog,
            rooms: Mutex::new(rooms),
            active: Mutex::new(HashMap::new()),
            fleet: None,
            holders: runner::Holders::default(),
            media: None,
            draining: Default::default(),
            handing_over: Default::default(),
        })
    }

    /// What this node records now: `[{"recordingId", "roomId"}, …]`.
    fn running(&self) -> Value {
        let active = self.active.lock().unwrap();
        let mut list: Vec<_> = active
            .values()
            .map(|a| json!({"recordingId": a.api_id, "roomId": a.room}))
            .collect();
        list.sort_by(|a, b| a["recordingId"].as_str().cmp(&b["recordingId"].as_str()));
        Value::Array(list)
    }

    /// Who is calling: an `X-API-KEY` (an admin, as in OpenVidu Meet) or a
    /// bearer token from the configuration.
    fn caller(&self, headers: &HeaderMap) -> ApiResult<Caller> {
        if let Some(key) = headers.get("x-api-key") {
            let key = key.to_str().unwrap_or_default().trim();
            return self
                .config
                .api_keys
                .iter()
                .any(|k| !k.is_empty() && k == key)
                .then_some(Caller {
                    role: Role::Admin,
                    rooms: None,
                })
                .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "Invalid API key"));
        }
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| {
                ApiError::new(
                    StatusCode::UNAUTHORIZED,
                    "Unauthorized: no X-API-KEY or bearer token",
                )
            })?;
        self.config
            .tokens
            .get(token.trim())
            .cloned()
            .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "Unauthorized: unknown token"))
    }

    /// The settings that apply to `room`: its own, or the defaults.
    fn settings(&self, room: &str) -> RoomSettings {
        self.room(room).ok().flatten().unwrap_or_default()
    }

    /// Recording `id`, if `caller` may do `action` with it.
    fn entry_for(&self, caller: &Caller, id: &str, action: Action) -> ApiResult<catalog::Entry> {
        let entry = self.lookup(id)?;
        let room = &entry.recording.room;
        if !caller.may(action, room, &self.settings(room)) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!(
                    "{:?} may not {action:?} recordings of room {room}",
                    caller.role
                ),
            ));
        }
        Ok(entry)
    }
}

/// Runs blocking work (file system, GStreamer state changes) off the
/// async workers.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> ApiResult<T> + Send + 'static,
) -> ApiResult<T> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

/// The service's routes and its OpenAPI document, from the same
/// declarations (utoipa-axum): what is served is what is described.
pub(crate) fn routes() -> (Router<Shared>, utoipa::openapi::OpenApi) {
    use utoipa_axum::{router::OpenApiRouter, routes};
    let api = OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(create_room))
        .routes(routes!(get_room))
        .routes(routes!(list_recordings, start_recording, bulk_delete))
        .routes(routes!(download))
        .routes(routes!(get_recording, delete_recording))
        .routes(routes!(stop_recording))
        .routes(routes!(pause_recording))
        .routes(routes!(resume_recording))
        .routes(routes!(media))
        .routes(routes!(download_one))
        .routes(routes!(audio))
        .routes(routes!(share_url))
        .routes(routes!(console::me))
        .routes(routes!(list_nodes));
    let (api, doc) = OpenApiRouter::new().nest("/api/v1", api).split_for_parts();
    (api, doc)
}

pub fn router(service: Shared) -> Router {
    let (api, doc) = routes();
    let doc = Arc::new(doc);
    api.route(
        "/api/v1/openapi.json",
        get(move || {
            let doc = doc.clone();
            async move { Json(doc.as_ref().clone()) }
        }),
    )
    .merge(console::routes())
    .with_state(service)
}

#[derive(Serialize)]
struct Listening {
    url: String,
}

/// Ctrl-C or SIGTERM (what systemd, Docker and Kubernetes send).
async fn shutdown_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Serves `config` until Ctrl-C or SIGTERM, then finishes the recordings in
/// progress.
pub fn serve(config: Config) -> Result<(), String> {
    gst::init().map_err(|e| e.to_string())?;
    gstmeetrec::plugin_register_static().map_err(|e| e.to_string())?;
    let listener = std::net::TcpListener::bind(&config.listen)
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    listener.set_nonblocking(true).map_err(|e| e.to_string())?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    let public_url = config
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let database = config.database();
    let mut service = Service::new(config, public_url.clone()).map_err(|e| e.to_string())?;
    if let Some(url) = database {
        let member = rt.block_on(fleet::member::Member::join(
            &url,
            &service.node_id,
            &public_url,
        ))?;
        if let Some(uri) = &service.config.media_store {
            let store = media_store::MediaStore::open(uri)?;
            rt.block_on(store.check())?;
            service.media = Some(store);
        }
        let added = rt.block_on(shared::import(&service, &member))?;
        if added > 0 {
            eprintln!(
                "meetrec-service: {added} recordings of this node added to the fleet's catalog"
            );
        }
        service.fleet = Some(member);
    }
    let service = Arc::new(service);
    println!(
        "{}",
        serde_json::to_string(&Listening { url: public_url }).unwrap()
    );
    rt.block_on(async {
        if let Some(member) = &service.fleet {
            let weak = Arc::downgrade(&service);
            member.spawn_heartbeat(move || {
                weak.upgrade().map_or(Value::Array(vec![]), |s| s.running())
            });
            runner::spawn_claims(&service, member.clone());
        }
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        axum::serve(listener, router(service.clone()))
            .with_graceful_shutdown(shutdown_signal())
            .await
            .map_err(|e| e.to_string())
    })?;
    drain(&service, &rt);
    // Finish what is still being recorded rather than leave it to recovery.
    stop_all(&service, Duration::from_secs(10));
    // In a fleet, each holder writes its recording's end.
    wait_for_holders(&service, Duration::from_secs(5));
    Ok(())
}

/// In a fleet: no more claims, and when another node is there to take them,
/// each recording this node runs is handed over (the new node records
/// before this one stops). Alone, it finishes them (the caller stops them).
fn drain(s: &Shared, rt: &tokio::runtime::Runtime) {
    use std::sync::atomic::Ordering;
    let Some(member) = &s.fleet else { return };
    s.draining.store(true, Ordering::SeqCst);
    member.set_draining();
    let others = rt
        .block_on(fleet::nodes::live(&member.pool))
        .map(|nodes| nodes.iter().any(|n| n.node_id != s.node_id && !n.draining))
        .unwrap_or(false);
    if others && s.holders.count() > 0 {
        eprintln!(
            "meetrec-service: draining: handing {} recordings over",
            s.holders.count()
        );
        s.handing_over.store(true, Ordering::SeqCst);
        wait_for_holders(s, Duration::from_secs(15));
    }
}

fn wait_for_holders(s: &Service, limit: Duration) {
    let deadline = std::time::Instant::now() + limit;
    while s.holders.count() > 0 && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}
