// SPDX-License-Identifier: MPL-2.0
//! `meetingrecorder` implementation.
//!
//! Lock order: `settings` → `state`. Neither is held while changing element
//! states, linking, posting messages or emitting signals.
//!
//! The meeting part (compositor, mixer, their tees) runs for the whole life of
//! the bin; each recording is a child bin attached to the tees and detached
//! again on stop, so recordings start and stop without disturbing the meeting.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::SystemTime;

use gst::glib;
use gst::prelude::*;
use gst::subclass::prelude::*;

use super::{
    Container, MeetingRecorderPad, Mode, RECORDING_FAILED, RECORDING_STARTED, RECORDING_STARTING,
    RECORDING_STOPPED, RECORDING_STOPPING, RECORDING_UPLOAD_FAILED, RECORDING_UPLOADED,
};
use crate::bitratepolicy::{AudioCodec, Quality, RECORD_UNSET, VideoCodec};
use crate::delivery::{self, webhook};
use crate::layoutcompositor::{Layout, Orientation, Priority, Theme};
use crate::{metadata, policy};

static CAT: LazyLock<gst::DebugCategory> = LazyLock::new(|| {
    gst::DebugCategory::new(
        "meetingrecorder",
        gst::DebugColorFlags::empty(),
        Some("Meeting recorder bin"),
    )
});

const DEFAULT_LOCATION: &str = "recordings/{room}/{id}.{ext}";
const LEVEL_INTERVAL: gst::ClockTime = gst::ClockTime::from_mseconds(100);
/// How long going to NULL waits for queued webhooks and uploads.
const DRAIN_WEBHOOKS: std::time::Duration = std::time::Duration::from_secs(5);
const DRAIN_UPLOADS: std::time::Duration = std::time::Duration::from_secs(60);

#[derive(Debug, Clone)]
struct Settings {
    mode: Mode,
    record: i64,
    quality: Quality,
    orientation: Orientation,
    video_codec: VideoCodec,
    audio_codec: AudioCodec,
    container: Container,
    location: String,
    room: String,
    autostart: bool,
    stop_on_empty: bool,
    isolated: bool,
    webhook_url: Option<String>,
    webhook_secret: Option<String>,
    upload_uri: Option<String>,
    upload_options: Option<gst::Structure>,
    upload_endpoint: Option<String>,
    keep_local: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mode: Mode::VideoAndAudio,
            record: RECORD_UNSET,
            quality: Quality::Med,
            orientation: Orientation::Landscape,
            video_codec: VideoCodec::Vp8,
            audio_codec: AudioCodec::Opus,
            container: Container::Webm,
            location: DEFAULT_LOCATION.into(),
            room: "meeting".into(),
            autostart: true,
            stop_on_empty: true,
            isolated: false,
            webhook_url: None,
            webhook_secret: None,
            upload_uri: None,
            upload_options: None,
            upload_endpoint: None,
            keep_local: true,
        }
    }
}

fn enum_nick<T: glib::value::ToValue + StaticType>(v: T) -> String {
    let value = v.to_value();
    glib::EnumValue::from_value(&value)
        .map(|(_, e)| e.nick().to_string())
        .unwrap_or_default()
}

impl Settings {
    /// `upload-options` as `object_store` configuration pairs.
    fn upload_options(&self) -> Vec<(String, String)> {
        let endpoint = self
            .upload_endpoint
            .iter()
            .filter(|e| !e.is_empty())
            .flat_map(|e| {
                [
                    ("aws_endpoint".to_string(), e.clone()),
                    (
                        "aws_allow_http".into(),
                        e.starts_with("http://").to_string(),
                    ),
                ]
            });
        endpoint
            .chain(
                self.upload_options
                    .iter()
                    .flat_map(|s| s.iter())
                    .map(|(k, v)| {
                        let v = v
                            .transform::<String>()
                            .ok()
                            .and_then(|v| v.get::<String>().ok())
                            .unwrap_or_default();
                        (k.to_string(), v)
                    }),
            )
            .collect()
    }

    fn decide(&self) -> Result<policy::Decision, String> {
        policy::decide(&policy::Request {
            record: (self.record != RECORD_UNSET).then_some(self.record),
            quality: self.quality.into(),
            mode: match self.mode {
                Mode::VideoAndAudio => policy::Mode::VideoAndAudio,
                Mode::Audio => policy::Mode::Audio,
            },
            orientation: self.orientation.into(),
            video_codec: self.video_codec.into(),
            audio_codec: self.audio_codec.into(),
            keyframe_interval_ms: policy::DEFAULT_KEYFRAME_INTERVAL_MS,
            installed: &crate::bitratepolicy::INSTALLED,
        })
        .map_err(|e| e.to_string())
    }

    /// The file for recording `id`: the template with {id}, {room}, {date},
    /// {time} and {ext} filled in.
    fn location_for(&self, id: &str, now: SystemTime) -> PathBuf {
        let stamp = metadata::rfc3339(now);
        let (date, time) = stamp.split_once('T').unwrap_or((&stamp, ""));
        let time: String = time.chars().take(8).filter(|c| *c != ':').collect();
        let ext = policy::Container::from(self.container).extension();
        PathBuf::from(
            self.location
                .replace("{id}", id)
                .replace("{room}", &file_safe(&self.room))
                .replace("{date}", date)
                .replace("{time}", &time)
                .replace("{ext}", ext),
        )
    }
}

/// Numbers recording ids (see `start_recording`).
static NEXT_RECORDING: AtomicU64 = AtomicU64::new(1);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Video,
    Audio,
}

struct Participant {
    pad: MeetingRecorderPad,
    kind: Kind,
    /// Internal elements, in link order.
    elements: Vec<gst::Element>,
    /// The compositor or mixer pad it feeds.
    sink: Option<gst::Pad>,
    level: Option<gst::Element>,
    /// The end of the chain, where recordings of this participant alone
    /// (isolated) attach; None for video in audio mode.
    tee: Option<gst::Element>,
    eos: Arc<AtomicBool>,
}

/// Shared between a recording's streaming-thread probes and the element.
#[derive(Default)]
struct Clock {
    /// Running time (in the meeting) that is 0 in the recording.
    origin: Mutex<Option<gst::ClockTime>>,
    /// End of the latest data written, recording time, ns.
    end: AtomicU64,
    started: AtomicBool,
}

/// A recording's input: a tee's src pad linked to the recording bin's ghost sink.
#[derive(Clone)]
struct Link {
    kind: Kind,
    tee: gst::Element,
    src: gst::Pad,
    ghost: gst::Pad,
}

struct Recording {
    id: String,
    location: PathBuf,
    /// What it was started with (isolated recordings follow their composite's).
    settings: Settings,
    /// For a participant's own (isolated) recording: whose, and the composite
    /// it belongs to.
    person: Option<String>,
    composite: Option<String>,
    /// Composite only: whose isolated recordings were made, one entry each.
    isolated_made: Vec<String>,
    /// Composite only: whose isolated recordings are being set up right now
    /// (their streams' first data may come from several threads at once).
    isolated_building: Vec<String>,
    decision: policy::Decision,
    bin: gst::Bin,
    links: Vec<Link>,
    started_at: SystemTime,
    clock: Arc<Clock>,
    stopping: bool,
    /// Who took part: their pad (for the current id and name) and times.
    participants: Vec<(MeetingRecorderPad, metadata::Participant)>,
}

#[derive(Default)]
struct State {
    participants: Vec<Participant>,
    recordings: Vec<Recording>,
    next_pad: [u32; 2],
    recording_state: String,
    /// Latest running time seen at the compositor/mixer outputs.
    now: Arc<AtomicU64>,
    /// Every participant's stream has ended.
    meeting_ended: bool,
    webhook: Option<webhook::Sender>,
    uploader: Option<Uploader>,
    /// Finished recordings (id, metadata path, participant), for `upload`.
    finished: Vec<(String, PathBuf, Option<String>)>,
}

struct UploadJob {
    id: String,
    person: Option<String>,
    json: PathBuf,
    uri: String,
    options: Vec<(String, String)>,
    keep_local: bool,
}

/// The thread that uploads finished recordings, one at a time.
type Uploader = delivery::Worker<UploadJob>;

pub struct MeetingRecorder {
    settings: Mutex<Settings>,
    state: Mutex<State>,
    compositor: gst::Element,
    video_caps: gst::Element,
    video_tee: gst::Element,
    mixer: gst::Element,
    /// The mix's format: 32-bit float at the policy's rate, with as many
    /// channels as the participants bring (mono until one sends stereo, at
    /// most the policy's). The mixer upmixes nobody; each recording's encoder
    /// chain turns the mix into the policy's channels once (see
    /// `raise_mix_channels`).
    mix_caps: gst::Element,
    audio_tee: gst::Element,
    silence: gst::Element,
    /// Paces the silence by the clock once the meeting is live (see
    /// `follow_liveness`).
    silence_pace: gst::Element,
    /// A sink that gets EOS when every participant's stream ended.
    meeting_end: gst::Element,
}

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
            settings: Mutex::default(),
            state: Mutex::default(),
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
        static PROPERTIES: LazyLock<Vec<glib::ParamSpec>> = LazyLock::new(|| {
            let mut props = vec![
                glib::ParamSpecEnum::builder_with_default("mode", Mode::VideoAndAudio)
                    .nick("Mode")
                    .blurb("video-and-audio: the composed picture and the mix; audio: the mix only")
                    .mutable_ready()
                    .build(),
                glib::ParamSpecInt64::builder("record")
                    .nick("Record")
                    .blurb(
                        "VDO.Ninja record value in kbps: > 0 video bitrate; 0 = lossless PCM audio \
                         only; < 0 = Opus audio only at -record kbps; -9223372036854775808 \
                         (default) = unset, the quality preset decides. Applies to the next start",
                    )
                    .default_value(RECORD_UNSET)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("quality", Quality::Med)
                    .nick("Quality")
                    .blurb("low 640x360@24 800 kbps, med 1280x720@30 3000 kbps, high 1920x1080@30 6000 kbps")
                    .mutable_ready()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("video-codec", VideoCodec::Vp8)
                    .nick("Video codec")
                    .blurb("Preferred video codec (falls back to an installed one)")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("audio-codec", AudioCodec::Opus)
                    .nick("Audio codec")
                    .blurb("opus, or pcm for lossless audio")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("container", Container::Webm)
                    .nick("Container")
                    .blurb("webm (VP8/VP9/AV1 + Opus), mkv (anything), mp4 (H.264 + Opus), ogg (Opus only), wav (PCM only)")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("location")
                    .nick("Location")
                    .blurb("File path template: {id}, {room}, {date}, {time} and {ext} are filled in; directories are created")
                    .default_value(Some(DEFAULT_LOCATION))
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("room")
                    .nick("Room")
                    .blurb("Room name, for the location template and the metadata")
                    .default_value(Some("meeting"))
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoolean::builder("autostart")
                    .nick("Autostart")
                    .blurb("Start recording when the meeting starts playing (VDO.Ninja autorecord)")
                    .default_value(true)
                    .mutable_ready()
                    .build(),
                glib::ParamSpecBoolean::builder("stop-on-empty")
                    .nick("Stop on empty")
                    .blurb("Stop and finalize the recording when the last participant leaves")
                    .default_value(true)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoolean::builder("isolated")
                    .nick("Isolated")
                    .blurb(
                        "Also record each participant's own audio and video to its own file \
                         (<file>-<participant-id>.<ext>), as VDO.Ninja records each guest. \
                         Applies to the next start",
                    )
                    .default_value(false)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("webhook-url")
                    .nick("Webhook URL")
                    .blurb("Every state change is POSTed here as JSON (retried with backoff; never affects the recording)")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("webhook-secret")
                    .nick("Webhook secret")
                    .blurb("Signs each webhook: X-Meetrec-Signature = sha256=HMAC-SHA256(secret, \"<X-Meetrec-Timestamp>.<body>\")")
                    .write_only()
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("upload-uri")
                    .nick("Upload URI")
                    .blurb("After each recording is finished, upload file and metadata here: s3://bucket/prefix, az://…, gs://…, file:///dir")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoxed::builder::<gst::Structure>("upload-options")
                    .nick("Upload options")
                    .blurb("object_store settings overriding the environment's, e.g. \"options,aws_endpoint=http://127.0.0.1:9000,aws_allow_http=true\"")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("upload-endpoint")
                    .nick("Upload endpoint")
                    .blurb("For S3-compatible stores (MinIO, Ceph, …): their URL, e.g. http://127.0.0.1:9000")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoolean::builder("keep-local")
                    .nick("Keep local")
                    .blurb("Keep the local file after a verified upload")
                    .default_value(true)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("recording-state")
                    .nick("Recording state")
                    .blurb("The latest state: RECORDING_STARTING, _STARTED, _STOPPING, _STOPPED or _FAILED (empty before any)")
                    .read_only()
                    .build(),
            ];
            // The layout properties are the compositor's own.
            for name in [
                "layout",
                "priority",
                "grid-size",
                "theme",
                "orientation",
                "show-labels",
                "speaker-hold",
                "tile-fit",
            ] {
                let pspec = glib::Class::<glib::Object>::from_type(
                    crate::layoutcompositor::LayoutCompositor::static_type(),
                )
                .and_then(|c| c.find_property(name))
                .expect("layoutcompositor property");
                props.push(forwarded_pspec(&pspec));
            }
            props
        });
        PROPERTIES.as_ref()
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
            "video-codec" => s.video_codec = value.get().expect("type checked upstream"),
            "audio-codec" => s.audio_codec = value.get().expect("type checked upstream"),
            "container" => s.container = value.get().expect("type checked upstream"),
            "location" => {
                s.location = value
                    .get::<Option<String>>()
                    .expect("type checked upstream")
                    .unwrap_or_else(|| DEFAULT_LOCATION.into())
            }
            "room" => {
                s.room = value
                    .get::<Option<String>>()
                    .expect("type checked upstream")
                    .unwrap_or_default()
            }
            "autostart" => s.autostart = value.get().expect("type checked upstream"),
            "stop-on-empty" => s.stop_on_empty = value.get().expect("type checked upstream"),
            "isolated" => s.isolated = value.get().expect("type checked upstream"),
            "webhook-url" => s.webhook_url = value.get().expect("type checked upstream"),
            "webhook-secret" => s.webhook_secret = value.get().expect("type checked upstream"),
            "upload-uri" => s.upload_uri = value.get().expect("type checked upstream"),
            "upload-options" => s.upload_options = value.get().expect("type checked upstream"),
            "keep-local" => s.keep_local = value.get().expect("type checked upstream"),
            "upload-endpoint" => s.upload_endpoint = value.get().expect("type checked upstream"),
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
        let quality_changed = pspec.name() == "quality";
        drop(s);
        if quality_changed {
            self.update_video_caps();
        }
    }

    fn property(&self, _id: usize, pspec: &glib::ParamSpec) -> glib::Value {
        let s = self.settings.lock().unwrap();
        match pspec.name() {
            "mode" => s.mode.to_value(),
            "record" => s.record.to_value(),
            "quality" => s.quality.to_value(),
            "video-codec" => s.video_codec.to_value(),
            "audio-codec" => s.audio_codec.to_value(),
            "container" => s.container.to_value(),
            "location" => s.location.to_value(),
            "room" => s.room.to_value(),
            "autostart" => s.autostart.to_value(),
            "stop-on-empty" => s.stop_on_empty.to_value(),
            "isolated" => s.isolated.to_value(),
            "webhook-url" => s.webhook_url.to_value(),
            "upload-uri" => s.upload_uri.to_value(),
            "upload-options" => s.upload_options.to_value(),
            "keep-local" => s.keep_local.to_value(),
            "upload-endpoint" => s.upload_endpoint.to_value(),
            "recording-state" => {
                drop(s);
                self.state.lock().unwrap().recording_state.to_value()
            }
            name => self.compositor.property_value(name),
        }
    }
}

/// The same property (name, nick, blurb, range, default) on this element.
fn forwarded_pspec(p: &glib::ParamSpec) -> glib::ParamSpec {
    let (name, nick, blurb) = (p.name(), p.nick(), p.blurb().unwrap_or_default());
    if let Some(e) = p.downcast_ref::<glib::ParamSpecEnum>() {
        fn spec<T>(e: &glib::ParamSpecEnum, nick: &str, blurb: &str) -> glib::ParamSpec
        where
            T: StaticType
                + glib::translate::FromGlib<i32>
                + glib::translate::IntoGlib<GlibType = i32>,
        {
            let default = e.default_value::<T>().expect("pspec of this enum type");
            glib::ParamSpecEnum::builder_with_default(e.name(), default)
                .nick(nick)
                .blurb(blurb)
                .mutable_playing()
                .build()
        }
        use crate::layoutcompositor::{Layout, Orientation, Priority, Theme, TileFit};
        let t = p.value_type();
        if t == Layout::static_type() {
            spec::<Layout>(e, nick, blurb)
        } else if t == Priority::static_type() {
            spec::<Priority>(e, nick, blurb)
        } else if t == Theme::static_type() {
            spec::<Theme>(e, nick, blurb)
        } else if t == Orientation::static_type() {
            spec::<Orientation>(e, nick, blurb)
        } else if t == TileFit::static_type() {
            spec::<TileFit>(e, nick, blurb)
        } else {
            unreachable!("layout enum {t}")
        }
    } else if let Some(u) = p.downcast_ref::<glib::ParamSpecUInt>() {
        glib::ParamSpecUInt::builder(name)
            .nick(nick)
            .blurb(blurb)
            .minimum(u.minimum())
            .maximum(u.maximum())
            .default_value(u.default_value())
            .mutable_playing()
            .build()
    } else if let Some(u) = p.downcast_ref::<glib::ParamSpecUInt64>() {
        glib::ParamSpecUInt64::builder(name)
            .nick(nick)
            .blurb(blurb)
            .minimum(u.minimum())
            .maximum(u.maximum())
            .default_value(u.default_value())
            .mutable_playing()
            .build()
    } else if let Some(b) = p.downcast_ref::<glib::ParamSpecBoolean>() {
        glib::ParamSpecBoolean::builder(name)
            .nick(nick)
            .blurb(blurb)
            .default_value(b.default_value())
            .mutable_playing()
            .build()
    } else {
        unreachable!("layout property {name} of an unexpected type")
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
            let video = gst::Caps::new_empty_simple("video/x-raw");
            let audio = gst::Caps::new_empty_simple("audio/x-raw");
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
            if self.settings.lock().unwrap().autostart {
                self.start_recording();
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
        match msg.view() {
            gst::MessageView::Element(e) if e.structure().is_some_and(|s| s.name() == "level") => {
                self.on_level(&msg);
                return;
            }
            gst::MessageView::Eos(_) => {
                if let Some(id) = self.recording_of(&msg)
                    && !self.on_recording_eos(&id)
                {
                    return; // a stopped recording's EOS is ours, not the meeting's
                }
            }
            gst::MessageView::Error(err) => {
                if let Some(id) = self.recording_of(&msg) {
                    let reason = match err.debug() {
                        Some(d) => format!("{} ({d})", err.error()),
                        None => err.error().to_string(),
                    };
                    self.fail_recording(&id, &reason);
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

/// The mix's sample format and rate, with `channels` channels (any if None).
fn mix_format(channels: Option<i32>) -> gst::Caps {
    gst::Caps::builder("audio/x-raw")
        .field("format", "F32LE")
        .field("layout", "interleaved")
        .field("rate", policy::AUDIO_RATE as i32)
        .field_if_some("channels", channels)
        .build()
}

fn running_time(pad: &gst::Pad, pts: gst::ClockTime) -> Option<gst::ClockTime> {
    let seg = pad.sticky_event::<gst::event::Segment>(0)?;
    let seg = seg.segment().downcast_ref::<gst::ClockTime>()?.clone();
    seg.to_running_time(pts)
}

impl MeetingRecorder {
    fn update_video_caps(&self) {
        let s = self.settings.lock().unwrap().clone();
        let preset = policy::Quality::from(s.quality).preset(s.orientation.into());
        self.video_caps.set_property(
            "caps",
            gst::Caps::builder("video/x-raw")
                .field("width", preset.width as i32)
                .field("height", preset.height as i32)
                .field("framerate", gst::Fraction::new(preset.fps as i32, 1))
                .build(),
        );
    }

    /// Posts a recording's new state. `person` is set for a participant's own
    /// (isolated) recording; the `recording-state` property follows the
    /// composite recordings only.
    fn set_state_string(
        &self,
        status: &str,
        id: &str,
        location: &str,
        person: Option<&str>,
        reason: Option<&str>,
    ) {
        self.post_state(status, id, location, person, reason, None);
    }

    /// As [`Self::set_state_string`], with the recording's metadata (STOPPED,
    /// UPLOADED) for the webhook and the message's `remote-uri`.
    fn post_state(
        &self,
        status: &str,
        id: &str,
        location: &str,
        person: Option<&str>,
        reason: Option<&str>,
        meta: Option<&metadata::Recording>,
    ) {
        self.send_webhook(status, id, location, person, reason, meta);
        if person.is_none() {
            self.state.lock().unwrap().recording_state = status.to_string();
        }
        let mut s = gst::Structure::builder("recording-state-changed")
            .field("status", status)
            .field("recording-id", id)
            .field("location", location);
        if let Some(p) = person {
            s = s.field("participant-id", p);
        }
        if let Some(r) = reason {
            s = s.field("reason", r);
        }
        if let Some(uri) = meta.and_then(|m| m.remote_uri.as_deref()) {
            s = s.field("remote-uri", uri);
        }
        let obj = self.obj();
        gst::info!(
            CAT,
            imp = self,
            "{status} {id} {location} {}",
            reason.unwrap_or("")
        );
        let _ = obj.post_message(gst::message::Element::builder(s.build()).src(&*obj).build());
        obj.emit_by_name::<()>("recording-state-changed", &[&status, &id, &location]);
        if person.is_none() {
            obj.notify("recording-state");
        }
    }

    /// Queues the state change for the webhook receiver, if there is one
    /// (its thread is started on first use and when the URL changes).
    fn send_webhook(
        &self,
        status: &str,
        id: &str,
        location: &str,
        person: Option<&str>,
        reason: Option<&str>,
        meta: Option<&metadata::Recording>,
    ) {
        let (url, secret, room) = {
            let s = self.settings.lock().unwrap();
            (
                s.webhook_url.clone(),
                s.webhook_secret.clone(),
                s.room.clone(),
            )
        };
        let Some(url) = url.filter(|u| !u.is_empty()) else {
            return;
        };
        let event = webhook::WebhookEvent {
            event_type: webhook::event_type(status),
            status: status.into(),
            recording_id: id.into(),
            room,
            location: location.into(),
            participant_id: person.map(Into::into),
            reason: reason.map(Into::into),
            remote_uri: meta.and_then(|m| m.remote_uri.clone()),
            timestamp: metadata::rfc3339(SystemTime::now()),
            metadata: meta.cloned(),
        };
        let old = {
            let mut state = self.state.lock().unwrap();
            let old = state.webhook.take_if(|w| w.url != url);
            let sender = state.webhook.get_or_insert_with(|| {
                let weak = self.obj().downgrade();
                webhook::Sender::spawn(url.clone(), secret, move |event, why| {
                    if let Some(obj) = weak.upgrade() {
                        obj.imp().webhook_gave_up(event, why);
                    }
                })
            });
            sender.send(event);
            old
        };
        if let Some(old) = old {
            // The old receiver still gets what was queued for it.
            std::thread::spawn(move || old.finish(DRAIN_WEBHOOKS));
        }
    }

    fn webhook_gave_up(&self, event: &webhook::WebhookEvent, why: &str) {
        let obj = self.obj();
        let text = format!(
            "webhook for {} of {} not delivered: {why}",
            event.status, event.recording_id
        );
        gst::warning!(CAT, imp = self, "{text}");
        let msg = gst::message::Warning::builder(gst::ResourceError::Write, &text)
            .details(
                gst::Structure::builder("webhook-failed")
                    .field("status", &event.status)
                    .field("recording-id", &event.recording_id)
                    .field("reason", why)
                    .build(),
            )
            .src(&*obj)
            .build();
        let _ = obj.post_message(msg);
    }

    /// Queues a finished recording's upload (see `delivery::upload`).
    fn queue_upload(&self, id: &str, person: Option<&str>, json: PathBuf) -> bool {
        let (uri, options, keep_local) = {
            let s = self.settings.lock().unwrap();
            (s.upload_uri.clone(), s.upload_options(), s.keep_local)
        };
        let Some(uri) = uri.filter(|u| !u.is_empty()) else {
            gst::warning!(CAT, imp = self, "no upload-uri: {id} not uploaded");
            return false;
        };
        let job = UploadJob {
            id: id.to_string(),
            person: person.map(Into::into),
            json,
            uri,
            options,
            keep_local,
        };
        let mut state = self.state.lock().unwrap();
        let uploader = state.uploader.get_or_insert_with(|| {
            let weak = self.obj().downgrade();
            Uploader::spawn("meetrec-upload", move |job: UploadJob| {
                let result =
                    delivery::upload_recording(&job.json, &job.uri, &job.options, job.keep_local);
                if let Some(obj) = weak.upgrade() {
                    obj.imp().uploaded(&job, result);
                }
            })
        });
        uploader.send(job);
        true
    }

    fn uploaded(
        &self,
        job: &UploadJob,
        result: Result<metadata::Recording, delivery::UploadError>,
    ) {
        let media = job.json.with_extension("");
        let loc = media.to_string_lossy().to_string();
        match result {
            Ok(meta) => self.post_state(
                RECORDING_UPLOADED,
                &job.id,
                &loc,
                job.person.as_deref(),
                None,
                Some(&meta),
            ),
            Err(e) => self.post_state(
                RECORDING_UPLOAD_FAILED,
                &job.id,
                &loc,
                job.person.as_deref(),
                Some(&format!(
                    "{e}; the local file is kept: retry with the upload signal"
                )),
                None,
            ),
        }
    }

    /// The `upload` action: a finished recording's id, or its file or
    /// metadata path.
    fn upload_action(&self, what: &str) -> bool {
        let known = {
            let state = self.state.lock().unwrap();
            state
                .finished
                .iter()
                .find(|(id, _, _)| id == what)
                .map(|(id, json, person)| (id.clone(), json.clone(), person.clone()))
        };
        let (id, json, person) = match known {
            Some(k) => k,
            None => {
                let p = PathBuf::from(what);
                let json = if p.extension().is_some_and(|e| e == "json") {
                    p
                } else {
                    metadata::path_for(&p)
                };
                match metadata::Recording::read(&json) {
                    Ok(m) => (m.id, json, m.participant_id),
                    Err(e) => {
                        gst::element_imp_warning!(
                            self,
                            gst::ResourceError::NotFound,
                            ("upload {what}: no such recording ({e})")
                        );
                        return false;
                    }
                }
            }
        };
        self.queue_upload(&id, person.as_deref(), json)
    }

    fn add_participant(
        &self,
        templ: &gst::PadTemplate,
        kind: Kind,
        name: Option<&str>,
    ) -> Result<MeetingRecorderPad, String> {
        let obj = self.obj();
        let mode = self.settings.lock().unwrap().mode;
        let name = {
            let mut state = self.state.lock().unwrap();
            let idx = kind as usize;
            let n = match name.and_then(|n| n.rsplit('_').next()?.parse::<u32>().ok()) {
                Some(n) => n,
                None => state.next_pad[idx],
            };
            state.next_pad[idx] = state.next_pad[idx].max(n + 1);
            format!(
                "{}_{n}",
                if kind == Kind::Video {
                    "video"
                } else {
                    "audio"
                }
            )
        };
        if obj.static_pad(&name).is_some() {
            return Err(format!("pad {name} exists"));
        }
        let make = |f: &str| {
            gst::ElementFactory::make(f)
                .build()
                .map_err(|e| format!("{f}: {e}"))
        };
        let tee = gst::ElementFactory::make("tee")
            .property("allow-not-linked", true)
            .build()
            .map_err(|e| e.to_string())?;
        let (elements, sink, level) = match (kind, mode) {
            (Kind::Video, Mode::VideoAndAudio) => {
                let sink = self
                    .compositor
                    .request_pad_simple("sink_%u")
                    .ok_or("compositor refused a pad")?;
                // No queue: the compositor's pad is one (it holds a frame
                // and, live, up to the latency), as with the stock
                // compositor. A queue here kept two more raw frames per
                // participant (+25 MB of RSS for 9 at 720p, bench_recording).
                (vec![tee.clone()], Some(sink), None)
            }
            (Kind::Video, Mode::Audio) => (vec![make("fakesink")?], None, None),
            (Kind::Audio, _) => {
                // Levels pick the speaker the picture shows; a recording of
                // the mix only has no picture to pick for.
                let level = match mode {
                    Mode::VideoAndAudio => Some(
                        gst::ElementFactory::make("level")
                            .property("interval", LEVEL_INTERVAL.nseconds())
                            .property("post-messages", true)
                            .build()
                            .map_err(|e| e.to_string())?,
                    ),
                    Mode::Audio => None,
                };
                let sink = self
                    .mixer
                    .request_pad_simple("sink_%u")
                    .ok_or("mixer refused a pad")?;
                let weak = obj.downgrade();
                sink.add_probe(gst::PadProbeType::EVENT_DOWNSTREAM, move |_, info| {
                    if let Some(gst::EventView::Caps(c)) = info.event().map(|e| e.view())
                        && let Some(channels) = c
                            .caps()
                            .structure(0)
                            .and_then(|s| s.get::<i32>("channels").ok())
                        && let Some(obj) = weak.upgrade()
                    {
                        obj.imp().raise_mix_channels(channels);
                    }
                    gst::PadProbeReturn::Ok
                });
                // Into the mix's sample format and rate here, keeping the
                // participant's channels: a mono microphone is then mixed
                // as it is (see `raise_mix_channels`).
                let format = gst::ElementFactory::make("capsfilter")
                    .property("caps", mix_format(None))
                    .build()
                    .map_err(|e| e.to_string())?;
                let mut chain = vec![
                    make("queue")?,
                    make("audioconvert")?,
                    make("audioresample")?,
                    format,
                ];
                chain.extend(level.clone());
                chain.push(tee.clone());
                (chain, Some(sink), level)
            }
        };
        let tee = sink.as_ref().map(|_| tee);
        obj.add_many(&elements).map_err(|e| e.to_string())?;
        gst::Element::link_many(&elements).map_err(|e| e.to_string())?;
        if let (Some(sink), Some(tee)) = (&sink, &tee) {
            let src = tee
                .request_pad_simple("src_%u")
                .ok_or("tee refused a pad")?;
            if kind == Kind::Video {
                self.guard_compositor_input(&src);
            }
            src.link(sink).map_err(|e| e.to_string())?;
            // A late joiner's own recording starts with its first data.
            let weak = obj.downgrade();
            let pad_name = name.clone();
            tee.static_pad("sink")
                .unwrap()
                .add_probe(gst::PadProbeType::BUFFER, move |_, _| {
                    if let Some(obj) = weak.upgrade() {
                        obj.imp().ensure_isolated(&pad_name);
                    }
                    gst::PadProbeReturn::Remove
                });
        }
        for e in &elements {
            e.sync_state_with_parent().map_err(|e| e.to_string())?;
        }
        let pad = gst::PadBuilder::<MeetingRecorderPad>::from_template(templ)
            .name(name.as_str())
            .build();
        pad.set_target(Some(&elements[0].static_pad("sink").unwrap()))
            .map_err(|e| e.to_string())?;
        if kind == Kind::Video {
            *pad.imp().compositor_pad.lock().unwrap() = sink.clone();
        }
        self.follow_liveness(&pad);
        // A participant whose stream ended counts as gone for the meeting's end.
        let eos = Arc::new(AtomicBool::new(false));
        {
            let eos = eos.clone();
            let weak = obj.downgrade();
            pad.add_probe(gst::PadProbeType::EVENT_DOWNSTREAM, move |_, info| {
                if let Some(gst::EventView::Eos(_)) = info.event().map(|e| e.view()) {
                    eos.store(true, Ordering::SeqCst);
                    if let Some(obj) = weak.upgrade() {
                        obj.imp().check_meeting_end();
                    }
                }
                gst::PadProbeReturn::Ok
            });
        }
        if obj.current_state() > gst::State::Ready {
            let _ = pad.set_active(true);
        }
        obj.add_pad(&pad).map_err(|e| e.to_string())?;
        obj.child_added(&pad, &name);

        let mut state = self.state.lock().unwrap();
        let joined = state.now.load(Ordering::Relaxed);
        for rec in &mut state.recordings {
            rec.participants
                .push((pad.clone(), participant_entry(&pad, joined, &rec.clock)));
        }
        state.participants.push(Participant {
            pad: pad.clone(),
            kind,
            elements,
            sink,
            level,
            tee,
            eos,
        });
        gst::debug!(CAT, imp = self, "participant pad {name} added");
        Ok(pad)
    }

    /// Lets what a leaving participant already sent (up to the second their
    /// queue holds) reach the picture, the mix and their own file before their
    /// chain goes: EOS behind it, waited for at the chain's end (at most 1 s).
    fn drain(&self, p: &Participant) {
        if p.eos.load(Ordering::SeqCst) || self.obj().current_state() != gst::State::Playing {
            return;
        }
        let (Some(first), Some(last)) = (p.elements.first(), p.elements.last()) else {
            return;
        };
        let done = Arc::new((Mutex::new(false), std::sync::Condvar::new()));
        {
            let done = done.clone();
            last.static_pad("sink").unwrap().add_probe(
                gst::PadProbeType::EVENT_DOWNSTREAM,
                move |_, info| {
                    if let Some(gst::EventView::Eos(_)) = info.event().map(|e| e.view()) {
                        *done.0.lock().unwrap() = true;
                        done.1.notify_all();
                        return gst::PadProbeReturn::Remove;
                    }
                    gst::PadProbeReturn::Ok
                },
            );
        }
        if !first
            .static_pad("sink")
            .unwrap()
            .send_event(gst::event::Eos::new())
        {
            return;
        }
        let (lock, cvar) = &*done;
        let _ = cvar.wait_timeout_while(
            lock.lock().unwrap(),
            std::time::Duration::from_secs(1),
            |drained| !*drained,
        );
    }

    /// Guards the compositor against one participant's unusable video: the
    /// tee pad feeding it answers caps queries with anything raw (supported
    /// formats first), so upstream never fails; caps the compositor cannot take
    /// are turned into a warning naming the participant and an EOS on their
    /// tile (shown as ended), and their data is dropped there. The meeting and
    /// the other participants go on; their own recording still gets the video.
    fn guard_compositor_input(&self, src: &gst::Pad) {
        let weak = self.obj().downgrade();
        let refused = AtomicBool::new(false);
        let any_raw = gst::Caps::new_empty_simple("video/x-raw");
        src.add_probe(
            gst::PadProbeType::QUERY_DOWNSTREAM
                | gst::PadProbeType::EVENT_DOWNSTREAM
                | gst::PadProbeType::BUFFER
                | gst::PadProbeType::BUFFER_LIST,
            move |pad, info| {
                if let Some(q) = info.query_mut() {
                    match q.view_mut() {
                        gst::QueryViewMut::AcceptCaps(q) => {
                            let ok = q.caps().can_intersect(&any_raw);
                            q.set_result(ok);
                            return gst::PadProbeReturn::Handled;
                        }
                        gst::QueryViewMut::Caps(q) => {
                            let filter = q.filter_owned();
                            let Some(peer) = pad.peer() else {
                                return gst::PadProbeReturn::Ok;
                            };
                            let mut caps = peer.query_caps(filter.as_ref());
                            let rest = match &filter {
                                Some(f) => f.intersect(&any_raw),
                                None => any_raw.clone(),
                            };
                            caps.merge(rest);
                            q.set_result(&caps);
                            return gst::PadProbeReturn::Handled;
                        }
                        _ => return gst::PadProbeReturn::Ok,
                    }
                }
                if refused.load(Ordering::SeqCst) {
                    drop(info.take_buffer());
                    drop(info.take_buffer_list());
                    drop(info.take_event());
                    return gst::PadProbeReturn::Handled;
                }
                let Some(gst::EventView::Caps(c)) = info.event().map(|e| e.view()) else {
                    return gst::PadProbeReturn::Ok;
                };
                let caps = c.caps_owned();
                let Err(why) = crate::layoutcompositor::check_input_caps(&caps) else {
                    return gst::PadProbeReturn::Ok;
                };
                refused.store(true, Ordering::SeqCst);
                if let Some(obj) = weak.upgrade() {
                    obj.imp().refuse_participant(pad, &caps, &why);
                }
                info.data = Some(gst::PadProbeData::Event(gst::event::Eos::new()));
                gst::PadProbeReturn::Ok
            },
        );
    }

    fn refuse_participant(&self, src: &gst::Pad, caps: &gst::Caps, why: &str) {
        let tile = src.peer().and_then(|p| {
            p.downcast::<crate::layoutcompositor::LayoutCompositorPad>()
                .ok()
        });
        let who = tile.as_ref().map_or_else(
            || src.name().to_string(),
            crate::layoutcompositor::describe_pad,
        );
        let id: Option<String> = tile.as_ref().and_then(|t| t.property("participant-id"));
        let text =
            format!("{who} cannot be composed: {why}; the meeting is recorded without their video");
        gst::warning!(CAT, imp = self, "{text} (caps {caps})");
        let obj = self.obj();
        let msg = gst::message::Warning::builder(gst::CoreError::Negotiation, &text)
            .debug(&format!("refused caps {caps}"))
            .details(
                gst::Structure::builder("participant-refused")
                    .field("participant-id", id.unwrap_or_default())
                    .field("reason", why)
                    .field("caps", caps)
                    .build(),
            )
            .src(&*obj)
            .build();
        let _ = obj.post_message(msg);
    }

    fn remove_participant(&self, pad: &gst::Pad) {
        let obj = self.obj();
        let stop = self.settings.lock().unwrap().stop_on_empty;
        let (p, empty) = {
            let mut state = self.state.lock().unwrap();
            let Some(i) = state
                .participants
                .iter()
                .position(|p| p.pad.upcast_ref::<gst::Pad>() == pad)
            else {
                return;
            };
            let p = state.participants.remove(i);
            let left = state.now.load(Ordering::Relaxed);
            for rec in &mut state.recordings {
                let rel = rel_ms(left, &rec.clock);
                if let Some((_, e)) = rec
                    .participants
                    .iter_mut()
                    .find(|(pad, e)| pad == &p.pad && e.left_ms.is_none())
                {
                    e.left_ms = Some(rel);
                }
            }
            (p, state.participants.is_empty())
        };
        // Their own recording loses this stream: it ends there (the muxer
        // goes on with their other streams and finishes after the last).
        let own: Vec<Link> = match &p.tee {
            Some(tee) => self
                .state
                .lock()
                .unwrap()
                .recordings
                .iter()
                .flat_map(|r| r.links.iter().filter(|l| &l.tee == tee).cloned())
                .collect(),
            None => Vec::new(),
        };
        self.drain(&p);
        let _ = p.pad.set_target(None::<&gst::Pad>);
        // Recordings keep the pad (for the participant's id and name) until
        // they finish: it must not keep the compositor pad, and with it the
        // tile's converter, alive (found by the churn test).
        p.pad.imp().compositor_pad.lock().unwrap().take();
        let _ = p.pad.set_active(false);
        let _ = obj.remove_pad(&p.pad);
        for e in p.elements.iter().rev() {
            e.set_locked_state(true);
            let _ = e.set_state(gst::State::Null);
            let _ = obj.remove(e);
        }
        if let Some(sink) = p.sink {
            let parent = sink.parent_element().unwrap();
            parent.release_request_pad(&sink);
        }
        for link in own {
            // Nothing flows from the stopped chain: end it here and now.
            let _ = link.src.unlink(&link.ghost);
            link.ghost.send_event(gst::event::Eos::new());
        }
        gst::debug!(CAT, imp = self, "participant pad {} removed", p.pad.name());
        if empty && stop {
            gst::info!(CAT, imp = self, "last participant left: stopping");
            self.stop_recordings();
        } else {
            self.check_meeting_end();
        }
    }

    /// End the parts that would not end by themselves: the silence once every
    /// audio participant's stream has ended (else, with no throttling muxer,
    /// it would keep filling the mix), and a composite without video inputs
    /// once every participant's has.
    /// The silence under the mix is not live (a meeting of files records
    /// faster than real time), so once the last live participant with audio
    /// left, the mix would hold only silence, stop being live and run ahead
    /// of the picture. When a participant's first data shows the meeting is
    /// live (upstream answers the latency query only once it flows), the
    /// silence is paced by the clock from then on.
    fn follow_liveness(&self, pad: &MeetingRecorderPad) {
        let pace = self.silence_pace.clone();
        pad.add_probe(gst::PadProbeType::BUFFER, move |pad, _| {
            let mut q = gst::query::Latency::new();
            if pad.peer_query(&mut q) && q.result().0 && !pace.property::<bool>("sync") {
                gst::debug!(CAT, obj = pad, "live: the silence follows the clock");
                pace.set_property("sync", true);
            }
            gst::PadProbeReturn::Remove
        });
    }

    fn check_meeting_end(&self) {
        let state = self.state.lock().unwrap();
        let ended = |kind: Option<Kind>| {
            let mut ps = state
                .participants
                .iter()
                .filter(|p| kind.is_none_or(|k| p.kind == k))
                .peekable();
            ps.peek().is_some() && ps.all(|p| p.eos.load(Ordering::SeqCst))
        };
        let audio_ended = ended(Some(Kind::Audio));
        let all_ended = ended(None);
        let no_video = !state.participants.iter().any(|p| p.kind == Kind::Video);
        drop(state);
        if all_ended && !std::mem::replace(&mut self.state.lock().unwrap().meeting_ended, true) {
            // GstBin posts EOS once all its sinks did: this one says the
            // meeting ended, the recordings still running say when they are
            // written. (Without it, a bin whose recordings all failed or were
            // stopped has no sink left and its EOS would never come.)
            self.meeting_end
                .static_pad("sink")
                .unwrap()
                .send_event(gst::event::Eos::new());
        }
        if audio_ended || all_ended {
            gst::info!(CAT, imp = self, "audio participants' streams ended");
            self.silence.send_event(gst::event::Eos::new());
        }
        if all_ended && no_video {
            let _ = self
                .video_caps
                .static_pad("sink")
                .unwrap()
                .send_event(gst::event::Eos::new());
        }
    }

    /// Mixes with as many channels as the most a participant sends (at most
    /// the policy's): a meeting of mono microphones is mixed in mono and made
    /// stereo once, in each recording's encoder chain, instead of once per
    /// participant in the mixer (9 mono participants: the mixer's upmixing
    /// was a quarter of an audio-only recording's instructions). Raised when
    /// a stereo participant's caps arrive, before their first sample is
    /// mixed; never lowered, so a recording's mix changes format at most once.
    fn raise_mix_channels(&self, channels: i32) {
        let want = channels.clamp(1, policy::AUDIO_CHANNELS as i32);
        let current = self
            .mix_caps
            .property::<gst::Caps>("caps")
            .structure(0)
            .and_then(|s| s.get::<i32>("channels").ok())
            .unwrap_or(1);
        if want > current {
            gst::debug!(CAT, imp = self, "mixing {want} channels");
            self.mix_caps.set_property("caps", mix_format(Some(want)));
        }
    }

    /// After the mix's format changed: every mixer input converts from its
    /// own format again. GStreamer 1.22's audioaggregator, renegotiating,
    /// re-converts the buffer each input is in the middle of from the old
    /// mix format to the new one and keeps that converter for the input's
    /// next buffers, which are in the input's own format. That is why every
    /// input is already in the mix's sample format and rate (the converter
    /// it keeps is then right for a mono input, and at worst wrong for one
    /// output buffer until this runs); setting `converter-config` makes the
    /// pad build its converter anew. Runs as the mix's new caps go out.
    fn reset_mix_converters(&self) {
        for pad in self.mixer.sink_pads() {
            let config = pad.property::<Option<gst::Structure>>("converter-config");
            pad.set_property("converter-config", config);
        }
    }

    fn on_level(&self, msg: &gst::Message) {
        let Some(src) = msg.src() else { return };
        let Some(s) = msg.structure() else { return };
        // Loudest channel's RMS, in dB.
        let Ok(rms) = s.get::<glib::ValueArray>("rms") else {
            return;
        };
        let db = rms
            .iter()
            .filter_map(|v| v.get::<f64>().ok())
            .fold(f64::NEG_INFINITY, f64::max)
            .clamp(-200.0, 20.0);
        let state = self.state.lock().unwrap();
        let Some(audio) = state.participants.iter().find(|p| {
            p.level
                .as_ref()
                .is_some_and(|l| l.upcast_ref::<gst::Object>() == src)
        }) else {
            return;
        };
        // The video pad of the same participant: same id, else the same number.
        let ids = audio.pad.imp().ids();
        let number = audio.pad.name().rsplit('_').next().map(str::to_owned);
        let target = state
            .participants
            .iter()
            .filter(|p| p.kind == Kind::Video)
            .find(|p| match &ids.participant_id {
                Some(id) => p.pad.imp().ids().participant_id.as_deref() == Some(id),
                None => p.pad.name().rsplit('_').next().map(str::to_owned) == number,
            });
        if let Some(sink) = target.and_then(|p| p.sink.clone()) {
            drop(state);
            sink.set_property("audio-level", db);
        }
    }

    /// The recording a message comes from, if any.
    fn recording_of(&self, msg: &gst::Message) -> Option<String> {
        let src = msg.src()?;
        let state = self.state.lock().unwrap();
        state
            .recordings
            .iter()
            .find(|r| src.has_as_ancestor(&r.bin) || src == r.bin.upcast_ref::<gst::Object>())
            .map(|r| r.id.clone())
    }

    /// Whether a message comes from a recording that already ended or failed
    /// (its bin, `recording-<id>`, is still being torn down).
    fn in_retired_recording(&self, msg: &gst::Message) -> bool {
        let obj = self.obj();
        let mut cur = msg.src().cloned();
        while let Some(o) = cur {
            let parent = o.parent();
            if parent.as_ref() == Some(obj.upcast_ref::<gst::Object>()) {
                return o.is::<gst::Bin>() && o.name().starts_with("recording-");
            }
            cur = parent;
        }
        false
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
            let mut inputs = vec![(Kind::Audio, self.audio_tee.clone())];
            if decision.video.is_some() {
                inputs.insert(0, (Kind::Video, self.video_tee.clone()));
            }
            self.build_recording(&settings, decision, &id, &location, now, inputs, None)
        });
        if let Err(reason) = built {
            self.set_state_string(RECORDING_FAILED, &id, &loc_str, None, Some(&reason));
            return None;
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

    /// Starts participant `key`'s own recording, part of composite `composite`,
    /// with every stream of theirs the composite's decision records.
    fn start_isolated(&self, composite: &str, key: &str) {
        let (settings, decision, location, inputs, id) = {
            let mut state = self.state.lock().unwrap();
            let video_tracks = {
                let Some(c) = state
                    .recordings
                    .iter()
                    .find(|r| r.id == composite && !r.stopping)
                else {
                    return;
                };
                c.decision.video.is_some()
            };
            let inputs: Vec<(Kind, gst::Element)> = state
                .participants
                .iter()
                .filter(|p| person_key(&p.pad) == key && (p.kind == Kind::Audio || video_tracks))
                .filter_map(|p| Some((p.kind, p.tee.clone()?)))
                .collect();
            if inputs.is_empty() {
                return;
            }
            let c = state
                .recordings
                .iter_mut()
                .find(|r| r.id == composite)
                .expect("found above");
            if c.isolated_building.iter().any(|k| k == key) {
                return; // another thread is on it, with every stream of theirs
            }
            c.isolated_building.push(key.to_string());
            // A participant whose streams change mid-recording gets a new file:
            // -2, -3… after the first.
            let n = c.isolated_made.iter().filter(|k| *k == key).count();
            c.isolated_made.push(key.to_string());
            let suffix = match n {
                0 => file_safe(key),
                n => format!("{}-{}", file_safe(key), n + 1),
            };
            (
                c.settings.clone(),
                c.decision.clone(),
                isolated_location(&c.location, &suffix),
                inputs,
                format!("{composite}-{suffix}"),
            )
        };
        let loc_str = location.to_string_lossy().to_string();
        self.set_state_string(RECORDING_STARTING, &id, &loc_str, Some(key), None);
        let person = Some((key.to_string(), composite.to_string()));
        let built = self.build_recording(
            &settings,
            decision,
            &id,
            &location,
            SystemTime::now(),
            inputs,
            person,
        );
        if let Some(c) = self
            .state
            .lock()
            .unwrap()
            .recordings
            .iter_mut()
            .find(|r| r.id == composite)
        {
            c.isolated_building.retain(|k| k != key);
        }
        if let Err(reason) = built {
            self.set_state_string(RECORDING_FAILED, &id, &loc_str, Some(key), Some(&reason));
        }
    }

    /// A participant's stream got its first data: when the running recording
    /// records participants on their own and this one is not in theirs yet
    /// (a late joiner, or a stream added later), (re)start theirs.
    fn ensure_isolated(&self, pad_name: &str) {
        let (composite, key, stale) = {
            let state = self.state.lock().unwrap();
            let Some(p) = state.participants.iter().find(|p| p.pad.name() == pad_name) else {
                return;
            };
            let Some(tee) = p.tee.clone() else { return };
            let Some(c) = state
                .recordings
                .iter()
                .find(|r| r.person.is_none() && !r.stopping && r.settings.isolated)
            else {
                return;
            };
            if p.kind == Kind::Video && c.decision.video.is_none() {
                return;
            }
            let key = person_key(&p.pad);
            let mine = state.recordings.iter().find(|r| {
                !r.stopping
                    && r.person.as_deref() == Some(key.as_str())
                    && r.composite.as_deref() == Some(c.id.as_str())
            });
            match mine {
                Some(r) if r.links.iter().any(|l| l.tee == tee) => return,
                Some(r) => (c.id.clone(), key, Some(r.id.clone())),
                None => (c.id.clone(), key, None),
            }
        };
        if let Some(old) = stale {
            self.stop_where(|r| r.id == old);
        }
        self.start_isolated(&composite, &key);
    }

    #[allow(clippy::too_many_arguments)]
    fn build_recording(
        &self,
        settings: &Settings,
        decision: policy::Decision,
        id: &str,
        location: &std::path::Path,
        started_at: SystemTime,
        tracks: Vec<(Kind, gst::Element)>,
        person: Option<(String, String)>,
    ) -> Result<(), String> {
        policy::Container::from(settings.container).check(&decision)?;
        // Fail now, with the OS's words, rather than inside the sink.
        if let Some(dir) = location.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        std::fs::File::create(location)
            .map_err(|e| format!("cannot write {}: {e}", location.display()))?;

        let make = |f: &str| {
            gst::ElementFactory::make(f)
                .build()
                .map_err(|e| format!("{f}: {e}"))
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
            .map_err(|e| e.to_string())?;
        bin.add_many([&mux, &sink]).map_err(|e| e.to_string())?;
        mux.link(&sink).map_err(|e| e.to_string())?;

        let clock = Arc::new(Clock::default());
        let mut inputs = Vec::new();
        for (kind, tee) in tracks {
            let queue = make("queue")?;
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
            let encoder = gst::ElementFactory::make("bitratepolicy")
                .property("record", settings.record)
                .property("quality", settings.quality)
                .property("orientation", settings.orientation)
                .property("video-codec", settings.video_codec)
                .property("audio-codec", settings.audio_codec)
                .build()
                .map_err(|e| e.to_string())?;
            bin.add_many([&queue, &encoder])
                .map_err(|e| e.to_string())?;
            queue.link(&encoder).map_err(|e| e.to_string())?;
            // The muxer pad by the track's kind (wavenc has one "sink").
            let template = if kind == Kind::Video {
                "video_%u"
            } else {
                "audio_%u"
            };
            let mux_pad = mux
                .request_pad_simple(template)
                .or_else(|| mux.static_pad("sink"))
                .ok_or_else(|| {
                    format!("{} has no {template} pad", enum_nick(settings.container))
                })?;
            encoder
                .static_pad("src")
                .unwrap()
                .link(&mux_pad)
                .map_err(|e| format!("{kind:?} into {}: {e}", enum_nick(settings.container)))?;
            // A recording's failure (a full disk, a muxer error) must not
            // flow back into the meeting: the tee would hand the error to the
            // compositor or mixer and stop everything. Its input always
            // answers OK; the failure itself is handled from the bus.
            let ghost = gst::GhostPad::builder_with_target(&queue.static_pad("sink").unwrap())
                .map_err(|e| e.to_string())?
                .name(if kind == Kind::Video {
                    "video"
                } else {
                    "audio"
                })
                .chain_function(|pad, parent, buffer| {
                    Ok(gst::ProxyPad::chain_default(pad, parent, buffer)
                        .unwrap_or(gst::FlowSuccess::Ok))
                })
                .chain_list_function(|pad, parent, list| {
                    Ok(gst::ProxyPad::chain_list_default(pad, parent, list)
                        .unwrap_or(gst::FlowSuccess::Ok))
                })
                .build();
            add_rebase_probe(&ghost, clock.clone());
            bin.add_pad(&ghost).map_err(|e| e.to_string())?;
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
        obj.add(&bin).map_err(|e| e.to_string())?;
        bin.sync_state_with_parent().map_err(|e| e.to_string())?;
        let mut links = Vec::new();
        for (kind, tee, ghost) in inputs {
            let src = tee
                .request_pad_simple("src_%u")
                .ok_or("tee refused a pad")?;
            src.link(&ghost).map_err(|e| e.to_string())?;
            links.push(Link {
                kind,
                tee,
                src,
                ghost,
            });
        }
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
        state.recordings.push(Recording {
            id: id.to_string(),
            location: location.to_path_buf(),
            settings: settings.clone(),
            person,
            composite,
            isolated_made: Vec::new(),
            isolated_building: Vec::new(),
            decision,
            bin,
            links,
            started_at,
            clock,
            stopping: false,
            participants,
        });
        // In-progress metadata: after a crash, recovery finds it.
        let meta = self.metadata_of(
            state.recordings.last().expect("pushed"),
            metadata::Status::Recording,
            None,
        );
        drop(state);
        meta.write().map_err(|e| {
            format!(
                "cannot write {}: {e}",
                metadata::path_for(location).display()
            )
        })?;
        Ok(())
    }

    /// Stops every active recording (the composites and the participants' own).
    pub(crate) fn stop_recordings(&self) {
        self.stop_where(|_| true);
    }

    /// Stops the active recordings `which` picks: marks them stopping and
    /// returns their links; the caller ends the streams.
    fn mark_stopping(&self, which: impl Fn(&Recording) -> bool) -> Vec<Link> {
        let stopping: Vec<(String, String, Option<String>, Vec<Link>)> = {
            let mut state = self.state.lock().unwrap();
            state
                .recordings
                .iter_mut()
                .filter(|r| !r.stopping && which(r))
                .map(|r| {
                    r.stopping = true;
                    (
                        r.id.clone(),
                        r.location.to_string_lossy().to_string(),
                        r.person.clone(),
                        r.links.clone(),
                    )
                })
                .collect()
        };
        let mut links = Vec::new();
        for (id, loc, person, l) in stopping {
            self.set_state_string(RECORDING_STOPPING, &id, &loc, person.as_deref(), None);
            links.extend(l);
        }
        links
    }

    /// Stops the recordings `which` picks: detaches them from the meeting at
    /// idle points and sends EOS through them; the file's EOS finalizes each.
    fn stop_where(&self, which: impl Fn(&Recording) -> bool) {
        for link in self.mark_stopping(which) {
            detach(link, true);
        }
    }

    /// A recording's file got EOS: finalize it. Returns whether the EOS should
    /// go on to the parent (the meeting may have ended), false when it was a
    /// stop.
    fn on_recording_eos(&self, id: &str) -> bool {
        let rec = {
            let mut state = self.state.lock().unwrap();
            let Some(i) = state.recordings.iter().position(|r| r.id == id) else {
                return true;
            };
            state.recordings.remove(i)
        };
        let stopping = rec.stopping;
        // A participant's own recording ends when their streams do, while the
        // meeting goes on: its bin goes then too.
        let retire = stopping || rec.person.is_some();
        let bin = rec.bin.clone();
        if !stopping {
            let loc = rec.location.to_string_lossy().to_string();
            self.set_state_string(RECORDING_STOPPING, id, &loc, rec.person.as_deref(), None);
        }
        self.finalize(rec, None);
        if retire {
            self.retire(bin);
        }
        // A participant's own recording that ended with their streams still
        // counts towards the meeting's end (all sinks EOS).
        !stopping
    }

    fn fail_recording(&self, id: &str, reason: &str) {
        let rec = {
            let mut state = self.state.lock().unwrap();
            let Some(i) = state.recordings.iter().position(|r| r.id == id) else {
                return;
            };
            state.recordings.remove(i)
        };
        for link in rec.links.iter().cloned() {
            detach(link, false);
        }
        let bin = rec.bin.clone();
        self.finalize(rec, Some(reason.to_string()));
        self.retire(bin);
    }

    /// Takes a finished recording's bin out, off the streaming thread (its
    /// own sink posted what led here). Its state is locked first: else a
    /// state change of the meeting between the two steps would bring it back
    /// to READY, and its file sink would reopen, truncating the file.
    fn retire(&self, bin: gst::Bin) {
        let weak = self.obj().downgrade();
        bin.set_locked_state(true);
        std::thread::spawn(move || {
            let _ = bin.set_state(gst::State::Null);
            if let Some(obj) = weak.upgrade() {
                let _ = obj.remove(&bin);
            }
        });
    }

    /// The metadata of `rec` as it stands, with `status`.
    fn metadata_of(
        &self,
        rec: &Recording,
        status: metadata::Status,
        error: Option<String>,
    ) -> metadata::Recording {
        let duration_ms = rec.clock.end.load(Ordering::SeqCst) / 1_000_000;
        let size = std::fs::metadata(&rec.location).map_or(0, |m| m.len());
        let d = &rec.decision;
        let has = |kind| rec.links.iter().any(|l| l.kind == kind);
        metadata::Recording {
            id: rec.id.clone(),
            participant_id: rec.person.clone(),
            composite_id: rec.composite.clone(),
            room: rec.settings.room.clone(),
            status,
            started_at: metadata::rfc3339(rec.started_at),
            ended_at: (status != metadata::Status::Recording)
                .then(|| metadata::rfc3339(SystemTime::now())),
            duration_ms,
            file: metadata::FileInfo {
                path: rec.location.to_string_lossy().to_string(),
                container: policy::Container::from(rec.settings.container)
                    .extension()
                    .into(),
                size_bytes: size,
                video: d.video.as_ref().filter(|_| has(Kind::Video)).map(|v| {
                    metadata::VideoTrack {
                        codec: v.codec.name().into(),
                        width: v.width,
                        height: v.height,
                        fps: v.fps,
                        bitrate_kbps: v.kbps,
                    }
                }),
                audio: has(Kind::Audio).then_some(match d.audio {
                    policy::AudioDecision::Opus {
                        kbps,
                        channels,
                        rate,
                    } => metadata::AudioTrack {
                        codec: "opus".into(),
                        channels,
                        rate: Some(rate),
                        bitrate_kbps: Some(kbps),
                    },
                    policy::AudioDecision::Pcm { channels, .. } => metadata::AudioTrack {
                        codec: "pcm".into(),
                        channels,
                        rate: Some(policy::AUDIO_RATE),
                        bitrate_kbps: None,
                    },
                }),
            },
            config: metadata::Config {
                layout: enum_nick(self.compositor.property::<Layout>("layout")),
                priority: enum_nick(self.compositor.property::<Priority>("priority")),
                grid_size: self.compositor.property::<u32>("grid-size"),
                theme: enum_nick(self.compositor.property::<Theme>("theme")),
                orientation: enum_nick(rec.settings.orientation),
                mode: enum_nick(rec.settings.mode),
                quality: enum_nick(rec.settings.quality),
                record: (rec.settings.record != RECORD_UNSET).then_some(rec.settings.record),
            },
            participants: merge_streams(
                rec.participants
                    .iter()
                    .map(|(pad, entry)| {
                        // Ids and names may have been set after the pad was added.
                        let now = participant_entry(pad, 0, &rec.clock);
                        metadata::Participant {
                            id: now.id,
                            name: now.name,
                            joined_ms: entry.joined_ms,
                            left_ms: entry.left_ms.map(|l| l.min(duration_ms)),
                        }
                    })
                    .collect(),
            ),
            error,
            writer_pid: (status == metadata::Status::Recording).then(std::process::id),
            remote_uri: None,
            recovered: false,
        }
    }

    /// Writes the metadata and posts the final state.
    fn finalize(&self, rec: Recording, error: Option<String>) {
        let settings = self.settings.lock().unwrap().clone();
        let loc = rec.location.to_string_lossy().to_string();
        let status = if error.is_some() {
            metadata::Status::Failed
        } else {
            metadata::Status::Stopped
        };
        let meta = self.metadata_of(&rec, status, error.clone());
        let person = rec.person.as_deref();
        match (meta.write(), error) {
            (Ok(json), None) => {
                self.post_state(RECORDING_STOPPED, &rec.id, &loc, person, None, Some(&meta));
                self.state.lock().unwrap().finished.push((
                    rec.id.clone(),
                    json.clone(),
                    rec.person.clone(),
                ));
                if settings
                    .upload_uri
                    .as_deref()
                    .is_some_and(|u| !u.is_empty())
                {
                    self.queue_upload(&rec.id, person, json);
                }
            }
            (Ok(_), Some(reason)) => {
                self.set_state_string(RECORDING_FAILED, &rec.id, &loc, person, Some(&reason))
            }
            (Err(e), reason) => {
                let why = match reason {
                    Some(r) => format!("{r}; metadata not written either: {e}"),
                    None => format!("metadata not written: {e}"),
                };
                self.set_state_string(RECORDING_FAILED, &rec.id, &loc, person, Some(&why));
            }
        }
    }
}

/// Detaches a recording input from its tee at the pad's next idle point (at
/// once when nothing flows), optionally ending the recording's stream. The tee
/// pad is released outside the push it may be in.
fn detach(
    Link {
        tee, src, ghost, ..
    }: Link,
    eos: bool,
) {
    let done = AtomicBool::new(false);
    src.add_probe(gst::PadProbeType::IDLE, move |pad, _| {
        if !done.swap(true, Ordering::SeqCst) {
            let _ = pad.unlink(&ghost);
            if eos {
                ghost.send_event(gst::event::Eos::new());
            }
            let pad = pad.clone();
            tee.call_async(move |tee| tee.release_request_pad(&pad));
        }
        gst::PadProbeReturn::Remove
    });
}

/// One entry per stay of a participant: their streams (audio, video) joined
/// and left about together, so entries of one id whose times overlap are one
/// stay. A participant who left and came back has two. In join order.
fn merge_streams(mut entries: Vec<metadata::Participant>) -> Vec<metadata::Participant> {
    entries.sort_by(|a, b| a.id.cmp(&b.id).then(a.joined_ms.cmp(&b.joined_ms)));
    let mut out: Vec<metadata::Participant> = Vec::with_capacity(entries.len());
    for e in entries {
        match out.last_mut() {
            Some(last)
                if last.id == e.id && last.left_ms.is_none_or(|left| e.joined_ms <= left) =>
            {
                last.left_ms = match (last.left_ms, e.left_ms) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                if last.name == last.id {
                    last.name = e.name;
                }
            }
            _ => out.push(e),
        }
    }
    out.sort_by_key(|p| p.joined_ms);
    out
}

/// Who a stream belongs to: its participant id, else its pad's number.
fn person_key(pad: &MeetingRecorderPad) -> String {
    pad.imp().ids().participant_id.unwrap_or_else(|| {
        format!(
            "participant-{}",
            pad.name().rsplit('_').next().unwrap_or_default()
        )
    })
}

/// `key` as a file-name part: letters, digits, `-`, `_` and `.` kept, the
/// rest (path separators included) replaced by `_`.
fn file_safe(key: &str) -> String {
    let s: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    match s.trim_start_matches('.') {
        "" => "_".into(),
        t => t.into(),
    }
}

/// `dir/name.ext` → `dir/name-<suffix>.ext`.
fn isolated_location(composite: &std::path::Path, suffix: &str) -> PathBuf {
    let stem = composite
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let name = match composite.extension() {
        Some(ext) => format!("{stem}-{suffix}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{suffix}"),
    };
    composite.with_file_name(name)
}

fn same_person(video: &Participant, audio: &Participant) -> bool {
    let (v, a) = (video.pad.imp().ids(), audio.pad.imp().ids());
    match (v.participant_id, a.participant_id) {
        (Some(x), Some(y)) => x == y,
        _ => video.pad.name().rsplit('_').next() == audio.pad.name().rsplit('_').next(),
    }
}

fn rel_ms(rt_ns: u64, clock: &Clock) -> u64 {
    let origin = clock.origin.lock().unwrap().map_or(0, |o| o.nseconds());
    rt_ns.saturating_sub(origin) / 1_000_000
}

fn participant_entry(
    pad: &MeetingRecorderPad,
    joined_rt: u64,
    clock: &Clock,
) -> metadata::Participant {
    let ids = pad.imp().ids();
    let id = ids.participant_id.unwrap_or_else(|| pad.name().to_string());
    metadata::Participant {
        name: ids.display_name.unwrap_or_else(|| id.clone()),
        id,
        joined_ms: if joined_rt == 0 {
            0
        } else {
            rel_ms(joined_rt, clock)
        },
        left_ms: None,
    }
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
fn add_rebase_probe(pad: &gst::GhostPad, clock: Arc<Clock>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isolated_files_sit_beside_the_composite() {
        assert_eq!(
            isolated_location(std::path::Path::new("rec/room/17-1.webm"), "ada"),
            PathBuf::from("rec/room/17-1-ada.webm")
        );
        assert_eq!(
            isolated_location(std::path::Path::new("out"), "ada-2"),
            PathBuf::from("out-ada-2")
        );
    }

    fn stay(id: &str, joined_ms: u64, left_ms: Option<u64>) -> metadata::Participant {
        metadata::Participant {
            id: id.into(),
            name: id.to_uppercase(),
            joined_ms,
            left_ms,
        }
    }

    #[test]
    fn a_participants_streams_are_one_stay_and_a_return_is_another() {
        let merged = merge_streams(vec![
            stay("ada", 0, None),
            stay("bob", 1000, Some(3000)), // video
            stay("bob", 1010, Some(2990)), // audio
            stay("ada", 0, None),
            stay("bob", 5000, Some(6000)), // back again
        ]);
        assert_eq!(
            merged,
            vec![
                stay("ada", 0, None),
                stay("bob", 1000, Some(3000)),
                stay("bob", 5000, Some(6000)),
            ]
        );
    }

    #[test]
    fn participant_ids_cannot_name_other_paths() {
        assert_eq!(file_safe("ada"), "ada");
        assert_eq!(file_safe("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(file_safe("..."), "_");
        assert_eq!(file_safe("a b/c"), "a_b_c");
        assert_eq!(file_safe(""), "_");
    }
}
