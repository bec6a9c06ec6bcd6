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
}

impl Default for PadSettings {
    fn default() -> Self {
        PadSettings {
            participant_id: None,
            display_name: None,
            pinned: false,
            audio_level: AUDIO_LEVEL_MIN,
            video_active: true,
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
    pub converter: gst_video::VideoConverter,
}

#[derive(Default)]
pub(crate) struct PadState {
    pub converter: Option<Converter>,
}

pub struct LayoutCompositorPad {
    pub(crate) settings: Mutex<PadSettings>,
    pub(crate) state: Mutex<PadState>,
    /// Whether the last layout showed this participant; a hidden one's frames
    /// are not even mapped.
    pub(crate) visible: AtomicBool,
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
                self.label_generation.fetch_add(1, Ordering::Relaxed);
            }
            "display-name" => {
                s.display_name = value.get().expect("type checked upstream");
                self.label_generation.fetch_add(1, Ordering::Relaxed);
            }
            "pinned" => s.pinned = value.get().expect("type checked upstream"),
            "audio-level" => s.audio_level = value.get().expect("type checked upstream"),
            "video-active" => s.video_active = value.get().expect("type checked upstream"),
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
            _ => unimplemented!(),
        }
    }
}

impl GstObjectImpl for LayoutCompositorPad {}
impl PadImpl for LayoutCompositorPad {}
impl AggregatorPadImpl for LayoutCompositorPad {}

impl VideoAggregatorPadImpl for LayoutCompositorPad {
    fn prepare_frame(
        &self,
        aggregator: &gst_video::VideoAggregator,
        token: &gst_video::subclass::AggregateFramesToken,
        buffer: &gst::Buffer,
    ) -> Option<gst_video::VideoFrame<gst_video::video_frame::Readable>> {
        // Participants outside the layout cost nothing beyond their queue.
        if !self.visible.load(Ordering::Relaxed) {
            return None;
        }
        self.parent_prepare_frame(aggregator, token, buffer)
    }
}

impl LayoutCompositorPad {
    pub(crate) fn participant_name(&self) -> String {
        let s = self.settings.lock().unwrap();
        s.label().map(str::to_owned).unwrap_or_default()
    }
}
