// SPDX-License-Identifier: MPL-2.0
//! `layoutcompositor`: composes meeting participants into one picture.
//!
//! A `GstVideoAggregator` with request pads `sink_%u`, one per participant.
//! Each visible participant is scaled and converted once, straight into its
//! tile of the I420 output frame; the background and empty tiles are filled
//! once; name labels and placeholder initials are shaped with pango and blended
//! as a `GstVideoOverlayComposition`. Participants that are not visible are not
//! mapped or converted at all.
//!
//! ```sh
//! gst-launch-1.0 layoutcompositor name=c layout=grid theme=dark \
//!     sink_0::display-name="Ada Lovelace" sink_1::display-name="Alan Turing" ! \
//!     video/x-raw,width=1280,height=720 ! videoconvert ! autovideosink \
//!   videotestsrc pattern=ball ! video/x-raw,format=I420 ! c.sink_0 \
//!   videotestsrc pattern=smpte ! video/x-raw,format=I420 ! c.sink_1
//! ```
//!
//! Element properties: `layout` (grid | spotlight | sidebar), `priority`
//! (speaker | pin), `grid-size` (1..=25), `theme` (default | dark | light),
//! `orientation` (landscape | portrait), `show-labels`, `tile-fit`
//! (cover | contain), `scaling-method` (nearest | bilinear | cubic | lanczos;
//! bilinear by default, as `videoscale`), `speaker-hold` (ns), `background-color`, `tile-color`,
//! `label-color` (0xAARRGGBB, alpha 0 = the theme's). Enum values also take the
//! VideoSDK spellings (`GRID`, `SPEAKER`, `DARK`).
//!
//! Pad properties: `participant-id`, `display-name`, `pinned`, `audio-level`
//! (dB, drives the speaker priority), `video-active` (false shows the
//! placeholder tile).
//!
//! Output size and framerate come from downstream caps; unconstrained, the
//! output is 1280×720 (720×1280 in portrait) at 30 fps.

use gst::glib;
use gst::prelude::*;

use crate::layout;

mod canvas;
mod imp;
mod label;
mod pad;
mod tile_cache;

pub use crate::props::Orientation;

pub(crate) use imp::{check_input_caps, describe_pad};

glib::wrapper! {
    pub struct LayoutCompositor(ObjectSubclass<imp::LayoutCompositor>)
        @extends gst_video::VideoAggregator, gst_base::Aggregator, gst::Element, gst::Object,
        @implements gst::ChildProxy;
}

glib::wrapper! {
    pub struct LayoutCompositorPad(ObjectSubclass<pad::LayoutCompositorPad>)
        @extends gst_video::VideoAggregatorPad, gst_base::AggregatorPad, gst::Pad, gst::Object;
}

/// Layout of the composed picture.
#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecLayout")]
pub enum Layout {
    #[default]
    #[enum_value(name = "GRID", nick = "grid")]
    Grid,
    #[enum_value(name = "SPOTLIGHT", nick = "spotlight")]
    Spotlight,
    #[enum_value(name = "SIDEBAR", nick = "sidebar")]
    Sidebar,
    /// Regions from `layout-template`.
    #[enum_value(name = "CUSTOM", nick = "custom")]
    Custom,
}

/// Who comes first.
#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecPriority")]
pub enum Priority {
    #[default]
    #[enum_value(name = "SPEAKER", nick = "speaker")]
    Speaker,
    #[enum_value(name = "PIN", nick = "pin")]
    Pin,
}

/// Colour theme (exact colours: `crate::layout::theme`, and the README's table).
#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecTheme")]
pub enum Theme {
    #[default]
    #[enum_value(name = "DEFAULT", nick = "default")]
    Default,
    #[enum_value(name = "DARK", nick = "dark")]
    Dark,
    #[enum_value(name = "LIGHT", nick = "light")]
    Light,
}

#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecTileFit")]
pub enum TileFit {
    #[default]
    #[enum_value(name = "COVER", nick = "cover")]
    Cover,
    #[enum_value(name = "CONTAIN", nick = "contain")]
    Contain,
}

/// What a participant's video is.
#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecSource")]
pub enum Source {
    #[default]
    #[enum_value(name = "CAMERA", nick = "camera")]
    Camera,
    /// A shared screen: shown first and letterboxed, never cropped.
    #[enum_value(name = "SCREEN", nick = "screen")]
    Screen,
}

/// What a grid becomes while a screen is shared.
#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecScreenShareLayout")]
pub enum ScreenShareLayout {
    /// The share in the main area, the others in a strip.
    #[default]
    #[enum_value(name = "SIDEBAR", nick = "sidebar")]
    Sidebar,
    /// The share alone.
    #[enum_value(name = "SPOTLIGHT", nick = "spotlight")]
    Spotlight,
    /// The grid stays, the share in its first tile.
    #[enum_value(name = "KEEP", nick = "keep")]
    Keep,
}

impl From<ScreenShareLayout> for layout::ScreenShareLayout {
    fn from(v: ScreenShareLayout) -> Self {
        match v {
            ScreenShareLayout::Sidebar => layout::ScreenShareLayout::Sidebar,
            ScreenShareLayout::Spotlight => layout::ScreenShareLayout::Spotlight,
            ScreenShareLayout::Keep => layout::ScreenShareLayout::Keep,
        }
    }
}

/// How participants are scaled into their tiles.
#[derive(Debug, Eq, PartialEq, Hash, Clone, Copy, Default, glib::Enum)]
#[repr(u32)]
#[enum_type(name = "GstMeetrecScalingMethod")]
pub enum ScalingMethod {
    #[enum_value(name = "NEAREST", nick = "nearest")]
    Nearest,
    #[default]
    #[enum_value(name = "BILINEAR", nick = "bilinear")]
    Bilinear,
    #[enum_value(name = "CUBIC", nick = "cubic")]
    Cubic,
    #[enum_value(name = "LANCZOS", nick = "lanczos")]
    Lanczos,
}

impl From<ScalingMethod> for gst_video::VideoResamplerMethod {
    fn from(v: ScalingMethod) -> Self {
        match v {
            ScalingMethod::Nearest => gst_video::VideoResamplerMethod::Nearest,
            ScalingMethod::Bilinear => gst_video::VideoResamplerMethod::Linear,
            ScalingMethod::Cubic => gst_video::VideoResamplerMethod::Cubic,
            ScalingMethod::Lanczos => gst_video::VideoResamplerMethod::Lanczos,
        }
    }
}

impl From<Layout> for layout::LayoutKind {
    fn from(v: Layout) -> Self {
        match v {
            Layout::Grid => layout::LayoutKind::Grid,
            Layout::Spotlight => layout::LayoutKind::Spotlight,
            Layout::Sidebar => layout::LayoutKind::Sidebar,
            Layout::Custom => layout::LayoutKind::Custom,
        }
    }
}

impl From<Priority> for layout::Priority {
    fn from(v: Priority) -> Self {
        match v {
            Priority::Speaker => layout::Priority::Speaker,
            Priority::Pin => layout::Priority::Pin,
        }
    }
}

impl From<Theme> for layout::Theme {
    fn from(v: Theme) -> Self {
        match v {
            Theme::Default => layout::Theme::Default,
            Theme::Dark => layout::Theme::Dark,
            Theme::Light => layout::Theme::Light,
        }
    }
}

impl From<TileFit> for layout::TileFit {
    fn from(v: TileFit) -> Self {
        match v {
            TileFit::Cover => layout::TileFit::Cover,
            TileFit::Contain => layout::TileFit::Contain,
        }
    }
}

pub fn register(plugin: &gst::Plugin) -> Result<(), glib::BoolError> {
    #[cfg(feature = "doc")]
    {
        Layout::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        Priority::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        Theme::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        Orientation::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        Source::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        ScreenShareLayout::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        TileFit::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        ScalingMethod::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
        LayoutCompositorPad::static_type().mark_as_plugin_api(gst::PluginAPIFlags::empty());
    }
    gst::Element::register(
        Some(plugin),
        "layoutcompositor",
        gst::Rank::NONE,
        LayoutCompositor::static_type(),
    )
}
