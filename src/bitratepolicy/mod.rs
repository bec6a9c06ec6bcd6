// SPDX-License-Identifier: MPL-2.0
//! `bitratepolicy`: an encoder bin driven by the recording policy.
//!
//! Raw audio or raw video in (it finds out from the caps), encoded stream out,
//! ready for a muxer. The encoder and its settings come from
//! [`crate::policy::decide`]: VDO.Ninja's `record` (video kbps; 0 = lossless PCM
//! audio only; negative = Opus audio only at −record kbps), the `quality`
//! preset (size, rate and bitrate), the preferred codecs and what is installed.
//!
//! ```sh
//! gst-launch-1.0 -e videotestsrc num-buffers=120 ! bitratepolicy record=2500 ! \
//!     webmmux name=m ! filesink location=v.webm
//! gst-launch-1.0 -e audiotestsrc num-buffers=200 ! bitratepolicy record=-120 ! \
//!     oggmux ! filesink location=a.ogg
//! ```
//!
//! Video is scaled/letterboxed to the preset's size and rate (passthrough when it
//! already matches). Changing `record` while PLAYING changes the running
//! encoder's bitrate. The `encoder-setup` signal hands the chosen encoder to the
//! application after the policy configured it; the first handler returning true
//! stops the emission. Read-only `video-bitrate`, `audio-bitrate`, `codec` and
//! `decision` (JSON, with notes on anything clamped or fallen back from) say
//! what was resolved.

use gst::glib;
use gst::prelude::*;

use crate::policy;

mod imp;

pub(crate) use imp::INSTALLED;

glib::wrapper! {
    pub struct BitratePolicy(ObjectSubclass<imp::BitratePolicy>)
        @extends gst::Bin, gst::Element, gst::Object,
        @implements gst::ChildProxy;
}

/// `record` value meaning "not set": the quality preset decides.
pub const RECORD_UNSET: i64 = i64::MIN;

#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecQuality")]
pub enum Quality {
    #[enum_value(name = "LOW", nick = "low")]
    Low,
    #[default]
    #[enum_value(name = "MED", nick = "med")]
    Med,
    #[enum_value(name = "HIGH", nick = "high")]
    High,
}

#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecVideoCodec")]
pub enum VideoCodec {
    #[default]
    #[enum_value(name = "VP8", nick = "vp8")]
    Vp8,
    #[enum_value(name = "VP9", nick = "vp9")]
    Vp9,
    #[enum_value(name = "H264", nick = "h264")]
    H264,
    #[enum_value(name = "AV1", nick = "av1")]
    Av1,
}

#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecAudioCodec")]
pub enum AudioCodec {
    #[default]
    #[enum_value(name = "OPUS", nick = "opus")]
    Opus,
    #[enum_value(name = "PCM", nick = "pcm")]
    Pcm,
}

/// Encoder speed/quality trade-off.
#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecSpeedPreset")]
pub enum SpeedPreset {
    /// Keeps up in real time on a small machine (2 cores, 1080p30).
    #[default]
    #[enum_value(name = "REALTIME", nick = "realtime")]
    Realtime,
    /// Better compression for the same bitrate, about twice the CPU.
    #[enum_value(name = "BALANCED", nick = "balanced")]
    Balanced,
}

impl From<Quality> for policy::Quality {
    fn from(v: Quality) -> Self {
        match v {
            Quality::Low => policy::Quality::Low,
            Quality::Med => policy::Quality::Med,
            Quality::High => policy::Quality::High,
        }
    }
}

impl From<VideoCodec> for policy::VideoCodec {
    fn from(v: VideoCodec) -> Self {
        match v {
            VideoCodec::Vp8 => policy::VideoCodec::Vp8,
            VideoCodec::Vp9 => policy::VideoCodec::Vp9,
            VideoCodec::H264 => policy::VideoCodec::H264,
            VideoCodec::Av1 => policy::VideoCodec::Av1,
        }
    }
}

impl From<AudioCodec> for policy::AudioCodec {
    fn from(v: AudioCodec) -> Self {
        match v {
            AudioCodec::Opus => policy::AudioCodec::Opus,
            AudioCodec::Pcm => policy::AudioCodec::Pcm,
        }
    }
}

impl From<crate::layoutcompositor::Orientation> for policy::Orientation {
    fn from(v: crate::layoutcompositor::Orientation) -> Self {
        match v {
            crate::layoutcompositor::Orientation::Landscape => policy::Orientation::Landscape,
            crate::layoutcompositor::Orientation::Portrait => policy::Orientation::Portrait,
        }
    }
}

pub fn register(plugin: &gst::Plugin) -> Result<(), glib::BoolError> {
    #[cfg(feature = "doc")]
    {
        Quality::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        VideoCodec::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        AudioCodec::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        SpeedPreset::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
    }
    gst::Element::register(
        Some(plugin),
        "bitratepolicy",
        gst::Rank::NONE,
        BitratePolicy::static_type(),
    )
}
