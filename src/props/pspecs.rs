// SPDX-License-Identifier: MPL-2.0
//! The policy's properties, declared once for every element that has them.

use gst::glib;
use gst::prelude::*;

use super::{AudioCodec, Quality, RECORD_UNSET, VideoCodec};

/// The highest `framerate` (OpenVidu Meet's `_60` presets).
pub(crate) const MAX_FRAMERATE: u32 = 60;

/// What the policy properties default to, one place for every element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PolicyDefaults {
    pub record: i64,
    /// 0: the quality preset's.
    pub framerate: u32,
    pub quality: Quality,
    pub video_codec: VideoCodec,
    pub audio_codec: AudioCodec,
}

pub(crate) const POLICY_DEFAULTS: PolicyDefaults = PolicyDefaults {
    record: RECORD_UNSET,
    framerate: 0,
    quality: Quality::Med,
    video_codec: VideoCodec::Vp8,
    audio_codec: AudioCodec::Opus,
};

/// `record`, `quality`, `video-codec` and `audio-codec`: one blurb and one
/// mutability wherever they are. `record` changes a running encoder's
/// bitrate; the others are read when an encoder is made (`bitratepolicy`:
/// on its caps; `meetingrecorder`: at each start).
pub(crate) fn policy_pspecs() -> Vec<glib::ParamSpec> {
    let d = POLICY_DEFAULTS;
    vec![
        glib::ParamSpecInt64::builder("record")
            .nick("Record")
            .blurb(
                "VDO.Ninja record value in kbps: > 0 video bitrate (Opus 128 kbps from 2500 up, \
                 else 32); 0 = no video, lossless PCM audio; < 0 = no video, Opus at -record \
                 kbps; -9223372036854775808 (default) = unset, the quality preset decides. \
                 A running encoder's bitrate follows changes",
            )
            .default_value(d.record)
            .mutable_playing()
            .build(),
        glib::ParamSpecEnum::builder_with_default("quality", d.quality)
            .nick("Quality")
            .blurb(
                "Preset: low 640x360@24 800 kbps, med 1280x720@30 3000 kbps, \
                 high 1920x1080@30 6000 kbps",
            )
            .mutable_ready()
            .build(),
        glib::ParamSpecUInt::builder("framerate")
            .nick("Frame rate")
            .blurb(
                "Frames per second of the recorded video, 1 to 60; 0 (default) = the quality \
                 preset's (24 for low, 30 for med and high)",
            )
            .maximum(MAX_FRAMERATE)
            .default_value(d.framerate)
            .mutable_ready()
            .build(),
        glib::ParamSpecEnum::builder_with_default("video-codec", d.video_codec)
            .nick("Video codec")
            .blurb(
                "Preferred video codec; when its encoder is missing the next installed one \
                 (vp8, h264, vp9, av1) is used. Read when an encoder is made",
            )
            .mutable_playing()
            .build(),
        glib::ParamSpecEnum::builder_with_default("audio-codec", d.audio_codec)
            .nick("Audio codec")
            .blurb(
                "opus, or pcm for lossless 32-bit float audio whatever record says. Read when \
                 an encoder is made",
            )
            .mutable_playing()
            .build(),
    ]
}

/// `inbound-audio-bitrate`: what a media server asks senders for.
pub(crate) fn inbound_audio_pspec() -> glib::ParamSpec {
    glib::ParamSpecUInt::builder("inbound-audio-bitrate")
        .nick("Inbound audio bitrate")
        .blurb(
            "Opus kbps to ask senders for (VDO.Ninja's inbound column: 128 when the video \
             is >= 4000 kbps, 80 from 2500, 32 below; 256 when recording PCM; the recorded \
             rate for audio-only Opus), e.g. as the maxaveragebitrate a media server \
             negotiates",
        )
        .read_only()
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_declared_ones() {
        gst::init().unwrap();
        let specs = policy_pspecs();
        let find = |n: &str| specs.iter().find(|p| p.name() == n).unwrap();
        let d = POLICY_DEFAULTS;
        assert_eq!(
            find("record").default_value().get::<i64>().unwrap(),
            d.record
        );
        assert_eq!(
            find("quality").default_value().get::<Quality>().unwrap(),
            d.quality
        );
        assert_eq!(
            find("video-codec")
                .default_value()
                .get::<VideoCodec>()
                .unwrap(),
            d.video_codec
        );
    }
}
