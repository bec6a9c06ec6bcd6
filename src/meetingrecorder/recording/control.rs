// SPDX-License-Identifier: MPL-2.0
//! Controlling running recordings: pause and resume into the same file,
//! stopping at a limit, and aborting (stop and delete).

use std::sync::atomic::Ordering;
use std::time::SystemTime;

use gst::prelude::*;
use gst::subclass::prelude::*;

use crate::meetingrecorder::recording::Recording;
use crate::meetingrecorder::recording::timeline::Cut;
use crate::meetingrecorder::state::*;
use crate::meetingrecorder::{LIMIT_REACHED, RECORDING_PAUSED, RECORDING_RESUMED};

impl MeetingRecorder {
    /// Pauses every running recording that is not paused: from the meeting's
    /// latest running time on, nothing is written. Whether any was paused.
    pub(crate) fn pause(&self) -> bool {
        self.change_running(RECORDING_PAUSED, |r, now, wall| {
            let mut cuts = r.clock.cuts.lock().unwrap();
            if cuts.last().is_some_and(|c| c.to.is_none()) {
                return false; // already paused
            }
            cuts.push(Cut {
                from: now,
                to: None,
            });
            r.pauses.push((wall, None));
            true
        })
    }

    /// Resumes every paused recording: what the meeting sends from its latest
    /// running time on is written again, right after what was written before
    /// the pause. Whether any was resumed.
    pub(crate) fn resume(&self) -> bool {
        self.change_running(RECORDING_RESUMED, |r, now, wall| {
            let mut cuts = r.clock.cuts.lock().unwrap();
            let Some(open) = cuts.last_mut().filter(|c| c.to.is_none()) else {
                return false; // not paused
            };
            open.to = Some(now.max(open.from));
            if let Some(p) = r.pauses.last_mut() {
                p.1 = Some(wall);
            }
            true
        })
    }

    /// Applies `change` to every running recording at the cut point and the
    /// wall clock of now; those it changed get the state `status`. Whether
    /// any changed.
    fn change_running(
        &self,
        status: &str,
        change: impl Fn(&mut Recording, u64, SystemTime) -> bool,
    ) -> bool {
        let changed = {
            let mut state = self.state.lock().unwrap();
            let now = self.cut_point(&state);
            let wall = SystemTime::now();
            state
                .recordings
                .iter_mut()
                .filter(|r| !r.stopping)
                .filter_map(|r| change(r, now, wall).then(|| r.state_names()))
                .collect::<Vec<_>>()
        };
        for (id, loc, person) in &changed {
            self.set_state_string(status, id, loc, person.as_deref(), None);
        }
        !changed.is_empty()
    }

    /// Where a pause or resume asked for now falls in the meeting's running
    /// time: by the clock in a live meeting (what was captured before the
    /// call is recorded, whatever is still on its way), else the latest data
    /// the meeting has composed or mixed.
    fn cut_point(&self, state: &State) -> u64 {
        let live = self.silence_pace.property::<bool>("sync");
        match self.obj().current_running_time() {
            Some(rt) if live => rt.nseconds(),
            _ => state.now.load(Ordering::Relaxed),
        }
    }

    /// Stops every running recording and, once each is finalized, deletes its
    /// file and metadata (RECORDING_ABORTED). Whether any was running.
    pub(crate) fn abort(&self) -> bool {
        let any = {
            let mut state = self.state.lock().unwrap();
            let mut any = false;
            for r in state.recordings.iter_mut().filter(|r| !r.stopping) {
                r.aborting = true;
                any = true;
            }
            any
        };
        self.stop_where(|r| r.aborting);
        any
    }

    /// Recording `id` reached `max-duration` or `max-size`: it stops, with
    /// its participants' own recordings, finalized with reason limit-reached.
    pub(crate) fn limit_reached(&self, id: &str) {
        {
            let mut state = self.state.lock().unwrap();
            for r in state
                .recordings
                .iter_mut()
                .filter(|r| !r.stopping && (r.id == id || r.composite.as_deref() == Some(id)))
            {
                r.stop_reason = Some(LIMIT_REACHED);
            }
        }
        self.stop_where(|r| r.stop_reason == Some(LIMIT_REACHED));
    }
}
