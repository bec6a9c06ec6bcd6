// SPDX-License-Identifier: MPL-2.0
//! Live outputs of a recording: what `stream-uri` and `hls-location` name,
//! how an output's address is shown, and when a lost stream is retried.
//!
//! Pure Rust, no GStreamer types (the elements that carry them are built in
//! `meetingrecorder::live`).
//!
//! | output | container | video | audio | sink |
//! |---|---|---|---|---|
//! | `rtmp://`, `rtmps://` | FLV | H.264 | AAC | `rtmp2sink` |
//! | `srt://host:port[?mode=…]` | MPEG-TS | H.264 | AAC | `srtsink` |
//! | `hls-location` | MPEG-TS segments + playlist | H.264 | AAC | `hlssink2` |

use std::time::Duration;

/// Output states, in the `status` of `output-state-changed` messages,
/// signals and webhooks (`output.active`, …).
pub const OUTPUT_STARTING: &str = "OUTPUT_STARTING";
pub const OUTPUT_ACTIVE: &str = "OUTPUT_ACTIVE";
pub const OUTPUT_STOPPED: &str = "OUTPUT_STOPPED";
pub const OUTPUT_FAILED: &str = "OUTPUT_FAILED";

/// AAC encoders, preferred first: FFmpeg's native encoder (gst-libav, in
/// Debian main) is better than VisualOn's (`voaacenc`, plugins-bad); the
/// Fraunhofer encoder (`fdkaacenc`) is not in Debian main.
pub const AAC_ENCODERS: [&str; 2] = ["avenc_aac", "voaacenc"];
/// Streams' audio: AAC-LC, stereo 48 kHz. 128 kbps is what YouTube and
/// Twitch recommend for AAC stereo.
pub const STREAM_AUDIO_KBPS: u32 = 128;
/// What an output's queue holds before it drops (oldest first): a stream
/// never holds up the file.
pub const OUTPUT_QUEUE: Duration = Duration::from_secs(2);
/// How long a stopped output may take to finish (an RTMP server that does
/// not answer, a slow disk under the HLS playlist) before it is torn down.
pub const FINISH_TIMEOUT: Duration = Duration::from_secs(5);
/// Defaults of `hls-segment-duration` (s) and `hls-playlist-length` (0 = all
/// segments; the playlist ends with `#EXT-X-ENDLIST` when the recording stops).
pub const DEFAULT_HLS_SEGMENT_S: u32 = 6;
pub const DEFAULT_HLS_PLAYLIST_LENGTH: u32 = 0;

/// Where a stream goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Protocol {
    /// FLV over RTMP (or RTMP over TLS).
    Rtmp,
    /// MPEG-TS over SRT; caller unless the URI says `mode=listener`.
    Srt,
}

/// One live output of a recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stream {
        protocol: Protocol,
        uri: String,
    },
    /// `playlist`: the playlist's path; segments go beside it,
    /// `<playlist stem>-00000.ts`, … `segment_s` long (cut at keyframes);
    /// `playlist_length` segments listed (0: all).
    Hls {
        playlist: String,
        segment_s: u32,
        playlist_length: u32,
    },
}

impl Target {
    /// `stream` or `hls`, the `output` field of its states.
    pub fn kind(&self) -> &'static str {
        match self {
            Target::Stream { .. } => "stream",
            Target::Hls { .. } => "hls",
        }
    }

    /// What states, logs and metadata show: a stream's URI without its
    /// secrets (see [`redact`]), an HLS playlist's path.
    pub fn shown(&self) -> String {
        match self {
            Target::Stream { uri, .. } => redact(uri),
            Target::Hls { playlist, .. } => playlist.clone(),
        }
    }

    /// Whether this is the output `what` names: its URI (as given, or as
    /// shown) or playlist.
    pub fn is(&self, what: &str) -> bool {
        match self {
            Target::Stream { uri, .. } => uri == what || redact(uri) == what,
            Target::Hls { playlist, .. } => playlist == what,
        }
    }
}

/// One stream URI, checked: `rtmp://host[:port]/app/key`, `rtmps://…`,
/// `srt://host:port[?…]`.
pub fn parse_stream_uri(uri: &str) -> Result<Target, String> {
    let uri = uri.trim();
    let (scheme, rest) = uri
        .split_once("://")
        .ok_or_else(|| format!("{:?} is not a URI (rtmp://… or srt://…)", redact(uri)))?;
    let authority = rest.split(['/', '?']).next().unwrap_or("");
    let protocol = match scheme.to_ascii_lowercase().as_str() {
        "rtmp" | "rtmps" => {
            let path = rest[authority.len()..].trim_start_matches('/');
            if path.split('/').filter(|s| !s.is_empty()).count() < 2 {
                return Err(format!(
                    "{}: an RTMP URI names the application and the stream key: \
                     rtmp://host[:port]/app/key",
                    redact(uri)
                ));
            }
            Protocol::Rtmp
        }
        "srt" => {
            let port = authority.rsplit_once(':').map(|(_, p)| p);
            if port
                .and_then(|p| p.parse::<u16>().ok())
                .is_none_or(|p| p == 0)
            {
                return Err(format!(
                    "{}: an SRT URI needs a port: srt://host:port[?mode=listener]",
                    redact(uri)
                ));
            }
            Protocol::Srt
        }
        other => {
            return Err(format!(
                "{}: {other}:// streams are not supported (rtmp://, rtmps:// or srt://)",
                redact(uri)
            ));
        }
    };
    if authority.is_empty() || authority.starts_with(':') {
        return Err(format!("{}: no host", redact(uri)));
    }
    Ok(Target::Stream {
        protocol,
        uri: uri.to_string(),
    })
}

/// `stream-uri`'s comma-separated list. Every URI is checked; the good ones
/// are returned with the errors of the others.
pub fn parse_stream_uris(list: &str) -> (Vec<Target>, Vec<String>) {
    let mut targets = Vec::new();
    let mut errors = Vec::new();
    for uri in list.split(',').map(str::trim).filter(|u| !u.is_empty()) {
        match parse_stream_uri(uri) {
            Ok(t) if targets.contains(&t) => errors.push(format!("{} is listed twice", t.shown())),
            Ok(t) => targets.push(t),
            Err(e) => errors.push(e),
        }
    }
    (targets, errors)
}

/// A stream URI as it may be shown: RTMP's stream key (the last path
/// segment) and SRT's `passphrase` and `streamid` are secrets and become
/// `***`; so does any `user:password@`.
pub fn redact(uri: &str) -> String {
    let Some((scheme, rest)) = uri.split_once("://") else {
        return uri.to_string();
    };
    let (before_query, query) = match rest.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (rest, None),
    };
    let (authority, path) = match before_query.find('/') {
        Some(i) => before_query.split_at(i),
        None => (before_query, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((_, host)) => format!("***@{host}"),
        None => authority.to_string(),
    };
    let path = if scheme.to_ascii_lowercase().starts_with("rtmp") {
        match path.rsplit_once('/') {
            Some((app, key)) if !app.is_empty() && !key.is_empty() => format!("{app}/***"),
            _ => path.to_string(),
        }
    } else {
        path.to_string()
    };
    let query = query.map(|q| {
        q.split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _))
                    if ["passphrase", "streamid", "key", "token"]
                        .contains(&k.to_ascii_lowercase().as_str()) =>
                {
                    format!("{k}=***")
                }
                _ => kv.to_string(),
            })
            .collect::<Vec<_>>()
            .join("&")
    });
    match query {
        Some(q) => format!("{scheme}://{authority}{path}?{q}"),
        None => format!("{scheme}://{authority}{path}"),
    }
}

/// How long to wait before attempt `n` (1 = the first retry) to reach a
/// stream's server again: 1, 2, 4, 8, 16, then every 30 s for as long as the
/// recording runs.
pub fn retry_delay(n: u32) -> Duration {
    Duration::from_secs(1u64 << n.saturating_sub(1).min(5)).min(Duration::from_secs(30))
}

/// Where an HLS playlist's segments go: beside it, `<stem>-%05d.ts`.
pub fn hls_segment_pattern(playlist: &std::path::Path) -> std::path::PathBuf {
    let stem = playlist
        .file_stem()
        .map_or_else(|| "segment".into(), |s| s.to_string_lossy().to_string());
    playlist.with_file_name(format!("{stem}-%05d.ts"))
}

#[cfg(test)]
mod tests;
