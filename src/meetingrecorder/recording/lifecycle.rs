// SPDX-License-Identifier: MPL-2.0
//! A recording's end: stopping, its EOS, its failure, taking its bin out,
//! and finalizing (metadata written, the final state posted).

use gst::prelude::*;
use gst::subclass::prelude::*;

use crate::meetingrecorder::branch::{Link, detach};
use crate::meetingrecorder::recording::{Recording, StateNames};
use crate::meetingrecorder::{
    RECORDING_ABORTED, RECORDING_FAILED, RECORDING_STOPPED, RECORDING_STOPPING,
};
use crate::meetingrecorder::{notify::StateChange, state::*};
use crate::metadata;

impl MeetingRecorder {
    /// The recording a message comes from, if any.
    pub(crate) fn recording_of(&self, msg: &gst::Message) -> Option<String> {
        let src = msg.src()?;
        let state = self.state.lock().unwrap();
        state
            .recordings
            .iter()
            .find(|r| src.has_as_ancestor(&r.bin) || src == r.bin.upcast_ref::<gst::Object>())
            .map(|r| r.id.clone())
    }

    /// Whether a message comes from a recording that already ended or failed
    /// (its bin, `recording-<id>`, is still being torn down).
    pub(crate) fn in_retired_recording(&self, msg: &gst::Message) -> bool {
        let obj = self.obj();
        let mut cur = msg.src().cloned();
        while let Some(o) = cur {
            let parent = o.parent();
            if parent.as_ref() == Some(obj.upcast_ref::<gst::Object>()) {
                return o.is::<gst::Bin>() && o.name().starts_with("recording-");
            }
            cur = parent;
        }
        false
    }

    /// Stops every active recording (the composites and the participants' own).
    pub(crate) fn stop_recordings(&self) {
        self.stop_where(|_| true);
    }

    /// Stops the active recordings `which` picks: marks them stopping and
    /// returns their links; the caller ends the streams.
    pub(crate) fn mark_stopping(&self, which: impl Fn(&Recording) -> bool) -> Vec<Link> {
        let stopping: Vec<(StateNames, Option<&str>, Vec<Link>)> = {
            let mut state = self.state.lock().unwrap();
            state
                .recordings
                .iter_mut()
                .filter(|r| !r.stopping && which(r))
                .map(|r| {
                    r.stopping = true;
                    (r.state_names(), r.stop_reason, r.links.clone())
                })
                .collect()
        };
        let mut links = Vec::new();
        for ((id, loc, person), reason, l) in stopping {
            self.set_state_string(RECORDING_STOPPING, &id, &loc, person.as_deref(), reason);
            // Its outputs get the EOS its inputs do.
            self.end_outputs(&id, false);
            links.extend(l);
        }
        links
    }

    /// Stops the recordings `which` picks: detaches them from the meeting at
    /// idle points and sends EOS through them; the file's EOS finalizes each.
    pub(crate) fn stop_where(&self, which: impl Fn(&Recording) -> bool) {
        for link in self.mark_stopping(which) {
            detach(link, true);
        }
    }

    /// A recording's file got EOS: finalize it. Returns whether the EOS should
    /// go on to the parent (the meeting may have ended), false when it was a
    /// stop.
    pub(crate) fn on_recording_eos(&self, id: &str) -> bool {
        let rec = {
            let mut state = self.state.lock().unwrap();
            let Some(i) = state.recordings.iter().position(|r| r.id == id) else {
                return true;
            };
            state.recordings.remove(i)
        };
        let stopping = rec.stopping;
        // A participant's own recording ends when their streams do, while the
        // meeting goes on: its bin goes then too.
        let retire = stopping || rec.person.is_some();
        let bin = rec.bin.clone();
        if !stopping {
            let loc = rec.location.to_string_lossy().to_string();
            self.set_state_string(RECORDING_STOPPING, id, &loc, rec.person.as_deref(), None);
        }
        self.finalize(rec, None);
        if retire {
            self.retire(bin);
        }
        // A participant's own recording that ended with their streams still
        // counts towards the meeting's end (all sinks EOS).
        !stopping
    }

    pub(crate) fn fail_recording(&self, id: &str, reason: &str) {
        let rec = {
            let mut state = self.state.lock().unwrap();
            let Some(i) = state.recordings.iter().position(|r| r.id == id) else {
                return;
            };
            state.recordings.remove(i)
        };
        for link in rec.links.iter().cloned() {
            detach(link, false);
        }
        // The file failed; its streams end cleanly.
        self.end_outputs(&rec.id, true);
        let bin = rec.bin.clone();
        self.finalize(rec, Some(reason.to_string()));
        self.retire(bin);
    }

    /// Takes a finished recording's bin out, off the streaming thread (its
    /// own sink posted what led here). Its state is locked first: else a
    /// state change of the meeting between the two steps would bring it back
    /// to READY, and its file sink would reopen, truncating the file.
    pub(crate) fn retire(&self, bin: gst::Bin) {
        bin.set_locked_state(true);
        self.obj().call_async(move |obj| {
            let _ = bin.set_state(gst::State::Null);
            let _ = obj.remove(&bin);
        });
    }

    /// Writes the metadata and posts the final state.
    pub(crate) fn finalize(&self, rec: Recording, error: Option<String>) {
        self.end_outputs(&rec.id, false);
        let settings = self.settings.lock().unwrap().clone();
        let loc = rec.location.to_string_lossy().to_string();
        let status = if error.is_some() {
            metadata::Status::Failed
        } else {
            metadata::Status::Stopped
        };
        let meta = self.metadata_of(&rec, status, error.clone());
        let person = rec.person.as_deref();
        if rec.aborting && error.is_none() {
            // Discarded: nothing of it stays behind.
            for part in rec.parts.lock().unwrap().iter() {
                let _ = std::fs::remove_file(rec.location.with_file_name(part));
            }
            let _ = std::fs::remove_file(&rec.location);
            let _ = std::fs::remove_file(metadata::path_for(&rec.location));
            self.set_state_string(RECORDING_ABORTED, &rec.id, &loc, person, None);
            return;
        }
        match (meta.write(), error) {
            (Ok(json), None) => {
                self.post_state(&StateChange {
                    status: RECORDING_STOPPED,
                    id: &rec.id,
                    location: &loc,
                    person,
                    reason: rec.stop_reason,
                    meta: Some(&meta),
                });
                self.state.lock().unwrap().finished.push((
                    rec.id.clone(),
                    json.clone(),
                    rec.person.clone(),
                ));
                if settings
                    .upload_uri
                    .as_deref()
                    .is_some_and(|u| !u.is_empty())
                {
                    self.queue_upload(&rec.id, person, json);
                }
            }
            (Ok(_), Some(reason)) => {
                self.set_state_string(RECORDING_FAILED, &rec.id, &loc, person, Some(&reason))
            }
            (Err(e), reason) => {
                let why = match reason {
                    Some(r) => format!("{r}; metadata not written either: {e}"),
                    None => format!("metadata not written: {e}"),
                };
                self.set_state_string(RECORDING_FAILED, &rec.id, &loc, person, Some(&why));
            }
        }
    }
}
