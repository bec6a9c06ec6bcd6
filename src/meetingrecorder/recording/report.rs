// SPDX-License-Identifier: MPL-2.0
//! The metadata of a recording, as it stands.

use std::sync::atomic::Ordering;
use std::time::SystemTime;

use gst::prelude::*;
use gst::subclass::prelude::*;

use crate::bitratepolicy::RECORD_UNSET;
use crate::ingest::Codec;
use crate::layoutcompositor::{Layout, Priority, Theme};
use crate::meetingrecorder::MeetingRecorderPad;
use crate::meetingrecorder::branch::Kind;
use crate::meetingrecorder::recording::Recording;
use crate::meetingrecorder::{recording::timeline::*, settings::*, state::*};
use crate::{metadata, policy};

/// One entry per stay of a participant: their streams (audio, video) joined
/// and left about together, so entries of one id whose times overlap are one
/// stay. A participant who left and came back has two. In join order.
pub(crate) fn merge_streams(mut entries: Vec<metadata::Participant>) -> Vec<metadata::Participant> {
    entries.sort_by(|a, b| a.id.cmp(&b.id).then(a.joined_ms.cmp(&b.joined_ms)));
    let mut out: Vec<metadata::Participant> = Vec::with_capacity(entries.len());
    for e in entries {
        match out.last_mut() {
            Some(last)
                if last.id == e.id && last.left_ms.is_none_or(|left| e.joined_ms <= left) =>
            {
                last.left_ms = match (last.left_ms, e.left_ms) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                if last.name == last.id {
                    last.name = e.name;
                }
            }
            _ => out.push(e),
        }
    }
    out.sort_by_key(|p| p.joined_ms);
    out
}

pub(crate) fn participant_entry(
    pad: &MeetingRecorderPad,
    joined_rt: u64,
    clock: &Clock,
) -> metadata::Participant {
    let ids = pad.imp().ids();
    let id = ids.participant_id.unwrap_or_else(|| pad.name().to_string());
    metadata::Participant {
        name: ids.display_name.unwrap_or_else(|| id.clone()),
        id,
        joined_ms: if joined_rt == 0 {
            0
        } else {
            rel_ms(joined_rt, clock)
        },
        left_ms: None,
    }
}

/// A video track kept as received, as its caps describe it.
fn kept_video(codec: Codec, caps: Option<&gst::Caps>) -> metadata::VideoTrack {
    let s = caps.and_then(|c| c.structure(0));
    let int = |f: &str| s.and_then(|s| s.get::<i32>(f).ok()).unwrap_or(0).max(0) as u32;
    let fps = s
        .and_then(|s| s.get::<gst::Fraction>("framerate").ok())
        .filter(|f| f.denom() > 0)
        .map_or(0, |f| (f.numer() as f64 / f.denom() as f64).round() as u32);
    metadata::VideoTrack {
        codec: codec.name().into(),
        width: int("width"),
        height: int("height"),
        fps,
        bitrate_kbps: 0,
        remuxed: true,
    }
}

/// An audio track kept as received, as its caps describe it.
fn kept_audio(codec: Codec, caps: Option<&gst::Caps>) -> metadata::AudioTrack {
    let s = caps.and_then(|c| c.structure(0));
    let int = |f: &str| {
        s.and_then(|s| s.get::<i32>(f).ok())
            .map(|v| v.max(0) as u32)
    };
    metadata::AudioTrack {
        codec: codec.name().into(),
        channels: int("channels").unwrap_or(0),
        rate: int("rate"),
        bitrate_kbps: None,
        remuxed: true,
    }
}

/// Where a participant's own recording (`own`) starts on its composite's
/// timeline, in ms: the meeting running time of its first data less the
/// composite's, without the composite's pauses before it.
fn offset_ms(own: &Clock, composite: &Clock) -> Option<u64> {
    let own_origin = (*own.origin.lock().unwrap())?.nseconds();
    let origin = (*composite.origin.lock().unwrap())?.nseconds();
    let paused: u64 = composite
        .cuts
        .lock()
        .unwrap()
        .iter()
        .filter(|c| c.from < own_origin)
        .map(|c| c.to.unwrap_or(own_origin).min(own_origin) - c.from)
        .sum();
    Some(own_origin.saturating_sub(origin).saturating_sub(paused) / 1_000_000)
}

impl MeetingRecorder {
    /// The metadata of `rec` as it stands, with `status`.
    pub(crate) fn metadata_of(
        &self,
        rec: &Recording,
        status: metadata::Status,
        error: Option<String>,
    ) -> metadata::Recording {
        let duration_ms = rec.clock.end.load(Ordering::SeqCst) / 1_000_000;
        let parts = rec.parts.lock().unwrap().clone();
        let size = if parts.is_empty() {
            std::fs::metadata(&rec.location).map_or(0, |m| m.len())
        } else {
            parts
                .iter()
                .map(|p| std::fs::metadata(rec.location.with_file_name(p)).map_or(0, |m| m.len()))
                .sum()
        };
        let d = &rec.decision;
        let has = |kind| rec.links.iter().any(|l| l.kind == kind);
        let kept = |kind| {
            rec.kept
                .iter()
                .find(|(k, _, _)| *k == kind)
                .map(|(_, codec, caps)| (*codec, caps.lock().unwrap().clone()))
        };
        metadata::Recording {
            id: rec.id.clone(),
            participant_id: rec.person.clone(),
            composite_id: rec.composite.clone(),
            offset_ms: rec
                .composite_clock
                .as_ref()
                .and_then(|c| offset_ms(&rec.clock, c)),
            room: rec.settings.room.clone(),
            status,
            started_at: metadata::rfc3339(rec.started_at),
            ended_at: (status != metadata::Status::Recording)
                .then(|| metadata::rfc3339(SystemTime::now())),
            duration_ms,
            file: metadata::FileInfo {
                path: rec.location.to_string_lossy().to_string(),
                container: policy::Container::from(rec.settings.container)
                    .extension()
                    .into(),
                size_bytes: size,
                video: match kept(Kind::Video) {
                    Some((codec, caps)) => Some(kept_video(codec, caps.as_ref())),
                    None => d.video.as_ref().filter(|_| has(Kind::Video)).map(|v| {
                        metadata::VideoTrack {
                            codec: v.codec.name().into(),
                            width: v.width,
                            height: v.height,
                            fps: v.fps,
                            bitrate_kbps: v.kbps,
                            remuxed: false,
                        }
                    }),
                },
                audio: has(Kind::Audio).then_some(match d.audio {
                    _ if let Some((codec, caps)) = kept(Kind::Audio) => {
                        kept_audio(codec, caps.as_ref())
                    }
                    policy::AudioDecision::Opus {
                        kbps,
                        channels,
                        rate,
                    } => metadata::AudioTrack {
                        codec: "opus".into(),
                        channels,
                        rate: Some(rate),
                        bitrate_kbps: Some(kbps),
                        remuxed: false,
                    },
                    policy::AudioDecision::Pcm { channels, .. } => metadata::AudioTrack {
                        codec: "pcm".into(),
                        channels,
                        rate: Some(policy::AUDIO_RATE),
                        bitrate_kbps: None,
                        remuxed: false,
                    },
                }),
                parts,
                requested_container: rec
                    .requested_container
                    .map(|c| policy::Container::from(c).extension().into()),
            },
            config: metadata::Config {
                layout: enum_nick(self.compositor.property::<Layout>("layout")),
                priority: enum_nick(self.compositor.property::<Priority>("priority")),
                grid_size: self.compositor.property::<u32>("grid-size"),
                theme: enum_nick(self.compositor.property::<Theme>("theme")),
                orientation: enum_nick(rec.settings.orientation),
                mode: enum_nick(rec.settings.mode),
                quality: enum_nick(rec.settings.quality),
                record: (rec.settings.record != RECORD_UNSET).then_some(rec.settings.record),
            },
            participants: merge_streams(
                rec.participants
                    .iter()
                    .map(|(pad, entry)| {
                        // Ids and names may have been set after the pad was added.
                        let now = participant_entry(pad, 0, &rec.clock);
                        metadata::Participant {
                            id: now.id,
                            name: now.name,
                            joined_ms: entry.joined_ms,
                            left_ms: entry.left_ms.map(|l| l.min(duration_ms)),
                        }
                    })
                    .collect(),
            ),
            error,
            writer_pid: (status == metadata::Status::Recording).then(std::process::id),
            remote_uri: None,
            recovered: false,
            pauses: rec
                .pauses
                .iter()
                .map(|(from, to)| metadata::Pause {
                    started_at: metadata::rfc3339(*from),
                    ended_at: to.map(metadata::rfc3339),
                })
                .collect(),
            stop_reason: rec.stop_reason.map(Into::into),
            gaps: Vec::new(),
            outputs: rec.live.lock().unwrap().report(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stay(id: &str, joined_ms: u64, left_ms: Option<u64>) -> metadata::Participant {
        metadata::Participant {
            id: id.into(),
            name: id.to_uppercase(),
            joined_ms,
            left_ms,
        }
    }

    #[test]
    fn a_participants_streams_are_one_stay_and_a_return_is_another() {
        let merged = merge_streams(vec![
            stay("ada", 0, None),
            stay("bob", 1000, Some(3000)), // video
            stay("bob", 1010, Some(2990)), // audio
            stay("ada", 0, None),
            stay("bob", 5000, Some(6000)), // back again
        ]);
        assert_eq!(
            merged,
            vec![
                stay("ada", 0, None),
                stay("bob", 1000, Some(3000)),
                stay("bob", 5000, Some(6000)),
            ]
        );
    }
}
