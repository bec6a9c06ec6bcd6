// SPDX-License-Identifier: MPL-2.0
//! A recording's timeline: running times rebased so each recording starts at 0.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use gst::prelude::*;

/// Shared between a recording's streaming-thread probes and the element.
#[derive(Default)]
pub(crate) struct Clock {
    /// Running time (in the meeting) that is 0 in the recording.
    pub(crate) origin: Mutex<Option<gst::ClockTime>>,
    /// The pauses, cut out of the recording's timeline.
    pub(crate) cuts: Mutex<Vec<Cut>>,
    /// End of the latest data written, recording time, ns.
    pub(crate) end: AtomicU64,
    pub(crate) started: AtomicBool,
    /// Recorded time (ns) at which the recording stops itself (0: none):
    /// later data is not written, and `on_limit` runs once.
    pub(crate) limit: AtomicU64,
    /// A limit was reached: nothing more goes in.
    pub(crate) limit_hit: AtomicBool,
    pub(crate) on_limit: Mutex<Option<Box<dyn FnOnce() + Send>>>,
}

impl Clock {
    /// The limit was reached: tell the element, once.
    pub(crate) fn reached_limit(&self) {
        self.limit_hit.store(true, Ordering::SeqCst);
        if let Some(f) = self.on_limit.lock().unwrap().take() {
            f();
        }
    }
}

/// A pause: from `from` (meeting running time, ns) until `to` (None while
/// still paused). What the meeting sends in between is not recorded, and what
/// comes after is moved back by the pause's length: one file, no gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cut {
    pub(crate) from: u64,
    pub(crate) to: Option<u64>,
}

/// Where a buffer at meeting running time `rt`, `duration` long, goes in a
/// recording with `cuts`: how far back it moves (the paused time before it),
/// or None when it is not recorded: it ends after a pause began and starts
/// before it ended. (A buffer across a pause's start is left out whole, so
/// what comes after never overlaps it.)
pub(crate) fn shift_for(rt: u64, duration: u64, cuts: &[Cut]) -> Option<u64> {
    let mut shift = 0;
    for c in cuts {
        match c.to {
            _ if rt < c.from && rt + duration <= c.from => {}
            Some(to) if rt >= to => shift += to - c.from,
            _ => return None,
        }
    }
    Some(shift)
}

pub(crate) fn running_time(pad: &gst::Pad, pts: gst::ClockTime) -> Option<gst::ClockTime> {
    let seg = pad.sticky_event::<gst::event::Segment>(0)?;
    let seg = seg.segment().downcast_ref::<gst::ClockTime>()?.clone();
    seg.to_running_time(pts)
}

pub(crate) fn rel_ms(rt_ns: u64, clock: &Clock) -> u64 {
    let origin = clock.origin.lock().unwrap().map_or(0, |o| o.nseconds());
    rt_ns.saturating_sub(origin) / 1_000_000
}

/// Drops the probed buffer (see `add_rebase_probe` for why not `Drop`).
pub(crate) fn drop_buffer(info: &mut gst::PadProbeInfo) -> gst::PadProbeReturn {
    drop(info.take_buffer());
    gst::PadProbeReturn::Handled
}

/// Rebases a recording's input so the recording starts at 0: the first buffer
/// (audio or video) fixes the origin, earlier data is dropped, segments become
/// plain 0-based ones and buffer times are moved by the origin. Audio and video
/// share the origin, so they stay in sync.
pub(crate) fn add_rebase_probe(pad: &gst::GhostPad, clock: Arc<Clock>) {
    let upstream: Arc<Mutex<Option<gst::FormattedSegment<gst::ClockTime>>>> = Arc::default();
    pad.add_probe(
        gst::PadProbeType::BUFFER | gst::PadProbeType::EVENT_DOWNSTREAM,
        move |pad, info| {
            if let Some(gst::PadProbeData::Event(ev)) = &mut info.data {
                if let gst::EventView::Segment(s) = ev.view() {
                    if let Some(seg) = s.segment().downcast_ref::<gst::ClockTime>() {
                        *upstream.lock().unwrap() = Some(seg.clone());
                    }
                    let mut fresh = gst::FormattedSegment::<gst::ClockTime>::new();
                    fresh.set_start(gst::ClockTime::ZERO);
                    *ev = gst::event::Segment::builder(&fresh)
                        .seqnum(ev.seqnum())
                        .build();
                }
                return gst::PadProbeReturn::Ok;
            }
            // Buffers are dropped by consuming them and returning Handled:
            // PadProbeReturn::Drop from a buffer probe makes GStreamer 1.22 unref
            // NULL with gstreamer-rs 0.25 (seen as a CRITICAL under load).
            let Some(pts) = info.buffer().map(|b| b.pts()) else {
                return gst::PadProbeReturn::Ok;
            };
            let seg = upstream.lock().unwrap().clone();
            let Some(seg) = seg else {
                return drop_buffer(info);
            };
            let Some(rt) = pts.and_then(|p| seg.to_running_time(p)) else {
                return drop_buffer(info);
            };
            let duration = info
                .buffer()
                .and_then(|b| b.duration())
                .map_or(0, |d| d.nseconds());
            let Some(shift) = shift_for(rt.nseconds(), duration, &clock.cuts.lock().unwrap())
            else {
                return drop_buffer(info); // paused
            };
            let origin = *clock.origin.lock().unwrap().get_or_insert(rt);
            if rt < origin {
                return drop_buffer(info);
            }
            let Some(buffer) = info.buffer_mut() else {
                return gst::PadProbeReturn::Ok;
            };
            let b = buffer.make_mut();
            // Paused time is cut out: the origin moves by what was paused.
            let origin = origin + gst::ClockTime::from_nseconds(shift);
            let pts = rt.saturating_sub(origin);
            let limit = clock.limit.load(Ordering::Relaxed);
            if clock.limit_hit.load(Ordering::SeqCst) || (limit > 0 && pts.nseconds() >= limit) {
                clock.reached_limit();
                return drop_buffer(info);
            }
            let dts = b
                .dts()
                .and_then(|d| seg.to_running_time(d))
                .map(|d| d.saturating_sub(origin));
            b.set_pts(pts);
            b.set_dts(dts);
            // Never panics on a streaming thread (a panic there aborts the
            // process): a nonsense duration saturates.
            let duration = b.duration().unwrap_or(gst::ClockTime::ZERO);
            let end = pts.saturating_add(duration);
            if end == gst::ClockTime::MAX {
                gst::warning!(
                    crate::meetingrecorder::CAT,
                    obj = pad,
                    "a buffer at {pts} lasting {duration}: not counted in the recorded time"
                );
                return gst::PadProbeReturn::Ok;
            }
            clock.end.fetch_max(end.nseconds(), Ordering::SeqCst);
            gst::PadProbeReturn::Ok
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paused_time_is_cut_out_and_later_time_moves_back() {
        let s = 1_000_000_000;
        let cuts = [
            Cut {
                from: 3 * s,
                to: Some(5 * s),
            },
            Cut {
                from: 7 * s,
                to: None,
            },
        ];
        assert_eq!(shift_for(0, 0, &cuts), Some(0));
        assert_eq!(shift_for(3 * s - 10, 10, &cuts), Some(0));
        // Across the pause's start: left out whole.
        assert_eq!(shift_for(3 * s - 10, 20, &cuts), None);
        assert_eq!(shift_for(3 * s, 0, &cuts), None);
        assert_eq!(shift_for(5 * s - 1, 0, &cuts), None);
        assert_eq!(shift_for(5 * s, 20, &cuts), Some(2 * s));
        assert_eq!(shift_for(7 * s - 20, 20, &cuts), Some(2 * s));
        // Still paused: nothing from 7 s on.
        assert_eq!(shift_for(9 * s, 0, &cuts), None);
        assert_eq!(shift_for(0, 0, &[]), Some(0));
    }
}
