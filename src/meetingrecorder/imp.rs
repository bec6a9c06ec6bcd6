// SPDX-License-Identifier: MPL-2.0
//! `meetingrecorder`'s GObject subclass: properties, signals, pads, state
//! changes and bus messages, each handed to the part that owns it (see the
//! layout in `mod.rs`). The element's struct and state are in `state.rs`.
//!
//! None of the element's locks (the table in `mod.rs`) is held while changing
//! element states, linking, posting messages, emitting signals or reading
//! another element's properties; metadata is built from a copy of the
//! recording after `state` is released. Work that touches the disk (a late
//! joiner's own recording, finalizing a recording) runs on the element's
//! async thread pool, not in the streaming thread that triggered it.
//!
//! The meeting part (compositor, mixer, their tees) runs for the whole life of
//! the bin; each recording is a child bin attached to the tees and detached
//! again on stop, so recordings start and stop without disturbing the meeting.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, LazyLock};

use gst::glib;

use crate::util::ordered::Ordered;
use gst::prelude::*;
use gst::subclass::prelude::*;

use super::MeetingRecorderPad;
use super::state::*;
use super::{mix::*, recording::timeline::*, settings::*};
use crate::meetingrecorder::CAT;
use crate::meetingrecorder::branch::Kind;
use crate::policy;

#[glib::object_subclass]
impl ObjectSubclass for MeetingRecorder {
    const NAME: &'static str = "GstMeetingRecorder";
    type Type = super::MeetingRecorder;
    type ParentType = gst::Bin;
    type Interfaces = (gst::ChildProxy,);

    fn new() -> Self {
        let make = |f: &str| {
            gst::ElementFactory::make(f)
                .build()
                .unwrap_or_else(|_| panic!("{f} is part of GStreamer's base plugins"))
        };
        let tee = || {
            gst::ElementFactory::make("tee")
                .property("allow-not-linked", true)
                .build()
                .unwrap()
        };
        MeetingRecorder {
            settings: Ordered::default_at(super::locks::SETTINGS),
            state: Ordered::default_at(super::locks::STATE),
            timers: Ordered::default_at(super::locks::TIMERS),
            own_files: Default::default(),
            compositor: gst::ElementFactory::make("layoutcompositor")
                .name("compositor")
                .build()
                .expect("registered by this plugin"),
            video_caps: make("capsfilter"),
            video_tee: tee(),
            mixer: gst::ElementFactory::make("audiomixer")
                .name("mixer")
                .build()
                .unwrap(),
            mix_caps: gst::ElementFactory::make("capsfilter")
                .name("mix-caps")
                .property("caps", mix_format(Some(1)))
                .build()
                .unwrap(),
            audio_tee: tee(),
            silence: gst::ElementFactory::make("audiotestsrc")
                .property_from_str("wave", "silence")
                // 100 ms a buffer: the mixer holds one buffer per input, so
                // each is a wake-up of this thread and the mixer's (20 ms
                // buffers were 12k of an audio-only minute's 18k context
                // switches; stock has 6k). Marked GAP, never mixed.
                .property("samplesperbuffer", 4800i32)
                .build()
                .unwrap(),
            silence_ended: Arc::default(),
            silence_pace: gst::ElementFactory::make("clocksync")
                .property("sync", false)
                .build()
                .expect("clocksync is in GStreamer's core elements"),
            meeting_end: gst::ElementFactory::make("fakesink")
                .name("meeting-end")
                .property("async", false)
                .property("sync", false)
                .build()
                .unwrap(),
        }
    }
}

impl ObjectImpl for MeetingRecorder {
    fn constructed(&self) {
        self.parent_constructed();
        // The installed decoders are looked up once, here, not in a
        // participant's first caps query on their streaming thread.
        super::participants::decode::decodable_caps(Kind::Video);
        let obj = self.obj();
        obj.add_many([
            &self.compositor,
            &self.video_caps,
            &self.video_tee,
            &self.silence,
            &self.silence_pace,
            &self.mixer,
            &self.mix_caps,
            &self.audio_tee,
            &self.meeting_end,
        ])
        .unwrap();
        gst::Element::link_many([&self.compositor, &self.video_caps, &self.video_tee]).unwrap();
        // Silence keeps the mix going (and the audio track present) when nobody
        // with audio is in the meeting yet.
        // The silence is in the mix's format, as every participant is (see
        // `reset_mix_converters`).
        self.silence
            .link_filtered(&self.silence_pace, &mix_format(Some(1)))
            .unwrap();
        gst::Element::link_many([
            &self.silence_pace,
            &self.mixer,
            &self.mix_caps,
            &self.audio_tee,
        ])
        .unwrap();
        // The silence ends in its own thread once every audio participant
        // has (see `check_meeting_end`): the buffer after that is an EOS.
        let ended = self.silence_ended.clone();
        let eos_sent = AtomicBool::new(false);
        self.silence.static_pad("src").unwrap().add_probe(
            gst::PadProbeType::BUFFER,
            move |pad, info| {
                if !ended.load(Ordering::SeqCst) {
                    // (A meeting played again starts a new silence.)
                    eos_sent.store(false, Ordering::Relaxed);
                    return gst::PadProbeReturn::Ok;
                }
                if !eos_sent.swap(true, Ordering::SeqCst) {
                    pad.push_event(gst::event::Eos::new());
                }
                drop_buffer(info)
            },
        );
        let weak = obj.downgrade();
        self.mixer.static_pad("src").unwrap().add_probe(
            gst::PadProbeType::EVENT_DOWNSTREAM,
            move |_, info| {
                if let Some(gst::EventView::Caps(_)) = info.event().map(|e| e.view())
                    && let Some(obj) = weak.upgrade()
                {
                    obj.imp().reset_mix_converters();
                }
                gst::PadProbeReturn::Ok
            },
        );
        self.update_video_caps();

        // Track the meeting's running time for join/leave times.
        let now = self.state.lock().unwrap().now.clone();
        for tee in [&self.video_tee, &self.audio_tee] {
            let now = now.clone();
            tee.static_pad("sink").unwrap().add_probe(
                gst::PadProbeType::BUFFER,
                move |pad, info| {
                    if let Some(rt) = info
                        .buffer()
                        .and_then(|b| b.pts())
                        .and_then(|pts| running_time(pad, pts))
                    {
                        now.fetch_max(rt.nseconds(), Ordering::Relaxed);
                    }
                    gst::PadProbeReturn::Ok
                },
            );
        }
    }

    fn properties() -> &'static [glib::ParamSpec] {
        Self::property_specs()
    }

    fn signals() -> &'static [glib::subclass::Signal] {
        static SIGNALS: LazyLock<Vec<glib::subclass::Signal>> = LazyLock::new(|| {
            vec![
                glib::subclass::Signal::builder("start")
                    .action()
                    .return_type::<Option<String>>()
                    .class_handler(|args| {
                        let obj = args[0].get::<super::MeetingRecorder>().unwrap();
                        Some(obj.imp().start_recording().to_value())
                    })
                    .build(),
                glib::subclass::Signal::builder("stop")
                    .action()
                    .class_handler(|args| {
                        let obj = args[0].get::<super::MeetingRecorder>().unwrap();
                        obj.imp().stop_recordings();
                        None
                    })
                    .build(),
                // Pause and resume every running recording (the composite and
                // the participants' own): one file each, the paused time cut out.
                glib::subclass::Signal::builder("pause")
                    .action()
                    .return_type::<bool>()
                    .class_handler(|args| {
                        let obj = args[0].get::<super::MeetingRecorder>().unwrap();
                        Some(obj.imp().pause().to_value())
                    })
                    .build(),
                glib::subclass::Signal::builder("resume")
                    .action()
                    .return_type::<bool>()
                    .class_handler(|args| {
                        let obj = args[0].get::<super::MeetingRecorder>().unwrap();
                        Some(obj.imp().resume().to_value())
                    })
                    .build(),
                // Stop every running recording and delete its file and metadata.
                glib::subclass::Signal::builder("abort")
                    .action()
                    .return_type::<bool>()
                    .class_handler(|args| {
                        let obj = args[0].get::<super::MeetingRecorder>().unwrap();
                        Some(obj.imp().abort().to_value())
                    })
                    .build(),
                glib::subclass::Signal::builder("upload")
                    .action()
                    .param_types([String::static_type()])
                    .return_type::<bool>()
                    .class_handler(|args| {
                        let obj = args[0].get::<super::MeetingRecorder>().unwrap();
                        let what = args[1].get::<String>().unwrap_or_default();
                        Some(obj.imp().upload_action(&what).to_value())
                    })
                    .build(),
                // Live outputs of the running composite recordings: a stream
                // URI (rtmp://, rtmps://, srt://) or an HLS playlist path
                // (*.m3u8). Whether every running recording took it.
                glib::subclass::Signal::builder("start-stream")
                    .action()
                    .param_types([String::static_type()])
                    .return_type::<bool>()
                    .class_handler(|args| {
                        let obj = args[0].get::<super::MeetingRecorder>().unwrap();
                        let what = args[1].get::<String>().unwrap_or_default();
                        Some(obj.imp().start_stream(&what).to_value())
                    })
                    .build(),
                // Ends the outputs the URI (as given or as shown) or path
                // names. Whether there was one.
                glib::subclass::Signal::builder("stop-stream")
                    .action()
                    .param_types([String::static_type()])
                    .return_type::<bool>()
                    .class_handler(|args| {
                        let obj = args[0].get::<super::MeetingRecorder>().unwrap();
                        let what = args[1].get::<String>().unwrap_or_default();
                        Some(obj.imp().stop_stream(&what).to_value())
                    })
                    .build(),
                // status, recording-id, output (file/stream/hls), target
                glib::subclass::Signal::builder("output-state-changed")
                    .param_types([
                        String::static_type(),
                        String::static_type(),
                        String::static_type(),
                        String::static_type(),
                    ])
                    .build(),
                glib::subclass::Signal::builder("recording-state-changed")
                    .param_types([
                        String::static_type(),
                        String::static_type(),
                        String::static_type(),
                    ])
                    .build(),
            ]
        });
        SIGNALS.as_ref()
    }

    fn set_property(&self, _id: usize, value: &glib::Value, pspec: &glib::ParamSpec) {
        let mut s = self.settings.lock().unwrap();
        match pspec.name() {
            "mode" => s.mode = value.get().expect("type checked upstream"),
            "record" => s.record = value.get().expect("type checked upstream"),
            "quality" => s.quality = value.get().expect("type checked upstream"),
            "framerate" => s.framerate = value.get().expect("type checked upstream"),
            "video-codec" => s.video_codec = Some(value.get().expect("type checked upstream")),
            "audio-codec" => s.audio_codec = value.get().expect("type checked upstream"),
            "container" => s.container = value.get().expect("type checked upstream"),
            "location" => {
                s.location = value
                    .get::<Option<String>>()
                    .expect("type checked upstream")
                    .unwrap_or_else(|| Settings::default().location)
            }
            "room" => {
                s.room = value
                    .get::<Option<String>>()
                    .expect("type checked upstream")
                    .unwrap_or_else(|| Settings::default().room)
            }
            "autostart" => s.autostart = value.get().expect("type checked upstream"),
            "stop-on-empty" => s.stop_on_empty = value.get().expect("type checked upstream"),
            "isolated" => s.isolated = value.get().expect("type checked upstream"),
            "webhook-url" => s.webhook_url = value.get().expect("type checked upstream"),
            "webhook-secret" => s.webhook_secret = value.get().expect("type checked upstream"),
            "webhook-format" => s.webhook_format = value.get().expect("type checked upstream"),
            "upload-uri" => s.upload_uri = value.get().expect("type checked upstream"),
            "upload-options" => s.upload_options = value.get().expect("type checked upstream"),
            "keep-local" => s.keep_local = value.get().expect("type checked upstream"),
            "upload-endpoint" => s.upload_endpoint = value.get().expect("type checked upstream"),
            "max-duration" => s.max_duration = value.get().expect("type checked upstream"),
            "max-size" => s.max_size = value.get().expect("type checked upstream"),
            "snapshot-location" => {
                s.snapshot_location = value.get().expect("type checked upstream")
            }
            "snapshot-interval" => {
                s.snapshot_interval = value.get().expect("type checked upstream")
            }
            "split-duration" => s.split_duration = value.get().expect("type checked upstream"),
            "stream-uri" => s.stream_uri = value.get().expect("type checked upstream"),
            "hls-location" => s.hls_location = value.get().expect("type checked upstream"),
            "hls-segment-duration" => {
                s.hls_segment_duration = value.get().expect("type checked upstream")
            }
            "hls-playlist-length" => {
                s.hls_playlist_length = value.get().expect("type checked upstream")
            }
            name => {
                if name == "orientation" {
                    s.orientation = value.get().expect("type checked upstream");
                }
                drop(s);
                self.compositor.set_property_from_value(name, value);
                if name == "orientation" {
                    self.update_video_caps();
                }
                return;
            }
        }
        let quality_changed = matches!(pspec.name(), "quality" | "framerate");
        drop(s);
        if quality_changed {
            self.update_video_caps();
        }
    }

    fn property(&self, _id: usize, pspec: &glib::ParamSpec) -> glib::Value {
        // The compositor's and the state's are read without `settings` held.
        match pspec.name() {
            "recording-state" => return self.state.lock().unwrap().recording_state.to_value(),
            "recorded-ms" => {
                let state = self.state.lock().unwrap();
                let composite = state.recordings.iter().find(|r| r.person.is_none());
                let ns = composite.map_or(0, |r| r.clock.end.load(Ordering::SeqCst));
                return (ns / 1_000_000).to_value();
            }
            name if self.compositor.find_property(name).is_some() => {
                return self.compositor.property_value(name);
            }
            _ => {}
        }
        let s = self.settings.lock().unwrap();
        match pspec.name() {
            "mode" => s.mode.to_value(),
            "record" => s.record.to_value(),
            "quality" => s.quality.to_value(),
            "framerate" => s.framerate.to_value(),
            "video-codec" => s.video_codec().to_value(),
            "audio-codec" => s.audio_codec.to_value(),
            "container" => s.container.to_value(),
            "location" => s.location.to_value(),
            "room" => s.room.to_value(),
            "autostart" => s.autostart.to_value(),
            "stop-on-empty" => s.stop_on_empty.to_value(),
            "isolated" => s.isolated.to_value(),
            "webhook-url" => s.webhook_url.to_value(),
            "webhook-format" => s.webhook_format.to_value(),
            "upload-uri" => s.upload_uri.to_value(),
            "upload-options" => s.upload_options.to_value(),
            "keep-local" => s.keep_local.to_value(),
            "upload-endpoint" => s.upload_endpoint.to_value(),
            "max-duration" => s.max_duration.to_value(),
            "max-size" => s.max_size.to_value(),
            "snapshot-location" => s.snapshot_location.to_value(),
            "snapshot-interval" => s.snapshot_interval.to_value(),
            "split-duration" => s.split_duration.to_value(),
            "stream-uri" => s.stream_uri.to_value(),
            "hls-location" => s.hls_location.to_value(),
            "hls-segment-duration" => s.hls_segment_duration.to_value(),
            "hls-playlist-length" => s.hls_playlist_length.to_value(),
            "inbound-audio-bitrate" => s.decide().map_or(0, |d| d.inbound_audio_kbps).to_value(),
            name => unreachable!("property {name} is declared above"),
        }
    }
}

impl GstObjectImpl for MeetingRecorder {}

// Participant pads are children too, so gst-launch can set
// `video_0::participant-id=ada` (GstBin's own proxy only knows elements).
impl ChildProxyImpl for MeetingRecorder {
    fn child_by_name(&self, name: &str) -> Option<glib::Object> {
        match self.obj().static_pad(name) {
            Some(pad) => Some(pad.upcast()),
            None => self.parent_child_by_name(name),
        }
    }

    fn child_by_index(&self, index: u32) -> Option<glib::Object> {
        self.parent_child_by_index(index)
    }

    fn children_count(&self) -> u32 {
        self.parent_children_count()
    }
}

impl ElementImpl for MeetingRecorder {
    fn metadata() -> Option<&'static gst::subclass::ElementMetadata> {
        static METADATA: LazyLock<gst::subclass::ElementMetadata> = LazyLock::new(|| {
            gst::subclass::ElementMetadata::new(
                "Meeting recorder",
                "Sink/Muxer/Audio/Video/Bin",
                "Records a meeting: composes the participants' video, mixes their audio, \
                 encodes by the recording policy and writes files with metadata; starts and \
                 stops while the meeting runs",
                "meetrec developers",
            )
        });
        Some(&*METADATA)
    }

    fn pad_templates() -> &'static [gst::PadTemplate] {
        static TEMPLATES: LazyLock<Vec<gst::PadTemplate>> = LazyLock::new(|| {
            // Raw, or encoded as media servers hold participants (decoded
            // while shown, kept as received in their own files; see
            // `decode`). Which encoded caps are taken depends on the
            // decoders installed: the pads answer caps queries with those.
            let mut video = gst::Caps::new_empty_simple("video/x-raw");
            let mut audio = gst::Caps::new_empty_simple("audio/x-raw");
            for codec in crate::ingest::Codec::ALL {
                let caps = gst::Caps::new_empty_simple(codec.media_type());
                if codec.is_video() {
                    video.merge(caps);
                } else {
                    audio.merge(caps);
                }
            }
            vec![
                gst::PadTemplate::with_gtype(
                    "video_%u",
                    gst::PadDirection::Sink,
                    gst::PadPresence::Request,
                    &video,
                    MeetingRecorderPad::static_type(),
                )
                .unwrap(),
                gst::PadTemplate::with_gtype(
                    "audio_%u",
                    gst::PadDirection::Sink,
                    gst::PadPresence::Request,
                    &audio,
                    MeetingRecorderPad::static_type(),
                )
                .unwrap(),
            ]
        });
        TEMPLATES.as_ref()
    }

    fn request_new_pad(
        &self,
        templ: &gst::PadTemplate,
        name: Option<&str>,
        _caps: Option<&gst::Caps>,
    ) -> Option<gst::Pad> {
        let kind = if templ.name_template().starts_with("video") {
            Kind::Video
        } else {
            Kind::Audio
        };
        match self.add_participant(templ, kind, name) {
            Ok(pad) => Some(pad.upcast()),
            Err(e) => {
                gst::element_imp_error!(
                    self,
                    gst::CoreError::Pad,
                    ("Could not add participant: {e}")
                );
                None
            }
        }
    }

    fn release_pad(&self, pad: &gst::Pad) {
        self.remove_participant(pad);
    }

    fn change_state(
        &self,
        transition: gst::StateChange,
    ) -> Result<gst::StateChangeSuccess, gst::StateChangeError> {
        if transition == gst::StateChange::ReadyToPaused {
            self.silence_pace.set_property("sync", false);
            self.state.lock().unwrap().meeting_ended = false;
            self.silence_ended.store(false, Ordering::SeqCst);
            let autostart = self.settings.lock().unwrap().autostart;
            if autostart && self.start_recording().is_none() {
                // The bin was to record from the start and cannot: like a
                // sink that cannot open its file, it does not start (the
                // ERROR posted with RECORDING_FAILED says why).
                return Err(gst::StateChangeError);
            }
        }
        let ret = self.parent_change_state(transition)?;
        if transition == gst::StateChange::ReadyToNull {
            // Deliveries finish (bounded) before the element is done with.
            let (webhook, uploader) = {
                let mut state = self.state.lock().unwrap();
                (state.webhook.take(), state.uploader.take())
            };
            if let Some(u) = uploader
                && !u.finish(DRAIN_UPLOADS)
            {
                gst::warning!(
                    CAT,
                    imp = self,
                    "uploads still running after {DRAIN_UPLOADS:?}"
                );
            }
            if let Some(w) = webhook
                && !w.finish(DRAIN_WEBHOOKS)
            {
                gst::warning!(
                    CAT,
                    imp = self,
                    "webhooks still queued after {DRAIN_WEBHOOKS:?}"
                );
            }
        }
        if transition == gst::StateChange::PausedToReady {
            self.cancel_timers();
            // Whatever is still recording ends with the meeting.
            let recs = std::mem::take(&mut self.state.lock().unwrap().recordings);
            for rec in recs {
                let _ = rec.bin.set_state(gst::State::Null);
                let _ = self.obj().remove(&rec.bin);
                if !rec.stopping && rec.clock.started.load(Ordering::SeqCst) {
                    self.finalize(rec, None);
                }
            }
        }
        Ok(ret)
    }
}

impl BinImpl for MeetingRecorder {
    fn handle_message(&self, msg: gst::Message) {
        // A live output's error or end is its own, never its recording's
        // nor the meeting's. (Its EOS still goes on: the meeting's own EOS
        // waits for every sink.)
        if let Some(scope) = super::live::live_scope(self.obj().upcast_ref(), &msg) {
            self.on_live_message(scope, &msg);
            if !matches!(msg.view(), gst::MessageView::Error(_)) {
                self.parent_handle_message(msg);
            }
            return;
        }
        // A participant's decoder's trouble is theirs (see `decode`).
        if matches!(
            msg.view(),
            gst::MessageView::Error(_) | gst::MessageView::Warning(_)
        ) && let Some(pad) =
            super::participants::decode::decoder_scope(self.obj().upcast_ref(), &msg)
        {
            self.on_decoder_message(&pad, &msg);
            return;
        }
        match msg.view() {
            gst::MessageView::Element(e) if e.structure().is_some_and(|s| s.name() == "level") => {
                self.on_level(&msg);
                return;
            }
            // A recording's end and failure are handled off the streaming
            // thread that posted them: finalizing writes and syncs the
            // metadata to disk. The EOS goes on to the parent (when it is the
            // meeting's, not a stop's) only once the recording is finalized,
            // so whoever waits for EOS finds the files complete.
            gst::MessageView::Eos(_) => {
                if let Some(id) = self.recording_of(&msg) {
                    self.obj().call_async(move |obj| {
                        let imp = obj.imp();
                        if imp.on_recording_eos(&id) {
                            imp.parent_handle_message(msg);
                        }
                    });
                    return;
                }
            }
            gst::MessageView::Error(err) => {
                if let Some(id) = self.recording_of(&msg) {
                    let reason = match err.debug() {
                        Some(d) => format!("{} ({d})", err.error()),
                        None => err.error().to_string(),
                    };
                    self.obj()
                        .call_async(move |obj| obj.imp().fail_recording(&id, &reason));
                    return; // the meeting goes on
                }
                if self.in_retired_recording(&msg) {
                    // Its elements keep erring while it is torn down (a muxer
                    // finishing into a full disk): it failed once, that's said.
                    gst::debug!(CAT, imp = self, "after failing: {}", err.error());
                    return;
                }
            }
            _ => {}
        }
        self.parent_handle_message(msg)
    }
}

impl MeetingRecorder {
    fn update_video_caps(&self) {
        let s = self.settings.lock().unwrap().clone();
        let preset = policy::Quality::from(s.quality).preset(s.orientation.into());
        let fps = if s.framerate > 0 {
            s.framerate
        } else {
            preset.fps
        };
        self.video_caps.set_property(
            "caps",
            gst::Caps::builder("video/x-raw")
                .field("width", preset.width as i32)
                .field("height", preset.height as i32)
                .field("framerate", gst::Fraction::new(fps as i32, 1))
                .build(),
        );
    }
}
