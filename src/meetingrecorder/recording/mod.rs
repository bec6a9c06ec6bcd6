// SPDX-License-Identifier: MPL-2.0
//! The recording lifecycle: start, build, stop, EOS, failure, retirement and
//! finalization of each recording bin.

mod build;
mod control;
mod isolated;
mod lifecycle;
pub(crate) mod report;
pub(crate) mod timeline;

use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::ingest::Codec;
use crate::meetingrecorder::branch::Kind;
use crate::meetingrecorder::branch::Link;
use crate::meetingrecorder::live::Live;
use crate::meetingrecorder::{Container, MeetingRecorderPad};
use crate::meetingrecorder::{recording::timeline::*, settings::*};
use crate::util::ordered::Ordered;
use crate::{metadata, policy};

/// Numbers recording ids (see `start_recording`).
pub(crate) static NEXT_RECORDING: AtomicU64 = AtomicU64::new(1);

#[derive(Clone)]
pub(crate) struct Recording {
    pub(crate) id: String,
    pub(crate) location: PathBuf,
    /// What it was started with (isolated recordings follow their composite's).
    pub(crate) settings: Settings,
    /// For a participant's own (isolated) recording: whose, and the composite
    /// it belongs to.
    pub(crate) person: Option<String>,
    pub(crate) composite: Option<String>,
    /// Composite only: whose isolated recordings were made, one entry each.
    pub(crate) isolated_made: Vec<String>,
    /// Composite only: whose isolated recordings are being set up right now
    /// (their streams' first data may come from several threads at once).
    pub(crate) isolated_building: Vec<String>,
    /// Composite only: whose own files wait for a stream of theirs whose
    /// shape (raw or which codec) is not known yet (see `start_isolated`).
    pub(crate) isolated_waiting: Vec<String>,
    pub(crate) decision: policy::Decision,
    pub(crate) bin: gst::Bin,
    pub(crate) links: Vec<Link>,
    pub(crate) started_at: SystemTime,
    pub(crate) clock: Arc<Clock>,
    pub(crate) stopping: bool,
    /// Who took part: their pad (for the current id and name) and times.
    pub(crate) participants: Vec<(MeetingRecorderPad, metadata::Participant)>,
    /// Each pause, wall clock (the timeline's cuts are in `clock`).
    pub(crate) pauses: Vec<(SystemTime, Option<SystemTime>)>,
    /// Stopped by `abort`: its files go once it is finalized.
    pub(crate) aborting: bool,
    /// Why it stopped by itself (`limit-reached`).
    pub(crate) stop_reason: Option<&'static str>,
    /// split-duration: the files written so far, in order (names beside
    /// `location`, the first being its own).
    pub(crate) parts: Arc<Mutex<Vec<String>>>,
    /// Composite only: its live outputs (see `live`).
    pub(crate) live: Arc<Ordered<Live>>,
    /// Composite H.264 only: the file's encoded video, which streams share.
    pub(crate) h264_tee: Option<gst::Element>,
    /// A participant's own recording: the streams kept as received (their
    /// codec and caps), not encoded again.
    pub(crate) kept: Vec<(Kind, Codec, KeptCaps)>,
    /// A participant's own recording whose container was not the one asked
    /// for (it could not hold their codecs): the one asked for.
    pub(crate) requested_container: Option<Container>,
    /// A participant's own recording: its composite's timeline, for where
    /// it starts on it (`offsetMs`).
    pub(crate) composite_clock: Option<Arc<Clock>>,
}

/// The latest caps of a track kept as received (for its metadata).
pub(crate) type KeptCaps = Arc<Mutex<Option<gst::Caps>>>;

/// A recording's id, location and participant, as state changes name them.
pub(crate) type StateNames = (String, String, Option<String>);

impl Recording {
    /// Its id, location and participant, as state changes name them.
    pub(crate) fn state_names(&self) -> StateNames {
        (
            self.id.clone(),
            self.location.to_string_lossy().to_string(),
            self.person.clone(),
        )
    }
}

/// What a new recording is to be: the composite (`start_recording`) or a
/// participant's own (`start_isolated`).
pub(crate) struct Plan {
    /// What it was started with (a participant's own follows its composite's).
    pub(crate) settings: Settings,
    pub(crate) decision: policy::Decision,
    pub(crate) id: String,
    pub(crate) location: PathBuf,
    pub(crate) started_at: SystemTime,
    /// The tees it records from, and the codec of what they carry when it
    /// is kept as received (an encoded participant's own recording).
    pub(crate) tracks: Vec<(Kind, gst::Element, Option<Codec>)>,
    /// See [`Recording::requested_container`].
    pub(crate) requested_container: Option<Container>,
    /// For a participant's own recording: whose, and its composite's id.
    pub(crate) person: Option<(String, String)>,
}

/// Where part `n` (from 0) of a split recording at `location` goes: the
/// location itself, then `<name>-part2.<ext>`, `<name>-part3.<ext>`, …
pub(crate) fn part_location(location: &std::path::Path, n: u32) -> PathBuf {
    if n == 0 {
        return location.to_path_buf();
    }
    let stem = location
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().to_string());
    let name = match location.extension() {
        Some(ext) => format!("{stem}-part{}.{}", n + 1, ext.to_string_lossy()),
        None => format!("{stem}-part{}", n + 1),
    };
    location.with_file_name(name)
}
