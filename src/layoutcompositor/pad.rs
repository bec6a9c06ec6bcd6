// SPDX-License-Identifier: MPL-2.0
//! `sink_%u` pads of `layoutcompositor`: one participant each.
//!
//! Lock order: `settings` before `state`; neither is held while calling into
//! GStreamer except the converter run, which only touches the pad's own state.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex};

use gst::glib;
use gst::prelude::*;
use gst::subclass::prelude::*;
use gst_base::subclass::prelude::*;
use gst_video::subclass::prelude::*;

use crate::layout::Rect;

pub(crate) const AUDIO_LEVEL_MIN: f64 = -200.0;
pub(crate) const AUDIO_LEVEL_MAX: f64 = 20.0;

/// Join order across the process: a pad created later has a larger key.
static NEXT_KEY: AtomicU64 = AtomicU64::new(1);

#[derive(Debug, Clone)]
pub(crate) struct PadSettings {
    pub participant_id: Option<String>,
    pub display_name: Option<String>,
    pub pinned: bool,
    pub audio_level: f64,
    pub video_active: bool,
    pub source: super::Source,
    /// `participant-id` as custom layouts match it, hashed once when set.
    pub id_hash: u64,
}

impl Default for PadSettings {
    fn default() -> Self {
        PadSettings {
            participant_id: None,
            display_name: None,
            pinned: false,
            audio_level: AUDIO_LEVEL_MIN,
            video_active: true,
            source: super::Source::Camera,
            id_hash: 0,
        }
    }
}

impl PadSettings {
    /// What the label shows: the display name, else the participant id.
    pub fn label(&self) -> Option<&str> {
        self.display_name
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .or(self
                .participant_id
                .as_deref()
                .filter(|s| !s.trim().is_empty()))
    }
}

/// The converter for this pad's input into its tile, rebuilt only when the input
/// format, the crop, the tile or the output format change.
pub(crate) struct Converter {
    pub in_info: gst_video::VideoInfo,
    pub out_info: gst_video::VideoInfo,
    pub crop: Rect,
    pub dest: Rect,
    pub method: super::ScalingMethod,
    pub engine: Engine,
    /// The last scaled tile, while the picture repeats (built afresh with
    /// the converter, so it never outlives the crop or size it was made for).
    pub cache: super::tile_cache::TileCache,
}

/// What scales a pad's picture into its tile.
pub(crate) enum Engine {
    /// GStreamer's converter: any format, colour-matrix changes, copies and
    /// exact halvings (its 2×2 path).
    Gst(gst_video::VideoConverter),
    /// I420 or NV12 to I420 resizes with the same matrix and range,
    /// bilinear or cubic: `crate::scale` (pic-scale), where it takes fewer
    /// instructions (`scale::worth_it`).
    Planes(Box<crate::scale::I420Scaler>),
}

#[derive(Default)]
pub(crate) struct PadState {
    pub converter: Option<Converter>,
}

/// The newest picture of a hidden participant, and the format it came in.
struct KeptFrame {
    buffer: gst::Buffer,
    caps: gst::Caps,
    info: gst_video::VideoInfo,
}

/// How far behind the output a kept picture may be and still stand in.
const KEPT_FRAME_MAX_AGE: gst::ClockTime = gst::ClockTime::from_mseconds(250);

pub struct LayoutCompositorPad {
    pub(crate) settings: Mutex<PadSettings>,
    pub(crate) state: Mutex<PadState>,
    /// Whether the last layout showed this participant. A hidden one's frames
    /// are let go as they arrive (see [`release_hidden_frame`]) and not mapped.
    pub(crate) visible: AtomicBool,
    /// While hidden: the newest picture, for the moment the participant comes
    /// into view (its queued frames are then only timing).
    kept: Mutex<Option<KeptFrame>>,
    has_kept: AtomicBool,
    /// Bumped whenever the label text changes, so the compositor re-renders it.
    pub(crate) label_generation: AtomicU64,
    pub(crate) key: u64,
}

impl Default for LayoutCompositorPad {
    fn default() -> Self {
        LayoutCompositorPad {
            settings: Mutex::default(),
            state: Mutex::default(),
            visible: AtomicBool::new(true),
            kept: Mutex::default(),
            has_kept: AtomicBool::new(false),
            label_generation: AtomicU64::new(0),
            key: NEXT_KEY.fetch_add(1, Ordering::Relaxed),
        }
    }
}

#[glib::object_subclass]
impl ObjectSubclass for LayoutCompositorPad {
    const NAME: &'static str = "GstLayoutCompositorPad";
    type Type = super::LayoutCompositorPad;
    type ParentType = gst_video::VideoAggregatorPad;
}

impl ObjectImpl for LayoutCompositorPad {
    fn constructed(&self) {
        self.parent_constructed();
        self.obj()
            .add_probe(gst::PadProbeType::BUFFER, release_hidden_frame);
    }

    fn properties() -> &'static [glib::ParamSpec] {
        static PROPERTIES: LazyLock<Vec<glib::ParamSpec>> = LazyLock::new(|| {
            vec![
                glib::ParamSpecString::builder("participant-id")
                    .nick("Participant ID")
                    .blurb("Identifies the participant; links its audio and video")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("display-name")
                    .nick("Display name")
                    .blurb("Name shown on the tile's label and as initials on the placeholder")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoolean::builder("pinned")
                    .nick("Pinned")
                    .blurb("Pinned participants come first with priority=pin")
                    .default_value(false)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecDouble::builder("audio-level")
                    .nick("Audio level")
                    .blurb(
                        "Current audio level in dB (RMS, as the level element reports); \
                         above -50 dB counts as speaking",
                    )
                    .minimum(AUDIO_LEVEL_MIN)
                    .maximum(AUDIO_LEVEL_MAX)
                    .default_value(AUDIO_LEVEL_MIN)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("source", super::Source::Camera)
                    .nick("Source")
                    .blurb(
                        "camera, or screen for a shared screen: shown first, letterboxed, \
                         labelled \"<name> (screen)\"; a participant may have both (two pads, \
                         one participant-id)",
                    )
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoolean::builder("video-active")
                    .nick("Video active")
                    .blurb("Show the participant's video; false shows a placeholder with initials")
                    .default_value(true)
                    .mutable_playing()
                    .build(),
            ]
        });
        PROPERTIES.as_ref()
    }

    fn set_property(&self, _id: usize, value: &glib::Value, pspec: &glib::ParamSpec) {
        let mut s = self.settings.lock().unwrap();
        match pspec.name() {
            "participant-id" => {
                s.participant_id = value.get().expect("type checked upstream");
                s.id_hash = s
                    .participant_id
                    .as_deref()
                    .map_or(0, crate::layout::template::id_hash);
                self.label_generation.fetch_add(1, Ordering::Relaxed);
            }
            "display-name" => {
                s.display_name = value.get().expect("type checked upstream");
                self.label_generation.fetch_add(1, Ordering::Relaxed);
            }
            "pinned" => s.pinned = value.get().expect("type checked upstream"),
            "audio-level" => s.audio_level = value.get().expect("type checked upstream"),
            "video-active" => s.video_active = value.get().expect("type checked upstream"),
            "source" => {
                s.source = value.get().expect("type checked upstream");
                self.label_generation.fetch_add(1, Ordering::Relaxed);
            }
            _ => unimplemented!(),
        }
    }

    fn property(&self, _id: usize, pspec: &glib::ParamSpec) -> glib::Value {
        let s = self.settings.lock().unwrap();
        match pspec.name() {
            "participant-id" => s.participant_id.to_value(),
            "display-name" => s.display_name.to_value(),
            "pinned" => s.pinned.to_value(),
            "audio-level" => s.audio_level.to_value(),
            "video-active" => s.video_active.to_value(),
            "source" => s.source.to_value(),
            _ => unimplemented!(),
        }
    }
}

impl GstObjectImpl for LayoutCompositorPad {}
impl PadImpl for LayoutCompositorPad {}
impl AggregatorPadImpl for LayoutCompositorPad {
    fn flush(&self, aggregator: &gst_base::Aggregator) -> Result<gst::FlowSuccess, gst::FlowError> {
        self.forget_kept_frame();
        self.parent_flush(aggregator)
    }
}

impl VideoAggregatorPadImpl for LayoutCompositorPad {
    fn prepare_frame(
        &self,
        aggregator: &gst_video::VideoAggregator,
        token: &gst_video::subclass::AggregateFramesToken,
        buffer: &gst::Buffer,
    ) -> Option<gst_video::VideoFrame<gst_video::video_frame::Readable>> {
        // Participants outside the layout cost nothing; a gap has no picture.
        if !self.visible.load(Ordering::Relaxed) || is_gap(buffer) {
            return None;
        }
        self.parent_prepare_frame(aggregator, token, buffer)
    }
}

impl LayoutCompositorPad {
    /// Keeps `buffer` as the newest picture of this hidden participant,
    /// letting the one kept before go.
    fn keep_frame(&self, buffer: gst::Buffer, caps: Option<gst::Caps>) {
        let Some(caps) = caps else { return };
        let mut kept = self.kept.lock().unwrap();
        let info = match kept.take() {
            Some(k) if k.caps == caps => k.info,
            _ => match gst_video::VideoInfo::from_caps(&caps) {
                Ok(info) => info,
                Err(_) => return,
            },
        };
        *kept = Some(KeptFrame { buffer, caps, info });
        self.has_kept.store(true, Ordering::Relaxed);
    }

    /// The kept picture, when there is one recent enough to stand in for a
    /// frame at `pts`.
    pub(crate) fn kept_frame(
        &self,
        pts: Option<gst::ClockTime>,
    ) -> Option<(gst::Buffer, gst_video::VideoInfo)> {
        if !self.has_kept.load(Ordering::Relaxed) {
            return None;
        }
        let kept = self.kept.lock().unwrap();
        let k = kept.as_ref()?;
        let recent = match (k.buffer.pts(), pts) {
            (Some(kept_pts), Some(pts)) => kept_pts + KEPT_FRAME_MAX_AGE >= pts,
            _ => false,
        };
        recent.then(|| (k.buffer.clone(), k.info.clone()))
    }

    /// Lets the kept picture go (the participant's own frames are shown again).
    pub(crate) fn forget_kept_frame(&self) {
        if self.has_kept.swap(false, Ordering::Relaxed) {
            self.kept.lock().unwrap().take();
        }
    }

    pub(crate) fn participant_name(&self) -> String {
        let s = self.settings.lock().unwrap();
        s.label().map(str::to_owned).unwrap_or_default()
    }
}

/// Runs on every buffer before the aggregator queues it. A hidden
/// participant's picture will not be drawn, so only its timing is queued, as
/// an empty GAP buffer, and the picture is kept aside only until a newer one
/// comes: the aggregator no longer holds a frame per hidden participant in
/// its queue and another as the current one (a decoder gets its pool buffers
/// back), while it still sees the participant keep pace, so nothing waits for
/// them and back-pressure is as before. When the participant comes into view,
/// the frames already queued are only timing; the kept picture stands in for
/// them (a frame or two), so the tile never flashes empty.
fn release_hidden_frame(
    pad: &super::LayoutCompositorPad,
    info: &mut gst::PadProbeInfo,
) -> gst::PadProbeReturn {
    let imp = pad.imp();
    if !imp.visible.load(Ordering::Relaxed)
        && let Some(buffer) = info.buffer_mut()
        && let Some(gap) = timing_only(buffer)
    {
        let picture = std::mem::replace(buffer, gap);
        imp.keep_frame(picture, pad.current_caps());
    }
    gst::PadProbeReturn::Ok
}

/// An empty GAP buffer with `buffer`'s timing; `None` when it has no
/// timestamp (the aggregator refuses those, so it gets the original).
pub(crate) fn timing_only(buffer: &gst::BufferRef) -> Option<gst::Buffer> {
    buffer.pts()?;
    let mut gap = gst::Buffer::new();
    let g = gap.get_mut().expect("new buffer is writable");
    g.set_pts(buffer.pts());
    g.set_dts(buffer.dts());
    g.set_duration(buffer.duration());
    g.set_flags(
        buffer.flags() & (gst::BufferFlags::DISCONT | gst::BufferFlags::RESYNC)
            | gst::BufferFlags::GAP
            | gst::BufferFlags::DROPPABLE,
    );
    Some(gap)
}

/// A buffer that stands for a stretch of time with no picture (from a GAP
/// event, or a hidden participant's released frame).
pub(crate) fn is_gap(buffer: &gst::BufferRef) -> bool {
    buffer.size() == 0 && buffer.flags().contains(gst::BufferFlags::GAP)
}
