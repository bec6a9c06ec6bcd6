// SPDX-License-Identifier: MPL-2.0
//! Recordings: list, get, media, share links, download, delete.

use super::*;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListQuery {
    room_id: Option<String>,
    status: Option<Status>,
    max_items: Option<usize>,
    next_page_token: Option<String>,
}

pub(crate) async fn list_recordings(
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
        let recordings: Vec<Recording> = page
            .items
            .iter()
            .map(|e| for_clients(&e.recording))
            .collect();
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

pub(crate) async fn get_recording(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> ApiResult<Json<Recording>> {
    let caller = s.caller(&headers)?;
    blocking(move || {
        Ok(Json(for_clients(
            &s.entry_for(&caller, &id, Action::Play)?.recording,
        )))
    })
    .await
}

/// A recording as clients see it: its file by name, never by where it is
/// on the server (they fetch it by id: /media, /audio, a share URL).
pub(crate) fn for_clients(recording: &Recording) -> Recording {
    let mut r = recording.clone();
    r.file.path = std::path::Path::new(&r.file.path)
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().to_string());
    r
}

#[derive(Deserialize)]
pub(crate) struct MediaQuery {
    share: Option<String>,
}

/// The media, with HTTP Range (206, Content-Range) and the container's
/// Content-Type, by tower-http's ServeFile. A `share` token replaces the
/// bearer token.
pub(crate) async fn media(
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
pub(crate) struct UrlQuery {
    expires_in: Option<u64>,
}

pub(crate) async fn share_url(
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
pub(crate) struct IdsQuery {
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
pub(crate) async fn download(
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

pub(crate) static ZIPS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// A recording's audio on its own, without transcoding: Opus as `.opus`
/// (Ogg), PCM as `.wav` (`gstmeetrec::export`). Made in a temporary file,
/// then streamed as an attachment.
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
                format!("recording {id} is still being recorded"),
            ));
        }
        let kind = gstmeetrec::export::AudioExport::of(&entry.recording).ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                format!("recording {id} has no audio"),
            )
        })?;
        let path = std::env::temp_dir().join(format!(
            "meetrec-audio-{}-{}.{}",
            std::process::id(),
            ZIPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            kind.extension()
        ));
        gstmeetrec::export::export_audio(&entry.recording, &entry.media, &path)
            .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e))?;
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

// ---- recordings: delete ----

pub(crate) async fn delete_recording(
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
pub(crate) async fn bulk_delete(
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
