// SPDX-License-Identifier: MPL-2.0
//! What the elements share on their GStreamer side: the enum types of the
//! policy's properties (`quality`, `video-codec`, `audio-codec`,
//! `orientation`) and their declarations, so `bitratepolicy`,
//! `layoutcompositor` and `meetingrecorder` show one property one way and
//! none of them depends on another for it. The values map onto the pure
//! `policy` and `layout` modules' types.

use gst::glib;

use crate::{layout, policy};

mod pspecs;

pub(crate) use pspecs::{POLICY_DEFAULTS, inbound_audio_pspec, policy_pspecs};

/// `record` value meaning "not set": the quality preset decides.
pub const RECORD_UNSET: i64 = i64::MIN;

/// The shape of the webhooks `meetingrecorder` sends.
#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecWebhookFormat")]
pub enum WebhookFormat {
    /// meetrec's own: every state, `X-Meetrec-*` headers.
    #[default]
    #[enum_value(name = "MEETREC", nick = "meetrec")]
    Meetrec,
    /// OpenVidu Meet's: `recordingStarted`/`Updated`/`Ended` of composite
    /// recordings, `X-Timestamp`/`X-Signature` headers.
    #[enum_value(name = "OPENVIDU_MEET", nick = "openvidu-meet")]
    OpenviduMeet,
}

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

impl From<Orientation> for policy::Orientation {
    fn from(v: Orientation) -> Self {
        match v {
            Orientation::Landscape => policy::Orientation::Landscape,
            Orientation::Portrait => policy::Orientation::Portrait,
        }
    }
}

#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecOrientation")]
pub enum Orientation {
    #[default]
    #[enum_value(name = "LANDSCAPE", nick = "landscape")]
    Landscape,
    #[enum_value(name = "PORTRAIT", nick = "portrait")]
    Portrait,
}

impl From<Orientation> for layout::Orientation {
    fn from(v: Orientation) -> Self {
        match v {
            Orientation::Landscape => layout::Orientation::Landscape,
            Orientation::Portrait => layout::Orientation::Portrait,
        }
    }
}

impl From<policy::VideoCodec> for VideoCodec {
    fn from(v: policy::VideoCodec) -> Self {
        match v {
            policy::VideoCodec::Vp8 => VideoCodec::Vp8,
            policy::VideoCodec::Vp9 => VideoCodec::Vp9,
            policy::VideoCodec::H264 => VideoCodec::H264,
            policy::VideoCodec::Av1 => VideoCodec::Av1,
        }
    }
}
