// SPDX-License-Identifier: MPL-2.0
//! Rooms: their recording settings.

use super::*;

/// A room to create (meetrec's own rooms API: who may record and play).
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct NewRoom {
    room_id: String,
    #[serde(default = "yes")]
    allow_recording: bool,
    /// admin, admin-moderator or admin-moderator-speaker (default).
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    recording_access: RecordingAccess,
}

/// A room's settings and its recording in progress.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RoomView {
    room_id: String,
    allow_recording: bool,
    #[schema(value_type = String)]
    recording_access: RecordingAccess,
    recording: Option<RoomRecording>,
}

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RoomRecording {
    recording_id: String,
    /// The recorder's state: RECORDING_STARTING, RECORDING_STARTED, …
    status: String,
}

pub(crate) fn yes() -> bool {
    true
}

pub(crate) fn room_json(s: &Service, room: &str, settings: &RoomSettings) -> RoomView {
    let active = s.active.lock().unwrap();
    RoomView {
        room_id: room.into(),
        allow_recording: settings.allow_recording,
        recording_access: settings.recording_access,
        recording: active.get(room).map(|a| RoomRecording {
            recording_id: a.api_id.clone(),
            status: a.status.lock().unwrap().clone(),
        }),
    }
}

/// Creates a room (admins).
#[utoipa::path(post, path = "/rooms", operation_id = "createRoom", tag = "Rooms",
    request_body = NewRoom,
    responses((status = 201, body = RoomView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 409, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn create_room(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: Result<Json<NewRoom>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<(StatusCode, Json<RoomView>)> {
    let caller = s.caller(&headers)?;
    let Json(new) = body.map_err(|e| rejected("body", e.body_text()))?;
    if caller.role != Role::Admin {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "only admins create rooms",
        ));
    }
    catalog::validate_id(&new.room_id).map_err(|e| ApiError::invalid("roomId", e.to_string()))?;
    let settings = RoomSettings {
        allow_recording: new.allow_recording,
        recording_access: new.recording_access,
    };
    blocking(move || {
        if !s.create_room(&new.room_id, settings)? {
            return Err(ApiError::new(
                StatusCode::CONFLICT,
                format!("Room \"{}\" exists", new.room_id),
            )
            .kind("Room Error"));
        }
        Ok((
            StatusCode::CREATED,
            Json(room_json(&s, &new.room_id, &settings)),
        ))
    })
    .await
}

/// A room's settings and recording in progress.
#[utoipa::path(get, path = "/rooms/{roomId}", operation_id = "getRoom", tag = "Rooms",
    params(("roomId" = String, Path)),
    responses((status = 200, body = RoomView), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn get_room(
    State(s): State<Shared>,
    headers: HeaderMap,
    Path(room): Path<String>,
) -> ApiResult<Json<RoomView>> {
    let caller = s.caller(&headers)?;
    catalog::validate_id(&room).map_err(|e| ApiError::invalid("roomId", e.to_string()))?;
    let (s2, r2) = (s.clone(), room.clone());
    let settings = blocking(move || s2.room(&r2)).await?.ok_or_else(|| {
        ApiError::new(StatusCode::NOT_FOUND, format!("Room \"{room}\" not found"))
            .kind("Room Error")
    })?;
    if !caller.member(&room) {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("not a member of {room}"),
        ));
    }
    Ok(Json(room_json(&s, &room, &settings)))
}
