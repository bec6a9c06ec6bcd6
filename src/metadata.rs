// SPDX-License-Identifier: MPL-2.0
//! Recording metadata, `<file>.json`: one serde definition for the recorder
//! that writes it and the servers that read it.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Being written; a file left in this state after a crash needs recovery.
    Recording,
    /// Finalized and playable.
    Stopped,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct VideoTrack {
    pub codec: String,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    /// 0 when the track is kept as received (`remuxed`).
    pub bitrate_kbps: u32,
    /// Kept as the participant sent it (no decode, no encode): an encoded
    /// participant's own file.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remuxed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AudioTrack {
    pub codec: String,
    pub channels: u32,
    /// Sample rate; `None` for PCM, which keeps the input's rate.
    pub rate: Option<u32>,
    /// `None` for lossless PCM, and when kept as received (`remuxed`).
    pub bitrate_kbps: Option<u32>,
    /// Kept as the participant sent it (no decode, no encode).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remuxed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FileInfo {
    pub path: String,
    pub container: String,
    pub size_bytes: u64,
    pub video: Option<VideoTrack>,
    pub audio: Option<AudioTrack>,
    /// split-duration: every part's file name (beside `path`, the first),
    /// in order; `sizeBytes` counts them all.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    /// The container asked for (`container`), when it differs from
    /// `container`: a participant's own file keeps their streams as received
    /// and the asked one cannot hold their codec (H.264 in WebM), so it is
    /// Matroska instead. Never a transcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requested_container: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Config {
    pub layout: String,
    pub priority: String,
    pub grid_size: u32,
    pub theme: String,
    pub orientation: String,
    pub mode: String,
    pub quality: String,
    /// VDO.Ninja record value; `None` when unset (the quality preset decides).
    pub record: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub id: String,
    pub name: String,
    /// Milliseconds into the recording (0: was there at the start).
    pub joined_ms: u64,
    pub left_ms: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Recording {
    pub id: String,
    /// Set on a participant's own (isolated) recording: whose it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_id: Option<String>,
    /// Set on a participant's own recording: the composite it was made with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub composite_id: Option<String>,
    /// Set on a participant's own recording: where its time 0 is on the
    /// composite's timeline (ms from the composite's start, paused time not
    /// counted), to line the two up in an editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset_ms: Option<u64>,
    pub room: String,
    pub status: Status,
    /// RFC 3339, UTC.
    pub started_at: String,
    pub ended_at: Option<String>,
    pub duration_ms: u64,
    pub file: FileInfo,
    pub config: Config,
    pub participants: Vec<Participant>,
    /// Why the recording failed, when it did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Where the file was uploaded (`upload-uri` + its name), once it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_uri: Option<String>,
    /// While recording: the writing process, so recovery leaves live ones be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writer_pid: Option<u32>,
    /// Finished by `recovery` after its writer died, not by a stop.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub recovered: bool,
    /// Each pause (wall clock); the paused time is not in the file, and
    /// `durationMs` counts only what was recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pauses: Vec<Pause>,
    /// Why a finished recording stopped when nobody stopped it:
    /// `limit-reached` (`max-duration` or `max-size`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop_reason: Option<String>,
    /// Live outputs (streams, HLS) as they were when the recording ended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outputs: Vec<Output>,
    /// Time missing from the recording, each with why: a fleet node that
    /// died or was drained mid-meeting, until another one took it over.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gaps: Vec<Gap>,
}

/// Time a recording is missing (wall clock, RFC 3339 UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Gap {
    pub from: String,
    pub to: String,
    pub reason: String,
}

/// A live output of a recording (RTMP/SRT stream, HLS playlist).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Output {
    /// `stream` or `hls`.
    pub kind: String,
    /// `stream-1`, `hls-2`, …: one per output of the recording.
    pub name: String,
    /// The stream's URI without its secrets (stream key, passphrase), or
    /// the HLS playlist's path.
    pub target: String,
    /// Its latest state: OUTPUT_STARTING, OUTPUT_ACTIVE, OUTPUT_STOPPED or
    /// OUTPUT_FAILED.
    pub status: String,
    /// Its video came from the file's own encoder (H.264 files).
    pub shared_video_encoder: bool,
    /// Video frames its queue dropped because the output fell behind.
    pub dropped_frames: u64,
    /// Times its server was lost or refused it (each retried while the
    /// recording ran).
    pub failures: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A pause of a recording, wall clock (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Pause {
    pub started_at: String,
    /// None while still paused (or when the recording stopped paused: then
    /// its `endedAt`).
    pub ended_at: Option<String>,
}

/// Where the metadata of the recording at `media` lives: `<file>.json`.
pub fn path_for(media: &Path) -> PathBuf {
    let mut p = media.as_os_str().to_owned();
    p.push(".json");
    PathBuf::from(p)
}

/// The last component of `path` (a file's name), or "" when it has none.
pub fn file_name(path: impl AsRef<Path>) -> String {
    path.as_ref()
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

/// RFC 3339 UTC timestamp of a moment, with milliseconds.
pub fn rfc3339(t: std::time::SystemTime) -> String {
    humantime::format_rfc3339_millis(t).to_string()
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// directory, synced, then renamed over the old one, so readers never see half
/// a file.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id()
    ));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

impl Recording {
    /// What is known of a recording before its recorder wrote anything (a
    /// fleet's API accepted it; no node records it yet): the recorder's
    /// default configuration, no file, no participants.
    pub fn starting(id: &str, room: &str, started_at: &str, container: &str) -> Recording {
        Recording {
            id: id.into(),
            participant_id: None,
            composite_id: None,
            offset_ms: None,
            room: room.into(),
            status: Status::Recording,
            started_at: started_at.into(),
            ended_at: None,
            duration_ms: 0,
            file: FileInfo {
                path: String::new(),
                container: container.into(),
                size_bytes: 0,
                video: None,
                audio: None,
                parts: Vec::new(),
                requested_container: None,
            },
            config: Config {
                layout: "grid".into(),
                priority: "speaker".into(),
                grid_size: 4,
                theme: "default".into(),
                orientation: "landscape".into(),
                mode: "video-and-audio".into(),
                quality: "med".into(),
                record: None,
            },
            participants: Vec::new(),
            error: None,
            remote_uri: None,
            writer_pid: None,
            recovered: false,
            pauses: Vec::new(),
            stop_reason: None,
            gaps: Vec::new(),
            outputs: Vec::new(),
        }
    }

    /// This recording as clients of a server see it: its file by name, never
    /// by where it is on the server (they fetch it by id).
    pub fn without_paths(&self) -> Recording {
        let mut r = self.clone();
        r.file.path = file_name(&r.file.path);
        r
    }

    /// Writes `<file>.json` atomically: a temporary file in the same directory,
    /// synced, then renamed over the old one, so readers never see half a file.
    pub fn write(&self) -> std::io::Result<PathBuf> {
        let path = path_for(Path::new(&self.file.path));
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        write_atomically(&path, &json)?;
        Ok(path)
    }

    /// Reads a recording's metadata (`<file>.json`, or the JSON path itself).
    pub fn read(path: &Path) -> std::io::Result<Recording> {
        let json_path = if path.extension().is_some_and(|e| e == "json") {
            path.to_path_buf()
        } else {
            path_for(path)
        };
        let bytes = std::fs::read(&json_path)?;
        serde_json::from_slice(&bytes)
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(path: &Path) -> Recording {
        Recording {
            id: "r1".into(),
            participant_id: None,
            composite_id: None,
            offset_ms: None,
            room: "standup".into(),
            status: Status::Stopped,
            started_at: rfc3339(
                std::time::UNIX_EPOCH + std::time::Duration::from_millis(1_700_000_000_123),
            ),
            ended_at: None,
            duration_ms: 10_000,
            file: FileInfo {
                path: path.to_string_lossy().into(),
                container: "webm".into(),
                size_bytes: 42,
                video: Some(VideoTrack {
                    codec: "vp8".into(),
                    width: 1280,
                    height: 720,
                    fps: 30,
                    bitrate_kbps: 3000,
                    remuxed: false,
                }),
                audio: Some(AudioTrack {
                    codec: "opus".into(),
                    channels: 2,
                    rate: Some(48000),
                    bitrate_kbps: Some(128),
                    remuxed: false,
                }),
                parts: Vec::new(),
                requested_container: None,
            },
            config: Config {
                layout: "grid".into(),
                priority: "speaker".into(),
                grid_size: 4,
                theme: "dark".into(),
                orientation: "landscape".into(),
                mode: "video-and-audio".into(),
                quality: "med".into(),
                record: None,
            },
            participants: vec![Participant {
                id: "a".into(),
                name: "Ada".into(),
                joined_ms: 0,
                left_ms: Some(5000),
            }],
            error: None,
            remote_uri: None,
            writer_pid: None,
            recovered: false,
            pauses: Vec::new(),
            stop_reason: None,
            gaps: Vec::new(),
            outputs: Vec::new(),
        }
    }

    #[test]
    fn round_trip_and_field_names() {
        let dir = std::env::temp_dir().join(format!("meetrec-meta-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let media = dir.join("r1.webm");
        let rec = sample(&media);
        let written = rec.write().unwrap();
        assert_eq!(written, dir.join("r1.webm.json"));
        assert_eq!(Recording::read(&media).unwrap(), rec);
        assert_eq!(Recording::read(&written).unwrap(), rec);
        let v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&written).unwrap()).unwrap();
        assert_eq!(v["startedAt"], "2023-11-14T22:13:20.123Z");
        assert_eq!(v["durationMs"], 10000);
        assert_eq!(v["file"]["sizeBytes"], 42);
        assert_eq!(v["file"]["video"]["bitrateKbps"], 3000);
        assert_eq!(v["config"]["gridSize"], 4);
        assert!(v["config"]["record"].is_null());
        assert_eq!(v["participants"][0]["leftMs"], 5000);
        assert_eq!(v["status"], "stopped");
        // No temporary files left behind.
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["r1.webm.json".to_string()]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unwritable_directory_is_an_error() {
        let rec = sample(Path::new("/proc/meetrec-nope/r.webm"));
        assert!(rec.write().is_err());
    }
}
