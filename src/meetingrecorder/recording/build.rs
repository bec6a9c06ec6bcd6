// SPDX-License-Identifier: MPL-2.0
//! Building a recording: its id and file, the bin with its encoders (or, for
//! a participant's own file, their streams kept as received), its links to
//! the meeting's tees, snapshots; what a failed step built is undone.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use gst::prelude::*;
use gst::subclass::prelude::*;

use crate::ingest::Codec;
use crate::meetingrecorder::CAT;
use crate::meetingrecorder::branch::Kind;
use crate::meetingrecorder::branch::{Link, recording_input};
use crate::meetingrecorder::recording::{KeptCaps, NEXT_RECORDING, Plan, Recording, part_location};
use crate::meetingrecorder::{Container, RECORDING_FAILED, RECORDING_STARTED, RECORDING_STARTING};
use crate::meetingrecorder::{
    participants::*, recording::report::*, recording::timeline::*, settings::*, state::*,
};
use crate::util::Step;
use crate::util::ordered::Ordered;
use crate::{metadata, policy};

/// What building a recording did so far, undone when a later step fails:
/// the file it created, its bin in the meeting, its links to the tees and its
/// entry in the state.
#[derive(Default)]
pub(crate) struct PartialRecording {
    file: Option<PathBuf>,
    bin: Option<gst::Bin>,
    links: Vec<Link>,
    in_state: bool,
}

impl PartialRecording {
    fn undo(self, imp: &MeetingRecorder, id: &str) {
        if self.in_state {
            let mut state = imp.state.lock().unwrap();
            state.recordings.retain(|r| r.id != id);
            state.lives.retain(|(i, _)| i != id);
        }
        for link in self.links {
            if link.src.unlink(&link.ghost).is_ok() || link.src.peer().is_none() {
                link.tee.release_request_pad(&link.src);
            }
        }
        if let Some(bin) = self.bin {
            let _ = bin.set_state(gst::State::Null);
            let _ = imp.obj().remove(&bin);
        }
        if let Some(file) = self.file {
            let _ = std::fs::remove_file(metadata::path_for(&file));
            let _ = std::fs::remove_file(file);
        }
    }
}

/// The queue a recording's track comes in through (see the comments).
fn input_queue(kind: Kind, kept: bool, own: bool) -> Result<gst::Element, String> {
    let queue = gst::ElementFactory::make("queue")
        .build()
        .step("creating a queue")?;
    if kind == Kind::Audio {
        // When only the (non-live) silence is left in the mix, the mixer
        // stops being live and runs ahead as far as this queue lets it;
        // 1 s (the default) put up to 1 s of future silence at the end
        // of a recording. 200 ms bounds that until the silence follows
        // the meeting's liveness.
        queue.set_property("max-size-time", 200 * gst::ClockTime::MSECOND.nseconds());
        queue.set_property("max-size-buffers", 0u32);
        queue.set_property("max-size-bytes", 0u32);
    }
    if own {
        // The meeting never waits on a participant's own file: while
        // its muxer waits (for their video's first keyframe, for a
        // slow disk), its queues drop their oldest data rather than
        // hold up the participant's tee, which feeds the picture and
        // the mix too.
        queue.set_property_from_str("leaky", "downstream");
        if kept {
            // Kept as received: a few seconds of compressed media.
            queue.set_property("max-size-time", 3 * gst::ClockTime::SECOND.nseconds());
            queue.set_property("max-size-buffers", 0u32);
            queue.set_property("max-size-bytes", 0u32);
        }
    }
    Ok(queue)
}

/// A track kept as received starts on a keyframe: what comes before one
/// cannot be decoded on its own. (Placed before the rebase, so the file's
/// time 0 is that keyframe, or the participant's audio when it came first.)
fn start_on_keyframe(ghost: &gst::GhostPad) {
    ghost.add_probe(gst::PadProbeType::BUFFER, move |_, info| {
        match info.buffer() {
            Some(b) if b.flags().contains(gst::BufferFlags::DELTA_UNIT) => drop_buffer(info),
            _ => gst::PadProbeReturn::Remove,
        }
    });
}

impl MeetingRecorder {
    /// A JPEG of the composite every `interval` seconds of recording, into
    /// files numbered by `pattern`'s `%05d`; each also replaces `poster`
    /// (written beside and renamed, so a reader never sees half of one). Its
    /// queue leaks: a slow disk never holds up the recording.
    fn snapshot_branch(
        &self,
        bin: &gst::Bin,
        pattern: &std::path::Path,
        poster: &std::path::Path,
        interval: u32,
    ) -> Result<gst::GhostPad, String> {
        if let Some(dir) = pattern.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let make = |f: &str| {
            gst::ElementFactory::make(f)
                .build()
                .step(format_args!("creating {f}"))
        };
        let queue = gst::ElementFactory::make("queue")
            .property_from_str("leaky", "downstream")
            .property("max-size-buffers", 2u32)
            .property("max-size-time", 0u64)
            .property("max-size-bytes", 0u32)
            .build()
            .step("creating the snapshot queue")?;
        let rate = gst::ElementFactory::make("videorate")
            .property("drop-only", true)
            .build()
            .step("creating videorate")?;
        let caps = gst::ElementFactory::make("capsfilter")
            .property(
                "caps",
                gst::Caps::builder("video/x-raw")
                    .field("framerate", gst::Fraction::new(1, interval.max(1) as i32))
                    .build(),
            )
            .build()
            .step("creating the snapshot rate")?;
        let jpeg = make("jpegenc")?;
        let files = gst::ElementFactory::make("multifilesink")
            .property("location", pattern.to_string_lossy().to_string())
            .property("async", false)
            .property("sync", false)
            .build()
            .step("creating multifilesink")?;
        let chain = [&queue, &rate, &caps, &jpeg, &files];
        bin.add_many(chain).step("adding the snapshot branch")?;
        gst::Element::link_many(chain).step("linking the snapshot branch")?;
        let poster = poster.to_path_buf();
        let weak = self.obj().downgrade();
        jpeg.static_pad("src")
            .step("the JPEG encoder's pad")?
            .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
                let Some(map) = info.buffer().and_then(|b| b.map_readable().ok()) else {
                    return gst::PadProbeReturn::Ok;
                };
                let tmp = poster.with_extension("jpg.part");
                let written = std::fs::write(&tmp, map.as_slice())
                    .and_then(|_| std::fs::rename(&tmp, &poster));
                if let (Err(e), Some(obj)) = (written, weak.upgrade()) {
                    gst::warning!(CAT, obj = obj, "poster {}: {e}", poster.display());
                }
                gst::PadProbeReturn::Ok
            });
        let target = queue.static_pad("sink").step("the snapshot queue's pad")?;
        let ghost = recording_input(&target, "snapshots")?;
        bin.add_pad(&ghost).step("adding the snapshot input pad")?;
        Ok(ghost)
    }

    /// Starts a new recording; returns its id, or None when it failed (the
    /// reason is posted as RECORDING_FAILED).
    pub(crate) fn start_recording(&self) -> Option<String> {
        let settings = self.settings.lock().unwrap().clone();
        let now = SystemTime::now();
        // Milliseconds, then a counter shared by every recorder in the
        // process, so two rooms starting in the same millisecond (one
        // directory, one catalog) still get different ids.
        let id = format!(
            "{}-{}",
            now.duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis()),
            NEXT_RECORDING.fetch_add(1, Ordering::Relaxed)
        );
        let location = settings.location_for(&id, now);
        let loc_str = location.to_string_lossy().to_string();
        self.set_state_string(RECORDING_STARTING, &id, &loc_str, None, None);
        let built = settings.decide().and_then(|decision| {
            let mut inputs = vec![(Kind::Audio, self.audio_tee.clone(), None)];
            if decision.video.is_some() {
                inputs.insert(0, (Kind::Video, self.video_tee.clone(), None));
            }
            self.build_recording(Plan {
                settings: settings.clone(),
                decision,
                id: id.clone(),
                location: location.clone(),
                started_at: now,
                tracks: inputs,
                requested_container: None,
                person: None,
            })
        });
        if let Err(reason) = built {
            self.set_state_string(RECORDING_FAILED, &id, &loc_str, None, Some(&reason));
            return None;
        }
        self.start_outputs(&id, &settings);
        // Encoded participants: a keyframe to start on (their own files
        // start on one; the composite's picture is theirs sooner).
        for p in self.state.lock().unwrap().participants.iter() {
            if let Some(stage) = &p.stage {
                stage.want_keyframe();
            }
        }
        if settings.isolated {
            let mut people: Vec<String> = Vec::new();
            for p in self.state.lock().unwrap().participants.iter() {
                let key = person_key(&p.pad);
                if p.tee.is_some() && !people.contains(&key) {
                    people.push(key);
                }
            }
            for key in people {
                self.start_isolated(&id, &key);
            }
        }
        Some(id)
    }

    /// Builds the recording `plan` describes and attaches it to the meeting;
    /// what a failure leaves half built is undone.
    pub(crate) fn build_recording(&self, plan: Plan) -> Result<(), String> {
        let id = plan.id.clone();
        let mut partial = PartialRecording::default();
        let built = self.try_build_recording(plan, &mut partial);
        if built.is_err() {
            partial.undo(self, &id);
        }
        built
    }

    fn try_build_recording(
        &self,
        plan: Plan,
        partial: &mut PartialRecording,
    ) -> Result<(), String> {
        let Plan {
            settings,
            decision,
            id,
            location,
            started_at,
            tracks,
            requested_container,
            person,
        } = plan;
        let (settings, id, location) = (&settings, id.as_str(), location.as_path());
        policy::Container::from(settings.container).check(&decision)?;
        // Fail now, with the OS's words, rather than inside the sink.
        if let Some(dir) = location.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::File::create(location)
            .map_err(|e| format!("cannot write {}: {e}", location.display()))?;
        partial.file = Some(location.to_path_buf());

        let make = |f: &str| {
            gst::ElementFactory::make(f)
                .build()
                .step(format_args!("creating {f}"))
        };
        let bin = gst::Bin::builder().name(format!("recording-{id}")).build();
        let mux = make(policy::Container::from(settings.container).muxer())?;
        // Crash safety: what is on disk stays playable if the process dies.
        // Matroska/WebM close a cluster at least every second (a cluster's
        // size is written when it closes); MP4 is fragmented, one fragment a
        // second (a plain MP4's index is only written at the end).
        match settings.container {
            Container::Webm | Container::Mkv => mux.set_property(
                "max-cluster-duration",
                gst::ClockTime::SECOND.nseconds() as i64,
            ),
            Container::Mp4 => mux.set_property("fragment-duration", 1000u32),
            Container::Ogg | Container::Wav => {}
        }
        let sink = gst::ElementFactory::make("filesink")
            .property("location", location.to_string_lossy().to_string())
            .property("async", false)
            .build()
            .step("creating filesink")?;
        // split-duration: the same muxer and file sink inside splitmuxsink,
        // which starts a new file at the first keyframe past each interval;
        // the first part is `location` itself, then <name>-part2.<ext>, …
        let parts: Arc<Mutex<Vec<String>>> = Arc::default();
        let (mux_for_pads, split) = if settings.split_duration > 0 {
            if matches!(settings.container, Container::Ogg | Container::Wav) {
                return Err(format!(
                    "split-duration needs container=webm, mkv or mp4 ({} is written as one file)",
                    enum_nick(settings.container)
                ));
            }
            let split = gst::ElementFactory::make("splitmuxsink")
                .property("muxer", &mux)
                .property("sink", &sink)
                .property(
                    "max-size-time",
                    settings.split_duration as u64 * gst::ClockTime::SECOND.nseconds(),
                )
                .property("send-keyframe-requests", true)
                .build()
                .step("creating splitmuxsink")?;
            let (location, parts) = (location.to_path_buf(), parts.clone());
            split.connect("format-location", false, move |args| {
                let n = args[1].get::<u32>().unwrap_or(0);
                let path = part_location(&location, n);
                let name = path
                    .file_name()
                    .map_or_else(String::new, |f| f.to_string_lossy().to_string());
                parts.lock().unwrap().push(name);
                Some(path.to_string_lossy().to_string().to_value())
            });
            bin.add(&split).step("adding splitmuxsink")?;
            (split.clone(), true)
        } else {
            bin.add_many([&mux, &sink])
                .step("adding the muxer and the file sink")?;
            mux.link(&sink).step("linking the muxer to the file sink")?;
            (mux.clone(), false)
        };
        let mux = mux_for_pads;

        let clock = Arc::new(Clock::default());
        // Limits: recorded time (checked where the timeline is rebased) and
        // bytes written (counted at the file); either stops the recording.
        let on_limit = {
            let weak = self.obj().downgrade();
            let id = id.to_string();
            move || {
                if let Some(obj) = weak.upgrade() {
                    obj.call_async(move |obj| obj.imp().limit_reached(&id));
                }
            }
        };
        *clock.on_limit.lock().unwrap() = Some(Box::new(on_limit));
        clock.limit.store(
            settings.max_duration.saturating_mul(1_000_000_000),
            Ordering::Relaxed,
        );
        if settings.max_size > 0 {
            let (clock, max) = (clock.clone(), settings.max_size);
            let written = std::sync::atomic::AtomicU64::new(0);
            sink.static_pad("sink")
                .step("the file sink's pad")?
                .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
                    let size = info.buffer().map_or(0, |b| b.size() as u64);
                    if written.fetch_add(size, Ordering::Relaxed) + size >= max {
                        clock.reached_limit();
                    }
                    gst::PadProbeReturn::Ok
                });
        }
        let mut inputs = Vec::new();
        let mut h264_tee = None;
        // Snapshots of the composite (not of a participant's own recording).
        if person.is_none()
            && let Some(pattern) = settings.snapshots_for(id, started_at)
            && let Some((_, video_tee, _)) = tracks.iter().find(|(k, _, _)| *k == Kind::Video)
        {
            let ghost = self.snapshot_branch(
                &bin,
                &pattern,
                &location.with_extension("jpg"),
                settings.snapshot_interval,
            )?;
            add_rebase_probe(&ghost, clock.clone());
            inputs.push((Kind::Video, video_tee.clone(), ghost.upcast::<gst::Pad>()));
        }
        let mut kept = Vec::new();
        for (kind, tee, codec) in tracks {
            let queue = input_queue(kind, codec.is_some(), person.is_some())?;
            // Kept as received (remuxed): only parsed, for the muxer's
            // framing and codec data. Else encoded as the policy says.
            let mut caps_seen = None;
            let encoder = match codec {
                Some(codec) => {
                    let seen = KeptCaps::default();
                    kept.push((kind, codec, seen.clone()));
                    caps_seen = Some(seen);
                    match codec.parser() {
                        Some(parser) => make(parser)?,
                        None => make("identity")?,
                    }
                }
                None => gst::ElementFactory::make("bitratepolicy")
                    .property("record", settings.record)
                    .property("quality", settings.quality)
                    .property("framerate", settings.framerate)
                    .property("orientation", settings.orientation)
                    .property("video-codec", settings.video_codec())
                    .property("audio-codec", settings.audio_codec)
                    .build()
                    .step("creating bitratepolicy")?,
            };
            bin.add_many([&queue, &encoder])
                .step(format_args!("adding the {kind:?} encoder"))?;
            queue
                .link(&encoder)
                .step(format_args!("linking the {kind:?} queue to its encoder"))?;
            // A composite's H.264 is what its streams send too (see `live`):
            // a tee after the encoder, so one encode feeds them all.
            let encoded = match (kind, &decision.video) {
                (Kind::Video, Some(v))
                    if person.is_none() && v.codec == policy::VideoCodec::H264 =>
                {
                    let tee = gst::ElementFactory::make("tee")
                        .property("allow-not-linked", true)
                        .build()
                        .step("creating the H.264 tee")?;
                    bin.add(&tee).step("adding the H.264 tee")?;
                    encoder.link(&tee).step("linking the H.264 tee")?;
                    h264_tee = Some(tee.clone());
                    tee.request_pad_simple("src_%u")
                        .step("the H.264 tee's file pad")?
                }
                _ => encoder.static_pad("src").unwrap(),
            };
            // The muxer pad by the track's kind (wavenc has one "sink").
            let template = match (kind, split) {
                (Kind::Video, true) => "video",
                (Kind::Video, false) => "video_%u",
                (Kind::Audio, _) => "audio_%u",
            };
            let mux_pad = mux
                .request_pad_simple(template)
                .or_else(|| mux.static_pad("sink"))
                .ok_or_else(|| {
                    format!("{} has no {template} pad", enum_nick(settings.container))
                })?;
            encoded
                .link(&mux_pad)
                .map_err(|e| format!("{kind:?} into {}: {e}", enum_nick(settings.container)))?;
            let queue_sink = queue.static_pad("sink").step("the queue's sink pad")?;
            let ghost = recording_input(
                &queue_sink,
                if kind == Kind::Video {
                    "video"
                } else {
                    "audio"
                },
            )?;
            if codec.is_some_and(Codec::is_video) {
                start_on_keyframe(&ghost);
            }
            if codec.is_none()
                && let Some((key, composite)) = &person
            {
                self.remake_when_encoded(&ghost, kind, id, key, composite);
            }
            // What the parser says (size and rate, which an RTP
            // depayloader may not know).
            if let Some(seen) = caps_seen {
                encoder.static_pad("src").unwrap().add_probe(
                    gst::PadProbeType::EVENT_DOWNSTREAM,
                    move |_, info| {
                        if let Some(gst::EventView::Caps(c)) = info.event().map(|e| e.view()) {
                            *seen.lock().unwrap() = Some(c.caps_owned());
                        }
                        gst::PadProbeReturn::Ok
                    },
                );
            }
            add_rebase_probe(&ghost, clock.clone());
            bin.add_pad(&ghost)
                .step(format_args!("adding the {kind:?} input pad"))?;
            inputs.push((kind, tee, ghost.upcast::<gst::Pad>()));
        }

        // RECORDING_STARTED once data reaches the file.
        {
            let weak = self.obj().downgrade();
            let (id, loc) = (id.to_string(), location.to_string_lossy().to_string());
            let key = person.as_ref().map(|(k, _)| k.clone());
            let clock = clock.clone();
            sink.static_pad("sink")
                .unwrap()
                .add_probe(gst::PadProbeType::BUFFER, move |_, _| {
                    if !clock.started.swap(true, Ordering::SeqCst)
                        && let Some(obj) = weak.upgrade()
                    {
                        obj.imp().set_state_string(
                            RECORDING_STARTED,
                            &id,
                            &loc,
                            key.as_deref(),
                            None,
                        );
                    }
                    gst::PadProbeReturn::Remove
                });
        }

        let obj = self.obj();
        obj.add(&bin).step("adding the recording to the meeting")?;
        partial.bin = Some(bin.clone());
        bin.sync_state_with_parent()
            .step("starting the recording's elements")?;
        for (kind, tee, ghost) in inputs {
            let src = tee
                .request_pad_simple("src_%u")
                .step(format_args!("requesting a {kind:?} tee pad"))?;
            let link = Link {
                kind,
                tee,
                src,
                ghost,
            };
            partial.links.push(link.clone());
            link.src.link(&link.ghost).step(format_args!(
                "linking the meeting's {kind:?} into the recording"
            ))?;
            // A stream that already ended before its own file was attached
            // (a short file played faster than this was built) ends it too.
            if link
                .tee
                .static_pad("sink")
                .and_then(|p| p.sticky_event::<gst::event::Eos>(0))
                .is_some()
            {
                link.ghost.send_event(gst::event::Eos::new());
            }
        }
        let links = partial.links.clone();
        let mut state = self.state.lock().unwrap();
        let participants = state
            .participants
            .iter()
            .filter(|p| {
                person
                    .as_ref()
                    .is_none_or(|(key, _)| person_key(&p.pad) == *key)
            })
            .filter(|p| {
                p.kind == Kind::Video
                    || !state
                        .participants
                        .iter()
                        .any(|v| v.kind == Kind::Video && same_person(v, p))
            })
            .map(|p| (p.pad.clone(), participant_entry(&p.pad, 0, &clock)))
            .collect();
        let (person, composite) = person.unzip();
        let composite_clock = composite.as_ref().and_then(|c| {
            state
                .recordings
                .iter()
                .find(|r| &r.id == c)
                .map(|r| r.clock.clone())
        });
        let live = Arc::new(Ordered::default_at(crate::meetingrecorder::locks::LIVE));
        let is_composite = person.is_none();
        // A participant's own recording made while its composite is paused
        // starts paused too.
        let mut pauses = Vec::new();
        if let Some(c) = composite
            .as_ref()
            .and_then(|c| state.recordings.iter().find(|r| &r.id == c))
            && let Some(open) = c
                .clock
                .cuts
                .lock()
                .unwrap()
                .last()
                .filter(|c| c.to.is_none())
        {
            clock.cuts.lock().unwrap().push(*open);
            pauses.push((SystemTime::now(), None));
        }
        state.recordings.push(Recording {
            id: id.to_string(),
            location: location.to_path_buf(),
            settings: settings.clone(),
            person,
            composite,
            isolated_made: Vec::new(),
            isolated_building: Vec::new(),
            isolated_waiting: Vec::new(),
            decision,
            bin,
            links,
            started_at,
            clock,
            stopping: false,
            participants,
            pauses,
            aborting: false,
            stop_reason: None,
            parts,
            live: live.clone(),
            h264_tee,
            kept,
            requested_container,
            composite_clock,
        });
        if is_composite {
            state.lives.push((id.to_string(), live));
        }
        partial.in_state = true;
        // In-progress metadata: after a crash, recovery finds it. Made from a
        // copy, without `state` held (it reads the compositor, the file
        // system and the participants' pads).
        let rec = state.recordings.last().cloned().expect("pushed");
        drop(state);
        let meta = self.metadata_of(&rec, metadata::Status::Recording, None);
        meta.write().map_err(|e| {
            format!(
                "cannot write {}: {e}",
                metadata::path_for(location).display()
            )
        })?;
        Ok(())
    }

    /// A participant's own file made to encode a stream (its sender said
    /// nothing precise before it flowed: ANY) that turns out encoded: the
    /// caps and what follows stop at the file's input (the participant's
    /// tee goes on), that file fails with the reason (RECORDING_FAILED) and
    /// a new one is made, keeping the stream as received.
    fn remake_when_encoded(
        &self,
        ghost: &gst::GhostPad,
        kind: Kind,
        id: &str,
        key: &str,
        composite: &str,
    ) {
        let weak = self.obj().downgrade();
        let (id, key, composite) = (id.to_string(), key.to_string(), composite.to_string());
        let refused = AtomicBool::new(false);
        // Encoded caps are not this file's to refuse: the participant may
        // send them (this file is then made again).
        crate::meetingrecorder::participants::decode::answer_encoded_queries(
            ghost.upcast_ref(),
            kind,
        );
        ghost.add_probe(
            gst::PadProbeType::EVENT_DOWNSTREAM | gst::PadProbeType::BUFFER,
            move |_, info| {
                if !refused.load(Ordering::SeqCst) {
                    let Some(gst::EventView::Caps(c)) = info.event().map(|e| e.view()) else {
                        return gst::PadProbeReturn::Ok;
                    };
                    if crate::meetingrecorder::participants::decode::decodable(c.caps()).is_none() {
                        return gst::PadProbeReturn::Ok;
                    }
                    refused.store(true, Ordering::SeqCst);
                    if let Some(obj) = weak.upgrade() {
                        let (id, key, composite) = (id.clone(), key.clone(), composite.clone());
                        obj.call_async(move |obj| {
                            // Nothing of that stream reached it (its mux
                            // could not even finish on it): it fails,
                            // saying why, and the new one replaces it.
                            let imp = obj.imp();
                            imp.fail_recording(
                                &id,
                                "the participant's stream turned out encoded; \
                                 their own file is made again, kept as received",
                            );
                            imp.start_isolated(&composite, &key);
                        });
                    }
                }
                if matches!(info.event().map(|e| e.type_()), Some(gst::EventType::Eos)) {
                    return gst::PadProbeReturn::Ok; // lets the file finish
                }
                drop(info.take_buffer());
                drop(info.take_event());
                gst::PadProbeReturn::Handled
            },
        );
    }
}
