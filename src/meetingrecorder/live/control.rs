// SPDX-License-Identifier: MPL-2.0
//! Which outputs a recording has: those its settings name at its start, and
//! those `start-stream`/`stop-stream` add and end while it runs; the shared
//! encoders they take the recording's picture and sound from.

use std::sync::Arc;
use std::time::Duration;

use gst::prelude::*;
use gst::subclass::prelude::*;

use super::*;
use crate::meetingrecorder::branch::Kind;
use crate::meetingrecorder::branch::{Link, detach, recording_input};
use crate::meetingrecorder::recording::timeline::add_rebase_probe;
use crate::meetingrecorder::settings::Settings;
use crate::meetingrecorder::state::*;
use crate::outputs::{self, OUTPUT_FAILED, OUTPUT_STARTING, OUTPUT_STOPPED, Target};
use crate::util::Step;
use crate::util::ordered::Ordered;

impl MeetingRecorder {
    /// The outputs `settings` name for the new composite recording `id`.
    /// One that cannot start is OUTPUT_FAILED; the recording goes on.
    pub(crate) fn start_outputs(&self, id: &str, settings: &Settings) {
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
    pub(crate) fn start_stream(&self, what: &str) -> bool {
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
    pub(crate) fn stop_stream(&self, what: &str) -> bool {
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

    pub(super) fn running_composites(&self) -> Vec<String> {
        let state = self.state.lock().unwrap();
        state
            .recordings
            .iter()
            .filter(|r| r.person.is_none() && !r.stopping)
            .map(|r| r.id.clone())
            .collect()
    }

    pub(super) fn lives(&self) -> Vec<(String, Arc<Ordered<Live>>)> {
        self.state.lock().unwrap().lives.clone()
    }

    pub(super) fn live_of(&self, id: &str) -> Option<Arc<Ordered<Live>>> {
        self.lives()
            .into_iter()
            .find(|(i, _)| i == id)
            .map(|(_, l)| l)
    }

    /// Adds `target` to recording `id`'s outputs and starts it.
    pub(super) fn add_output(&self, id: &str, target: Target) -> Result<(), String> {
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
    pub(super) fn keep_links(&self, id: &str, links: Vec<Link>) {
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
    pub(super) fn build_encoders(
        &self,
        rec: &RecordingInfo,
    ) -> Result<(Encoders, Vec<Link>), String> {
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
}
