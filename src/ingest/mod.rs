// SPDX-License-Identifier: MPL-2.0
//! Encoded participants, as media servers hold them: which codec a stream
//! carries, which container holds it as received, and — per participant —
//! when its frames are decoded and when a keyframe is asked for.
//!
//! Pure Rust, no GStreamer types (the elements that carry them are built in
//! `meetingrecorder::decode`).
//!
//! | when | decoded? | keyframe request |
//! |---|---|---|
//! | first frames (joined) | from the first keyframe, shown or not (the tile gets a picture to keep) | yes |
//! | shown, in sync | yes | no |
//! | hidden | no: the tile keeps its last picture, only timing goes on | no |
//! | hidden → shown | from the next keyframe; the kept picture until then | yes |
//! | lost data (DISCONT) or a decode error while shown | from the next keyframe | yes |
//! | video resumes after ≥ 1 s without frames | yes | yes |
//! | a recording starts (its own files start on a keyframe) | as above | yes |
//!
//! Requests are at most one per participant per [`KEY_REQUEST_INTERVAL`].

use std::time::{Duration, Instant};

use crate::policy::Container;

/// At most one keyframe request per participant in this time. A sender
/// answers a request with a keyframe (5–20× a delta frame); 500 ms bounds
/// what a flapping layout or a lossy link costs the sender's uplink to two
/// keyframes a second while still recovering a picture within a frame or two
/// of the request's round trip.
pub const KEY_REQUEST_INTERVAL: Duration = Duration::from_millis(500);
/// A participant whose video resumes after this long without frames is
/// asked for a keyframe (their sender may have restarted, or dropped us).
pub const STALL: Duration = Duration::from_secs(1);

/// Codecs meetrec takes as received.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Codec {
    Vp8,
    Vp9,
    H264,
    H265,
    Av1,
    Opus,
}

impl Codec {
    pub const ALL: [Codec; 6] = [
        Codec::Vp8,
        Codec::Vp9,
        Codec::H264,
        Codec::H265,
        Codec::Av1,
        Codec::Opus,
    ];

    /// The codec a GStreamer media type names (`video/x-vp8`, …); None for
    /// raw media or anything else.
    pub fn from_media_type(name: &str) -> Option<Codec> {
        Self::ALL.into_iter().find(|c| c.media_type() == name)
    }

    pub const fn media_type(self) -> &'static str {
        match self {
            Codec::Vp8 => "video/x-vp8",
            Codec::Vp9 => "video/x-vp9",
            Codec::H264 => "video/x-h264",
            Codec::H265 => "video/x-h265",
            Codec::Av1 => "video/x-av1",
            Codec::Opus => "audio/x-opus",
        }
    }

    /// The name in recording metadata (as the policy's codecs are named).
    pub const fn name(self) -> &'static str {
        match self {
            Codec::Vp8 => "vp8",
            Codec::Vp9 => "vp9",
            Codec::H264 => "h264",
            Codec::H265 => "h265",
            Codec::Av1 => "av1",
            Codec::Opus => "opus",
        }
    }

    pub const fn is_video(self) -> bool {
        !matches!(self, Codec::Opus)
    }

    /// The parser that frames the stream for a decoder or a muxer (access
    /// units, avc/byte-stream, codec data, keyframe flags), when it needs one.
    /// VP8 frames are whole as they come.
    pub const fn parser(self) -> Option<&'static str> {
        match self {
            Codec::Vp8 => None,
            Codec::Vp9 => Some("vp9parse"),
            Codec::H264 => Some("h264parse"),
            Codec::H265 => Some("h265parse"),
            Codec::Av1 => Some("av1parse"),
            Codec::Opus => Some("opusparse"),
        }
    }
}

/// Whether `container` holds `codec` (a codec name as in metadata: `vp8`,
/// `h264`, …, `opus`, `pcm`) as it is.
pub fn holds(container: Container, codec: &str) -> bool {
    match container {
        Container::Mkv => true,
        Container::Webm => matches!(codec, "vp8" | "vp9" | "av1" | "opus"),
        Container::Mp4 => matches!(codec, "h264" | "h265" | "vp9" | "av1" | "opus"),
        Container::Ogg => codec == "opus",
        Container::Wav => codec == "pcm",
    }
}

/// The container a participant's own file is written in when its streams
/// are kept as received: the one asked for when it holds every codec, else
/// Matroska, which holds them all (never a transcode).
pub fn container_for(requested: Container, codecs: &[&str]) -> Container {
    if codecs.iter().all(|c| holds(requested, c)) {
        requested
    } else {
        Container::Mkv
    }
}

/// What to do with an encoded frame before the decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Decode it.
    Decode,
    /// Not decoded: the tile keeps the last picture; only the frame's timing
    /// goes on (a GAP), so a compositor that waits for every input does not
    /// wait for this one.
    Hold,
    /// Not decoded, and nothing to stand in: no picture was decoded yet.
    Drop,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub verdict: Verdict,
    /// Ask upstream for a keyframe (GstForceKeyUnit; RTCP PLI at an RTP receiver).
    pub request_keyframe: bool,
}

/// One participant's video before its decoder: decode only while shown,
/// from a keyframe on, and ask for keyframes when they are needed.
#[derive(Debug, Default)]
pub struct Gate {
    /// The decoder got a keyframe and everything after it.
    in_sync: bool,
    /// A picture was decoded: the tile has one to keep.
    pictured: bool,
    /// When the latest frame came.
    last_frame: Option<Instant>,
    /// A keyframe is wanted whether or not the participant is shown (they
    /// joined, resumed after a stall, or a recording started).
    forced: bool,
    last_request: Option<Instant>,
    requests: u64,
}

impl Gate {
    /// A frame at `now`: `keyframe` when it starts a picture on its own,
    /// `discont` when data before it was lost, `shown` when the participant
    /// is in the layout.
    pub fn frame(&mut self, now: Instant, keyframe: bool, discont: bool, shown: bool) -> Step {
        let stalled = self
            .last_frame
            .is_some_and(|t| now.saturating_duration_since(t) >= STALL);
        if self.last_frame.is_none() || stalled {
            self.forced = true;
        }
        self.last_frame = Some(now);
        if discont && !keyframe {
            self.in_sync = false;
        }
        let verdict = if keyframe && (shown || !self.pictured) {
            self.in_sync = true;
            self.pictured = true;
            self.forced = false;
            Verdict::Decode
        } else if !self.pictured {
            Verdict::Drop
        } else if !shown {
            // What it would decode next depends on frames it did not get.
            self.in_sync = false;
            Verdict::Hold
        } else if self.in_sync {
            Verdict::Decode
        } else {
            Verdict::Hold
        };
        let needed = self.forced || (!self.in_sync && (shown || !self.pictured));
        let allowed = self
            .last_request
            .is_none_or(|t| now.saturating_duration_since(t) >= KEY_REQUEST_INTERVAL);
        let request_keyframe = needed && allowed;
        if request_keyframe {
            self.last_request = Some(now);
            self.forced = false;
            self.requests += 1;
        }
        Step {
            verdict,
            request_keyframe,
        }
    }

    /// The decoder failed on what it got: decode again from a keyframe.
    pub fn decode_error(&mut self) {
        self.in_sync = false;
    }

    /// Ask for a keyframe at the next frame, shown or not (a recording
    /// started: its files start on one).
    pub fn want_keyframe(&mut self) {
        self.forced = true;
    }

    /// Keyframe requests made so far.
    pub fn requests(&self) -> u64 {
        self.requests
    }
}

#[cfg(test)]
mod tests;
