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

mod imp;

pub use crate::props::{AudioCodec, Quality, RECORD_UNSET, VideoCodec};
pub(crate) use imp::INSTALLED;

glib::wrapper! {
    pub struct BitratePolicy(ObjectSubclass<imp::BitratePolicy>)
        @extends gst::Bin, gst::Element, gst::Object,
        @implements gst::ChildProxy;
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
