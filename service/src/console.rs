// SPDX-License-Identifier: MPL-2.0
//! The recordings console: static files embedded in the binary (plain
//! HTML/CSS/JS, no build step), served at `/`, and `/api/v1/me`, which
//! tells the page what the caller may do.

use super::*;

const INDEX: &str = include_str!("../console/index.html");
const SCRIPT: &str = include_str!("../console/console.js");
const STYLE: &str = include_str!("../console/console.css");

pub(crate) fn routes() -> Router<Shared> {
    let file = |body: &'static str, kind: &'static str| {
        get(move || async move {
            (
                [
                    (header::CONTENT_TYPE, kind),
                    (header::CACHE_CONTROL, "no-cache"),
                ],
                body,
            )
        })
    };
    Router::new()
        .route("/", file(INDEX, "text/html; charset=utf-8"))
        .route(
            "/console/console.js",
            file(SCRIPT, "text/javascript; charset=utf-8"),
        )
        .route(
            "/console/console.css",
            file(STYLE, "text/css; charset=utf-8"),
        )
}

/// What the caller may do in a room.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Permissions {
    record: bool,
    play: bool,
    delete: bool,
}

/// Who is calling, and what they may do in each room the service knows
/// (`"*"`: rooms it has no settings for).
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct Me {
    /// admin, moderator or speaker.
    role: String,
    /// The rooms they belong to; null: all.
    rooms: Option<Vec<String>>,
    permissions: BTreeMap<String, Permissions>,
}

#[utoipa::path(get, path = "/me", operation_id = "getMe", tag = "Console",
    responses((status = 200, body = Me), (status = 401, body = ErrorBody)),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn me(State(s): State<Shared>, headers: HeaderMap) -> ApiResult<Json<Me>> {
    let caller = s.caller(&headers)?;
    let may = |room: &str, settings: &RoomSettings| Permissions {
        record: settings.allow_recording && caller.may(Action::Record, room, settings),
        play: caller.may(Action::Play, room, settings),
        delete: caller.may(Action::Delete, room, settings),
    };
    let mut permissions: BTreeMap<String, Permissions> = s
        .rooms
        .lock()
        .unwrap()
        .list()
        .filter(|(room, _)| caller.member(room))
        .map(|(room, settings)| (room.to_string(), may(room, settings)))
        .collect();
    permissions.insert("*".into(), may("*", &RoomSettings::default()));
    Ok(Json(Me {
        role: serde_json::to_value(caller.role)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default(),
        rooms: caller.rooms.clone(),
        permissions,
    }))
}
