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
        let stage = self.stage.as_ref()?;
        // Before their caps come (a recording that starts with the meeting),
        // what their sender can send says it.
        let codec = match self.input.static_pad("sink")?.has_current_caps() {
            true => stage.codec(),
            // Not linked yet (a demuxer's pad comes later): at first data.
            false => predicted(&self.pad.peer()?.query_caps(None))?,
        };
        match codec {
            Some(codec) => Some((self.input.clone(), Some(codec))),
            None => Some((tee, None)),
        }
    }
}

/// What a sender whose pad answers `caps` will send: one encoded codec when
/// that is all it offers, None when it offers raw and encoded, else raw
/// (`Some(None)`; also for ANY — `clocksync`, `identity` — and EMPTY, as
/// before encoded input existed: an own file made raw that then gets encoded
/// caps is made again, see `recording::remake_when_encoded`).
fn predicted(caps: &gst::Caps) -> Option<Option<Codec>> {
    if caps.is_any() {
        return Some(None);
    }
    let mut codecs = caps.iter().map(|s| decodable_media_type(s.name()));
    let Some(first) = codecs.next() else {
        return Some(None);
    };
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
