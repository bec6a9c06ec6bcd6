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

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gst::prelude::*;
use gst::subclass::prelude::*;

use super::imp::*;
use super::notify::OutputChange;
use super::participants::Kind;
use super::recording::{Link, detach, recording_input};
use super::settings::Settings;
use super::timeline::{Clock, add_rebase_probe};
use crate::metadata;
use crate::outputs::{
    self, OUTPUT_ACTIVE, OUTPUT_FAILED, OUTPUT_STARTING, OUTPUT_STOPPED, Protocol, Target,
};
use crate::util::Step;

/// The name prefixes of the bins this module adds to the meeting.
const ENCODERS_PREFIX: &str = "live-";
const OUTPUT_PREFIX: &str = "output-";

/// A recording's live outputs, shared by the recording and the element
/// (outputs may finish after their recording did).
#[derive(Default)]
pub(super) struct Live {
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
    pub(super) fn report(&self) -> Vec<metadata::Output> {
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
pub(super) fn live_scope(obj: &gst::Object, msg: &gst::Message) -> Option<gst::Bin> {
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

impl MeetingRecorder {
    /// The outputs `settings` name for the new composite recording `id`.
    /// One that cannot start is OUTPUT_FAILED; the recording goes on.
    pub(super) fn start_outputs(&self, id: &str, settings: &Settings) {
        let (mut targets, errors) =
            outputs::parse_stream_uris(settings.stream_uri.as_deref().unwrap_or(""));
        if let Some(playlist) = settings.hls_for(id, std::time::SystemTime::now()) {
            targets.push(Target::Hls {
                playlist: playlist.to_string_lossy().to_string(),
                segment_s: settings.hls_segment_duration,
                playlist_length: settings.hls_playlist_length,
            });
        }
        for e in errors {
            self.output_refused(id, "stream", &e);
        }
        for target in targets {
            if let Err(e) = self.add_output(id, target.clone()) {
                self.output_refused(id, target.kind(), &e);
            }
        }
    }

    /// `start-stream`: `what` (a stream URI, or an HLS playlist path ending
    /// in `.m3u8`) becomes an output of every running composite recording.
    pub(super) fn start_stream(&self, what: &str) -> bool {
        let settings = self.settings.lock().unwrap().clone();
        let target = if what.trim().ends_with(".m3u8") && !what.contains("://") {
            Ok(Target::Hls {
                playlist: what.trim().to_string(),
                segment_s: settings.hls_segment_duration,
                playlist_length: settings.hls_playlist_length,
            })
        } else {
            outputs::parse_stream_uri(what)
        };
        let ids = self.running_composites();
        let target = match (target, ids.is_empty()) {
            (Err(e), _) => {
                self.output_refused("", "stream", &e);
                return false;
            }
            (Ok(t), true) => {
                self.output_refused("", t.kind(), "no recording is running");
                return false;
            }
            (Ok(t), false) => t,
        };
        let mut all = true;
        for id in ids {
            if let Err(e) = self.add_output(&id, target.clone()) {
                self.output_refused(&id, target.kind(), &e);
                all = false;
            }
        }
        all
    }

    /// `stop-stream`: ends the outputs `what` names (a URI as given or as
    /// shown, or a playlist path) in every recording. Whether there was one.
    pub(super) fn stop_stream(&self, what: &str) -> bool {
        let mut found = false;
        for (id, live) in self.lives() {
            let mut told = Vec::new();
            {
                let mut live = live.lock().unwrap();
                for o in live.outputs.iter_mut() {
                    if o.stopped || !o.target.is(what) {
                        continue;
                    }
                    found = true;
                    o.stopped = true;
                    if o.bin.is_some() {
                        // Its EOS (or the timeout) says STOPPED.
                        unfeed(std::mem::take(&mut o.feeds), true);
                        self.arm_finish(&id, &o.name, o.attempt);
                    } else {
                        o.status = OUTPUT_STOPPED;
                        told.push(o.told(&id, OUTPUT_STOPPED));
                    }
                }
            }
            self.tell(told);
            self.close_if_done(&id);
        }
        found
    }

    fn running_composites(&self) -> Vec<String> {
        let state = self.state.lock().unwrap();
        state
            .recordings
            .iter()
            .filter(|r| r.person.is_none() && !r.stopping)
            .map(|r| r.id.clone())
            .collect()
    }

    fn lives(&self) -> Vec<(String, Arc<Mutex<Live>>)> {
        self.state.lock().unwrap().lives.clone()
    }

    fn live_of(&self, id: &str) -> Option<Arc<Mutex<Live>>> {
        self.lives()
            .into_iter()
            .find(|(i, _)| i == id)
            .map(|(_, l)| l)
    }

    /// Adds `target` to recording `id`'s outputs and starts it.
    fn add_output(&self, id: &str, target: Target) -> Result<(), String> {
        let (live, info) = {
            let state = self.state.lock().unwrap();
            let rec = state
                .recordings
                .iter()
                .find(|r| r.id == id && r.person.is_none() && !r.stopping)
                .ok_or_else(|| format!("recording {id} is not running"))?;
            let info = RecordingInfo {
                id: id.to_string(),
                settings: rec.settings.clone(),
                has_video: rec.decision.video.is_some(),
                clock: rec.clock.clone(),
                bin: rec.bin.clone(),
                h264_tee: rec.h264_tee.clone(),
            };
            (rec.live.clone(), info)
        };
        let mut new_links = Vec::new();
        let told = {
            let mut live = live.lock().unwrap();
            if live.ended {
                return Err(format!("recording {id} is ending"));
            }
            if live
                .outputs
                .iter()
                .any(|o| !o.stopped && o.target == target)
            {
                return Err(format!("{} is already an output of {id}", target.shown()));
            }
            if live.encoders.is_none() {
                let (encoders, links) = self.build_encoders(&info)?;
                live.encoders = Some(encoders);
                new_links = links;
            }
            live.next += 1;
            let mut out = Output {
                name: format!("{}-{}", target.kind(), live.next),
                target,
                bin: None,
                feeds: Vec::new(),
                status: OUTPUT_STARTING,
                failures: 0,
                streak: 0,
                error: None,
                stopped: false,
                attempt: 0,
                stats: Arc::default(),
                shared_video: live.encoders.as_ref().is_some_and(|e| e.shared_video),
            };
            let connected = self.connect(id, &mut out, live.encoders.as_ref().expect("built"));
            let told = match connected {
                Ok(()) => out.told(id, OUTPUT_STARTING),
                Err(e) => {
                    out.status = OUTPUT_FAILED;
                    out.error = Some(e.clone());
                    out.stopped = true;
                    let mut t = out.told(id, OUTPUT_FAILED);
                    t.reason = Some(e);
                    t
                }
            };
            live.outputs.push(out);
            told
        };
        self.keep_links(id, new_links);
        self.tell(vec![told]);
        Ok(())
    }

    /// The live encoders' inputs are the recording's too: a stop detaches
    /// them with the rest (or now, when it already began).
    fn keep_links(&self, id: &str, links: Vec<Link>) {
        let mut state = self.state.lock().unwrap();
        match state
            .recordings
            .iter_mut()
            .find(|r| r.id == id && !r.stopping)
        {
            Some(rec) => rec.links.extend(links),
            None => {
                drop(state);
                for l in links {
                    detach(l, true);
                }
            }
        }
    }

    /// Builds the encoders `rec`'s outputs share, in the meeting, linked to
    /// the meeting's tees.
    fn build_encoders(&self, rec: &RecordingInfo) -> Result<(Encoders, Vec<Link>), String> {
        let bin = gst::Bin::builder()
            .name(format!("{ENCODERS_PREFIX}{}", rec.id))
            .build();
        let mut inputs = Vec::new();
        let (video, shared_video) = match (&rec.h264_tee, rec.has_video) {
            (_, false) => (None, false),
            (Some(tee), true) => (
                Some(Tap {
                    tee: tee.clone(),
                    holder: rec.bin.clone(),
                }),
                true,
            ),
            (None, true) => {
                // Raw frames are dropped when the encoder falls behind.
                let queue = leaky_queue(Duration::from_millis(200))?;
                let s = &rec.settings;
                let encoder = gst::ElementFactory::make("bitratepolicy")
                    .property("record", s.record)
                    .property("quality", s.quality)
                    .property("framerate", s.framerate)
                    .property("orientation", s.orientation)
                    .property("video-codec", crate::bitratepolicy::VideoCodec::H264)
                    .property("audio-codec", s.audio_codec)
                    .build()
                    .step("creating bitratepolicy")?;
                let tee = tee()?;
                bin.add_many([&queue, &encoder, &tee])
                    .step("adding the stream's video encoder")?;
                gst::Element::link_many([&queue, &encoder, &tee])
                    .step("linking the stream's video encoder")?;
                let ghost = recording_input(&queue.static_pad("sink").unwrap(), "video")?;
                inputs.push((Kind::Video, self.video_tee.clone(), ghost));
                (
                    Some(Tap {
                        tee,
                        holder: bin.clone(),
                    }),
                    false,
                )
            }
        };
        let encoder = outputs::AAC_ENCODERS
            .iter()
            .find_map(|f| gst::ElementFactory::make(f).build().ok())
            .ok_or_else(|| {
                format!(
                    "no AAC encoder installed (streams carry AAC): install gstreamer1.0-libav \
                     for {}",
                    outputs::AAC_ENCODERS.join(" or ")
                )
            })?;
        encoder.set_property("bitrate", (outputs::STREAM_AUDIO_KBPS * 1000) as i32);
        let caps = gst::ElementFactory::make("capsfilter")
            .property(
                "caps",
                gst::Caps::builder("audio/x-raw")
                    .field("rate", crate::policy::AUDIO_RATE as i32)
                    .field("channels", 2i32)
                    .build(),
            )
            .build()
            .step("creating capsfilter")?;
        let chain = [
            leaky_queue(Duration::from_secs(1))?,
            make("audioconvert")?,
            make("audioresample")?,
            caps,
            encoder,
            make("aacparse")?,
            tee()?,
        ];
        bin.add_many(&chain)
            .step("adding the stream's AAC encoder")?;
        gst::Element::link_many(&chain).step("linking the stream's AAC encoder")?;
        let ghost = recording_input(&chain[0].static_pad("sink").unwrap(), "audio")?;
        inputs.push((Kind::Audio, self.audio_tee.clone(), ghost));
        let audio = Tap {
            tee: chain[6].clone(),
            holder: bin.clone(),
        };

        let undo = |bin: &gst::Bin, links: &[Link]| {
            for l in links {
                let _ = l.src.unlink(&l.ghost);
                l.tee.release_request_pad(&l.src);
            }
            let _ = bin.set_state(gst::State::Null);
            let _ = self.obj().remove(bin);
        };
        for (_, _, ghost) in &inputs {
            add_rebase_probe(ghost, rec.clock.clone());
            bin.add_pad(ghost)
                .step("adding the stream encoders' input")?;
        }
        self.obj()
            .add(&bin)
            .step("adding the stream encoders to the meeting")?;
        if let Err(e) = bin.sync_state_with_parent() {
            undo(&bin, &[]);
            return Err(format!("starting the stream encoders: {e}"));
        }
        let mut links = Vec::new();
        for (kind, tee, ghost) in inputs {
            let Some(src) = tee.request_pad_simple("src_%u") else {
                undo(&bin, &links);
                return Err("no tee pad for the stream encoders".into());
            };
            let link = Link {
                kind,
                tee,
                src,
                ghost: ghost.upcast(),
            };
            if let Err(e) = link.src.link(&link.ghost) {
                links.push(link);
                undo(&bin, &links);
                return Err(format!("linking the stream encoders: {e}"));
            }
            links.push(link);
        }
        Ok((
            Encoders {
                bin,
                video,
                audio,
                shared_video,
            },
            links,
        ))
    }

    /// Builds output `out`'s bin for its next attempt and feeds it.
    fn connect(&self, id: &str, out: &mut Output, enc: &Encoders) -> Result<(), String> {
        out.attempt += 1;
        let bin = gst::Bin::builder()
            .name(format!("{OUTPUT_PREFIX}{id}-{}-{}", out.name, out.attempt))
            .build();
        let built = self.build_output(id, out, enc, &bin);
        let pads = match built {
            Ok(p) => p,
            Err(e) => {
                let _ = bin.set_state(gst::State::Null);
                return Err(e);
            }
        };
        let obj = self.obj();
        obj.add(&bin).step("adding the output to the meeting")?;
        if let Err(e) = bin.sync_state_with_parent() {
            let _ = bin.set_state(gst::State::Null);
            let _ = obj.remove(&bin);
            return Err(format!("starting the output: {e}"));
        }
        let mut feeds = Vec::new();
        for (kind, pad) in pads {
            let tap = match kind {
                Kind::Video => enc
                    .video
                    .clone()
                    .expect("video output only with a video tap"),
                Kind::Audio => enc.audio.clone(),
            };
            match feed(&tap, &pad) {
                Ok(f) => feeds.push(f),
                Err(e) => {
                    unfeed(feeds, false);
                    let _ = bin.set_state(gst::State::Null);
                    let _ = obj.remove(&bin);
                    return Err(e);
                }
            }
            if kind == Kind::Video {
                // Joining a running encoder: ask for a keyframe now.
                let event = gst_video::UpstreamForceKeyUnitEvent::builder()
                    .all_headers(true)
                    .build();
                let _ = pad.push_event(event);
            }
        }
        out.bin = Some(bin);
        out.feeds = feeds;
        out.status = OUTPUT_STARTING;
        Ok(())
    }

    /// The elements of one output in `bin`; returns its input pads.
    fn build_output(
        &self,
        id: &str,
        out: &Output,
        enc: &Encoders,
        bin: &gst::Bin,
    ) -> Result<Vec<(Kind, gst::GhostPad)>, String> {
        let (mux, sink, video_pad, audio_pad) = match &out.target {
            Target::Stream {
                protocol: Protocol::Rtmp,
                uri,
            } => {
                let mux = gst::ElementFactory::make("flvmux")
                    .property("streamable", true)
                    .build()
                    .step("creating flvmux")?;
                let sink = gst::ElementFactory::make("rtmp2sink")
                    .property("location", uri)
                    .property("sync", false)
                    .property("async", false)
                    .build()
                    .map_err(|_| "rtmp2sink is not installed (gstreamer1.0-plugins-bad)")?;
                (Some(mux), sink, "video", "audio")
            }
            Target::Stream {
                protocol: Protocol::Srt,
                uri,
            } => {
                let mux = gst::ElementFactory::make("mpegtsmux")
                    .property("alignment", 7i32)
                    .build()
                    .step("creating mpegtsmux")?;
                let sink = gst::ElementFactory::make("srtsink")
                    .property("uri", uri)
                    .property("sync", false)
                    .property("async", false)
                    .property("wait-for-connection", false)
                    .build()
                    .map_err(|_| "srtsink is not installed (gstreamer1.0-plugins-bad)")?;
                (Some(mux), sink, "sink_%d", "sink_%d")
            }
            Target::Hls {
                playlist,
                segment_s,
                playlist_length,
            } => {
                let playlist = std::path::Path::new(playlist);
                if let Some(dir) = playlist.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir)
                        .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                }
                // Fail now, with the OS's words, rather than in the sink.
                let probe = playlist.with_extension("m3u8.part");
                std::fs::write(&probe, b"")
                    .and_then(|_| std::fs::remove_file(&probe))
                    .map_err(|e| format!("cannot write {}: {e}", playlist.display()))?;
                // Segments are kept while listed (all of them with length 0).
                let max_files = if *playlist_length == 0 {
                    0
                } else {
                    playlist_length + 2
                };
                let sink = gst::ElementFactory::make("hlssink2")
                    .property(
                        "location",
                        outputs::hls_segment_pattern(playlist)
                            .to_string_lossy()
                            .to_string(),
                    )
                    .property("playlist-location", playlist.to_string_lossy().to_string())
                    .property("target-duration", *segment_s)
                    .property("playlist-length", *playlist_length)
                    .property("max-files", max_files)
                    .build()
                    .map_err(|_| "hlssink2 is not installed (gstreamer1.0-plugins-bad)")?;
                (None, sink, "video", "audio")
            }
        };
        let into = mux.clone().unwrap_or_else(|| sink.clone());
        bin.add(&sink).step("adding the output's sink")?;
        // An output joins a meeting that may be changing state: its sinks
        // (hlssink2's inside it too) must not hold that up waiting for a
        // preroll only the meeting's data brings.
        bin.set_property("async-handling", true);
        for e in bin.iterate_recurse().into_iter().flatten() {
            if e.is::<gst_base::BaseSink>() {
                e.set_property("async", false);
            }
        }
        if let Some(mux) = &mux {
            bin.add(mux).step("adding the output's muxer")?;
            mux.link(&sink).step("linking the output's muxer")?;
        }
        *out.stats.queue.lock().unwrap() = None;
        let mut pads = Vec::new();
        if enc.video.is_some() {
            let queue = leaky_queue(outputs::OUTPUT_QUEUE)?;
            let parse = gst::ElementFactory::make("h264parse")
                .property("config-interval", -1i32)
                .build()
                .step("creating h264parse")?;
            bin.add_many([&queue, &parse])
                .step("adding the output's video queue")?;
            queue.link(&parse).step("linking the output's video")?;
            let target = into
                .request_pad_simple(video_pad)
                .step("the output muxer's video pad")?;
            parse
                .static_pad("src")
                .unwrap()
                .link(&target)
                .map_err(|e| format!("H.264 into the output: {e}"))?;
            let ghost = recording_input(&queue.static_pad("sink").unwrap(), "video")?;
            self.gate_video(&queue, &ghost, &out.stats);
            bin.add_pad(&ghost).step("adding the output's video pad")?;
            pads.push((Kind::Video, ghost));
        }
        let queue = leaky_queue(outputs::OUTPUT_QUEUE)?;
        bin.add(&queue).step("adding the output's audio queue")?;
        let target = into
            .request_pad_simple(audio_pad)
            .step("the output muxer's audio pad")?;
        queue
            .static_pad("src")
            .unwrap()
            .link(&target)
            .map_err(|e| format!("AAC into the output: {e}"))?;
        let ghost = recording_input(&queue.static_pad("sink").unwrap(), "audio")?;
        bin.add_pad(&ghost).step("adding the output's audio pad")?;
        pads.push((Kind::Audio, ghost));

        // ACTIVE when the second buffer reaches the sink: the first one
        // was taken (a sink renders one buffer at a time; a stream sink's
        // first render waits for its connection).
        // (hlssink2, a bin with request pads: data reaching the output.)
        let probe_pad = match &mux {
            Some(_) => sink.static_pad("sink").step("the output sink's pad")?,
            None => pads[0].1.clone().upcast(),
        };
        let seen = AtomicU64::new(0);
        let weak = self.obj().downgrade();
        let (id, name, attempt) = (id.to_string(), out.name.clone(), out.attempt);
        // (mpegtsmux pushes lists of packets)
        probe_pad.add_probe(
            gst::PadProbeType::BUFFER | gst::PadProbeType::BUFFER_LIST,
            move |_, _| {
                if seen.fetch_add(1, Ordering::SeqCst) < 1 {
                    return gst::PadProbeReturn::Ok;
                }
                if let Some(obj) = weak.upgrade() {
                    let (id, name) = (id.clone(), name.clone());
                    obj.call_async(move |obj| obj.imp().output_active(&id, &name, attempt));
                }
                gst::PadProbeReturn::Remove
            },
        );
        Ok(pads)
    }

    /// An output's video queue: counts frames in and out, and after it has
    /// dropped (or before the first keyframe) passes nothing until the next
    /// keyframe, asking for one: a decoder downstream never gets a frame
    /// whose reference is gone.
    fn gate_video(&self, queue: &gst::Element, input: &gst::GhostPad, stats: &Arc<Stats>) {
        *stats.queue.lock().unwrap() = Some(queue.clone());
        let gap = Arc::new(AtomicBool::new(true));
        {
            let gap = gap.clone();
            queue.connect("overrun", false, move |_| {
                gap.store(true, Ordering::SeqCst);
                None
            });
        }
        {
            let stats = stats.clone();
            queue
                .static_pad("sink")
                .unwrap()
                .add_probe(gst::PadProbeType::BUFFER, move |_, _| {
                    stats.frames_in.fetch_add(1, Ordering::SeqCst);
                    gst::PadProbeReturn::Ok
                });
        }
        let stats = stats.clone();
        let input = input.downgrade();
        let last_request = Mutex::new(None);
        queue
            .static_pad("src")
            .unwrap()
            .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
                let delta = info
                    .buffer()
                    .is_some_and(|b| b.flags().contains(gst::BufferFlags::DELTA_UNIT));
                if gap.load(Ordering::SeqCst) {
                    if delta {
                        if let Some(pad) = input.upgrade() {
                            request_keyframe(pad.upcast_ref(), &last_request);
                        }
                        return super::timeline::drop_buffer(info);
                    }
                    gap.store(false, Ordering::SeqCst);
                }
                stats.frames_out.fetch_add(1, Ordering::SeqCst);
                gst::PadProbeReturn::Ok
            });
    }

    /// An output's sink took data: it is ACTIVE.
    fn output_active(&self, id: &str, name: &str, attempt: u32) {
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
    pub(super) fn on_live_message(&self, scope: gst::Bin, msg: &gst::Message) {
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
    fn find_bin(&self, bin: &gst::Bin) -> Option<(String, Arc<Mutex<Live>>)> {
        self.lives().into_iter().find(|(_, live)| {
            let live = live.lock().unwrap();
            live.encoders.as_ref().is_some_and(|e| &e.bin == bin)
                || live.outputs.iter().any(|o| o.bin.as_ref() == Some(bin))
        })
    }

    /// An output (or the shared encoders) failed: take it down, say so, and
    /// try again later while the recording runs.
    fn output_failed(&self, bin: &gst::Bin, reason: &str) {
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
            let weak = self.obj().downgrade();
            let id = id.clone();
            std::thread::spawn(move || {
                std::thread::sleep(delay);
                if let Some(obj) = weak.upgrade() {
                    obj.imp().retry_output(&id, &name, attempt);
                }
            });
        }
        self.close_if_done(&id);
    }

    /// The retry of an output that failed on its attempt `attempt`.
    fn retry_output(&self, id: &str, name: &str, attempt: u32) {
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
    fn output_ended(&self, bin: &gst::Bin, why: Option<&str>) {
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
    fn arm_finish(&self, id: &str, name: &str, attempt: u32) {
        let weak = self.obj().downgrade();
        let (id, name) = (id.to_string(), name.to_string());
        std::thread::spawn(move || {
            std::thread::sleep(outputs::FINISH_TIMEOUT);
            let Some(obj) = weak.upgrade() else { return };
            let imp = obj.imp();
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
    pub(super) fn end_outputs(&self, id: &str, eos: bool) {
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
    fn close_if_done(&self, id: &str) {
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
    fn output_refused(&self, id: &str, output: &'static str, why: &str) {
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

    fn post_output_warning(&self, t: &Told) {
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

    fn tell(&self, told: Vec<Told>) {
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
