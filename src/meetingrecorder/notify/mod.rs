// SPDX-License-Identifier: MPL-2.0
//! Telling the world: state messages and signals, webhooks, uploads.

mod deliveries;
mod messages;

use std::path::PathBuf;

use crate::delivery::{self};
use crate::metadata;

/// One state change of one recording, as messages, signals and webhooks
/// tell it.
#[derive(Clone, Copy)]
pub(crate) struct StateChange<'a> {
    pub(crate) status: &'a str,
    pub(crate) id: &'a str,
    pub(crate) location: &'a str,
    /// For a participant's own (isolated) recording: whose.
    pub(crate) person: Option<&'a str>,
    pub(crate) reason: Option<&'a str>,
    /// The recording's metadata (STOPPED, UPLOADED), for the webhook and
    /// the message's `remote-uri`.
    pub(crate) meta: Option<&'a metadata::Recording>,
}

/// One state change of one live output of a recording (the file's own
/// follow the recording's: see `post_state`).
pub(crate) struct OutputChange<'a> {
    pub(crate) status: &'a str,
    pub(crate) recording_id: &'a str,
    /// `file`, `stream` or `hls`.
    pub(crate) output: &'a str,
    /// `stream-1`, … (empty for the file and for an output that never started).
    pub(crate) name: &'a str,
    /// The URI without its secrets, or the path.
    pub(crate) target: &'a str,
    pub(crate) reason: Option<&'a str>,
    /// OUTPUT_FAILED: when it is tried again (None: it is not).
    pub(crate) retry_in: Option<std::time::Duration>,
}

pub(crate) struct UploadJob {
    pub(crate) id: String,
    pub(crate) person: Option<String>,
    pub(crate) json: PathBuf,
    pub(crate) uri: String,
    pub(crate) options: Vec<(String, String)>,
    pub(crate) keep_local: bool,
}

/// The thread that uploads finished recordings, one at a time.
pub(crate) type Uploader = delivery::Worker<UploadJob>;
