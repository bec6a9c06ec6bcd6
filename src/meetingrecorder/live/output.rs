// SPDX-License-Identifier: MPL-2.0
//! One output's bin: the sink for its target (RTMP, SRT, HLS), fed from the
//! shared encoders through leaky queues, its video gated to start on a
//! keyframe.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use gst::prelude::*;
use gst::subclass::prelude::*;

use super::*;
use crate::meetingrecorder::branch::Kind;
use crate::meetingrecorder::branch::recording_input;
use crate::meetingrecorder::state::*;
use crate::outputs::{self, OUTPUT_STARTING, Protocol, Target};
use crate::util::Step;

impl MeetingRecorder {
    /// Builds output `out`'s bin for its next attempt and feeds it.
    pub(super) fn connect(&self, id: &str, out: &mut Output, enc: &Encoders) -> Result<(), String> {
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
    pub(super) fn build_output(
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
    pub(super) fn gate_video(
        &self,
        queue: &gst::Element,
        input: &gst::GhostPad,
        stats: &Arc<Stats>,
    ) {
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
                        return crate::meetingrecorder::recording::timeline::drop_buffer(info);
                    }
                    gap.store(false, Ordering::SeqCst);
                }
                stats.frames_out.fetch_add(1, Ordering::SeqCst);
                gst::PadProbeReturn::Ok
            });
    }
}
