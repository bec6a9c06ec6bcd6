// SPDX-License-Identifier: MPL-2.0
//! The element's timers: work due later (an output's retry, a stopped
//! output's deadline) waits on the element's clock — the pipeline's, so a
//! `TestClock` drives it in tests — never on a thread of its own, and runs
//! on the element's async pool, never on the clock's thread. Timers still
//! pending when the element goes to READY are unscheduled.

use std::time::Duration;

use gst::prelude::*;
use gst::subclass::prelude::*;

use crate::meetingrecorder::CAT;
use crate::meetingrecorder::state::MeetingRecorder;

impl MeetingRecorder {
    /// Runs `f` once `delay` of the element's clock has passed (the system
    /// clock's before the element has one).
    pub(crate) fn after(&self, delay: Duration, f: impl FnOnce(&MeetingRecorder) + Send + 'static) {
        let obj = self.obj();
        let clock = obj
            .clock()
            .unwrap_or_else(|| gst::SystemClock::obtain().upcast());
        let due = clock.time() + gst::ClockTime::from_nseconds(delay.as_nanos() as u64);
        let id = clock.new_single_shot_id(due);
        let weak = obj.downgrade();
        let scheduled = id.wait_async(move |_, _, _| {
            if let Some(obj) = weak.upgrade() {
                obj.call_async(move |obj| f(obj.imp()));
            }
        });
        if let Err(e) = scheduled {
            gst::warning!(CAT, imp = self, "timer not scheduled: {e:?}");
            return;
        }
        let mut timers = self.timers.lock().unwrap();
        let now = clock.time();
        timers.retain(|t| t.time() > now);
        timers.push(id);
    }

    /// Unschedules every pending timer (the element is going to READY).
    pub(crate) fn cancel_timers(&self) {
        let timers = std::mem::take(&mut *self.timers.lock().unwrap());
        for t in timers {
            t.unschedule();
        }
    }
}
