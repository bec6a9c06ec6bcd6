// SPDX-License-Identifier: MPL-2.0
//! recording_service: a small HTTP service that embeds `meetingrecorder` and
//! manages its recordings the way OpenVidu Meet's REST API does. It is the
//! embedding example: everything it knows about recordings comes from
//! `gstmeetrec::catalog` (the same metadata the recorder writes); HTTP is
//! axum's.
//!
//! ```sh
//! cargo run --release --example recording_service -- --config service.json
//! ```
//!
//! `service.json`:
//! ```json
//! { "listen": "127.0.0.1:8080", "recordingsDir": "recordings",
//!   "shareSecret": "change me", "publicUrl": "http://127.0.0.1:8080",
//!   "tokens": { "t-admin": { "role": "admin" },
//!               "t-mod":   { "role": "moderator", "rooms": ["standup"] },
//!               "t-spk":   { "role": "speaker" } } }
//! ```
//! A token's `rooms` limits a moderator or speaker to those rooms (absent: all).
//!
//! Endpoints (`Authorization: Bearer <token>`; errors are JSON
//! `{"error", "message"}` with 400/401/403/404/409):
//! - `POST /api/v1/rooms` `{roomId, allowRecording?, recordingAccess?}` (admin)
//! - `GET /api/v1/rooms/{roomId}`: settings and the recording in progress
//! - `POST /api/v1/recordings` `{roomId, participants?: [{name, uri?}],
//!   layout?, quality?}`: starts one (synthetic live participants unless a
//!   URI is given); `POST /api/v1/recordings/{id}/stop`
//! - `GET /api/v1/recordings?roomId&status&maxItems&nextPageToken`,
//!   `GET|DELETE /api/v1/recordings/{id}`,
//!   `DELETE /api/v1/recordings?recordingIds=a,b` (per-id report),
//!   `GET /api/v1/recordings/download?recordingIds=a,b` (zip),
//!   `GET /api/v1/recordings/{id}/media` (HTTP Range; `?share=<token>` instead
//!   of a bearer token), `GET /api/v1/recordings/{id}/url?expiresIn=SECONDS`.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use gst::prelude::*;
use gstmeetrec::catalog::access::{self, Action, RecordingAccess, Role, RoomSettings, Rooms};
use gstmeetrec::catalog::{self, Catalog, CatalogError, share};
use gstmeetrec::metadata::{Recording, Status};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tower::ServiceExt;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct Config {
    #[serde(default = "default_listen")]
    listen: String,
    recordings_dir: PathBuf,
    /// Base of share URLs; `http://<listen address>` when absent.
    #[serde(default)]
    public_url: Option<String>,
    share_secret: String,
    tokens: HashMap<String, Caller>,
}

fn default_listen() -> String {
    "127.0.0.1:8080".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Caller {
    role: Role,
    /// The rooms a moderator or speaker belongs to; all when absent.
    #[serde(default)]
    rooms: Option<Vec<String>>,
}

impl Caller {
    /// Admins belong to every room; the others to their token's rooms.
    fn member(&self, room: &str) -> bool {
        self.role == Role::Admin
            || self
                .rooms
                .as_ref()
                .is_none_or(|r| r.iter().any(|r| r == room))
    }

    fn may(&self, action: Action, room: &str, settings: &RoomSettings) -> bool {
        self.member(room) && access::allowed(self.role, action, settings)
    }
}

/// An error answer: status and a JSON body.
#[derive(Debug)]
struct ApiError(StatusCode, String);

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError(status, message.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({
            "error": self.0.canonical_reason().unwrap_or("error"),
            "message": self.1,
        });
        (self.0, Json(body)).into_response()
    }
}

impl From<CatalogError> for ApiError {
    fn from(e: CatalogError) -> Self {
        let status = match &e {
            CatalogError::InvalidId(_) => StatusCode::BAD_REQUEST,
            CatalogError::NotFound(_) => StatusCode::NOT_FOUND,
            CatalogError::InProgress(_) => StatusCode::CONFLICT,
            CatalogError::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError(status, e.to_string())
    }
}

impl From<std::io::Error> for ApiError {
    fn from(e: std::io::Error) -> Self {
        CatalogError::Io(e).into()
    }
}

type ApiResult<T> = Result<T, ApiError>;

/// A recording in progress: its meeting pipeline and last state.
struct Active {
    room: String,
    recording_id: String,
    recorder: gst::Element,
    status: Arc<Mutex<String>>,
}

struct Service {
    config: Config,
    public_url: String,
    catalog: Catalog,
    rooms: Mutex<Rooms>,
    /// By room: at most one recording in progress per room.
    active: Mutex<HashMap<String, Active>>,
}

type Shared = Arc<Service>;

impl Service {
    fn new(config: Config, public_url: String) -> std::io::Result<Service> {
        let catalog = Catalog::new(&config.recordings_dir)?;
        // Hidden: the catalog does not list it as a recording.
        let rooms = Rooms::open(&catalog.dir().join(".rooms.json"))?;
        Ok(Service {
            config,
            public_url,
            catalog,
            rooms: Mutex::new(rooms),
            active: Mutex::new(HashMap::new()),
        })
    }

    fn caller(&self, headers: &HeaderMap) -> ApiResult<Caller> {
        let token = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "missing bearer token"))?;
        self.config
            .tokens
            .get(token.trim())
            .cloned()
            .ok_or_else(|| ApiError::new(StatusCode::UNAUTHORIZED, "unknown token"))
    }

    fn settings(&self, room: &str) -> RoomSettings {
        self.rooms.lock().unwrap().settings(room)
    }

    /// Recording `id`, if `caller` may do `action` with it.
    fn entry_for(&self, caller: &Caller, id: &str, action: Action) -> ApiResult<catalog::Entry> {
        let entry = self.catalog.get(id)?;
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

fn router(service: Shared) -> Router {
    Router::new()
        .route("/api/v1/rooms", post(create_room))
        .route("/api/v1/rooms/{room_id}", get(get_room))
        .route(
            "/api/v1/recordings",
            get(list_recordings)
                .post(start_recording)
                .delete(bulk_delete),
        )
        .route("/api/v1/recordings/download", get(download))
        .route(
            "/api/v1/recordings/{id}",
            get(get_recording).delete(delete_recording),
        )
        .route("/api/v1/recordings/{id}/stop", post(stop_recording))
        .route("/api/v1/recordings/{id}/media", get(media))
        .route("/api/v1/recordings/{id}/url", get(share_url))
        .with_state(service)
}

// ---- rooms ----

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NewRoom {
    room_id: String,
    #[serde(default = "yes")]
    allow_recording: bool,
    #[serde(default)]
    recording_access: RecordingAccess,
}

fn yes() -> bool {
    true
}

fn room_json(s: &Service, room: &str, settings: &RoomSettings) -> Value {
    let active = s.active.lock().unwrap();
    let recording = active
        .get(room)
        .map(|a| json!({ "recordingId": a.recording_id, "status": *a.status.lock().unwrap() }));
    json!({
        "roomId": room,
        "allowRecording": settings.allow_recording,
        "recordingAccess": settings.recording_access,
        "recording": recording,
    })
}

async fn create_room(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<NewRoom>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let caller = s.caller(&headers)?;
    let Json(new) = body.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    if caller.role != Role::Admin {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "only admins create rooms",
        ));
    }
    catalog::validate_id(&new.room_id)?;
    let settings = RoomSettings {
        allow_recording: new.allow_recording,
        recording_access: new.recording_access,
    };
    blocking(move || {
        {
            let mut rooms = s.rooms.lock().unwrap();
            if rooms.get(&new.room_id).is_some() {
                return Err(ApiError::new(
                    StatusCode::CONFLICT,
                    format!("room {} exists", new.room_id),
                ));
            }
            rooms.put(&new.room_id, settings)?;
        }
        Ok((
            StatusCode::CREATED,
            Json(room_json(&s, &new.room_id, &settings)),
        ))
    })
    .await
}

async fn get_room(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(room): Path<String>,
) -> ApiResult<Json<Value>> {
    let caller = s.caller(&headers)?;
    catalog::validate_id(&room)?;
    let settings =
        s.rooms.lock().unwrap().get(&room).ok_or_else(|| {
            ApiError::new(StatusCode::NOT_FOUND, format!("room {room} not found"))
        })?;
    if !caller.member(&room) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("not a member of {room}"),
        ));
    }
    Ok(Json(room_json(&s, &room, &settings)))
}

// ---- recordings: read ----

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    room_id: Option<String>,
    status: Option<Status>,
    max_items: Option<usize>,
    next_page_token: Option<String>,
}

async fn list_recordings(
    State(s): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Value>> {
    let caller = s.caller(&headers)?;
    let Query(q) = q.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    if let Some(room) = &q.room_id {
        catalog::validate_id(room)?;
    }
    let query = catalog::Query {
        room: q.room_id,
        status: q.status,
        max_items: q.max_items.unwrap_or(10),
        page_token: q.next_page_token,
    };
    blocking(move || {
        let rooms = s
            .rooms
            .lock()
            .unwrap()
            .list()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>();
        let page = s
            .catalog
            .list(&query, |r| {
                caller.may(
                    Action::Play,
                    &r.room,
                    &rooms.get(&r.room).copied().unwrap_or_default(),
                )
            })
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidInput => {
                    ApiError::new(StatusCode::BAD_REQUEST, e.to_string())
                }
                _ => e.into(),
            })?;
        let recordings: Vec<&Recording> = page.items.iter().map(|e| &e.recording).collect();
        Ok(Json(json!({
            "recordings": recordings,
            "pagination": {
                "isTruncated": page.next_page_token.is_some(),
                "nextPageToken": page.next_page_token,
                "maxItems": query.max_items.clamp(1, 100),
            }
        })))
    })
    .await
}

async fn get_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<Recording>> {
    let caller = s.caller(&headers)?;
    blocking(move || Ok(Json(s.entry_for(&caller, &id, Action::Play)?.recording))).await
}

#[derive(Deserialize)]
struct MediaQuery {
    share: Option<String>,
}

/// The media, with HTTP Range (206, Content-Range) and the container's
/// Content-Type, by tower-http's ServeFile. A `share` token replaces the
/// bearer token.
async fn media(
    State(s): State<Shared>,
    Path(id): Path<String>,
    req: Request,
) -> ApiResult<Response> {
    let q = Query::<MediaQuery>::try_from_uri(req.uri())
        .map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    let entry = match q.0.share {
        Some(token) => {
            catalog::validate_id(&id)?;
            share::verify(
                s.config.share_secret.as_bytes(),
                &id,
                &token,
                SystemTime::now(),
            )
            .map_err(|e| ApiError::new(StatusCode::FORBIDDEN, e.to_string()))?;
            let s = s.clone();
            blocking(move || Ok(s.catalog.get(&id)?)).await?
        }
        None => {
            let caller = s.caller(req.headers())?;
            let s = s.clone();
            blocking(move || s.entry_for(&caller, &id, Action::Play)).await?
        }
    };
    let resp = tower_http::services::ServeFile::new(&entry.media)
        .oneshot(req)
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(resp.map(Body::new))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UrlQuery {
    expires_in: Option<u64>,
}

async fn share_url(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    q: Result<Query<UrlQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Value>> {
    let caller = s.caller(&headers)?;
    let Query(q) = q.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    let secs = q.expires_in.unwrap_or(24 * 3600);
    if !(1..=30 * 24 * 3600).contains(&secs) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "expiresIn must be 1..=2592000 seconds",
        ));
    }
    let s2 = s.clone();
    let id2 = id.clone();
    blocking(move || s2.entry_for(&caller, &id2, Action::Play)).await?;
    let expires = SystemTime::now() + Duration::from_secs(secs);
    let token = share::token(s.config.share_secret.as_bytes(), &id, expires);
    Ok(Json(json!({
        "url": format!("{}/api/v1/recordings/{id}/media?share={token}", s.public_url),
        "expiresAt": gstmeetrec::metadata::rfc3339(expires),
    })))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct IdsQuery {
    recording_ids: String,
}

fn split_ids(q: &IdsQuery) -> ApiResult<Vec<String>> {
    let ids: Vec<String> = q
        .recording_ids
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    if ids.is_empty() || ids.len() > 100 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "recordingIds: 1 to 100 ids, comma-separated",
        ));
    }
    for id in &ids {
        catalog::validate_id(id)?;
    }
    Ok(ids)
}

/// Several recordings (media and metadata) as one zip, stored (media is
/// compressed already). Built in a temporary file, then streamed.
async fn download(
    State(s): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<IdsQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Response> {
    let caller = s.caller(&headers)?;
    let Query(q) = q.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    let ids = split_ids(&q)?;
    let file = blocking(move || {
        let entries = ids
            .iter()
            .map(|id| s.entry_for(&caller, id, Action::Play))
            .collect::<ApiResult<Vec<_>>>()?;
        let path = std::env::temp_dir().join(format!(
            "meetrec-download-{}-{}.zip",
            std::process::id(),
            ZIPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
        ));
        let file = std::fs::File::options()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)?;
        // Unlinked at once: the open handle is all the response needs, and
        // nothing is left behind whatever happens to the request.
        let _ = std::fs::remove_file(&path);
        let mut zip = zip::ZipWriter::new(file);
        let mut names = std::collections::HashSet::new();
        for e in &entries {
            let base = e
                .media
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let base = if names.insert(base.clone()) {
                base
            } else {
                format!("{}-{base}", e.recording.id)
            };
            for (name, path) in [(base.clone(), &e.media), (format!("{base}.json"), &e.json)] {
                let mut src = std::fs::File::open(path)?;
                let size = src.metadata()?.len();
                let opts = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Stored)
                    .large_file(size >= u32::MAX as u64);
                zip.start_file(name, opts).map_err(std::io::Error::other)?;
                std::io::copy(&mut src, &mut zip)?;
            }
        }
        let mut file = zip.finish().map_err(std::io::Error::other)?;
        use std::io::Seek;
        file.seek(std::io::SeekFrom::Start(0))?;
        Ok(file)
    })
    .await?;
    let len = file.metadata()?.len();
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(
        tokio::fs::File::from_std(file),
    ));
    Ok((
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (header::CONTENT_LENGTH, len.to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"recordings.zip\"".to_string(),
            ),
        ],
        body,
    )
        .into_response())
}

static ZIPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

// ---- recordings: delete ----

async fn delete_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let caller = s.caller(&headers)?;
    blocking(move || {
        let entry = s.entry_for(&caller, &id, Action::Delete)?;
        s.catalog.delete_entry(entry)?;
        Ok(StatusCode::NO_CONTENT)
    })
    .await
}

/// Deletes each id it may; answers 200 with what happened to each:
/// `{deleted: [ids], notDeleted: [{recordingId, error}]}`.
async fn bulk_delete(
    State(s): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<IdsQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Value>> {
    let caller = s.caller(&headers)?;
    let Query(q) = q.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    let ids = split_ids(&q)?;
    blocking(move || {
        let (mut deleted, mut not_deleted) = (Vec::new(), Vec::new());
        for id in ids {
            let outcome = s
                .entry_for(&caller, &id, Action::Delete)
                .and_then(|entry| Ok(s.catalog.delete_entry(entry)?));
            match outcome {
                Ok(_) => deleted.push(id),
                Err(ApiError(status, message)) => not_deleted.push(json!({
                    "recordingId": id,
                    "status": status.as_u16(),
                    "error": message,
                })),
            }
        }
        Ok(Json(
            json!({ "deleted": deleted, "notDeleted": not_deleted }),
        ))
    })
    .await
}

// ---- recordings: start / stop ----

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct StartRequest {
    room_id: String,
    #[serde(default)]
    participants: Vec<ParticipantSpec>,
    #[serde(default)]
    layout: Option<String>,
    #[serde(default)]
    quality: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParticipantSpec {
    name: String,
    /// A media URI (file://, http://, rtsp://…); synthetic when absent.
    #[serde(default)]
    uri: Option<String>,
}

fn one_of(what: &str, value: &Option<String>, allowed: &[&str]) -> ApiResult<()> {
    match value {
        Some(v) if !allowed.contains(&v.as_str()) => Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            format!("{what} must be one of {allowed:?}, not {v:?}"),
        )),
        _ => Ok(()),
    }
}

async fn start_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<StartRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let caller = s.caller(&headers)?;
    let Json(req) = body.map_err(|e| ApiError::new(StatusCode::BAD_REQUEST, e.body_text()))?;
    catalog::validate_id(&req.room_id)?;
    one_of("layout", &req.layout, &["grid", "spotlight", "sidebar"])?;
    one_of("quality", &req.quality, &["low", "med", "high"])?;
    if req.participants.len() > 25 {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "at most 25 participants",
        ));
    }
    let settings = s.rooms.lock().unwrap().get(&req.room_id).ok_or_else(|| {
        ApiError::new(
            StatusCode::NOT_FOUND,
            format!("room {} not found", req.room_id),
        )
    })?;
    if !settings.allow_recording {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("room {} does not allow recording", req.room_id),
        ));
    }
    if !caller.may(Action::Record, &req.room_id, &settings) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("{:?} may not record in room {}", caller.role, req.room_id),
        ));
    }
    blocking(move || {
        let room = req.room_id.clone();
        let mut active = s.active.lock().unwrap();
        if let Some(a) = active.get(&room) {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("room {room} is already recording ({})", a.recording_id),
            ));
        }
        let a = launch(&s, req).map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e))?;
        let body = json!({
            "recordingId": a.recording_id,
            "roomId": room,
            "status": *a.status.lock().unwrap(),
        });
        active.insert(room, a);
        Ok((StatusCode::CREATED, Json(body)))
    })
    .await
}

/// Builds and plays the room's meeting pipeline and starts its recording.
fn launch(s: &Shared, req: StartRequest) -> Result<Active, String> {
    let pipeline = gst::Pipeline::new();
    let recorder = gst::ElementFactory::make("meetingrecorder")
        .property("room", &req.room_id)
        .property("autostart", false)
        .property(
            "location",
            s.catalog
                .dir()
                .join("{room}-{id}.{ext}")
                .to_string_lossy()
                .to_string(),
        )
        .build()
        .map_err(|e| e.to_string())?;
    if let Some(q) = &req.quality {
        recorder.set_property_from_str("quality", q);
    }
    if let Some(l) = &req.layout {
        recorder.set_property_from_str("layout", l);
    }
    pipeline.add(&recorder).map_err(|e| e.to_string())?;
    let mut people = req.participants;
    if people.is_empty() {
        people = ["Ada Lovelace", "Alan Turing"]
            .map(|n| ParticipantSpec {
                name: n.into(),
                uri: None,
            })
            .into();
    }
    for (i, p) in people.iter().enumerate() {
        let id = format!("p{i}");
        match &p.uri {
            None => add_synthetic(&pipeline, &recorder, i, &id, &p.name)?,
            Some(uri) => add_uri(&pipeline, &recorder, uri, &id, &p.name)?,
        }
    }
    let status = Arc::new(Mutex::new(String::from("RECORDING_STARTING")));
    pipeline
        .set_state(gst::State::Playing)
        .map_err(|e| e.to_string())?;
    let recording_id: Option<String> = recorder.emit_by_name("start", &[]);
    let Some(recording_id) = recording_id else {
        let _ = pipeline.set_state(gst::State::Null);
        let reason: String = recorder.property("recording-state");
        return Err(format!("the recording did not start ({reason})"));
    };
    watch(
        s,
        pipeline,
        req.room_id.clone(),
        recording_id.clone(),
        status.clone(),
    );
    Ok(Active {
        room: req.room_id,
        recording_id,
        recorder,
        status,
    })
}

fn add_synthetic(
    pipeline: &gst::Pipeline,
    recorder: &gst::Element,
    i: usize,
    id: &str,
    name: &str,
) -> Result<(), String> {
    const PATTERNS: [&str; 5] = ["ball", "smpte", "pinwheel", "spokes", "circular"];
    let video = format!(
        "videotestsrc is-live=true pattern={} ! capsfilter caps=\"video/x-raw,width=640,height=360,framerate=15/1\"",
        PATTERNS[i % PATTERNS.len()]
    );
    let audio = format!(
        "audiotestsrc is-live=true wave=sine volume=0.2 freq={} samplesperbuffer=960",
        220 * (i + 2)
    );
    for (desc, template) in [(video, "video_%u"), (audio, "audio_%u")] {
        let bin = gst::parse::bin_from_description(&desc, true).map_err(|e| e.to_string())?;
        pipeline.add(&bin).map_err(|e| e.to_string())?;
        let pad = recorder
            .request_pad_simple(template)
            .ok_or("no recorder pad")?;
        pad.set_property("participant-id", id);
        pad.set_property("display-name", name);
        bin.static_pad("src")
            .unwrap()
            .link(&pad)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A participant from a URI: decoded, converted, and paced by the clock
/// (a file would otherwise run ahead of the live meeting).
fn add_uri(
    pipeline: &gst::Pipeline,
    recorder: &gst::Element,
    uri: &str,
    id: &str,
    name: &str,
) -> Result<(), String> {
    let dec = gst::ElementFactory::make("uridecodebin")
        .property("uri", uri)
        .build()
        .map_err(|e| e.to_string())?;
    pipeline.add(&dec).map_err(|e| e.to_string())?;
    let (pw, rw, id, name) = (
        pipeline.downgrade(),
        recorder.downgrade(),
        id.to_string(),
        name.to_string(),
    );
    dec.connect_pad_added(move |_, src| {
        let (Some(pipeline), Some(recorder)) = (pw.upgrade(), rw.upgrade()) else {
            return;
        };
        let kind = src
            .current_caps()
            .and_then(|c| c.structure(0).map(|s| s.name().to_string()))
            .unwrap_or_default();
        let (template, convert) = match kind.split('/').next() {
            Some("video") => ("video_%u", "videoconvert"),
            Some("audio") => ("audio_%u", "audioconvert"),
            _ => return,
        };
        let Ok(bin) = gst::parse::bin_from_description(&format!("{convert} ! clocksync"), true)
        else {
            return;
        };
        let Some(pad) = recorder.request_pad_simple(template) else {
            return;
        };
        pad.set_property("participant-id", &id);
        pad.set_property("display-name", &name);
        let _ = pipeline.add(&bin);
        let _ = bin.sync_state_with_parent();
        let _ = bin.static_pad("src").unwrap().link(&pad);
        let _ = src.link(&bin.static_pad("sink").unwrap());
    });
    Ok(())
}

/// Follows the meeting's bus: the recording's states into `status`; when it
/// is stopped or failed (or the pipeline errs), the pipeline goes down and
/// the room is free again.
fn watch(
    s: &Shared,
    pipeline: gst::Pipeline,
    room: String,
    id: String,
    status: Arc<Mutex<String>>,
) {
    let service = Arc::downgrade(s);
    std::thread::spawn(move || {
        let bus = pipeline.bus().unwrap();
        for msg in bus.iter_timed(gst::ClockTime::NONE) {
            match msg.view() {
                gst::MessageView::Element(e) => {
                    let Some(st) = e
                        .structure()
                        .filter(|st| st.name() == "recording-state-changed")
                    else {
                        continue;
                    };
                    if st.get::<&str>("recording-id").ok() != Some(id.as_str()) {
                        continue;
                    }
                    let state = st.get::<String>("status").unwrap_or_default();
                    *status.lock().unwrap() = state.clone();
                    if state == "RECORDING_STOPPED" || state == "RECORDING_FAILED" {
                        break;
                    }
                }
                gst::MessageView::Error(e) => {
                    eprintln!("room {room}: {}", e.error());
                    *status.lock().unwrap() = "RECORDING_FAILED".into();
                    break;
                }
                gst::MessageView::Eos(_) => break,
                _ => {}
            }
        }
        let _ = pipeline.set_state(gst::State::Null);
        if let Some(s) = service.upgrade() {
            let mut active = s.active.lock().unwrap();
            if active.get(&room).is_some_and(|a| a.recording_id == id) {
                active.remove(&room);
            }
        }
    });
}

async fn stop_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let caller = s.caller(&headers)?;
    catalog::validate_id(&id)?;
    blocking(move || {
        let found = s
            .active
            .lock()
            .unwrap()
            .values()
            .find(|a| a.recording_id == id)
            .map(|a| (a.room.clone(), a.recorder.clone(), a.status.clone()));
        let Some((room, recorder, status)) = found else {
            // Known but finished, or unknown.
            s.catalog.get(&id)?;
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("recording {id} is not in progress"),
            ));
        };
        if !caller.may(Action::Record, &room, &s.settings(&room)) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                format!("{:?} may not stop recordings in room {room}", caller.role),
            ));
        }
        recorder.emit_by_name::<()>("stop", &[]);
        let status = status.lock().unwrap().clone();
        Ok((
            StatusCode::ACCEPTED,
            Json(json!({ "recordingId": id, "roomId": room, "status": status })),
        ))
    })
    .await
}

// ---- main ----

/// Stops every recording in progress and waits (up to `limit`) for their
/// files to be finalized.
fn stop_all(s: &Shared, limit: Duration) {
    for a in s.active.lock().unwrap().values() {
        a.recorder.emit_by_name::<()>("stop", &[]);
    }
    let deadline = std::time::Instant::now() + limit;
    while !s.active.lock().unwrap().is_empty() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[derive(Serialize)]
struct Listening {
    url: String,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let config_path = match args.as_slice() {
        [_, flag, path] if flag == "--config" => path.clone(),
        _ => {
            eprintln!("usage: recording_service --config service.json");
            std::process::exit(2);
        }
    };
    let config: Config = match std::fs::read(&config_path)
        .map_err(|e| e.to_string())
        .and_then(|b| serde_json::from_slice(&b).map_err(|e| e.to_string()))
    {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{config_path}: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = serve(config) {
        eprintln!("recording_service: {e}");
        std::process::exit(1);
    }
}

fn serve(config: Config) -> Result<(), String> {
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
    let service = Arc::new(Service::new(config, public_url.clone()).map_err(|e| e.to_string())?);
    println!(
        "{}",
        serde_json::to_string(&Listening { url: public_url }).unwrap()
    );
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| e.to_string())?;
        axum::serve(listener, router(service.clone()))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|e| e.to_string())
    })?;
    // Finish what is being recorded rather than leave it to recovery.
    stop_all(&service, Duration::from_secs(10));
    Ok(())
}

#[cfg(test)]
#[path = "../tests/common/mod.rs"]
mod common;

#[cfg(test)]
#[path = "recording_service/tests.rs"]
mod tests;
