// SPDX-License-Identifier: MPL-2.0
//! Error answers: a status and a JSON body.

use super::*;

/// An error answer: status and a JSON body.
#[derive(Debug)]
pub(crate) struct ApiError(pub(crate) StatusCode, pub(crate) String);

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> Self {
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

pub(crate) type ApiResult<T> = Result<T, ApiError>;
