// SPDX-License-Identifier: MPL-2.0
//! The service's configuration file and the callers its tokens name.

use super::*;

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Config {
    #[serde(default = "default_listen")]
    pub(crate) listen: String,
    pub(crate) recordings_dir: PathBuf,
    /// Base of share URLs; `http://<listen address>` when absent.
    #[serde(default)]
    pub(crate) public_url: Option<String>,
    pub(crate) share_secret: String,
    #[serde(default)]
    pub(crate) tokens: HashMap<String, Caller>,
    /// OpenVidu Meet's `X-API-KEY`s: each one is an admin.
    #[serde(default)]
    pub(crate) api_keys: Vec<String>,
    /// Where the recordings this service starts send their webhooks.
    #[serde(default)]
    pub(crate) webhook: Option<WebhookConfig>,
    /// Seconds a recording may stay `starting` (no media written yet)
    /// before it fails with a reason that names its sources.
    #[serde(default = "default_start_timeout")]
    pub(crate) start_timeout: u64,
    /// The fleet's PostgreSQL (`postgres://…`); `MEETREC_DATABASE_URL`
    /// wins. Absent: one node on files.
    #[serde(default)]
    pub(crate) database: Option<String>,
    /// This node's id in the fleet; the host name when absent.
    #[serde(default)]
    pub(crate) node_id: Option<String>,
    /// In a fleet: where media goes as it is recorded and where finished
    /// recordings are served from (`s3://…`, `az://…`, `gs://…`,
    /// `file:///…`). Absent: each node keeps what it records and the others
    /// serve it through that node.
    #[serde(default)]
    pub(crate) media_store: Option<String>,
    /// Seconds of media in each chunk sent to the media store. A node that
    /// dies loses its open chunk and the one before it (a chunk is closed
    /// once the next one's first keyframe interval is in: splitmuxsink's
    /// GOP buffering), so about twice this.
    #[serde(default = "default_chunk_seconds")]
    pub(crate) chunk_seconds: u32,
}

pub(crate) fn default_chunk_seconds() -> u32 {
    1
}

impl Config {
    /// The database the fleet is in, if any: `MEETREC_DATABASE_URL`, else
    /// `database`.
    pub(crate) fn database(&self) -> Option<String> {
        std::env::var("MEETREC_DATABASE_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .or_else(|| self.database.clone())
    }

    pub(crate) fn node_id(&self) -> String {
        self.node_id
            .clone()
            .unwrap_or_else(crate::fleet::member::host_name)
    }
}

pub(crate) fn default_start_timeout() -> u64 {
    15
}

pub(crate) fn default_listen() -> String {
    "127.0.0.1:8080".into()
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caller {
    pub(crate) role: Role,
    /// The rooms a moderator or speaker belongs to; all when absent.
    #[serde(default)]
    pub(crate) rooms: Option<Vec<String>>,
}

/// The recorder's `webhook-url`, `webhook-secret` and `webhook-format`
/// (`meetrec` or `openvidu-meet`) for the recordings the service starts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookConfig {
    pub(crate) url: String,
    #[serde(default)]
    pub(crate) secret: Option<String>,
    #[serde(default)]
    pub(crate) format: WebhookFormat,
}

/// The recorder's `webhook-format`.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum WebhookFormat {
    #[default]
    Meetrec,
    OpenviduMeet,
}

impl WebhookFormat {
    pub(crate) fn nick(self) -> &'static str {
        match self {
            WebhookFormat::Meetrec => "meetrec",
            WebhookFormat::OpenviduMeet => "openvidu-meet",
        }
    }
}
