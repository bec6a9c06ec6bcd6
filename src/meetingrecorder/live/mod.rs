// SPDX-License-Identifier: MPL-2.0
//! A recording's live outputs: RTMP/SRT streams and HLS (`stream-uri`,
//! `hls-location`, the `start-stream`/`stop-stream` actions); see
//! `crate::outputs` for what they take and how they are retried.
//!
//! The graph, per composite recording that has outputs:
//!
//! ```text
//! meeting video tee ─▶ live-<id>: queue(leaky) ▶ bitratepolicy(H.264) ▶ tee ─┐
//!   (or, when the file is H.264: the file's encoder ▶ tee, in recording-<id>) │
//! meeting audio tee ─▶ live-<id>: queue(leaky) ▶ AAC encoder ▶ tee ──────────┤
//!                                                                             ▼
//!      output-<id>-<name>-<attempt>: queue(leaky, gated to keyframes) ▶ mux ▶ sink
//! ```
//!
//! Encoding happens once per codec, however many outputs there are. Each
//! output is a bin of its own in the meeting: its errors and its EOS are its
//! own (a stream never fails the file), its queue drops rather than block
//! (the file never waits for a stream), and after dropping it waits for the
//! next keyframe and asks for one. A lost server is retried with backoff
//! while the recording runs.
//!
//! Lock order: the element's `state` → a recording's `live`. Elements are
//! built with `live` held, which no streaming thread takes.

mod control;
mod events;
mod output;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gst::prelude::*;

use crate::meetingrecorder::recording::timeline::Clock;
use crate::meetingrecorder::settings::Settings;
use crate::metadata;
use crate::outputs::Target;
use crate::util::Step;

/// The name prefixes of the bins this module adds to the meeting.
const ENCODERS_PREFIX: &str = "live-";
const OUTPUT_PREFIX: &str = "output-";

/// A recording's live outputs, shared by the recording and the element
/// (outputs may finish after their recording did).
#[derive(Default)]
pub(crate) struct Live {
    encoders: Option<Encoders>,
    outputs: Vec<Output>,
    /// Numbers outputs: `stream-1`, `hls-2`, …
    next: u32,
    /// The recording is ending: no new outputs, no retries.
    ended: bool,
}

/// The encoders the outputs share.
struct Encoders {
    /// `live-<id>` in the meeting: the AAC encoder always (streams carry
    /// AAC), the H.264 one unless the file's own feeds the streams.
    bin: gst::Bin,
    video: Option<Tap>,
    audio: Tap,
    /// The video comes from the file's encoder.
    shared_video: bool,
}

/// A tee an output takes a track from, and the bin its pads are ghosted on.
#[derive(Clone)]
struct Tap {
    tee: gst::Element,
    holder: gst::Bin,
}

/// One track flowing from a tap into an output.
#[derive(Clone)]
struct Feed {
    tap: Tap,
    src: gst::Pad,
    ghost: gst::GhostPad,
}

struct Output {
    name: String,
    target: Target,
    bin: Option<gst::Bin>,
    feeds: Vec<Feed>,
    status: &'static str,
    /// Connections lost or refused (all attempts), and since the last ACTIVE.
    failures: u32,
    streak: u32,
    error: Option<String>,
    /// Stopped by `stop-stream` or the recording's end: not retried.
    stopped: bool,
    /// Numbers attempts, so a late message of an old one changes nothing.
    attempt: u32,
    stats: Arc<Stats>,
    /// Its video comes from the file's encoder.
    shared_video: bool,
}

/// Counted in the output's streaming threads.
#[derive(Default)]
struct Stats {
    /// Video frames into the output's queue and out to its muxer.
    frames_in: AtomicU64,
    frames_out: AtomicU64,
    /// Frames still in the queue (read when the output ends).
    queue: Mutex<Option<gst::Element>>,
}

impl Stats {
    fn dropped(&self) -> u64 {
        let queued = self
            .queue
            .lock()
            .unwrap()
            .as_ref()
            .map_or(0, |q| q.property::<u32>("current-level-buffers") as u64);
        self.frames_in
            .load(Ordering::SeqCst)
            .saturating_sub(self.frames_out.load(Ordering::SeqCst) + queued)
    }
}

/// What a state change needs to be told, collected under the lock and
/// posted after.
struct Told {
    status: &'static str,
    recording: String,
    output: &'static str,
    name: String,
    target: String,
    reason: Option<String>,
    retry_in: Option<Duration>,
}

impl Output {
    fn told(&self, recording: &str, status: &'static str) -> Told {
        Told {
            status,
            recording: recording.to_string(),
            output: self.target.kind(),
            name: self.name.clone(),
            target: self.target.shown(),
            reason: None,
            retry_in: None,
        }
    }
}

/// What building outputs needs to know of their recording.
struct RecordingInfo {
    id: String,
    settings: Settings,
    has_video: bool,
    clock: Arc<Clock>,
    bin: gst::Bin,
    /// The file's H.264 encoder output, when the file is H.264.
    h264_tee: Option<gst::Element>,
}

impl Live {
    /// The outputs as the metadata lists them.
    pub(crate) fn report(&self) -> Vec<metadata::Output> {
        self.outputs
            .iter()
            .map(|o| metadata::Output {
                kind: o.target.kind().into(),
                name: o.name.clone(),
                target: o.target.shown(),
                status: o.status.into(),
                shared_video_encoder: o.shared_video,
                dropped_frames: o.stats.dropped(),
                failures: o.failures,
                error: o.error.clone(),
            })
            .collect()
    }
}

fn make(factory: &str) -> Result<gst::Element, String> {
    gst::ElementFactory::make(factory)
        .build()
        .map_err(|_| format!("{factory} is not installed"))
}

/// A queue that, in a live meeting, drops its oldest data rather than block
/// its upstream: there a stream must never hold up the file. A meeting of
/// files (not live) runs as fast as its slowest output instead, and loses
/// nothing; whether it is live is asked upstream at the first buffer.
fn leaky_queue(max: Duration) -> Result<gst::Element, String> {
    let queue = gst::ElementFactory::make("queue")
        .property_from_str("leaky", "downstream")
        .property("max-size-time", max.as_nanos() as u64)
        .property("max-size-buffers", 0u32)
        .property("max-size-bytes", 0u32)
        .build()
        .step("creating a queue")?;
    let weak = queue.downgrade();
    queue
        .static_pad("sink")
        .step("a queue's sink pad")?
        .add_probe(gst::PadProbeType::BUFFER, move |pad, _| {
            let mut q = gst::query::Latency::new();
            let live = pad.peer_query(&mut q) && q.result().0;
            if let (false, Some(queue)) = (live, weak.upgrade()) {
                queue.set_property_from_str("leaky", "no");
            }
            gst::PadProbeReturn::Remove
        });
    Ok(queue)
}

/// The child of the meeting `msg` comes from, when it is one of the live
/// outputs' bins.
pub(crate) fn live_scope(obj: &gst::Object, msg: &gst::Message) -> Option<gst::Bin> {
    let mut cur = msg.src().cloned();
    while let Some(o) = cur {
        let parent = o.parent();
        if parent.as_ref() == Some(obj) {
            let name = o.name();
            return (name.starts_with(ENCODERS_PREFIX) || name.starts_with(OUTPUT_PREFIX))
                .then(|| o.downcast::<gst::Bin>().ok())
                .flatten();
        }
        cur = parent;
    }
    None
}

/// Asks upstream of `pad` (an output's video input) for a keyframe with
/// its headers, at most once a second.
fn request_keyframe(pad: &gst::Pad, last: &Mutex<Option<Instant>>) {
    let mut last = last.lock().unwrap();
    if last.is_some_and(|t| t.elapsed() < Duration::from_secs(1)) {
        return;
    }
    *last = Some(Instant::now());
    drop(last);
    let event = gst_video::UpstreamForceKeyUnitEvent::builder()
        .all_headers(true)
        .build();
    let _ = pad.push_event(event);
}

fn tee() -> Result<gst::Element, String> {
    gst::ElementFactory::make("tee")
        .property("allow-not-linked", true)
        .build()
        .step("creating tee")
}

/// Links a new pad of `tap`'s tee, ghosted on its holder, to `input`.
fn feed(tap: &Tap, input: &gst::GhostPad) -> Result<Feed, String> {
    let src = tap
        .tee
        .request_pad_simple("src_%u")
        .step("requesting a tee pad for an output")?;
    let release = |ghost: Option<&gst::GhostPad>| {
        if let Some(g) = ghost {
            let _ = tap.holder.remove_pad(g);
        }
        tap.tee.release_request_pad(&src);
    };
    // Named by tee and pad: the holder has one pad per tee and output.
    let ghost = match gst::GhostPad::builder_with_target(&src)
        .map(|b| b.name(format!("{}-{}", tap.tee.name(), src.name())).build())
    {
        Ok(g) => g,
        Err(e) => {
            release(None);
            return Err(format!("an output's pad: {e}"));
        }
    };
    let _ = ghost.set_active(true);
    if let Err(e) = tap.holder.add_pad(&ghost) {
        release(None);
        return Err(format!("an output's pad: {e}"));
    }
    if let Err(e) = ghost.link(input) {
        release(Some(&ghost));
        return Err(format!("feeding an output: {e}"));
    }
    Ok(Feed {
        tap: tap.clone(),
        src,
        ghost,
    })
}

/// Unlinks `feeds` at their tees' next idle points (optionally ending the
/// output's streams with EOS), then releases their pads.
fn unfeed(feeds: Vec<Feed>, eos: bool) {
    for Feed { tap, src, ghost } in feeds {
        let done = AtomicBool::new(false);
        src.add_probe(gst::PadProbeType::IDLE, move |pad, _| {
            if !done.swap(true, Ordering::SeqCst) {
                if let Some(peer) = ghost.peer() {
                    let _ = ghost.unlink(&peer);
                    if eos {
                        peer.send_event(gst::event::Eos::new());
                    }
                }
                let (pad, ghost, holder) = (pad.clone(), ghost.clone(), tap.holder.clone());
                tap.tee.call_async(move |tee| {
                    let _ = holder.remove_pad(&ghost);
                    tee.release_request_pad(&pad);
                });
            }
            gst::PadProbeReturn::Remove
        });
    }
}
