// SPDX-License-Identifier: MPL-2.0
//! The recording policy: what to encode, with what, at what rate.
//!
//! Pure Rust, no GStreamer types, so a media server can ask "what would you do
//! for record=2500?" without building a pipeline. Rules (from
//! VDO.Ninja `&record`/`&autorecord` and VideoSDK `quality`/`mode`):
//!
//! | record | video | audio |
//! |---|---|---|
//! | > 0 | at `record` kbps | Opus, 128 kbps if video ≥ 2500 kbps, else 32 |
//! | 0 | none | PCM, 32-bit float, stereo (lossless) |
//! | < 0 | none | Opus at −record kbps |
//! | unset | the quality preset | Opus, threshold on the preset's kbps |
//!
//! `mode=audio` drops the video and keeps the audio rule. Portrait swaps the
//! preset's width and height. Out-of-range values are clamped and the decision's
//! `notes` say which and why; a preferred encoder that is not installed falls
//! back to the next installed one, also noted.

use serde::{Deserialize, Serialize};

mod container;
pub use container::Container;

/// Recorded Opus bitrate when the video is at or above this many kbps.
pub const HIGH_AUDIO_THRESHOLD_KBPS: u32 = 2500;
pub const OPUS_HIGH_KBPS: u32 = 128;
pub const OPUS_LOW_KBPS: u32 = 32;
/// What senders are asked to send (VDO.Ninja's inbound audio): 128 kbps when
/// the video is at or above this many kbps, 80 from the recorded-audio
/// threshold (2500) up, 32 below; 256 when recording PCM.
pub const INBOUND_HIGH_THRESHOLD_KBPS: u32 = 4000;
pub const INBOUND_HIGH_KBPS: u32 = 128;
pub const INBOUND_MID_KBPS: u32 = 80;
pub const INBOUND_LOW_KBPS: u32 = 32;
pub const INBOUND_PCM_KBPS: u32 = 256;
/// Opus's own limits (RFC 6716: 6–510 kbit/s).
pub const OPUS_MIN_KBPS: u32 = 6;
pub const OPUS_MAX_KBPS: u32 = 510;
/// The most any of the video encoders here accepts without overflow
/// (x264enc: 2 048 000 kbit/s; vp8enc: i32 bits/s ≈ 2 147 483 kbit/s).
pub const VIDEO_MAX_KBPS: u32 = 2_048_000;
/// "Default bitrate will record at around 6000 kbps" (VDO.Ninja).
pub const DEFAULT_VIDEO_KBPS: u32 = 6000;
pub const AUDIO_RATE: u32 = 48_000;
pub const AUDIO_CHANNELS: u32 = 2;
pub const DEFAULT_KEYFRAME_INTERVAL_MS: u32 = 2000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quality {
    Low,
    #[default]
    Med,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    #[default]
    VideoAndAudio,
    Audio,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Orientation {
    #[default]
    Landscape,
    Portrait,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VideoCodec {
    #[default]
    Vp8,
    Vp9,
    H264,
    Av1,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AudioCodec {
    #[default]
    Opus,
    Pcm,
}

impl VideoCodec {
    pub const ALL: [VideoCodec; 4] = [
        VideoCodec::Vp8,
        VideoCodec::H264,
        VideoCodec::Vp9,
        VideoCodec::Av1,
    ];

    /// Encoder element names for this codec, best first.
    pub const fn encoders(self) -> &'static [&'static str] {
        match self {
            VideoCodec::Vp8 => &["vp8enc"],
            VideoCodec::Vp9 => &["vp9enc"],
            VideoCodec::H264 => &["x264enc", "openh264enc"],
            VideoCodec::Av1 => &["av1enc"],
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            VideoCodec::Vp8 => "vp8",
            VideoCodec::Vp9 => "vp9",
            VideoCodec::H264 => "h264",
            VideoCodec::Av1 => "av1",
        }
    }
}

/// The Opus encoder element.
pub const OPUS_ENCODER: &str = "opusenc";

/// Every encoder element the policy may pick: each video codec's, best
/// first, then Opus's. What "installed" is checked against.
pub fn encoders() -> impl Iterator<Item = &'static str> {
    VideoCodec::ALL
        .into_iter()
        .flat_map(|c| c.encoders().iter().copied())
        .chain([OPUS_ENCODER])
}

/// Size, rate and video bitrate of a quality preset (VideoSDK `quality`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Preset {
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    pub kbps: u32,
}

impl Quality {
    pub const fn preset(self, orientation: Orientation) -> Preset {
        let (width, height, fps, kbps) = match self {
            Quality::Low => (640, 360, 24, 800),
            Quality::Med => (1280, 720, 30, 3000),
            Quality::High => (1920, 1080, 30, 6000),
        };
        match orientation {
            Orientation::Landscape => Preset {
                width,
                height,
                fps,
                kbps,
            },
            Orientation::Portrait => Preset {
                width: height,
                height: width,
                fps,
                kbps,
            },
        }
    }
}

/// Everything the policy decides from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request<'a> {
    /// VDO.Ninja `record` in kbps: > 0 video bitrate, 0 PCM audio only,
    /// < 0 Opus audio only at −record kbps; `None` = from `quality`.
    pub record: Option<i64>,
    pub quality: Quality,
    pub mode: Mode,
    pub orientation: Orientation,
    pub video_codec: VideoCodec,
    pub audio_codec: AudioCodec,
    pub keyframe_interval_ms: u32,
    /// Frames per second; `None` (or 0) = the quality preset's.
    pub framerate: Option<u32>,
    /// Encoder element names that are installed (e.g. from the registry).
    pub installed: &'a [&'a str],
}

impl Default for Request<'_> {
    fn default() -> Self {
        Request {
            record: None,
            quality: Quality::Med,
            mode: Mode::VideoAndAudio,
            orientation: Orientation::Landscape,
            video_codec: VideoCodec::Vp8,
            audio_codec: AudioCodec::Opus,
            keyframe_interval_ms: DEFAULT_KEYFRAME_INTERVAL_MS,
            framerate: None,
            installed: &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VideoDecision {
    pub codec: VideoCodec,
    /// The encoder element to use.
    pub encoder: String,
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    pub kbps: u32,
    /// Frames between keyframes.
    pub keyframe_interval: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "codec", rename_all = "lowercase")]
pub enum AudioDecision {
    Opus {
        kbps: u32,
        channels: u32,
        rate: u32,
    },
    /// Lossless: 32-bit float samples, the input's rate.
    Pcm {
        channels: u32,
        bits: u32,
    },
}

impl AudioDecision {
    /// The codec's name as metadata and the `codec` tag say it.
    pub const fn name(&self) -> &'static str {
        match self {
            AudioDecision::Opus { .. } => "opus",
            AudioDecision::Pcm { .. } => "pcm",
        }
    }

    pub fn kbps(&self) -> Option<u32> {
        match self {
            AudioDecision::Opus { kbps, .. } => Some(*kbps),
            AudioDecision::Pcm { .. } => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// `None`: no video is recorded.
    pub video: Option<VideoDecision>,
    pub audio: AudioDecision,
    /// The Opus bitrate to ask senders for (kbps), what a media server
    /// negotiates with them (e.g. as Opus `maxaveragebitrate`): VDO.Ninja's
    /// table by video bitrate (which asks for 80 while recording 128 between
    /// 2500 and 3999), 256 for PCM, the recorded rate for audio-only Opus.
    pub inbound_audio_kbps: u32,
    /// What was clamped, refused or fallen back from, and why.
    pub notes: Vec<String>,
}

/// Why no video encoder can be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyError {
    NoVideoEncoder { wanted: VideoCodec },
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PolicyError::NoVideoEncoder { wanted } => write!(
                f,
                "no video encoder installed: wanted {} and none of vp8enc, x264enc, \
                 openh264enc, vp9enc, av1enc is available",
                wanted.name()
            ),
        }
    }
}

impl std::error::Error for PolicyError {}

fn opus_for_video(kbps: u32) -> u32 {
    if kbps >= HIGH_AUDIO_THRESHOLD_KBPS {
        OPUS_HIGH_KBPS
    } else {
        OPUS_LOW_KBPS
    }
}

/// Inbound audio for a video bitrate (the threshold table's first column).
fn inbound_for_video(kbps: u32) -> u32 {
    if kbps >= INBOUND_HIGH_THRESHOLD_KBPS {
        INBOUND_HIGH_KBPS
    } else if kbps >= HIGH_AUDIO_THRESHOLD_KBPS {
        INBOUND_MID_KBPS
    } else {
        INBOUND_LOW_KBPS
    }
}

fn opus(kbps: u32) -> AudioDecision {
    AudioDecision::Opus {
        kbps,
        channels: AUDIO_CHANNELS,
        rate: AUDIO_RATE,
    }
}

/// Decides what to record.
pub fn decide(req: &Request) -> Result<Decision, PolicyError> {
    let mut notes = Vec::new();
    let preset = req.quality.preset(req.orientation);
    let fps = req.framerate.filter(|&f| f > 0).unwrap_or(preset.fps);

    // Video bitrate (None = no video) and the audio rule.
    let (video_kbps, audio) = match req.record {
        None => (Some(preset.kbps), opus(opus_for_video(preset.kbps))),
        Some(0) => (
            None,
            AudioDecision::Pcm {
                channels: AUDIO_CHANNELS,
                bits: 32,
            },
        ),
        Some(r) if r < 0 => {
            let wanted = r.unsigned_abs();
            let kbps = wanted.clamp(OPUS_MIN_KBPS as u64, OPUS_MAX_KBPS as u64) as u32;
            if kbps as u64 != wanted {
                notes.push(format!(
                    "record={r}: Opus takes {OPUS_MIN_KBPS}..={OPUS_MAX_KBPS} kbps, recording at {kbps} kbps"
                ));
            }
            (None, opus(kbps))
        }
        Some(r) => {
            let kbps = (r as u64).min(VIDEO_MAX_KBPS as u64) as u32;
            if kbps as u64 != r as u64 {
                notes.push(format!(
                    "record={r}: above the {VIDEO_MAX_KBPS} kbps the video encoders accept, \
                     recording at {kbps} kbps"
                ));
            }
            (Some(kbps), opus(opus_for_video(kbps)))
        }
    };

    // The video bitrate the audio thresholds go by (before mode=audio drops
    // the video itself).
    let threshold_kbps = video_kbps;

    // An explicit PCM preference wins over Opus (lossless costs only disk).
    let audio = match (req.audio_codec, audio) {
        (AudioCodec::Pcm, AudioDecision::Opus { .. }) => {
            notes.push("audio-codec=pcm: recording lossless PCM instead of Opus".into());
            AudioDecision::Pcm {
                channels: AUDIO_CHANNELS,
                bits: 32,
            }
        }
        (_, a) => a,
    };

    let video_kbps = match (req.mode, video_kbps) {
        (Mode::Audio, Some(_)) => {
            notes.push("mode=audio: no video recorded".into());
            None
        }
        (_, v) => v,
    };

    let video = match video_kbps {
        None => None,
        Some(kbps) => {
            let (codec, encoder) = pick_encoder(req.video_codec, req.installed).ok_or(
                PolicyError::NoVideoEncoder {
                    wanted: req.video_codec,
                },
            )?;
            if codec != req.video_codec {
                notes.push(format!(
                    "video-codec={}: no encoder for it is installed ({}), using {} ({encoder})",
                    req.video_codec.name(),
                    req.video_codec.encoders().join(", "),
                    codec.name()
                ));
            }
            let keyframe_interval =
                ((fps as u64 * req.keyframe_interval_ms as u64).div_ceil(1000)).max(1) as u32;
            Some(VideoDecision {
                codec,
                encoder: encoder.to_string(),
                width: preset.width,
                height: preset.height,
                fps,
                kbps,
                keyframe_interval,
            })
        }
    };

    // What senders are asked for: the table's inbound rate for a video
    // bitrate, PCM's 256; audio-only Opus (not in the table) its own rate.
    let inbound_audio_kbps = match (&audio, threshold_kbps) {
        (AudioDecision::Pcm { .. }, _) => INBOUND_PCM_KBPS,
        (AudioDecision::Opus { .. }, Some(v)) => inbound_for_video(v),
        (AudioDecision::Opus { kbps, .. }, None) => *kbps,
    };

    Ok(Decision {
        video,
        audio,
        inbound_audio_kbps,
        notes,
    })
}

/// The preferred codec's best installed encoder, else the first installed one
/// in the order VP8, H.264, VP9, AV1.
pub fn pick_encoder(
    preferred: VideoCodec,
    installed: &[&str],
) -> Option<(VideoCodec, &'static str)> {
    std::iter::once(preferred)
        .chain(VideoCodec::ALL.into_iter().filter(|&c| c != preferred))
        .find_map(|c| {
            c.encoders()
                .iter()
                .find(|e| installed.contains(e))
                .map(|&e| (c, e))
        })
}

#[cfg(test)]
mod tests;
