// SPDX-License-Identifier: MPL-2.0
//! `bitratepolicy` implementation.
//!
//! Lock order: `settings` → `state`. Neither is held while calling into child
//! elements or emitting signals.

use std::sync::{LazyLock, Mutex};

use gst::glib;
use gst::prelude::*;
use gst::subclass::prelude::*;

use super::SpeedPreset;
use crate::policy::{self, AudioDecision, Decision, VideoDecision};
use crate::props::{AudioCodec, Orientation, Quality, RECORD_UNSET, VideoCodec};

static CAT: LazyLock<gst::DebugCategory> = LazyLock::new(|| {
    gst::DebugCategory::new(
        "bitratepolicy",
        gst::DebugColorFlags::empty(),
        Some("Recording policy encoder bin"),
    )
});

/// Encoders the policy may pick, looked up in the registry once.
pub(crate) static INSTALLED: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    policy::encoders()
        .filter(|name| gst::ElementFactory::find(name).is_some())
        .collect()
});

const KEYFRAME_INTERVAL_DEFAULT: u64 = 2 * gst::ClockTime::SECOND.nseconds();
const KEYFRAME_INTERVAL_MIN: u64 = 100 * gst::ClockTime::MSECOND.nseconds();
const KEYFRAME_INTERVAL_MAX: u64 = 60 * gst::ClockTime::SECOND.nseconds();

#[derive(Debug, Clone, Copy, PartialEq)]
struct Settings {
    record: i64,
    quality: Quality,
    orientation: Orientation,
    video_codec: VideoCodec,
    audio_codec: AudioCodec,
    speed: SpeedPreset,
    keyframe_interval: u64,
    framerate: u32,
}

impl Default for Settings {
    fn default() -> Self {
        let d = crate::props::POLICY_DEFAULTS;
        Settings {
            record: d.record,
            quality: d.quality,
            orientation: Orientation::Landscape,
            video_codec: d.video_codec,
            audio_codec: d.audio_codec,
            speed: SpeedPreset::Realtime,
            keyframe_interval: KEYFRAME_INTERVAL_DEFAULT,
            framerate: d.framerate,
        }
    }
}

impl Settings {
    fn decide(&self) -> Result<Decision, policy::PolicyError> {
        policy::decide(&policy::Request {
            record: (self.record != RECORD_UNSET).then_some(self.record),
            quality: self.quality.into(),
            mode: policy::Mode::VideoAndAudio,
            orientation: self.orientation.into(),
            video_codec: self.video_codec.into(),
            audio_codec: self.audio_codec.into(),
            keyframe_interval_ms: (self.keyframe_interval / 1_000_000) as u32,
            framerate: Some(self.framerate),
            installed: &INSTALLED,
        })
    }

    fn record_str(&self) -> String {
        if self.record == RECORD_UNSET {
            "unset".into()
        } else {
            self.record.to_string()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Media {
    Audio,
    Video,
}

#[derive(Default)]
struct State {
    media: Option<Media>,
    encoder: Option<gst::Element>,
    chain: Vec<gst::Element>,
}

pub struct BitratePolicy {
    settings: Mutex<Settings>,
    state: Mutex<State>,
    sinkpad: gst::GhostPad,
    srcpad: gst::GhostPad,
}

#[glib::object_subclass]
impl ObjectSubclass for BitratePolicy {
    const NAME: &'static str = "GstBitratePolicy";
    type Type = super::BitratePolicy;
    type ParentType = gst::Bin;

    fn with_class(klass: &Self::Class) -> Self {
        let sinkpad = gst::GhostPad::builder_from_template(&klass.pad_template("sink").unwrap())
            .event_function(|pad, parent, event| {
                BitratePolicy::catch_panic_pad_function(
                    parent,
                    || false,
                    |imp| imp.sink_event(pad, event),
                )
            })
            .query_function(|pad, parent, query| {
                BitratePolicy::catch_panic_pad_function(
                    parent,
                    || false,
                    |imp| imp.sink_query(pad, query),
                )
            })
            .build();
        let srcpad = gst::GhostPad::builder_from_template(&klass.pad_template("src").unwrap())
            .query_function(|pad, parent, query| {
                BitratePolicy::catch_panic_pad_function(
                    parent,
                    || false,
                    |imp| imp.src_query(pad, query),
                )
            })
            .build();
        BitratePolicy {
            settings: Mutex::default(),
            state: Mutex::default(),
            sinkpad,
            srcpad,
        }
    }
}

impl ObjectImpl for BitratePolicy {
    fn constructed(&self) {
        self.parent_constructed();
        let obj = self.obj();
        obj.add_pad(&self.sinkpad).unwrap();
        obj.add_pad(&self.srcpad).unwrap();
    }

    fn properties() -> &'static [glib::ParamSpec] {
        static PROPERTIES: LazyLock<Vec<glib::ParamSpec>> = LazyLock::new(|| {
            let mut props = crate::props::policy_pspecs();
            props.push(crate::props::inbound_audio_pspec());
            props.extend([
                glib::ParamSpecEnum::builder_with_default("orientation", Orientation::Landscape)
                    .nick("Orientation")
                    .blurb("portrait swaps the preset's width and height")
                    .mutable_ready()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("speed-preset", SpeedPreset::Realtime)
                    .nick("Speed preset")
                    .blurb("realtime keeps up on a small machine; balanced compresses better for about twice the CPU")
                    .mutable_ready()
                    .build(),
                glib::ParamSpecUInt64::builder("keyframe-interval")
                    .nick("Keyframe interval")
                    .blurb("Nanoseconds between keyframes (files seek to keyframes)")
                    .minimum(KEYFRAME_INTERVAL_MIN)
                    .maximum(KEYFRAME_INTERVAL_MAX)
                    .default_value(KEYFRAME_INTERVAL_DEFAULT)
                    .mutable_ready()
                    .build(),
                glib::ParamSpecUInt::builder("video-bitrate")
                    .nick("Video bitrate")
                    .blurb("Resolved video bitrate in kbps (0: no video)")
                    .read_only()
                    .build(),
                glib::ParamSpecUInt::builder("audio-bitrate")
                    .nick("Audio bitrate")
                    .blurb("Resolved Opus bitrate in kbps (0: PCM)")
                    .read_only()
                    .build(),
                glib::ParamSpecString::builder("codec")
                    .nick("Codec")
                    .blurb("Resolved codec of this stream (vp8, vp9, h264, av1, opus or pcm); before caps, the video codec if video is recorded")
                    .read_only()
                    .build(),
                glib::ParamSpecString::builder("decision")
                    .nick("Decision")
                    .blurb("The whole policy decision as JSON, with notes on anything clamped or fallen back from")
                    .read_only()
                    .build(),
            ]);
            props
        });
        PROPERTIES.as_ref()
    }

    fn signals() -> &'static [glib::subclass::Signal] {
        static SIGNALS: LazyLock<Vec<glib::subclass::Signal>> = LazyLock::new(|| {
            vec![
                // Emitted once the encoder is created and configured by the policy,
                // before it runs: tune it here. Return true to stop other handlers.
                glib::subclass::Signal::builder("encoder-setup")
                    .param_types([gst::Element::static_type()])
                    .return_type::<bool>()
                    .accumulator(|_hint, _acc, value| {
                        if value.get::<bool>().unwrap_or(false) {
                            std::ops::ControlFlow::Break(value.clone())
                        } else {
                            std::ops::ControlFlow::Continue(value.clone())
                        }
                    })
                    .build(),
            ]
        });
        SIGNALS.as_ref()
    }

    fn set_property(&self, _id: usize, value: &glib::Value, pspec: &glib::ParamSpec) {
        let mut s = self.settings.lock().unwrap();
        match pspec.name() {
            "record" => s.record = value.get().expect("type checked upstream"),
            "quality" => s.quality = value.get().expect("type checked upstream"),
            "framerate" => s.framerate = value.get().expect("type checked upstream"),
            "orientation" => s.orientation = value.get().expect("type checked upstream"),
            "video-codec" => s.video_codec = value.get().expect("type checked upstream"),
            "audio-codec" => s.audio_codec = value.get().expect("type checked upstream"),
            "speed-preset" => s.speed = value.get().expect("type checked upstream"),
            "keyframe-interval" => {
                s.keyframe_interval = value.get().expect("type checked upstream")
            }
            _ => unimplemented!(),
        }
        let settings = *s;
        drop(s);
        if pspec.name() == "record" {
            self.apply_record(&settings);
        }
        let obj = self.obj();
        for p in ["video-bitrate", "audio-bitrate", "codec", "decision"] {
            obj.notify(p);
        }
    }

    fn property(&self, _id: usize, pspec: &glib::ParamSpec) -> glib::Value {
        let s = *self.settings.lock().unwrap();
        let media = self.state.lock().unwrap().media;
        let decision = s.decide();
        match pspec.name() {
            "record" => s.record.to_value(),
            "quality" => s.quality.to_value(),
            "framerate" => s.framerate.to_value(),
            "orientation" => s.orientation.to_value(),
            "video-codec" => s.video_codec.to_value(),
            "audio-codec" => s.audio_codec.to_value(),
            "speed-preset" => s.speed.to_value(),
            "keyframe-interval" => s.keyframe_interval.to_value(),
            "video-bitrate" => decision
                .ok()
                .and_then(|d| d.video.map(|v| v.kbps))
                .unwrap_or(0)
                .to_value(),
            "inbound-audio-bitrate" => decision
                .as_ref()
                .map_or(0, |d| d.inbound_audio_kbps)
                .to_value(),
            "audio-bitrate" => decision
                .ok()
                .and_then(|d| d.audio.kbps())
                .unwrap_or(0)
                .to_value(),
            "codec" => decision
                .ok()
                .map(|d| match (media, &d.video) {
                    (Some(Media::Video) | None, Some(v)) => v.codec.name().to_string(),
                    (_, _) => d.audio.name().to_string(),
                })
                .to_value(),
            "decision" => match decision {
                Ok(d) => serde_json::to_string(&d).ok().to_value(),
                Err(e) => serde_json::json!({ "error": e.to_string() })
                    .to_string()
                    .to_value(),
            },
            _ => unimplemented!(),
        }
    }
}

impl GstObjectImpl for BitratePolicy {}

impl ElementImpl for BitratePolicy {
    fn metadata() -> Option<&'static gst::subclass::ElementMetadata> {
        static METADATA: LazyLock<gst::subclass::ElementMetadata> = LazyLock::new(|| {
            gst::subclass::ElementMetadata::new(
                "Recording bitrate policy encoder",
                "Codec/Encoder/Audio/Video/Bin",
                "Encodes raw audio or video as the recording policy says: VDO.Ninja record \
                 values, quality presets, codec preferences and fallbacks",
                "meetrec developers",
            )
        });
        Some(&*METADATA)
    }

    fn pad_templates() -> &'static [gst::PadTemplate] {
        static TEMPLATES: LazyLock<Vec<gst::PadTemplate>> = LazyLock::new(|| {
            let sink = gst::Caps::from_str("video/x-raw; audio/x-raw").unwrap();
            let src = gst::Caps::from_str(
                "video/x-vp8; video/x-vp9; video/x-h264, stream-format=(string){ avc, byte-stream }, \
                 alignment=(string)au; video/x-av1; audio/x-opus; audio/x-raw, format=(string)F32LE",
            )
            .unwrap();
            vec![
                gst::PadTemplate::new(
                    "sink",
                    gst::PadDirection::Sink,
                    gst::PadPresence::Always,
                    &sink,
                )
                .unwrap(),
                gst::PadTemplate::new(
                    "src",
                    gst::PadDirection::Src,
                    gst::PadPresence::Always,
                    &src,
                )
                .unwrap(),
            ]
        });
        TEMPLATES.as_ref()
    }

    fn change_state(
        &self,
        transition: gst::StateChange,
    ) -> Result<gst::StateChangeSuccess, gst::StateChangeError> {
        let ret = self.parent_change_state(transition)?;
        if transition == gst::StateChange::PausedToReady {
            self.teardown();
        }
        Ok(ret)
    }
}

impl BinImpl for BitratePolicy {}

use std::str::FromStr;

/// Sets a numeric property whatever its integer type, clamped to its range.
fn set_number(element: &gst::Element, name: &str, v: i64) {
    let Some(pspec) = element.find_property(name) else {
        gst::warning!(CAT, obj = element, "no property {name}");
        return;
    };
    let value = if let Some(p) = pspec.downcast_ref::<glib::ParamSpecInt>() {
        (v.clamp(p.minimum() as i64, p.maximum() as i64) as i32).to_value()
    } else if let Some(p) = pspec.downcast_ref::<glib::ParamSpecUInt>() {
        (v.clamp(p.minimum() as i64, p.maximum() as i64) as u32).to_value()
    } else if let Some(p) = pspec.downcast_ref::<glib::ParamSpecInt64>() {
        v.clamp(p.minimum(), p.maximum()).to_value()
    } else if let Some(p) = pspec.downcast_ref::<glib::ParamSpecUInt64>() {
        (v.max(0) as u64).clamp(p.minimum(), p.maximum()).to_value()
    } else {
        gst::warning!(CAT, obj = element, "property {name} is not an integer");
        return;
    };
    element.set_property_from_value(name, &value);
}

fn factory_name(element: &gst::Element) -> String {
    element
        .factory()
        .map(|f| f.name().to_string())
        .unwrap_or_default()
}

/// The encoder's bitrate in its own unit.
fn set_bitrate(encoder: &gst::Element, kbps: u32) {
    let kbps = kbps as i64;
    match factory_name(encoder).as_str() {
        "vp8enc" | "vp9enc" => set_number(encoder, "target-bitrate", kbps * 1000),
        "x264enc" => set_number(encoder, "bitrate", kbps),
        "openh264enc" => set_number(encoder, "bitrate", kbps * 1000),
        "av1enc" => set_number(encoder, "target-bitrate", kbps),
        "opusenc" => set_number(encoder, "bitrate", kbps * 1000),
        other => gst::warning!(
            CAT,
            obj = encoder,
            "don't know how to set the bitrate of {other}"
        ),
    }
}

fn configure_video(encoder: &gst::Element, v: &VideoDecision, speed: SpeedPreset) {
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()) as i64;
    let realtime = speed == SpeedPreset::Realtime;
    let kf = v.keyframe_interval as i64;
    match factory_name(encoder).as_str() {
        "vp8enc" | "vp9enc" => {
            set_number(encoder, "deadline", 1);
            // Live: speed 8, fixed (negative). A positive cpu-used in
            // libvpx's realtime mode is not a speed: libvpx picks its own
            // from how long frames take, as slow as time allows (4, 8 and 12
            // gave the same stream), and speeds up only when late. Measured
            // (bench_presets, meeting-like 720p30 composite, 3000 kbps, one
            // thread): adaptive 0.150 cores, SSIM 0.9948; fixed 8: 0.091
            // cores, SSIM 0.9944 (fixed 6: 0.100 / 0.9944, 12: 0.082 /
            // 0.9942, 16: 0.074 / 0.9899). Offline: speed 4, as slow as
            // before.
            set_number(encoder, "cpu-used", if realtime { -8 } else { 4 });
            // One thread: libvpx's encoder threads wait on each other's rows
            // by spinning, and next to a compositor and sources on 2 cores
            // that doubled the CPU and halved the speed (bench_recording,
            // 4x720p -> 720p VP8: 10.7 -> 5.0 CPU-s and 10.4 -> 4.9 s wall
            // for 10 s). A 1080p30 VP8 encode at cpu-used 8 takes ~0.35 core.
            set_number(encoder, "threads", 1);
            set_number(encoder, "keyframe-max-dist", kf);
            if realtime {
                // VBR with libvpx's 6 s buffer model overspent for 4+ s after a
                // lowered record (measured: 2000 -> 500 kbps gave ~1200); CBR
                // follows within about 3 s and still lands presets within 3%.
                encoder.set_property_from_str("end-usage", "cbr");
            }
            if encoder.find_property("row-mt").is_some() {
                encoder.set_property("row-mt", true);
            }
        }
        "x264enc" => {
            // Live: superfast. Measured (bench_presets, as for VP8):
            // faster 0.305 cores / SSIM 0.9957, veryfast 0.204 / 0.9956,
            // superfast 0.120 / 0.9952, ultrafast 0.048 / 0.9923.
            encoder.set_property_from_str(
                "speed-preset",
                if realtime { "superfast" } else { "medium" },
            );
            set_number(encoder, "key-int-max", kf);
            // Live, x264 only has to keep up: every thread beyond what that
            // needs buys speed nobody uses and costs memory (each frame
            // thread holds its own frames) and, beside the compositor, CPU.
            // So one core is left to the rest of the recording. Measured on
            // 2 cores, 9x720p -> 1080p30 at 6 Mbps (stock pipeline, same
            // encoder, 3 runs): 2 -> 1 thread, peak RSS 345 -> 280 MB, CPU
            // -5%, 1.65x -> 1.4x realtime; x264 alone on that picture: SSIM
            // 0.99785 -> 0.99788, PSNR 43.78 -> 43.88 dB (frame threads cost
            // a little quality). Offline, all cores: there speed is the point.
            let threads = if realtime {
                (threads - 1).max(1)
            } else {
                threads
            };
            set_number(encoder, "threads", threads);
        }
        "openh264enc" => {
            set_number(encoder, "gop-size", kf);
            encoder.set_property_from_str("complexity", if realtime { "low" } else { "medium" });
            encoder.set_property_from_str("rate-control", "bitrate");
        }
        "av1enc" => {
            set_number(encoder, "cpu-used", if realtime { 10 } else { 6 });
            set_number(encoder, "keyframe-max-dist", kf);
            set_number(encoder, "threads", threads);
        }
        _ => {}
    }
    set_bitrate(encoder, v.kbps);
}

impl BitratePolicy {
    fn sink_event(&self, pad: &gst::GhostPad, event: gst::Event) -> bool {
        if let gst::EventView::Caps(c) = event.view()
            && let Err(err) = self.ensure_chain(c.caps())
        {
            self.post_error_message(err);
            return false;
        }
        gst::Pad::event_default(pad, Some(&*self.obj()), event)
    }

    fn sink_query(&self, pad: &gst::GhostPad, query: &mut gst::QueryRef) -> bool {
        // Before the chain exists, answer from the template so upstream can
        // negotiate; afterwards the chain answers.
        if pad.target().is_none() {
            match query.view_mut() {
                gst::QueryViewMut::Caps(q) => {
                    crate::util::caps::set_caps_result(q, pad.pad_template_caps());
                    return true;
                }
                gst::QueryViewMut::AcceptCaps(q) => {
                    let ok = q.caps().can_intersect(&pad.pad_template_caps());
                    q.set_result(ok);
                    return true;
                }
                _ => {}
            }
        }
        gst::Pad::query_default(pad, Some(&*self.obj()), query)
    }

    fn src_query(&self, pad: &gst::GhostPad, query: &mut gst::QueryRef) -> bool {
        // Before the chain exists, say what can come out, so gst-launch links a
        // muxer's audio or video pad rightly: audio when upstream only offers
        // audio or the policy records no video (record <= 0), video when
        // upstream only offers video.
        if pad.target().is_none()
            && let gst::QueryViewMut::Caps(q) = query.view_mut()
        {
            let upstream = self.sinkpad.peer_query_caps(None);
            let offers = |prefix: &str| upstream.iter().any(|s| s.name().starts_with(prefix));
            let (up_audio, up_video) = if upstream.is_any() || upstream.is_empty() {
                (true, true)
            } else {
                (offers("audio/"), offers("video/"))
            };
            let no_video = self
                .settings
                .lock()
                .unwrap()
                .decide()
                .is_ok_and(|d| d.video.is_none());
            let possible = if no_video || (up_audio && !up_video) {
                gst::Caps::from_str("audio/x-opus; audio/x-raw, format=(string)F32LE").unwrap()
            } else if up_video && !up_audio {
                gst::Caps::from_str(
                    "video/x-vp8; video/x-vp9; video/x-h264, stream-format=(string){ avc, \
                     byte-stream }, alignment=(string)au; video/x-av1",
                )
                .unwrap()
            } else {
                pad.pad_template_caps()
            };
            crate::util::caps::set_caps_result(q, possible);
            return true;
        }
        gst::Pad::query_default(pad, Some(&*self.obj()), query)
    }

    /// Builds the encoding chain for the stream's media type on its first caps.
    fn ensure_chain(&self, caps: &gst::CapsRef) -> Result<(), gst::ErrorMessage> {
        let name = caps
            .structure(0)
            .map(|s| s.name().to_string())
            .unwrap_or_default();
        let media = match name.as_str() {
            "video/x-raw" => Media::Video,
            "audio/x-raw" => Media::Audio,
            _ => {
                return Err(gst::error_msg!(
                    gst::StreamError::WrongType,
                    ("bitratepolicy takes raw audio or raw video, not {caps}")
                ));
            }
        };
        {
            let state = self.state.lock().unwrap();
            match state.media {
                Some(m) if m == media => return Ok(()),
                Some(m) => {
                    return Err(gst::error_msg!(
                        gst::StreamError::Format,
                        ("the stream changed from {m:?} to {media:?}; one bitratepolicy encodes one kind")
                    ));
                }
                None => {}
            }
        }
        let settings = *self.settings.lock().unwrap();
        let decision = settings
            .decide()
            .map_err(|e| gst::error_msg!(gst::CoreError::MissingPlugin, ("{e}")))?;
        for note in &decision.notes {
            gst::element_imp_warning!(self, gst::CoreError::Negotiation, ("{note}"));
        }

        let make = |factory: &str| {
            gst::ElementFactory::make(factory).build().map_err(|_| {
                gst::error_msg!(
                    gst::CoreError::MissingPlugin,
                    ("element {factory} is not installed")
                )
            })
        };
        let (chain, encoder) = match media {
            Media::Video => {
                let v = decision.video.as_ref().ok_or_else(|| {
                    gst::error_msg!(
                        gst::CoreError::Negotiation,
                        (
                            "video arrived but record={} records no video (0 = lossless PCM \
                             audio only, negative = Opus audio only); send audio, or set \
                             record > 0 or unset",
                            settings.record_str()
                        )
                    )
                })?;
                let caps = gst::Caps::builder("video/x-raw")
                    .field("format", "I420")
                    .field("width", v.width as i32)
                    .field("height", v.height as i32)
                    .field("framerate", gst::Fraction::new(v.fps as i32, 1))
                    .field("pixel-aspect-ratio", gst::Fraction::new(1, 1))
                    .build();
                let filter = gst::ElementFactory::make("capsfilter")
                    .property("caps", caps)
                    .build()
                    .map_err(|_| gst::error_msg!(gst::CoreError::MissingPlugin, ("capsfilter")))?;
                let encoder = make(&v.encoder)?;
                configure_video(&encoder, v, settings.speed);
                // The output's frame grid starts at the first frame, not at
                // the segment's start: a participant's own file that starts
                // mid-stream (origin on their audio) would otherwise show
                // each picture up to a frame early, against its sound.
                let rate = make("videorate")?;
                rate.set_property("skip-to-first", true);
                let mut chain = vec![
                    make("videoconvert")?,
                    make("videoscale")?,
                    rate,
                    filter,
                    encoder.clone(),
                ];
                let parser = match v.codec {
                    policy::VideoCodec::H264 => Some("h264parse"),
                    policy::VideoCodec::Av1 => Some("av1parse"),
                    _ => None,
                };
                if let Some(p) = parser.and_then(|p| make(p).ok()) {
                    chain.push(p);
                }
                (chain, encoder)
            }
            Media::Audio => match decision.audio {
                AudioDecision::Opus {
                    kbps,
                    channels,
                    rate,
                } => {
                    let filter = gst::ElementFactory::make("capsfilter")
                        .property(
                            "caps",
                            gst::Caps::builder("audio/x-raw")
                                .field("rate", rate as i32)
                                .field("channels", channels as i32)
                                .build(),
                        )
                        .build()
                        .map_err(|_| {
                            gst::error_msg!(gst::CoreError::MissingPlugin, ("capsfilter"))
                        })?;
                    let encoder = make(policy::OPUS_ENCODER)?;
                    set_bitrate(&encoder, kbps);
                    // opusenc takes 16-bit samples. No dither on the way:
                    // Opus's coding noise is far above 16-bit quantisation,
                    // and TPDF dither was 3% of an audio-only recording's
                    // instructions (bench_recording, callgrind).
                    let convert = make("audioconvert")?;
                    convert.set_property_from_str("dithering", "none");
                    (
                        vec![convert, make("audioresample")?, filter, encoder.clone()],
                        encoder,
                    )
                }
                AudioDecision::Pcm { channels, .. } => {
                    // Lossless: 32-bit float at the input's rate, no resampling.
                    let filter = gst::ElementFactory::make("capsfilter")
                        .property(
                            "caps",
                            gst::Caps::builder("audio/x-raw")
                                .field("format", "F32LE")
                                .field("layout", "interleaved")
                                .field("channels", channels as i32)
                                .build(),
                        )
                        .build()
                        .map_err(|_| {
                            gst::error_msg!(gst::CoreError::MissingPlugin, ("capsfilter"))
                        })?;
                    let convert = make("audioconvert")?;
                    (vec![convert.clone(), filter], convert)
                }
            },
        };

        // The application may tune the encoder; first handler returning true wins.
        if matches!(media, Media::Video) || decision.audio.kbps().is_some() {
            let _handled: bool = self.obj().emit_by_name("encoder-setup", &[&encoder]);
        }

        let obj = self.obj();
        obj.add_many(&chain)
            .map_err(|e| gst::error_msg!(gst::CoreError::Failed, ("{e}")))?;
        gst::Element::link_many(&chain)
            .map_err(|e| gst::error_msg!(gst::CoreError::Negotiation, ("{e}")))?;
        for e in &chain {
            e.sync_state_with_parent()
                .map_err(|e| gst::error_msg!(gst::CoreError::StateChange, ("{e}")))?;
        }
        let first = chain.first().unwrap().static_pad("sink").unwrap();
        let last = chain.last().unwrap().static_pad("src").unwrap();
        self.srcpad
            .set_target(Some(&last))
            .map_err(|e| gst::error_msg!(gst::CoreError::Failed, ("{e}")))?;
        self.sinkpad
            .set_target(Some(&first))
            .map_err(|e| gst::error_msg!(gst::CoreError::Failed, ("{e}")))?;
        gst::info!(
            CAT,
            imp = self,
            "{media:?} chain built: {}",
            serde_json::to_string(&decision).unwrap_or_default()
        );

        let mut state = self.state.lock().unwrap();
        state.media = Some(media);
        state.encoder = Some(encoder);
        state.chain = chain;
        drop(state);
        obj.notify("codec");
        Ok(())
    }

    /// Applies a new `record` to the running encoder without restarting it.
    fn apply_record(&self, settings: &Settings) {
        let (media, encoder) = {
            let state = self.state.lock().unwrap();
            (state.media, state.encoder.clone())
        };
        let (Some(media), Some(encoder)) = (media, encoder) else {
            return;
        };
        let decision = match settings.decide() {
            Ok(d) => d,
            Err(e) => {
                gst::element_imp_warning!(
                    self,
                    gst::CoreError::Negotiation,
                    ("record not applied: {e}")
                );
                return;
            }
        };
        let kbps = match media {
            Media::Video => decision.video.as_ref().map(|v| v.kbps),
            Media::Audio => decision.audio.kbps(),
        };
        match kbps {
            Some(kbps) if factory_name(&encoder) != "audioconvert" => {
                gst::info!(
                    CAT,
                    imp = self,
                    "record={} -> {kbps} kbps",
                    settings.record_str()
                );
                set_bitrate(&encoder, kbps);
            }
            _ => gst::element_imp_warning!(
                self,
                gst::CoreError::Negotiation,
                (
                    "record={} asks for a different kind of recording than the running {media:?} \
                     stream; it applies to the next stream",
                    settings.record_str()
                )
            ),
        }
    }

    fn teardown(&self) {
        let chain = std::mem::take(&mut *self.state.lock().unwrap()).chain;
        let _ = self.sinkpad.set_target(None::<&gst::Pad>);
        let _ = self.srcpad.set_target(None::<&gst::Pad>);
        let obj = self.obj();
        for e in chain {
            let _ = e.set_state(gst::State::Null);
            let _ = obj.remove(&e);
        }
    }
}
