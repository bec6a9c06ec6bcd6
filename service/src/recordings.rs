// SPDX-License-Identifier: MPL-2.0
//! Recordings: list, get, media, download, share links, delete, in
//! OpenVidu Meet's published shape (`catalog::openvidu::MeetRecording`,
//! its parameters, status codes and error bodies).

use super::*;
use crate::query::{MatchMode, NameFilter};
use gstmeetrec::catalog::SortField;
use gstmeetrec::catalog::openvidu::{self, MeetRecording, MeetStatus};

impl Service {
    /// The recorder states of the recordings this service is running, by id.
    pub(crate) fn live_states(&self) -> HashMap<String, String> {
        self.active
            .lock()
            .unwrap()
            .values()
            .map(|a| (a.api_id.clone(), a.status.lock().unwrap().clone()))
            .collect()
    }

    /// The recorder state of recording `id`, if this service is running it.
    pub(crate) fn live_state(&self, id: &str) -> Option<String> {
        self.active
            .lock()
            .unwrap()
            .values()
            .find(|a| a.api_id == id)
            .map(|a| a.status.lock().unwrap().clone())
    }
}

/// `r` as OpenVidu Meet's recording object, meetrec's metadata under
/// `meetrec`; `live` is its recorder's state when this service runs it.
pub(crate) fn meet(r: &Recording, live: Option<&str>) -> MeetRecording {
    let r = r.without_paths();
    let mut m = openvidu::meet_recording(&r, live);
    m.meetrec = Some(r);
    m
}

/// [`meet`] as JSON, with only the `keep` fields when some are asked for
/// (`fields`, `X-Fields`).
pub(crate) fn meet_fields(
    r: &Recording,
    live: Option<&str>,
    keep: Option<&BTreeSet<String>>,
) -> Value {
    let whole = serde_json::to_value(meet(r, live)).expect("a recording object serializes");
    query::select(whole, keep)
}

/// `sortField`.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) enum SortFieldParam {
    StartDate,
    RoomName,
    Duration,
    Size,
}

/// `sortOrder`.
#[derive(Debug, Clone, Copy, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum SortOrder {
    Asc,
    Desc,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct ListQuery {
    /// Only this room's recordings.
    room_id: Option<String>,
    /// Only rooms whose name matches (see roomNameMatchMode).
    room_name: Option<String>,
    /// exact (default), prefix, partial or regex.
    #[param(inline)]
    room_name_match_mode: Option<MatchMode>,
    /// Whether roomName ignores case (default false).
    room_name_case_insensitive: Option<bool>,
    #[param(inline)]
    status: Option<MeetStatus>,
    /// Comma-separated fields of each recording to return.
    fields: Option<String>,
    /// 1 to 100 (default 10).
    #[param(minimum = 1, maximum = 100)]
    max_items: Option<usize>,
    next_page_token: Option<String>,
    /// startDate (default), roomName, duration or size.
    #[param(inline)]
    sort_field: Option<SortFieldParam>,
    /// desc (default) or asc.
    #[param(inline)]
    sort_order: Option<SortOrder>,
}

/// A page of recordings.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct RecordingPage {
    recordings: Vec<MeetRecording>,
    pagination: Pagination,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Pagination {
    is_truncated: bool,
    next_page_token: Option<String>,
    max_items: usize,
}

pub(crate) fn x_fields(headers: &HeaderMap) -> Option<&str> {
    headers.get("x-fields").and_then(|v| v.to_str().ok())
}

/// Recordings the caller may see, newest first unless asked otherwise.
#[utoipa::path(get, path = "/recordings", operation_id = "getRecordings",
    tag = "Recordings",
    params(ListQuery, ("X-Fields" = Option<String>, Header, description = "Comma-separated fields, merged with `fields`")),
    responses(
        (status = 200, description = "A page of recordings", body = RecordingPage),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn list_recordings(
    State(s): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<ListQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Value>> {
    let caller = s.caller(&headers)?;
    let Query(q) = q.map_err(|e| rejected("query", e.body_text()))?;
    if let Some(room) = &q.room_id {
        catalog::validate_id(room).map_err(|e| ApiError::invalid("roomId", e.to_string()))?;
    }
    let names = q
        .room_name
        .as_deref()
        .map(|n| {
            NameFilter::new(
                n,
                q.room_name_match_mode.unwrap_or_default(),
                q.room_name_case_insensitive.unwrap_or(false),
            )
        })
        .transpose()
        .map_err(|e| ApiError::invalid("roomName", e))?;
    let max_items = q.max_items.unwrap_or(10);
    if !(1..=100).contains(&max_items) {
        return Err(ApiError::invalid("maxItems", "must be 1 to 100"));
    }
    let keep = query::fields(q.fields.as_deref(), x_fields(&headers));
    let query = catalog::Query {
        room: q.room_id,
        status: None,
        max_items,
        page_token: q.next_page_token,
        sort: match q.sort_field {
            None | Some(SortFieldParam::StartDate) => SortField::StartDate,
            Some(SortFieldParam::RoomName) => SortField::RoomName,
            Some(SortFieldParam::Duration) => SortField::Duration,
            Some(SortFieldParam::Size) => SortField::Size,
        },
        ascending: matches!(q.sort_order, Some(SortOrder::Asc)),
    };
    let want_status = q.status;
    if s.fleet.is_some() {
        return blocking(move || {
            let (items, next) = s.list_shared(
                &caller,
                &query,
                names.as_ref(),
                want_status.map(MeetStatus::as_str),
            )?;
            let recordings: Vec<Value> = items
                .iter()
                .map(|st| meet_fields(&st.recording, shared::live_of(st).as_deref(), keep.as_ref()))
                .collect();
            Ok(Json(json!({
                "recordings": recordings,
                "pagination": Pagination {
                    is_truncated: next.is_some(),
                    next_page_token: next,
                    max_items: query.max_items,
                },
            })))
        })
        .await;
    }
    blocking(move || {
        let rooms = s
            .rooms
            .lock()
            .unwrap()
            .list()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>();
        let live = s.live_states();
        let page = s
            .catalog
            .list(&query, |r| {
                caller.may(
                    Action::Play,
                    &r.room,
                    &rooms.get(&r.room).copied().unwrap_or_default(),
                ) && names.as_ref().is_none_or(|f| f.matches(&r.room))
                    && want_status.is_none_or(|st| {
                        openvidu::status(r, live.get(&r.id).map(String::as_str)) == st
                    })
            })
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::InvalidInput => {
                    ApiError::invalid("nextPageToken", e.to_string())
                }
                _ => e.into(),
            })?;
        let recordings: Vec<Value> = page
            .items
            .iter()
            .map(|e| {
                meet_fields(
                    &e.recording,
                    live.get(&e.recording.id).map(String::as_str),
                    keep.as_ref(),
                )
            })
            .collect();
        Ok(Json(json!({
            "recordings": recordings,
            "pagination": Pagination {
                is_truncated: page.next_page_token.is_some(),
                next_page_token: page.next_page_token,
                max_items: query.max_items,
            },
        })))
    })
    .await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct GetQuery {
    /// Comma-separated fields to return.
    fields: Option<String>,
    /// A share link's secret, instead of signing in.
    recording_secret: Option<String>,
}

/// The caller's entry for `id`: by a share secret when one is given (no
/// sign-in needed), else by who the headers say is calling.
async fn entry_by(
    s: &Shared,
    headers: &HeaderMap,
    id: String,
    secret: Option<String>,
    action: Action,
) -> ApiResult<catalog::Entry> {
    let s = s.clone();
    match secret {
        Some(token) => {
            catalog::validate_id(&id)?;
            share::verify(
                s.config.share_secret.as_bytes(),
                &id,
                &token,
                SystemTime::now(),
            )
            .map_err(|e| {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    format!("Secret is not recognized for recording \"{id}\": {e}"),
                )
            })?;
            blocking(move || s.lookup(&id)).await
        }
        None => {
            let caller = s.caller(headers)?;
            blocking(move || s.entry_for(&caller, &id, action)).await
        }
    }
}

/// One recording.
#[utoipa::path(get, path = "/recordings/{recordingId}", operation_id = "getRecording",
    tag = "Recordings",
    params(("recordingId" = String, Path), GetQuery,
        ("X-Fields" = Option<String>, Header, description = "Comma-separated fields, merged with `fields`")),
    responses(
        (status = 200, body = MeetRecording), (status = 400, body = ErrorBody),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = []), ()))]
pub(crate) async fn get_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    q: Result<Query<GetQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<Value>> {
    let Query(q) = q.map_err(|e| rejected("query", e.body_text()))?;
    let entry = entry_by(&s, &headers, id, q.recording_secret, Action::Play).await?;
    let keep = query::fields(q.fields.as_deref(), x_fields(&headers));
    let (s2, id) = (s.clone(), entry.recording.id.clone());
    let live = blocking(move || s2.live_now(&id)).await?;
    Ok(Json(meet_fields(
        &entry.recording,
        live.as_deref(),
        keep.as_ref(),
    )))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct MediaQuery {
    /// A share link's secret, instead of signing in.
    recording_secret: Option<String>,
    /// meetrec's share links before OpenVidu Meet's name (same secret).
    share: Option<String>,
}

/// Serves recording `id`'s media (by a share secret or the caller's
/// credential) with Range, 206 and the container's type;
/// an unsatisfiable range is 416 with an error body; `attachment` adds
/// Content-Disposition so browsers save it.
async fn serve_media(
    s: &Shared,
    id: String,
    req: Request,
    attachment: bool,
) -> ApiResult<Response> {
    let q = Query::<MediaQuery>::try_from_uri(req.uri())
        .map_err(|e| rejected("query", e.body_text()))?;
    let secret = q.0.recording_secret.or(q.0.share);
    // In a fleet, the node whose disk holds it answers (it checks who asks).
    let (s2, id2) = (s.clone(), id.clone());
    if let Some(node) = blocking(move || s2.holder_of(&id2)).await? {
        return shared::through(&node, req).await;
    }
    let entry = entry_by(s, req.headers(), id.clone(), secret, Action::Play).await?;
    let (s2, entry) = (s.clone(), entry);
    let entry = blocking(move || s2.fetch_media(&entry).map(|()| entry)).await?;
    let mut resp = tower_http::services::ServeFile::new(&entry.media)
        .oneshot(req)
        .await
        .map_err(ApiError::internal)?
        .map(Body::new);
    if resp.status() == StatusCode::RANGE_NOT_SATISFIABLE {
        let size = std::fs::metadata(&entry.media).map_or(0, |m| m.len());
        let mut err = ApiError::new(
            StatusCode::RANGE_NOT_SATISFIABLE,
            format!("Recording \"{id}\" range not satisfiable. File size: {size}"),
        )
        .into_response();
        if let Some(cr) = resp.headers().get(header::CONTENT_RANGE).cloned() {
            err.headers_mut().insert(header::CONTENT_RANGE, cr);
        }
        return Ok(err);
    }
    if attachment {
        let name = entry
            .media
            .file_name()
            .map(|n| n.to_string_lossy().replace('"', ""))
            .unwrap_or_default();
        if let Ok(v) = format!("attachment; filename=\"{name}\"").parse() {
            resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
        }
    }
    Ok(resp)
}

/// The media, for playing: HTTP Range (206, Content-Range).
#[utoipa::path(get, path = "/recordings/{recordingId}/media", operation_id = "getRecordingMedia",
    tag = "Recordings",
    params(("recordingId" = String, Path), MediaQuery, ("Range" = Option<String>, Header)),
    responses(
        (status = 200, description = "The whole file", content_type = "video/webm", body = Vec<u8>),
        (status = 206, description = "The range asked for", content_type = "video/webm", body = Vec<u8>),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 416, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = []), ()))]
pub(crate) async fn media(
    State(s): State<Shared>,
    Path(id): Path<String>,
    req: Request,
) -> ApiResult<Response> {
    serve_media(&s, id, req, false).await
}

/// The media as a file to save (Content-Disposition: attachment).
#[utoipa::path(get, path = "/recordings/{recordingId}/download", operation_id = "downloadRecording",
    tag = "Recordings",
    params(("recordingId" = String, Path), MediaQuery),
    responses(
        (status = 200, description = "The file", content_type = "video/webm", body = Vec<u8>),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = []), ()))]
pub(crate) async fn download_one(
    State(s): State<Shared>,
    Path(id): Path<String>,
    req: Request,
) -> ApiResult<Response> {
    serve_media(&s, id, req, true).await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct UrlQuery {
    /// true: a link for signed-in users only (no secret in it); false
    /// (default): anyone with the link may play it until it expires.
    private_access: Option<bool>,
    /// meetrec: how long a public link works, 1 to 2592000 s (default a day).
    expires_in: Option<u64>,
}

/// A link to the recording.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RecordingUrl {
    url: String,
    /// meetrec: when a public link stops working (RFC 3339); absent for
    /// private ones.
    #[serde(skip_serializing_if = "Option::is_none")]
    expires_at: Option<String>,
}

#[utoipa::path(get, path = "/recordings/{recordingId}/url", operation_id = "getRecordingUrl",
    tag = "Recordings",
    params(("recordingId" = String, Path), UrlQuery),
    responses(
        (status = 200, body = RecordingUrl), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn share_url(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
    q: Result<Query<UrlQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Json<RecordingUrl>> {
    let caller = s.caller(&headers)?;
    let Query(q) = q.map_err(|e| rejected("query", e.body_text()))?;
    let secs = q.expires_in.unwrap_or(24 * 3600);
    if !(1..=30 * 24 * 3600).contains(&secs) {
        return Err(ApiError::invalid(
            "expiresIn",
            "must be 1 to 2592000 seconds",
        ));
    }
    let s2 = s.clone();
    let id2 = id.clone();
    blocking(move || s2.entry_for(&caller, &id2, Action::Play)).await?;
    let media = format!("{}/api/v1/recordings/{id}/media", s.public_url);
    if q.private_access == Some(true) {
        return Ok(Json(RecordingUrl {
            url: media,
            expires_at: None,
        }));
    }
    let expires = SystemTime::now() + Duration::from_secs(secs);
    let token = share::token(s.config.share_secret.as_bytes(), &id, expires);
    Ok(Json(RecordingUrl {
        url: format!("{media}?recordingSecret={token}"),
        expires_at: Some(gstmeetrec::metadata::rfc3339(expires)),
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(rename_all = "camelCase")]
pub(crate) struct IdsQuery {
    /// Comma-separated recording ids (1 to 100).
    recording_ids: String,
}

pub(crate) fn split_ids(q: &IdsQuery) -> ApiResult<Vec<String>> {
    let ids: Vec<String> = q
        .recording_ids
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    if ids.is_empty() || ids.len() > 100 {
        return Err(ApiError::invalid(
            "recordingIds",
            "1 to 100 ids, comma-separated",
        ));
    }
    for id in &ids {
        catalog::validate_id(id).map_err(|e| ApiError::invalid("recordingIds", e.to_string()))?;
    }
    Ok(ids)
}

/// Several recordings (media and metadata) as one zip: those of the ids
/// the caller may play; 400 when none is. Stored, not compressed (media
/// is); built in a temporary file, then streamed.
#[utoipa::path(get, path = "/recordings/download", operation_id = "downloadRecordings",
    tag = "Recordings",
    params(IdsQuery),
    responses(
        (status = 200, description = "recordings.zip", content_type = "application/zip", body = Vec<u8>),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn download(
    State(s): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<IdsQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<Response> {
    let caller = s.caller(&headers)?;
    let Query(q) = q.map_err(|e| rejected("recordingIds", e.body_text()))?;
    let ids = split_ids(&q)?;
    let file = blocking(move || {
        let entries: Vec<catalog::Entry> = ids
            .iter()
            .filter_map(|id| s.entry_for(&caller, id, Action::Play).ok())
            .filter(|e| e.recording.status != Status::Recording)
            .collect();
        for e in &entries {
            s.fetch_media(e)?;
        }
        if entries.is_empty() {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "None of the provided recordings are available for ZIP download",
            ));
        }
        zip_entries(&entries)
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

/// A zip of `entries` (each media, its other parts, its metadata) in an
/// unlinked temporary file, rewound.
fn zip_entries(entries: &[catalog::Entry]) -> ApiResult<std::fs::File> {
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
    for e in entries {
        let base = e
            .media
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (base, prefix) = if names.insert(base.clone()) {
            (base, String::new())
        } else {
            (
                format!("{}-{base}", e.recording.id),
                format!("{}-", e.recording.id),
            )
        };
        // A split recording's other parts go beside its first.
        let mut files = vec![(base.clone(), e.media.clone())];
        for part in e.recording.file.parts.iter().skip(1) {
            files.push((format!("{prefix}{part}"), e.media.with_file_name(part)));
        }
        files.push((format!("{base}.json"), e.json.clone()));
        for (name, path) in files {
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
}

pub(crate) static ZIPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A recording's audio on its own, without transcoding: Opus as `.opus`
/// (Ogg), PCM as `.wav` (`gstmeetrec::export`). Made in a temporary file,
/// then streamed as an attachment.
#[utoipa::path(get, path = "/recordings/{recordingId}/audio", operation_id = "getRecordingAudio",
    tag = "Recordings",
    params(("recordingId" = String, Path)),
    responses(
        (status = 200, description = "Ogg Opus or WAV", content_type = "audio/ogg", body = Vec<u8>),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn audio(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let caller = s.caller(&headers)?;
    let (file, kind, name) = blocking(move || {
        let entry = s.entry_for(&caller, &id, Action::Play)?;
        if entry.recording.status == Status::Recording {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("Recording \"{id}\" is not stopped yet"),
            ));
        }
        s.fetch_media(&entry)?;
        let kind = gstmeetrec::export::AudioExport::of(&entry.recording).ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                format!("Recording \"{id}\" has no audio"),
            )
        })?;
        let path = std::env::temp_dir().join(format!(
            "meetrec-audio-{}-{}.{}",
            std::process::id(),
            ZIPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            kind.extension()
        ));
        gstmeetrec::export::export_audio(&entry.recording, &entry.media, &path)
            .map_err(ApiError::internal)?;
        let file = std::fs::File::open(&path);
        // Unlinked once open: nothing is left behind whatever happens next.
        let _ = std::fs::remove_file(&path);
        let name = gstmeetrec::export::audio_file_name(&entry.media, kind);
        Ok((file?, kind, name))
    })
    .await?;
    let len = file.metadata()?.len();
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(
        tokio::fs::File::from_std(file),
    ));
    Ok((
        [
            (header::CONTENT_TYPE, kind.mime_type().to_string()),
            (header::CONTENT_LENGTH, len.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response())
}

/// `{message}`: what a delete did.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Message {
    message: String,
}

/// Deletes a finished recording (409 while it is in progress).
#[utoipa::path(delete, path = "/recordings/{recordingId}", operation_id = "deleteRecording",
    tag = "Recordings",
    params(("recordingId" = String, Path)),
    responses(
        (status = 200, body = Message), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 409, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn delete_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<Message>> {
    let caller = s.caller(&headers)?;
    blocking(move || {
        let entry = s.entry_for(&caller, &id, Action::Delete)?;
        s.delete(entry)?;
        Ok(Json(Message {
            message: format!("Recording '{id}' deleted successfully"),
        }))
    })
    .await
}

/// What a bulk delete did: 200 when all went, 400 when some did not.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct BulkDeleted {
    message: String,
    deleted: Vec<String>,
    failed: Vec<NotDeleted>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NotDeleted {
    recording_id: String,
    /// Why: "Recording not found", "Recording in progress", …
    error: String,
    /// The HTTP status deleting it alone would have had.
    status: u16,
}

#[utoipa::path(delete, path = "/recordings", operation_id = "bulkDeleteRecordings",
    tag = "Recordings",
    params(IdsQuery),
    responses(
        (status = 200, body = BulkDeleted), (status = 400, body = BulkDeleted),
        (status = 401, body = ErrorBody), (status = 422, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn bulk_delete(
    State(s): State<Shared>,
    headers: HeaderMap,
    q: Result<Query<IdsQuery>, axum::extract::rejection::QueryRejection>,
) -> ApiResult<(StatusCode, Json<BulkDeleted>)> {
    let caller = s.caller(&headers)?;
    let Query(q) = q.map_err(|e| rejected("recordingIds", e.body_text()))?;
    let ids = split_ids(&q)?;
    blocking(move || {
        let (mut deleted, mut failed) = (Vec::new(), Vec::new());
        for id in ids {
            let outcome = s
                .entry_for(&caller, &id, Action::Delete)
                .and_then(|entry| s.delete(entry));
            match outcome {
                Ok(_) => deleted.push(id),
                Err(e) => failed.push(NotDeleted {
                    recording_id: id,
                    error: match e.status {
                        StatusCode::NOT_FOUND => "Recording not found".into(),
                        StatusCode::CONFLICT => "Recording in progress".into(),
                        _ => e.message,
                    },
                    status: e.status.as_u16(),
                }),
            }
        }
        let (status, message) = if failed.is_empty() {
            (
                StatusCode::OK,
                "All recordings deleted successfully".to_string(),
            )
        } else {
            (
                StatusCode::BAD_REQUEST,
                format!("{} recording(s) could not be deleted", failed.len()),
            )
        };
        Ok((
            status,
            Json(BulkDeleted {
                message,
                deleted,
                failed,
            }),
        ))
    })
    .await
}
