// SPDX-License-Identifier: MPL-2.0
//! Error answers: a status and OpenVidu Meet's error body,
//! `{"error": <kind>, "message", "details"?: [{field, message}]}`.

use super::*;

/// An error answer.
#[derive(Debug)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    /// OpenVidu Meet's error names: "Authentication Error", "Recording
    /// Error", …
    pub(crate) kind: &'static str,
    pub(crate) message: String,
    /// For 422: which field is wrong and why.
    pub(crate) details: Vec<FieldError>,
}

/// One field of a 422 answer.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub(crate) struct FieldError {
    pub(crate) field: String,
    pub(crate) message: String,
}

/// OpenVidu Meet's error body.
#[derive(Serialize, utoipa::ToSchema)]
pub(crate) struct ErrorBody {
    /// The kind of error: "Authentication Error", "Authorization Error",
    /// "Recording Error", "Room Error", "Unprocessable Entity",
    /// "Internal Server Error".
    error: String,
    message: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    details: Vec<FieldError>,
}

impl ApiError {
    /// An error of the kind its status implies (recordings' for 4xx).
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
        let kind = match status {
            StatusCode::UNAUTHORIZED => "Authentication Error",
            StatusCode::FORBIDDEN => "Authorization Error",
            StatusCode::UNPROCESSABLE_ENTITY => "Unprocessable Entity",
            s if s.is_server_error() => "Internal Server Error",
            _ => "Recording Error",
        };
        ApiError {
            status,
            kind,
            message: message.into(),
            details: Vec::new(),
        }
    }

    pub(crate) fn kind(mut self, kind: &'static str) -> Self {
        self.kind = kind;
        self
    }

    /// 422: `field` is wrong for `why`.
    pub(crate) fn invalid(field: &str, why: impl Into<String>) -> Self {
        let why = why.into();
        ApiError {
            details: vec![FieldError {
                field: field.into(),
                message: why.clone(),
            }],
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("Invalid request: {field}: {why}"),
            )
        }
    }

    pub(crate) fn internal(e: impl std::fmt::Display) -> Self {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.kind.into(),
            message: self.message,
            details: self.details,
        };
        (self.status, Json(body)).into_response()
    }
}

impl From<CatalogError> for ApiError {
    fn from(e: CatalogError) -> Self {
        match &e {
            CatalogError::InvalidId(_) => ApiError::invalid("recordingId", e.to_string()),
            CatalogError::NotFound(id) => ApiError::new(
                StatusCode::NOT_FOUND,
                format!("Recording \"{id}\" not found"),
            ),
            CatalogError::InProgress(id) => ApiError::new(
                StatusCode::CONFLICT,
                format!("Recording \"{id}\" is not stopped yet"),
            ),
            CatalogError::Io(_) => ApiError::internal(e),
        }
    }
}

/// The fleet's database did not answer: 503, and the recordings go on.
impl From<sqlx::Error> for ApiError {
    fn from(e: sqlx::Error) -> Self {
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the fleet's database is unavailable: {e}"),
        )
        .kind("Service Unavailable")
    }
}

impl From<crate::fleet::jobs::JobError> for ApiError {
    fn from(e: crate::fleet::jobs::JobError) -> Self {
        use crate::fleet::jobs::JobError;
        match e {
            JobError::RoomBusy(room) => ApiError::new(
                StatusCode::CONFLICT,
                format!("Room \"{room}\" is already being recorded"),
            ),
            JobError::Db(e) => e.into(),
            JobError::Fenced(_) => ApiError::internal(e),
        }
    }
}

impl From<std::io::Error> for ApiError {
    fn from(e: std::io::Error) -> Self {
        CatalogError::Io(e).into()
    }
}

/// A query string or JSON body that did not parse: 422 naming what.
pub(crate) fn rejected(field: &str, e: impl std::fmt::Display) -> ApiError {
    ApiError::invalid(field, e.to_string())
}

pub(crate) type ApiResult<T> = Result<T, ApiError>;
