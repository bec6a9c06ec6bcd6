// SPDX-License-Identifier: MPL-2.0
//! The audio mix's format.

use gst::prelude::*;
use gst::subclass::prelude::*;

use super::state::*;
use crate::meetingrecorder::CAT;
use crate::policy;

/// The mix's sample format and rate, with `channels` channels (any if None).
pub(crate) fn mix_format(channels: Option<i32>) -> gst::Caps {
    gst::Caps::builder("audio/x-raw")
        .field("format", "F32LE")
        .field("layout", "interleaved")
        .field("rate", policy::AUDIO_RATE as i32)
        .field_if_some("channels", channels)
        .build()
}

impl MeetingRecorder {
    /// Mixes with as many channels as the most a participant sends (at most
    /// the policy's): a meeting of mono microphones is mixed in mono and made
    /// stereo once, in each recording's encoder chain, instead of once per
    /// participant in the mixer (9 mono participants: the mixer's upmixing
    /// was a quarter of an audio-only recording's instructions). Raised when
    /// a stereo participant's caps arrive, before their first sample is
    /// mixed; never lowered, so a recording's mix changes format at most once.
    pub(crate) fn raise_mix_channels(&self, channels: i32) {
        let want = channels.clamp(1, policy::AUDIO_CHANNELS as i32);
        let current = self
            .mix_caps
            .property::<gst::Caps>("caps")
            .structure(0)
            .and_then(|s| s.get::<i32>("channels").ok())
            .unwrap_or(1);
        if want > current {
            gst::debug!(CAT, imp = self, "mixing {want} channels");
            self.mix_caps.set_property("caps", mix_format(Some(want)));
        }
    }

    /// After the mix's format changed: every mixer input converts from its
    /// own format again. GStreamer 1.22's audioaggregator, renegotiating,
    /// re-converts the buffer each input is in the middle of from the old
    /// mix format to the new one and keeps that converter for the input's
    /// next buffers, which are in the input's own format. That is why every
    /// input is already in the mix's sample format and rate (the converter
    /// it keeps is then right for a mono input, and at worst wrong for one
    /// output buffer until this runs); setting `converter-config` makes the
    /// pad build its converter anew. Runs as the mix's new caps go out.
    pub(crate) fn reset_mix_converters(&self) {
        for pad in self.mixer.sink_pads() {
            let config = pad.property::<Option<gst::Structure>>("converter-config");
            pad.set_property("converter-config", config);
        }
    }
}
