// SPDX-License-Identifier: MPL-2.0
//! A recording's timeline: running times rebased so each recording starts at 0.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use gst::prelude::*;

/// Shared between a recording's streaming-thread probes and the element.
#[derive(Default)]
pub(super) struct Clock {
    /// Running time (in the meeting) that is 0 in the recording.
    pub(super) origin: Mutex<Option<gst::ClockTime>>,
    /// End of the latest data written, recording time, ns.
    pub(super) end: AtomicU64,
    pub(super) started: AtomicBool,
}

pub(super) fn running_time(pad: &gst::Pad, pts: gst::ClockTime) -> Option<gst::ClockTime> {
    let seg = pad.sticky_event::<gst::event::Segment>(0)?;
    let seg = seg.segment().downcast_ref::<gst::ClockTime>()?.clone();
    seg.to_running_time(pts)
}

pub(super) fn rel_ms(rt_ns: u64, clock: &Clock) -> u64 {
    let origin = clock.origin.lock().unwrap().map_or(0, |o| o.nseconds());
    rt_ns.saturating_sub(origin) / 1_000_000
}

/// Drops the probed buffer (see `add_rebase_probe` for why not `Drop`).
pub(super) fn drop_buffer(info: &mut gst::PadProbeInfo) -> gst::PadProbeReturn {
    drop(info.take_buffer());
    gst::PadProbeReturn::Handled
}

/// Rebases a recording's input so the recording starts at 0: the first buffer
/// (audio or video) fixes the origin, earlier data is dropped, segments become
/// plain 0-based ones and buffer times are moved by the origin. Audio and video
/// share the origin, so they stay in sync.
pub(super) fn add_rebase_probe(pad: &gst::GhostPad, clock: Arc<Clock>) {
    let upstream: Arc<Mutex<Option<gst::FormattedSegment<gst::ClockTime>>>> = Arc::default();
    pad.add_probe(
        gst::PadProbeType::BUFFER | gst::PadProbeType::EVENT_DOWNSTREAM,
        move |_, info| {
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
            let origin = *clock.origin.lock().unwrap().get_or_insert(rt);
            if rt < origin {
                return drop_buffer(info);
            }
            let Some(buffer) = info.buffer_mut() else {
                return gst::PadProbeReturn::Ok;
            };
            let b = buffer.make_mut();
            let pts = rt - origin;
            let dts = b
                .dts()
                .and_then(|d| seg.to_running_time(d))
                .map(|d| d.saturating_sub(origin));
            b.set_pts(pts);
            b.set_dts(dts);
            let end = pts + b.duration().unwrap_or(gst::ClockTime::ZERO);
            clock.end.fetch_max(end.nseconds(), Ordering::SeqCst);
            gst::PadProbeReturn::Ok
        },
    );
}
