// SPDX-License-Identifier: MPL-2.0
//! The element's struct: its fixed elements (the meeting part, alive for the
//! whole life of the bin) and its `State`, with the element's debug category
//! and timing constants. Every part (`participants`, `recording`, `live`,
//! `notify`, …) works on these; none of them imports `imp`.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64};

use super::RecordingState;
use super::{
    notify::Uploader, participants::Participant, recording::Recording, settings::Settings,
};
use crate::delivery::webhook;
use crate::util::ordered::Ordered;

pub(crate) const LEVEL_INTERVAL: gst::ClockTime = gst::ClockTime::from_mseconds(100);
/// How long going to NULL waits for queued webhooks and uploads.
pub(crate) const DRAIN_WEBHOOKS: std::time::Duration = std::time::Duration::from_secs(5);
pub(crate) const DRAIN_UPLOADS: std::time::Duration = std::time::Duration::from_secs(60);

#[derive(Default)]
pub(crate) struct State {
    pub(crate) participants: Vec<Participant>,
    pub(crate) recordings: Vec<Recording>,
    pub(crate) next_pad: [u32; 2],
    pub(crate) recording_state: RecordingState,
    /// Latest running time seen at the compositor/mixer outputs.
    pub(crate) now: Arc<AtomicU64>,
    /// Every participant's stream has ended.
    pub(crate) meeting_ended: bool,
    pub(crate) webhook: Option<webhook::Sender>,
    pub(crate) uploader: Option<Uploader>,
    /// Finished recordings (id, metadata path, participant), for `upload`.
    pub(crate) finished: Vec<(String, PathBuf, Option<String>)>,
    /// Composite recordings' live outputs, by recording id, until the last
    /// of them ended (they may outlive their recording by a few seconds).
    pub(crate) lives: Vec<(String, Arc<Ordered<super::live::Live>>)>,
}

pub struct MeetingRecorder {
    pub(crate) settings: Ordered<Settings>,
    pub(crate) state: Ordered<State>,
    /// Pending timers (see `timers`), taken last: a timer is set from
    /// under any other lock.
    pub(crate) timers: Ordered<Vec<gst::SingleShotClockId>>,
    /// Signalled when a participant's own file is made (see
    /// `await_own_file`); its mutex guards nothing but the wait.
    pub(crate) own_files: (std::sync::Mutex<()>, std::sync::Condvar),
    pub(crate) compositor: gst::Element,
    pub(crate) video_caps: gst::Element,
    pub(crate) video_tee: gst::Element,
    pub(crate) mixer: gst::Element,
    /// The mix's format: 32-bit float at the policy's rate, with as many
    /// channels as the participants bring (mono until one sends stereo, at
    /// most the policy's). The mixer upmixes nobody; each recording's encoder
    /// chain turns the mix into the policy's channels once (see
    /// `raise_mix_channels`).
    pub(crate) mix_caps: gst::Element,
    pub(crate) audio_tee: gst::Element,
    pub(crate) silence: gst::Element,
    /// Every audio participant ended: the silence ends at its next buffer.
    pub(crate) silence_ended: Arc<AtomicBool>,
    /// Paces the silence by the clock once the meeting is live (see
    /// `follow_liveness`).
    pub(crate) silence_pace: gst::Element,
    /// A sink that gets EOS when every participant's stream ended.
    pub(crate) meeting_end: gst::Element,
}
