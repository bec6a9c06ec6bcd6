// SPDX-License-Identifier: MPL-2.0
//! `GET /api/v1/nodes` (meetrec's own, admins): the fleet's live nodes, what
//! each records now, its measured load and headroom. Without a database the
//! fleet is this one node.

use super::*;
use crate::fleet::nodes as registry;

/// One node of the fleet.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub(crate) struct NodeInfo {
    node_id: String,
    url: String,
    /// RFC 3339; the database's clock in a fleet, this node's alone.
    heartbeat_at: String,
    /// What it records now: `{recordingId, roomId}`.
    #[schema(value_type = Vec<Object>)]
    recordings: Value,
    /// CPU cores its recordings use, measured over the last second (null
    /// without a fleet: a lone node measures nothing).
    load: Option<f64>,
    /// CPU cores free on its machine, measured over the last second.
    headroom: Option<f64>,
    draining: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct NodesBody {
    nodes: Vec<NodeInfo>,
}

/// Lists the fleet's live nodes (admins).
#[utoipa::path(get, path = "/nodes", operation_id = "listNodes", tag = "Fleet",
    responses(
        (status = 200, body = NodesBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 503, body = ErrorBody),
    ),
    security(("apiKeyHeader" = []), ("accessTokenHeader" = [])))]
pub(crate) async fn list_nodes(
    State(s): State<Shared>,
    headers: HeaderMap,
) -> ApiResult<Json<NodesBody>> {
    let caller = s.caller(&headers)?;
    if caller.role != Role::Admin {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("{:?} may not list the fleet's nodes", caller.role),
        ));
    }
    let Some(member) = &s.fleet else {
        return Ok(Json(NodesBody {
            nodes: vec![NodeInfo {
                node_id: s.node_id.clone(),
                url: s.public_url.clone(),
                heartbeat_at: gstmeetrec::metadata::rfc3339(SystemTime::now()),
                recordings: s.running(),
                load: None,
                headroom: None,
                draining: false,
            }],
        }));
    };
    let live = registry::live(&member.pool).await.map_err(|e| {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the fleet's database is unreachable: {e}"),
        )
    })?;
    Ok(Json(NodesBody {
        nodes: live
            .into_iter()
            .map(|n| NodeInfo {
                node_id: n.node_id,
                url: n.url,
                heartbeat_at: n.heartbeat_at,
                recordings: n.recordings,
                load: Some(n.load),
                headroom: Some(n.headroom),
                draining: n.draining,
            })
            .collect(),
    }))
}
