// SPDX-License-Identifier: MPL-2.0
//! Rooms: their recording settings.

use super::*;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub(crate) struct NewRoom {
    room_id: String,
    #[serde(default = "yes")]
    allow_recording: bool,
    #[serde(default)]
    recording_access: RecordingAccess,
}

pub(crate) fn yes() -> bool {
    true
}

pub(crate) fn room_json(s: &Service, room: &str, settings: &RoomSettings) -> Value {
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

pub(crate) async fn create_room(
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

pub(crate) async fn get_room(
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
