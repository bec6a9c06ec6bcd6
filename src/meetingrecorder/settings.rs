// SPDX-License-Identifier: MPL-2.0
//! What the element's properties set: the recording settings, the policy
//! request they make and the file each recording goes to.

use std::path::PathBuf;
use std::time::SystemTime;

use gst::glib;
use gst::prelude::*;

use super::{Container, Mode};
use crate::bitratepolicy::{AudioCodec, Quality, RECORD_UNSET, VideoCodec};
use crate::delivery::webhook::WebhookFormat;
use crate::layoutcompositor::Orientation;
use crate::{metadata, policy};

pub(crate) const DEFAULT_LOCATION: &str = "recordings/{room}/{id}.{ext}";

#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) mode: Mode,
    pub(crate) record: i64,
    pub(crate) quality: Quality,
    /// 0: the quality preset's.
    pub(crate) framerate: u32,
    pub(crate) orientation: Orientation,
    /// None: the container's own choice (see [`Settings::video_codec`]).
    pub(crate) video_codec: Option<VideoCodec>,
    pub(crate) audio_codec: AudioCodec,
    pub(crate) container: Container,
    pub(crate) location: String,
    pub(crate) room: String,
    pub(crate) autostart: bool,
    pub(crate) stop_on_empty: bool,
    pub(crate) isolated: bool,
    pub(crate) webhook_url: Option<String>,
    pub(crate) webhook_secret: Option<String>,
    pub(crate) webhook_format: WebhookFormat,
    pub(crate) upload_uri: Option<String>,
    pub(crate) upload_options: Option<gst::Structure>,
    pub(crate) upload_endpoint: Option<String>,
    pub(crate) keep_local: bool,
    /// Seconds of recorded time after which a recording stops itself (0: none).
    pub(crate) max_duration: u64,
    /// Bytes written after which a recording stops itself (0: none).
    pub(crate) max_size: u64,
    /// JPEGs of the composite: their path template (None: no snapshots),
    /// and the seconds between two.
    pub(crate) snapshot_location: Option<String>,
    pub(crate) snapshot_interval: u32,
    /// Seconds after which the file is cut into a new part (0: one file).
    pub(crate) split_duration: u32,
    /// Live outputs: stream URIs (comma-separated), an HLS playlist path
    /// template, its segments' target length (s) and how many it lists.
    pub(crate) stream_uri: Option<String>,
    pub(crate) hls_location: Option<String>,
    pub(crate) hls_segment_duration: u32,
    pub(crate) hls_playlist_length: u32,
}

impl Default for Settings {
    fn default() -> Self {
        let d = crate::props::POLICY_DEFAULTS;
        Settings {
            mode: Mode::VideoAndAudio,
            record: d.record,
            quality: d.quality,
            framerate: d.framerate,
            orientation: Orientation::Landscape,
            video_codec: None,
            audio_codec: d.audio_codec,
            container: Container::Webm,
            location: DEFAULT_LOCATION.into(),
            room: "meeting".into(),
            autostart: true,
            stop_on_empty: true,
            isolated: false,
            webhook_url: None,
            webhook_secret: None,
            webhook_format: WebhookFormat::default(),
            upload_uri: None,
            upload_options: None,
            upload_endpoint: None,
            keep_local: true,
            max_duration: 0,
            max_size: 0,
            snapshot_location: None,
            snapshot_interval: 10,
            split_duration: 0,
            stream_uri: None,
            hls_location: None,
            hls_segment_duration: crate::outputs::DEFAULT_HLS_SEGMENT_S,
            hls_playlist_length: crate::outputs::DEFAULT_HLS_PLAYLIST_LENGTH,
        }
    }
}

pub(crate) fn enum_nick<T: glib::value::ToValue + StaticType>(v: T) -> String {
    let value = v.to_value();
    glib::EnumValue::from_value(&value)
        .map(|(_, e)| e.nick().to_string())
        .unwrap_or_default()
}

impl Settings {
    /// The preferred video codec: the one set, else the container's
    /// (H.264 for MP4, the policy's default elsewhere).
    pub(crate) fn video_codec(&self) -> VideoCodec {
        self.video_codec.unwrap_or_else(|| {
            policy::Container::from(self.container)
                .default_video_codec(crate::props::POLICY_DEFAULTS.video_codec.into())
                .into()
        })
    }

    /// `upload-options` as `object_store` configuration pairs.
    pub(crate) fn upload_options(&self) -> Vec<(String, String)> {
        let endpoint = self
            .upload_endpoint
            .iter()
            .filter(|e| !e.is_empty())
            .flat_map(|e| {
                [
                    ("aws_endpoint".to_string(), e.clone()),
                    (
                        "aws_allow_http".into(),
                        e.starts_with("http://").to_string(),
                    ),
                ]
            });
        endpoint
            .chain(
                self.upload_options
                    .iter()
                    .flat_map(|s| s.iter())
                    .map(|(k, v)| {
                        let v = v
                            .transform::<String>()
                            .ok()
                            .and_then(|v| v.get::<String>().ok())
                            .unwrap_or_default();
                        (k.to_string(), v)
                    }),
            )
            .collect()
    }

    pub(crate) fn decide(&self) -> Result<policy::Decision, String> {
        policy::decide(&policy::Request {
            record: (self.record != RECORD_UNSET).then_some(self.record),
            quality: self.quality.into(),
            mode: match self.mode {
                Mode::VideoAndAudio => policy::Mode::VideoAndAudio,
                Mode::Audio => policy::Mode::Audio,
            },
            orientation: self.orientation.into(),
            video_codec: self.video_codec().into(),
            audio_codec: self.audio_codec.into(),
            keyframe_interval_ms: policy::DEFAULT_KEYFRAME_INTERVAL_MS,
            framerate: Some(self.framerate),
            installed: &crate::bitratepolicy::INSTALLED,
        })
        .map_err(|e| e.to_string())
    }

    /// Where recording `id`'s snapshots go: `snapshot-location` with {id},
    /// {room}, {date} and {time} filled in (its `%05d` left to the sink).
    pub(crate) fn snapshots_for(&self, id: &str, now: SystemTime) -> Option<PathBuf> {
        let template = self
            .snapshot_location
            .as_deref()
            .filter(|l| !l.is_empty())?;
        Some(fill_template(template, id, &self.room, now, "jpg"))
    }

    /// Where recording `id`'s HLS playlist goes: `hls-location` with {id},
    /// {room}, {date} and {time} filled in.
    pub(crate) fn hls_for(&self, id: &str, now: SystemTime) -> Option<PathBuf> {
        let template = self.hls_location.as_deref().filter(|l| !l.is_empty())?;
        Some(fill_template(template, id, &self.room, now, "m3u8"))
    }

    /// The file for recording `id`: the template with {id}, {room}, {date},
    /// {time} and {ext} filled in.
    pub(crate) fn location_for(&self, id: &str, now: SystemTime) -> PathBuf {
        let ext = policy::Container::from(self.container).extension();
        fill_template(&self.location, id, &self.room, now, ext)
    }
}

/// `key` as a file-name part: letters, digits, `-`, `_` and `.` kept, the
/// rest (path separators included) replaced by `_`.
/// A path template with {id}, {room} (made file-safe), {date}, {time} and
/// {ext} filled in.
fn fill_template(template: &str, id: &str, room: &str, now: SystemTime, ext: &str) -> PathBuf {
    let stamp = metadata::rfc3339(now);
    let (date, time) = stamp.split_once('T').unwrap_or((&stamp, ""));
    let time: String = time.chars().take(8).filter(|c| *c != ':').collect();
    PathBuf::from(
        template
            .replace("{id}", id)
            .replace("{room}", &file_safe(room))
            .replace("{date}", date)
            .replace("{time}", &time)
            .replace("{ext}", ext),
    )
}

pub(crate) fn file_safe(key: &str) -> String {
    let s: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    match s.trim_start_matches('.') {
        "" => "_".into(),
        t => t.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn participant_ids_cannot_name_other_paths() {
        assert_eq!(file_safe("ada"), "ada");
        assert_eq!(file_safe("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_safe("..."), "_");
        assert_eq!(file_safe("a b/c"), "a_b_c");
        assert_eq!(file_safe(""), "_");
    }
}
