// SPDX-License-Identifier: MPL-2.0
//! OpenVidu Meet's view of a recording: the recording object of its
//! published REST API (`MeetRecording`), made from meetrec's metadata, so a
//! client written for OpenVidu Meet reads meetrec's recordings unchanged.
//! meetrec's own metadata rides along under `meetrec`.
//!
//! Mappings (pure, unit-tested below):
//! - status: a live recorder state wins (`RECORDING_STARTING` → `starting`,
//!   `STARTED`/`PAUSED`/`RESUMED` → `active`, paused saying so in `details`,
//!   `STOPPING` → `ending`); else the
//!   metadata's: `recording` → `active`, `stopped` → `complete` (or
//!   `limit_reached` when `max-duration`/`max-size` ended it), `failed` →
//!   `failed`. A recording recovered after a crash is `complete` (its file is
//!   whole) with `details` saying so.
//! - layout: grid → `grid`, sidebar → `speaker`, spotlight → `single-speaker`.
//! - dates: milliseconds since the Unix epoch; `duration` in seconds.

use serde::{Deserialize, Serialize};

use crate::metadata::{Recording, Status};

#[cfg(feature = "openapi")]
use utoipa::ToSchema;

/// OpenVidu Meet's recording statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetStatus {
    Starting,
    Active,
    Ending,
    Complete,
    Failed,
    Aborted,
    LimitReached,
}

impl MeetStatus {
    /// Its name on the wire (as serde writes it).
    pub fn as_str(self) -> &'static str {
        match self {
            MeetStatus::Starting => "starting",
            MeetStatus::Active => "active",
            MeetStatus::Ending => "ending",
            MeetStatus::Complete => "complete",
            MeetStatus::Failed => "failed",
            MeetStatus::Aborted => "aborted",
            MeetStatus::LimitReached => "limit_reached",
        }
    }

    /// Still being written: not to be deleted, and may be stopped.
    pub fn in_progress(self) -> bool {
        matches!(
            self,
            MeetStatus::Starting | MeetStatus::Active | MeetStatus::Ending
        )
    }
}

/// What a recorder state (`RECORDING_STARTED`, …) is in OpenVidu Meet's
/// words; `None` for states that say nothing of it (STOPPED: the metadata
/// tells complete from limit_reached).
pub fn live_status(state: &str) -> Option<MeetStatus> {
    Some(match state {
        "RECORDING_STARTING" => MeetStatus::Starting,
        "RECORDING_STARTED" | "RECORDING_PAUSED" | "RECORDING_RESUMED" => MeetStatus::Active,
        "RECORDING_STOPPING" => MeetStatus::Ending,
        "RECORDING_FAILED" => MeetStatus::Failed,
        "RECORDING_ABORTED" => MeetStatus::Aborted,
        _ => return None,
    })
}

/// The status of `r`, given the live recorder state when the caller knows
/// it (`RECORDING_STARTED`, …).
pub fn status(r: &Recording, live: Option<&str>) -> MeetStatus {
    if let Some(s) = live.and_then(live_status) {
        return s;
    }
    match r.status {
        Status::Recording => MeetStatus::Active,
        Status::Failed => MeetStatus::Failed,
        Status::Stopped if r.stop_reason.as_deref() == Some("limit-reached") => {
            MeetStatus::LimitReached
        }
        Status::Stopped => MeetStatus::Complete,
    }
}

/// OpenVidu Meet's layouts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum MeetLayout {
    Grid,
    Speaker,
    SingleSpeaker,
}

/// meetrec's layout names in OpenVidu Meet's words.
pub fn layout_name(meetrec: &str) -> MeetLayout {
    match meetrec {
        "spotlight" => MeetLayout::SingleSpeaker,
        "sidebar" => MeetLayout::Speaker,
        _ => MeetLayout::Grid,
    }
}

/// OpenVidu Meet's layout names in meetrec's words (`None`: not one of
/// `grid`, `speaker`, `single-speaker`).
pub fn layout_from(openvidu: &str) -> Option<&'static str> {
    match openvidu {
        "grid" => Some("grid"),
        "speaker" => Some("sidebar"),
        "single-speaker" => Some("spotlight"),
        _ => None,
    }
}

/// The video part of `encoding`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct VideoEncoding {
    pub width: u32,
    pub height: u32,
    pub framerate: u32,
    /// `VP8`, `H264_MAIN`, or `DEFAULT_VC` for codecs OpenVidu Meet has no
    /// name for (VP9, AV1, H.265 kept as a participant sent them).
    pub codec: String,
    /// kbps; absent when the track is kept as received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u32>,
}

/// The audio part of `encoding`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AudioEncoding {
    /// `OPUS`, or `DEFAULT_AC` for lossless PCM (no name for it there).
    pub codec: String,
    /// kbps; absent for PCM and when kept as received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bitrate: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<u32>,
}

/// Advanced encoding options form of OpenVidu Meet's `encoding`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
pub struct Encoding {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<VideoEncoding>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<AudioEncoding>,
}

/// OpenVidu Meet's recording object. As in its published description, no
/// field is required in the schema: `fields`/`X-Fields` answers hold only
/// the fields asked for (a whole object always has all but `meetrec`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MeetRecording {
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub recording_id: String,
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub room_id: String,
    /// meetrec's rooms have no display names: the room id.
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub room_name: String,
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub status: MeetStatus,
    /// grid (meetrec's grid), speaker (sidebar), single-speaker (spotlight).
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub layout: MeetLayout,
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub encoding: Encoding,
    /// The media file's name (never where it is on the server).
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub filename: String,
    /// ms since the Unix epoch.
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub start_date: u64,
    /// ms since the Unix epoch; null until it ends.
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub end_date: Option<u64>,
    /// Seconds recorded (paused time not counted); null until it ends.
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub duration: Option<f64>,
    /// Bytes (all parts of a split recording); null until it ends.
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub size: Option<u64>,
    /// 1 when it failed; null otherwise.
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub error_code: Option<u32>,
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub error: Option<String>,
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub details: Option<String>,
    /// meetrec's own metadata (participants, tracks, pauses, outputs, own
    /// files), with the file by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(required = false))]
    pub meetrec: Option<Recording>,
}

/// Milliseconds since the epoch of an RFC 3339 time (0 when unreadable).
pub fn epoch_ms(rfc3339: &str) -> u64 {
    humantime::parse_rfc3339(rfc3339)
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_millis() as u64)
}

fn video_codec(c: &str) -> &'static str {
    match c {
        "vp8" => "VP8",
        "h264" => "H264_MAIN",
        _ => "DEFAULT_VC",
    }
}

/// `r` as OpenVidu Meet's recording object; `live` is the recorder's state
/// when the caller follows it. `r.file.path` is taken as the file's name
/// only: callers give a recording already stripped of server paths.
pub fn meet_recording(r: &Recording, live: Option<&str>) -> MeetRecording {
    let status = status(r, live);
    let ended = !status.in_progress();
    let filename = crate::metadata::file_name(&r.file.path);
    let details = if live == Some("RECORDING_PAUSED") {
        // meetrec can pause; OpenVidu Meet has no status for it.
        Some("paused".to_string())
    } else if r.recovered && r.status == crate::metadata::Status::Failed {
        Some("the recorder stopped unexpectedly and nothing in the file could be saved".to_string())
    } else if r.recovered {
        Some("recovered after the recorder stopped unexpectedly; the file is whole".to_string())
    } else {
        match status {
            MeetStatus::LimitReached => Some("stopped at its max-duration or max-size".into()),
            MeetStatus::Complete => Some("stopped".into()),
            MeetStatus::Failed => Some(
                r.error
                    .clone()
                    .unwrap_or_else(|| "the recording failed".into()),
            ),
            _ => None,
        }
    };
    MeetRecording {
        recording_id: r.id.clone(),
        room_id: r.room.clone(),
        room_name: r.room.clone(),
        status,
        layout: layout_name(&r.config.layout),
        encoding: Encoding {
            video: r.file.video.as_ref().map(|v| VideoEncoding {
                width: v.width,
                height: v.height,
                framerate: v.fps,
                codec: video_codec(&v.codec).into(),
                bitrate: (v.bitrate_kbps > 0).then_some(v.bitrate_kbps),
            }),
            audio: r.file.audio.as_ref().map(|a| AudioEncoding {
                codec: if a.codec == "opus" {
                    "OPUS"
                } else {
                    "DEFAULT_AC"
                }
                .into(),
                bitrate: a.bitrate_kbps,
                frequency: a.rate,
            }),
        },
        filename,
        start_date: epoch_ms(&r.started_at),
        end_date: r.ended_at.as_deref().filter(|_| ended).map(epoch_ms),
        duration: ended.then_some(r.duration_ms as f64 / 1000.0),
        size: ended.then_some(r.file.size_bytes),
        error_code: (status == MeetStatus::Failed).then_some(1),
        error: r.error.clone().filter(|_| status == MeetStatus::Failed),
        details,
        meetrec: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::*;

    fn rec(status: Status) -> Recording {
        Recording {
            id: "r-1".into(),
            participant_id: None,
            composite_id: None,
            offset_ms: None,
            room: "standup".into(),
            status,
            started_at: "2023-11-14T22:13:20.123Z".into(),
            ended_at: Some("2023-11-14T22:13:30.123Z".into()),
            duration_ms: 9_500,
            file: FileInfo {
                path: "standup-r-1.webm".into(),
                container: "webm".into(),
                size_bytes: 4096,
                video: Some(VideoTrack {
                    codec: "vp8".into(),
                    width: 1280,
                    height: 720,
                    fps: 30,
                    bitrate_kbps: 2500,
                    remuxed: false,
                }),
                audio: Some(AudioTrack {
                    codec: "opus".into(),
                    channels: 2,
                    rate: Some(48000),
                    bitrate_kbps: Some(128),
                    remuxed: false,
                }),
                parts: vec![],
                requested_container: None,
            },
            config: Config {
                layout: "sidebar".into(),
                priority: "speaker".into(),
                grid_size: 4,
                theme: "default".into(),
                orientation: "landscape".into(),
                mode: "video-and-audio".into(),
                quality: "med".into(),
                record: None,
            },
            participants: vec![],
            error: None,
            remote_uri: None,
            writer_pid: None,
            recovered: false,
            pauses: vec![],
            stop_reason: None,
            gaps: Vec::new(),
            outputs: vec![],
        }
    }

    #[test]
    fn a_finished_recording_in_openvidu_meet_words() {
        let m = meet_recording(&rec(Status::Stopped), None);
        let v = serde_json::to_value(&m).unwrap();
        assert_eq!(v["recordingId"], "r-1");
        assert_eq!(v["roomId"], "standup");
        assert_eq!(v["roomName"], "standup");
        assert_eq!(v["status"], "complete");
        assert_eq!(v["layout"], "speaker");
        assert_eq!(v["filename"], "standup-r-1.webm");
        assert_eq!(v["startDate"], 1_700_000_000_123u64);
        assert_eq!(v["endDate"], 1_700_000_010_123u64);
        assert_eq!(v["duration"], 9.5);
        assert_eq!(v["size"], 4096);
        assert_eq!(v["encoding"]["video"]["codec"], "VP8");
        assert_eq!(v["encoding"]["video"]["bitrate"], 2500);
        assert_eq!(v["encoding"]["audio"]["codec"], "OPUS");
        assert_eq!(v["encoding"]["audio"]["frequency"], 48000);
        assert!(v["errorCode"].is_null() && v["error"].is_null());
    }

    #[test]
    fn statuses_follow_the_recorder_then_the_metadata() {
        let live = rec(Status::Recording);
        for (state, want) in [
            (Some("RECORDING_STARTING"), MeetStatus::Starting),
            (Some("RECORDING_STARTED"), MeetStatus::Active),
            (Some("RECORDING_PAUSED"), MeetStatus::Active),
            (Some("RECORDING_RESUMED"), MeetStatus::Active),
            (Some("RECORDING_STOPPING"), MeetStatus::Ending),
            (None, MeetStatus::Active),
        ] {
            let m = meet_recording(&live, state);
            assert_eq!(m.status, want, "{state:?}");
            // Nothing final is claimed while it runs.
            assert!(m.end_date.is_none() && m.duration.is_none() && m.size.is_none());
        }
        assert_eq!(
            meet_recording(&live, Some("RECORDING_PAUSED"))
                .details
                .as_deref(),
            Some("paused")
        );
        assert_eq!(
            meet_recording(&live, Some("RECORDING_RESUMED")).details,
            None
        );
        let mut limited = rec(Status::Stopped);
        limited.stop_reason = Some("limit-reached".into());
        assert_eq!(status(&limited, None), MeetStatus::LimitReached);
        let mut failed = rec(Status::Failed);
        failed.error = Some("disk full".into());
        let m = meet_recording(&failed, None);
        assert_eq!(m.status, MeetStatus::Failed);
        assert_eq!(m.error_code, Some(1));
        assert_eq!(m.error.as_deref(), Some("disk full"));
        let mut recovered = rec(Status::Stopped);
        recovered.recovered = true;
        let m = meet_recording(&recovered, None);
        assert_eq!(m.status, MeetStatus::Complete);
        assert!(m.details.unwrap().contains("recovered"));
    }

    #[test]
    fn status_names_are_the_wire_names() {
        use MeetStatus::*;
        for s in [
            Starting,
            Active,
            Ending,
            Complete,
            Failed,
            Aborted,
            LimitReached,
        ] {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(live_status("RECORDING_ABORTED"), Some(Aborted));
        assert_eq!(live_status("RECORDING_STOPPED"), None);
    }

    #[test]
    fn layouts_map_both_ways() {
        for (ours, theirs) in [
            ("grid", "grid"),
            ("sidebar", "speaker"),
            ("spotlight", "single-speaker"),
        ] {
            assert_eq!(serde_json::to_value(layout_name(ours)).unwrap(), theirs);
            assert_eq!(layout_from(theirs), Some(ours));
        }
        assert_eq!(layout_from("mosaic"), None);
    }

    #[test]
    fn pcm_and_kept_codecs_have_openvidu_names() {
        let mut r = rec(Status::Stopped);
        r.file.video.as_mut().unwrap().codec = "av1".into();
        r.file.video.as_mut().unwrap().bitrate_kbps = 0;
        let a = r.file.audio.as_mut().unwrap();
        a.codec = "pcm".into();
        a.bitrate_kbps = None;
        a.rate = None;
        let v = serde_json::to_value(meet_recording(&r, None)).unwrap();
        assert_eq!(v["encoding"]["video"]["codec"], "DEFAULT_VC");
        assert!(v["encoding"]["video"].get("bitrate").is_none());
        assert_eq!(v["encoding"]["audio"]["codec"], "DEFAULT_AC");
    }
}
