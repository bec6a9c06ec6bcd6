// SPDX-License-Identifier: MPL-2.0
//! `meetingrecorder`: the bin that records a meeting.
//!
//! Request pads `video_%u` and `audio_%u`, one per participant stream, each
//! with `participant-id` and `display-name` (a participant's audio and video
//! share the id). Inside: `layoutcompositor` for the picture, a `level` per
//! audio input driving that participant's `audio-level` (active speaker),
//! `audiomixer` for the sound, and per recording two `bitratepolicy` encoders,
//! the muxer and a file sink.
//!
//! ```sh
//! gst-launch-1.0 -e meetingrecorder name=r room=standup layout=grid theme=dark \
//!     video_0::participant-id=ada video_0::display-name="Ada Lovelace" \
//!     audio_0::participant-id=ada location=recordings/{room}-{id}.{ext} \
//!   videotestsrc num-buffers=300 ! r.video_0 \
//!   audiotestsrc num-buffers=430 ! r.audio_0
//! ```
//!
//! Action signals `start` (returns the new recording's id) and `stop` work
//! while the meeting plays; each start makes a new file beginning at 0 on a
//! keyframe. States are posted as element messages (`recording-state-changed`:
//! `status`, `recording-id`, `location`, `reason`), emitted as the
//! `recording-state-changed` signal and readable as `recording-state`:
//! RECORDING_STARTING → RECORDING_STARTED (first data written) →
//! RECORDING_STOPPING → RECORDING_STOPPED (file finalized, metadata written), or
//! RECORDING_FAILED with the reason. Each finished recording has `<file>.json`.
//!
//! `isolated=true` also records each participant's own streams to
//! `<composite name>-<participant-id>.<ext>` (states carry `participant-id`).
//! A participant whose video cannot be composed is named in a WARNING and
//! left out of the picture; the meeting goes on.
//!
//! `webhook-url` (+ `webhook-secret`) POSTs every state change, signed;
//! `upload-uri` uploads each finished recording (RECORDING_UPLOADED /
//! RECORDING_UPLOAD_FAILED follow STOPPED); the `upload` action retries one.
//! See `crate::delivery`.
//!
//! # Layout
//! Files import one way: `imp` → the parts → `state` → the parts' data
//! modules (`mod.rs` of each folder) → `branch`, `settings`, this file.
//! - `imp.rs`: the GObject subclass; `properties.rs`: its property table;
//!   `pad.rs`: the participant pad; `settings.rs`: what the properties set.
//! - `state.rs`: the element's struct (the meeting's fixed elements) and its
//!   `State`; `branch.rs`: a branch off the meeting's tees (`Kind`, `Link`).
//! - `participants/`: each pad's chain (`chain`), decoding (`decode`), who is
//!   there and speaking (`presence`), decoder trouble (`trouble`); `mix.rs`:
//!   the mix's format.
//! - `recording/`: the recording (`mod.rs`), its building (`build`), its end
//!   (`lifecycle`), pause/resume/abort/limits (`control`), participants' own
//!   files (`isolated`), its timeline (`timeline`) and metadata (`report`).
//! - `live/`: a recording's live outputs — which (`control`), each one's bin
//!   (`output`), what happens to them (`events`).
//! - `notify/`: state messages and signals (`messages`), webhooks and uploads
//!   (`deliveries`).

use std::sync::LazyLock;

use gst::glib;
use gst::prelude::*;

mod branch;
mod imp;
mod live;
mod mix;
mod notify;
mod pad;
mod participants;
mod properties;
mod recording;
mod settings;
mod state;
mod timers;

/// Every lock of the element, in the one order they may be taken (a lower
/// rank first; never two of one rank at once). Debug builds check each
/// `lock` against it and panic naming both locks (`util::ordered`).
pub(crate) mod locks {
    use crate::util::ordered::Rank;
    /// `MeetingRecorder::settings`: what the properties set.
    pub(crate) const SETTINGS: Rank = Rank(10, "settings");
    /// `MeetingRecorder::state`: participants, recordings, deliveries.
    pub(crate) const STATE: Rank = Rank(20, "state");
    /// A composite recording's live outputs (`live::Live`).
    pub(crate) const LIVE: Rank = Rank(30, "live outputs");
    /// A participant pad's ids and names (`pad::PadSettings`).
    pub(crate) const PAD_SETTINGS: Rank = Rank(40, "pad settings");
    /// A video pad's compositor pad, which its names are forwarded to.
    pub(crate) const COMPOSITOR_PAD: Rank = Rank(50, "compositor pad");
    /// A participant's decoder stage (`participants::decode`).
    pub(crate) const DECODE: Rank = Rank(60, "decoder stage");
    /// `MeetingRecorder::timers`: pending timers, set from under any lock.
    pub(crate) const TIMERS: Rank = Rank(70, "timers");
}

pub(crate) static CAT: LazyLock<gst::DebugCategory> = LazyLock::new(|| {
    gst::DebugCategory::new(
        "meetingrecorder",
        gst::DebugColorFlags::empty(),
        Some("Meeting recorder bin"),
    )
});

glib::wrapper! {
    pub struct MeetingRecorder(ObjectSubclass<state::MeetingRecorder>)
        @extends gst::Bin, gst::Element, gst::Object,
        @implements gst::ChildProxy;
}

glib::wrapper! {
    pub struct MeetingRecorderPad(ObjectSubclass<pad::MeetingRecorderPad>)
        @extends gst::GhostPad, gst::ProxyPad, gst::Pad, gst::Object;
}

#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecMode")]
pub enum Mode {
    #[default]
    #[enum_value(name = "VIDEO-AND-AUDIO", nick = "video-and-audio")]
    VideoAndAudio,
    #[enum_value(name = "AUDIO", nick = "audio")]
    Audio,
}

#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecContainer")]
pub enum Container {
    #[default]
    #[enum_value(name = "WEBM", nick = "webm")]
    Webm,
    #[enum_value(name = "MKV", nick = "mkv")]
    Mkv,
    #[enum_value(name = "MP4", nick = "mp4")]
    Mp4,
    #[enum_value(name = "OGG", nick = "ogg")]
    Ogg,
    #[enum_value(name = "WAV", nick = "wav")]
    Wav,
}

impl From<Container> for crate::policy::Container {
    fn from(v: Container) -> Self {
        match v {
            Container::Webm => crate::policy::Container::Webm,
            Container::Mkv => crate::policy::Container::Mkv,
            Container::Mp4 => crate::policy::Container::Mp4,
            Container::Ogg => crate::policy::Container::Ogg,
            Container::Wav => crate::policy::Container::Wav,
        }
    }
}

/// The state of a recording, as the `recording-state` property (of the
/// meeting's composite recording) and, by [`RecordingState::as_str`], in the
/// `status` of the `recording-state-changed` messages, signals and webhooks.
#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecRecordingState")]
pub enum RecordingState {
    #[default]
    #[enum_value(name = "No recording started yet", nick = "none")]
    None,
    #[enum_value(name = "RECORDING_STARTING", nick = "starting")]
    Starting,
    #[enum_value(name = "RECORDING_STARTED: data is being written", nick = "started")]
    Started,
    #[enum_value(name = "RECORDING_STOPPING", nick = "stopping")]
    Stopping,
    #[enum_value(
        name = "RECORDING_STOPPED: file and metadata finalized",
        nick = "stopped"
    )]
    Stopped,
    #[enum_value(name = "RECORDING_FAILED", nick = "failed")]
    Failed,
    #[enum_value(name = "RECORDING_UPLOADED", nick = "uploaded")]
    Uploaded,
    #[enum_value(name = "RECORDING_UPLOAD_FAILED", nick = "upload-failed")]
    UploadFailed,
    #[enum_value(
        name = "RECORDING_PAUSED: nothing is written until resume",
        nick = "paused"
    )]
    Paused,
    #[enum_value(
        name = "RECORDING_RESUMED: writing again, into the same file",
        nick = "resumed"
    )]
    Resumed,
    #[enum_value(
        name = "RECORDING_ABORTED: stopped, file and metadata deleted",
        nick = "aborted"
    )]
    Aborted,
}

impl RecordingState {
    const ALL: [(RecordingState, &'static str); 10] = [
        (RecordingState::Starting, RECORDING_STARTING),
        (RecordingState::Started, RECORDING_STARTED),
        (RecordingState::Stopping, RECORDING_STOPPING),
        (RecordingState::Stopped, RECORDING_STOPPED),
        (RecordingState::Failed, RECORDING_FAILED),
        (RecordingState::Uploaded, RECORDING_UPLOADED),
        (RecordingState::UploadFailed, RECORDING_UPLOAD_FAILED),
        (RecordingState::Paused, RECORDING_PAUSED),
        (RecordingState::Resumed, RECORDING_RESUMED),
        (RecordingState::Aborted, RECORDING_ABORTED),
    ];

    /// The status string of messages and webhooks ("" for `None`).
    pub fn as_str(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(s, _)| *s == self)
            .map_or("", |(_, name)| name)
    }

    pub fn from_status(status: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .find(|(_, name)| *name == status)
            .map(|(s, _)| *s)
    }
}

/// Recording states, as VideoSDK names them.
pub const RECORDING_STARTING: &str = "RECORDING_STARTING";
pub const RECORDING_STARTED: &str = "RECORDING_STARTED";
pub const RECORDING_STOPPING: &str = "RECORDING_STOPPING";
pub const RECORDING_STOPPED: &str = "RECORDING_STOPPED";
pub const RECORDING_FAILED: &str = "RECORDING_FAILED";
/// After RECORDING_STOPPED, when `upload-uri` is set.
pub const RECORDING_UPLOADED: &str = "RECORDING_UPLOADED";
pub const RECORDING_UPLOAD_FAILED: &str = "RECORDING_UPLOAD_FAILED";
/// `pause` and `resume`: one file, the paused time cut out.
pub const RECORDING_PAUSED: &str = "RECORDING_PAUSED";
pub const RECORDING_RESUMED: &str = "RECORDING_RESUMED";
/// `abort`: stopped and its file and metadata deleted.
pub const RECORDING_ABORTED: &str = "RECORDING_ABORTED";
/// The `reason` of STOPPING/STOPPED when `max-duration` or `max-size` ended it.
pub const LIMIT_REACHED: &str = "limit-reached";

pub fn register(plugin: &gst::Plugin) -> Result<(), glib::BoolError> {
    #[cfg(feature = "doc")]
    {
        Mode::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        Container::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        RecordingState::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        MeetingRecorderPad::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
    }
    gst::Element::register(
        Some(plugin),
        "meetingrecorder",
        gst::Rank::NONE,
        MeetingRecorder::static_type(),
    )
}
