// SPDX-License-Identifier: MPL-2.0
//! What happens to an output: active, failed (and retried later), ended,
//! given up on; its recording's end; and telling the application.

use std::sync::Arc;

use gst::prelude::*;
use gst::subclass::prelude::*;

use super::*;
use crate::meetingrecorder::CAT;
use crate::meetingrecorder::notify::OutputChange;
use crate::meetingrecorder::state::*;
use crate::outputs::{self, OUTPUT_ACTIVE, OUTPUT_FAILED, OUTPUT_STARTING, OUTPUT_STOPPED};
use crate::util::ordered::Ordered;

impl MeetingRecorder {
    /// An output's sink took data: it is ACTIVE.
    pub(super) fn output_active(&self, id: &str, name: &str, attempt: u32) {
        let Some(live) = self.live_of(id) else { return };
        let told = {
            let mut live = live.lock().unwrap();
            let Some(o) = live
                .outputs
                .iter_mut()
                .find(|o| o.name == name && o.attempt == attempt && o.bin.is_some())
            else {
                return;
            };
            if o.status == OUTPUT_ACTIVE {
                return;
            }
            o.status = OUTPUT_ACTIVE;
            o.streak = 0;
            o.told(id, OUTPUT_ACTIVE)
        };
        self.tell(vec![told]);
    }

    /// A message from a live output's bin (see `live_scope`): its error or
    /// its end, handled off the streaming thread that posted it.
    pub(crate) fn on_live_message(&self, scope: gst::Bin, msg: &gst::Message) {
        match msg.view() {
            gst::MessageView::Error(err) => {
                let reason = match err.debug() {
                    Some(d) => format!("{} ({d})", err.error()),
                    None => err.error().to_string(),
                };
                self.obj()
                    .call_async(move |obj| obj.imp().output_failed(&scope, &reason));
            }
            gst::MessageView::Eos(_) => {
                self.obj()
                    .call_async(move |obj| obj.imp().output_ended(&scope, None));
            }
            _ => {}
        }
    }

    /// Finds the output (or the encoders) `bin` belongs to.
    pub(super) fn find_bin(&self, bin: &gst::Bin) -> Option<(String, Arc<Ordered<Live>>)> {
        self.lives().into_iter().find(|(_, live)| {
            let live = live.lock().unwrap();
            live.encoders.as_ref().is_some_and(|e| &e.bin == bin)
                || live.outputs.iter().any(|o| o.bin.as_ref() == Some(bin))
        })
    }

    /// An output (or the shared encoders) failed: take it down, say so, and
    /// try again later while the recording runs.
    pub(super) fn output_failed(&self, bin: &gst::Bin, reason: &str) {
        let Some((id, live)) = self.find_bin(bin) else {
            gst::debug!(CAT, imp = self, "after ending: {reason}");
            return;
        };
        let mut told = Vec::new();
        let mut retries = Vec::new();
        {
            let mut live = live.lock().unwrap();
            let encoders_failed = live.encoders.as_ref().is_some_and(|e| &e.bin == bin);
            if encoders_failed {
                // Without encoders no output works; a later start-stream
                // builds them again.
                let enc = live.encoders.take().expect("checked");
                self.retire(enc.bin);
            }
            let ended = live.ended;
            for o in live.outputs.iter_mut() {
                if !(encoders_failed && o.bin.is_some() || o.bin.as_ref() == Some(bin)) {
                    continue;
                }
                unfeed(std::mem::take(&mut o.feeds), false);
                if let Some(b) = o.bin.take() {
                    self.retire(b);
                }
                o.failures += 1;
                o.streak += 1;
                o.error = Some(reason.to_string());
                o.status = OUTPUT_FAILED;
                let mut t = o.told(&id, OUTPUT_FAILED);
                t.reason = Some(reason.to_string());
                if !o.stopped && !ended && !encoders_failed {
                    let delay = outputs::retry_delay(o.streak);
                    t.retry_in = Some(delay);
                    retries.push((o.name.clone(), o.attempt, delay));
                } else {
                    o.stopped = true;
                }
                told.push(t);
            }
        }
        for t in &told {
            self.post_output_warning(t);
        }
        self.tell(told);
        for (name, attempt, delay) in retries {
            let id = id.clone();
            self.after(delay, move |imp| imp.retry_output(&id, &name, attempt));
        }
        self.close_if_done(&id);
    }

    /// The retry of an output that failed on its attempt `attempt`.
    pub(super) fn retry_output(&self, id: &str, name: &str, attempt: u32) {
        let Some(live) = self.live_of(id) else { return };
        let told = {
            let mut guard = live.lock().unwrap();
            let live = &mut *guard;
            let Some(enc) = live.encoders.as_ref().filter(|_| !live.ended) else {
                return;
            };
            let Some(o) = live
                .outputs
                .iter_mut()
                .find(|o| o.name == name && o.attempt == attempt && !o.stopped)
            else {
                return;
            };
            match self.connect(id, o, enc) {
                Ok(()) => {
                    let mut t = o.told(id, OUTPUT_STARTING);
                    t.reason = Some(format!("retry {}", o.streak));
                    t
                }
                Err(e) => {
                    o.status = OUTPUT_FAILED;
                    o.stopped = true;
                    o.error = Some(e.clone());
                    let mut t = o.told(id, OUTPUT_FAILED);
                    t.reason = Some(e);
                    t
                }
            }
        };
        self.tell(vec![told]);
    }

    /// An output's bin finished (its EOS), or was given up on (`why`).
    pub(super) fn output_ended(&self, bin: &gst::Bin, why: Option<&str>) {
        let Some((id, live)) = self.find_bin(bin) else {
            return;
        };
        let told = {
            let mut live = live.lock().unwrap();
            let Some(o) = live
                .outputs
                .iter_mut()
                .find(|o| o.bin.as_ref() == Some(bin))
            else {
                return;
            };
            unfeed(std::mem::take(&mut o.feeds), false);
            self.retire(o.bin.take().expect("found by it"));
            o.stopped = true;
            o.status = OUTPUT_STOPPED;
            let mut t = o.told(&id, OUTPUT_STOPPED);
            t.reason = why.map(Into::into);
            t
        };
        self.tell(vec![told]);
        self.close_if_done(&id);
    }

    /// Gives a stopped output `FINISH_TIMEOUT` to finish, then tears it down.
    pub(super) fn arm_finish(&self, id: &str, name: &str, attempt: u32) {
        let (id, name) = (id.to_string(), name.to_string());
        self.after(outputs::FINISH_TIMEOUT, move |imp| {
            let Some(live) = imp.live_of(&id) else { return };
            let bin = live
                .lock()
                .unwrap()
                .outputs
                .iter()
                .find(|o| o.name == name && o.attempt == attempt)
                .and_then(|o| o.bin.clone());
            if let Some(bin) = bin {
                let why = format!(
                    "did not finish within {} s of being stopped",
                    outputs::FINISH_TIMEOUT.as_secs()
                );
                imp.output_ended(&bin, Some(&why));
            }
        });
    }

    /// Recording `id` is ending: its outputs end with it (`eos`: sent to
    /// them now, for a recording whose own stream will not bring it).
    pub(crate) fn end_outputs(&self, id: &str, eos: bool) {
        let Some(live) = self.live_of(id) else { return };
        let mut told = Vec::new();
        {
            let mut live = live.lock().unwrap();
            live.ended = true;
            for o in live.outputs.iter_mut().filter(|o| !o.stopped) {
                o.stopped = true;
                if o.bin.is_some() {
                    if eos {
                        unfeed(std::mem::take(&mut o.feeds), true);
                    }
                    self.arm_finish(id, &o.name, o.attempt);
                } else {
                    o.status = OUTPUT_STOPPED;
                    told.push(o.told(id, OUTPUT_STOPPED));
                }
            }
        }
        self.tell(told);
        self.close_if_done(id);
    }

    /// When a recording has ended and none of its outputs runs any more:
    /// its encoders go, and it is forgotten.
    pub(super) fn close_if_done(&self, id: &str) {
        let Some(live) = self.live_of(id) else { return };
        let encoders = {
            let mut live = live.lock().unwrap();
            if !live.ended || live.outputs.iter().any(|o| o.bin.is_some()) {
                return;
            }
            live.encoders.take()
        };
        if let Some(enc) = encoders {
            self.retire(enc.bin);
        }
        let still_recording = self
            .state
            .lock()
            .unwrap()
            .recordings
            .iter()
            .any(|r| r.id == id);
        if !still_recording {
            self.state.lock().unwrap().lives.retain(|(i, _)| i != id);
        }
    }

    /// An output that could not even start: said as OUTPUT_FAILED and a
    /// WARNING.
    pub(super) fn output_refused(&self, id: &str, output: &'static str, why: &str) {
        let t = Told {
            status: OUTPUT_FAILED,
            recording: id.to_string(),
            output,
            name: String::new(),
            target: String::new(),
            reason: Some(why.to_string()),
            retry_in: None,
        };
        self.post_output_warning(&t);
        self.tell(vec![t]);
    }

    pub(super) fn post_output_warning(&self, t: &Told) {
        let retry = t.retry_in.map_or_else(
            || " (not retried)".to_string(),
            |d| format!(" (retrying in {} s)", d.as_secs()),
        );
        let text = format!(
            "{} output {} of recording {} failed: {}{retry}",
            t.output,
            t.target,
            t.recording,
            t.reason.as_deref().unwrap_or("unknown reason")
        );
        let obj = self.obj();
        let details = gst::Structure::builder("output-failed")
            .field("recording-id", &t.recording)
            .field("output", t.output)
            .field("target", &t.target)
            .field("reason", t.reason.as_deref().unwrap_or(""))
            .field("retrying", t.retry_in.is_some())
            .build();
        let _ = obj.post_message(
            gst::message::Warning::builder(gst::ResourceError::Write, &text)
                .details(details)
                .src(&*obj)
                .build(),
        );
    }

    pub(super) fn tell(&self, told: Vec<Told>) {
        for t in told {
            self.post_output_state(&OutputChange {
                status: t.status,
                recording_id: &t.recording,
                output: t.output,
                name: &t.name,
                target: &t.target,
                reason: t.reason.as_deref(),
                retry_in: t.retry_in,
            });
        }
    }
}
