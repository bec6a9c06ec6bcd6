// SPDX-License-Identifier: MPL-2.0
//! Participants: each request pad's chain into the compositor or the mixer,
//! their joining, leaving and ending, and their audio levels.

mod chain;
pub(crate) mod decode;
mod presence;
mod trouble;

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use gst::prelude::*;
use gst::subclass::prelude::*;

use crate::ingest::Codec;
use crate::meetingrecorder::MeetingRecorderPad;
use crate::meetingrecorder::branch::Kind;
use crate::meetingrecorder::participants::decode::{DecodeStage, decodable_media_type};

pub(crate) struct Participant {
    pub(crate) pad: MeetingRecorderPad,
    pub(crate) kind: Kind,
    /// Internal elements, in link order.
    pub(crate) elements: Vec<gst::Element>,
    /// The compositor or mixer pad it feeds.
    pub(crate) sink: Option<gst::Pad>,
    pub(crate) level: Option<gst::Element>,
    /// The end of the chain, where recordings of this participant alone
    /// (isolated) attach; None for video in audio mode.
    pub(crate) tee: Option<gst::Element>,
    /// Where their stream comes in, as received (video: `tee` itself): an
    /// encoded participant's own file is remuxed from here.
    pub(crate) input: gst::Element,
    /// Their decoder while they send encoded media (None: video in audio mode).
    pub(crate) stage: Option<Arc<DecodeStage>>,
    pub(crate) eos: Arc<AtomicBool>,
}

impl Participant {
    /// Where their own recording takes this stream from, and its codec when
    /// it is kept as received (encoded): None when nothing is recorded of it
    /// (yet: a stream whose sender may send either waits for its first data,
    /// see `ensure_isolated`).
    pub(crate) fn record_input(&self) -> Option<(gst::Element, Option<Codec>)> {
        let tee = self.tee.clone()?;
        self.stage.as_ref()?;
        // Their caps say it (not the decoder stage, which learns them a
        // moment later, downstream). Before their caps come (a recording
        // that starts with the meeting), what their sender can send says it.
        let codec = match self.input.static_pad("sink")?.current_caps() {
            Some(caps) => decodable_media_type(caps.structure(0)?.name()),
            None => predicted(&self.pad.peer()?.query_caps(None))?,
        };
        match codec {
            Some(codec) => Some((self.input.clone(), Some(codec))),
            None => Some((tee, None)),
        }
    }
}

/// What a sender whose pad answers `caps` will send: one encoded codec when
/// that is all it offers, raw (`Some(None)`) when it offers only raw, and
/// None when it cannot be told yet — raw and encoded offered, ANY (a `queue`
/// whose demuxer pad is not there yet, `identity`) or EMPTY: their own file
/// then waits for the caps that come with their first data, so it is made
/// once, in the shape the stream has (see `start_isolated`).
fn predicted(caps: &gst::Caps) -> Option<Option<Codec>> {
    if caps.is_any() {
        return None;
    }
    let mut codecs = caps.iter().map(|s| decodable_media_type(s.name()));
    let first = codecs.next()?;
    codecs.all(|c| c == first).then_some(first)
}

pub(crate) fn person_key(pad: &MeetingRecorderPad) -> String {
    pad.imp().ids().participant_id.unwrap_or_else(|| {
        format!(
            "participant-{}",
            pad.name().rsplit('_').next().unwrap_or_default()
        )
    })
}

pub(crate) fn same_person(video: &Participant, audio: &Participant) -> bool {
    let (v, a) = (video.pad.imp().ids(), audio.pad.imp().ids());
    match (v.participant_id, a.participant_id) {
        (Some(x), Some(y)) => x == y,
        _ => video.pad.name().rsplit('_').next() == audio.pad.name().rsplit('_').next(),
    }
}
