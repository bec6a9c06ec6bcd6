// SPDX-License-Identifier: MPL-2.0
//! `layoutcompositor` implementation.
//!
//! Lock order: `settings` → `state` → a pad's `settings` → a pad's `state`.
//! Property setters only take `settings`; the aggregate thread copies the
//! settings once per frame and then works under `state`. Drawing in bands
//! (`n-threads`), the aggregate thread holds several pads' `state`s at once,
//! locked in draw order; the drawing threads it starts take no lock.

use std::sync::atomic::Ordering;
use std::sync::{LazyLock, Mutex};

use gst::glib;
use gst::prelude::*;
use gst::subclass::prelude::*;
use gst_base::prelude::*;
use gst_base::subclass::prelude::*;
use gst_video::prelude::*;
use gst_video::subclass::prelude::*;

use super::canvas::Canvas;
use super::label::{Key, Kind, TextCache};
use super::pad::{Converter, Engine, is_gap};
use super::{
    Layout, LayoutCompositorPad, Orientation, Priority, ScalingMethod, ScreenShareLayout, Theme,
    TileFit,
};
use crate::layout::{self, LayoutEngine, Participant, Rect, Rgb};

pub(crate) static CAT: LazyLock<gst::DebugCategory> = LazyLock::new(|| {
    gst::DebugCategory::new(
        "layoutcompositor",
        gst::DebugColorFlags::empty(),
        Some("Meeting layout compositor"),
    )
});

/// Input formats `GstVideoConverter` converts straight into the I420 output.
const SINK_FORMATS: &[gst_video::VideoFormat] = {
    use gst_video::VideoFormat::*;
    &[
        I420, Yv12, Nv12, Nv21, Y42b, Y444, Yuy2, Uyvy, Yvyu, Ayuv, Rgba, Bgra, Argb, Abgr, Rgbx,
        Bgrx, Xrgb, Xbgr, Rgb, Bgr, Gray8, I42010le, P01010le,
    ]
};

/// Cores this process may run on (read once: it is a few system calls).
static CORES: LazyLock<usize> =
    LazyLock::new(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

const DEFAULT_WIDTH: i32 = 1280;
const DEFAULT_HEIGHT: i32 = 720;
const DEFAULT_FPS: gst::Fraction = gst::Fraction::from_integer(30);
const SPEAKER_HOLD_MAX: u64 = 60 * gst::ClockTime::SECOND.nseconds();

#[derive(Debug, Clone, Copy, PartialEq)]
struct Settings {
    layout: Layout,
    priority: Priority,
    grid_size: u32,
    theme: Theme,
    orientation: Orientation,
    show_labels: bool,
    tile_fit: TileFit,
    scaling_method: ScalingMethod,
    speaker_hold: u64,
    background_color: u32,
    tile_color: u32,
    label_color: u32,
    screen_share_layout: ScreenShareLayout,
    speaker_highlight: bool,
    n_threads: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            layout: Layout::Grid,
            priority: Priority::Speaker,
            grid_size: layout::GRID_SIZE_DEFAULT,
            theme: Theme::Default,
            orientation: Orientation::Landscape,
            show_labels: true,
            tile_fit: TileFit::Cover,
            scaling_method: ScalingMethod::Bilinear,
            speaker_hold: layout::SPEAKER_HOLD_DEFAULT_NS,
            background_color: 0,
            tile_color: 0,
            label_color: 0,
            screen_share_layout: ScreenShareLayout::Sidebar,
            speaker_highlight: true,
            n_threads: 0,
        }
    }
}

impl Settings {
    fn layout_config(&self) -> layout::Config {
        layout::Config {
            layout: self.layout.into(),
            priority: self.priority.into(),
            grid_size: self.grid_size,
            orientation: self.orientation.into(),
            show_labels: self.show_labels,
            speaker_hold_ns: self.speaker_hold,
            screen_share_layout: self.screen_share_layout.into(),
        }
    }

    /// The theme's palette with the colour overrides (alpha 0 = keep the theme's).
    fn palette(&self) -> layout::Palette {
        let mut p = layout::Theme::from(self.theme).palette();
        let over = |argb: u32, c: &mut Rgb| {
            if argb >> 24 != 0 {
                *c = Rgb::from_u32(argb);
            }
        };
        over(self.background_color, &mut p.background);
        over(self.tile_color, &mut p.tile);
        over(self.label_color, &mut p.text);
        p
    }
}

/// Which part of the input goes where in the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Picture {
    crop: Rect,
    dest: Rect,
}

/// One visible tile as drawn: compared frame to frame to know when the fills
/// and overlays must be rebuilt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Draw {
    pad: usize,
    key: u64,
    tile: Rect,
    label: Option<Rect>,
    /// Where the picture goes and which part of the input, when there is one.
    picture: Option<Picture>,
    label_generation: u64,
    /// A shared screen (its label says so).
    screen: bool,
}

/// What the last rebuild was made for.
#[derive(Debug, Clone, PartialEq)]
struct Scene {
    width: u32,
    height: u32,
    palette: layout::Palette,
    draws: Vec<Draw>,
}

/// What a pad has to show this frame.
#[derive(Debug, Clone, PartialEq)]
enum Current {
    Nothing,
    /// Only timing: a GAP from upstream, or a frame let go while hidden with
    /// no picture kept.
    Gap,
    /// Its current buffer.
    Picture,
    /// A picture kept while it was hidden (see `pad::release_hidden_frame`).
    Kept(gst::Buffer, gst_video::VideoInfo),
}

impl Current {
    fn has_picture(&self) -> bool {
        matches!(self, Current::Picture | Current::Kept(..))
    }

    fn info(&self, pad: &LayoutCompositorPad) -> Option<gst_video::VideoInfo> {
        match self {
            Current::Kept(_, info) => Some(info.clone()),
            _ => pad.video_info(),
        }
    }
}

#[derive(Default)]
struct State {
    engine: LayoutEngine,
    participants: Vec<Participant>,
    pads: Vec<LayoutCompositorPad>,
    /// Per pad, what it has to show this frame.
    current: Vec<Current>,
    /// Per pad, whether the layout shows it (kept to reuse the allocation).
    visible: Vec<bool>,
    /// The theme's tile colour as Y, U, V.
    tile_yuv: [u8; 3],
    /// The theme's accent (the speaker's border) as Y, U, V.
    accent_yuv: [u8; 3],
    /// The speakers' tiles this frame, bordered in the accent colour.
    highlights: Vec<Rect>,
    draws: Vec<Draw>,
    scene: Option<Scene>,
    /// Rectangles to fill and their Y, U, V values, covering every pixel no
    /// picture covers, and the draw each belongs to (None: the background):
    /// drawn with it, so a tile on top (custom layouts) covers what is under.
    fills: Vec<(Rect, [u8; 3], Option<usize>)>,
    /// Labels and initials: where each goes and the image to blend there.
    overlays: Vec<(Rect, gst_video::VideoOverlayComposition)>,
    text: TextCache,
    /// Recent cost of scaling one frame's pictures on one thread (ns,
    /// smoothed), and how many threads drew the last frame.
    draw_ns: f64,
    draw_threads: usize,
}

/// `layout-template` as set, and what it gave (lock order: `settings`,
/// `template`, `state`).
#[derive(Default)]
struct TemplateSetting {
    source: Option<String>,
    parsed: Option<Result<layout::template::Template, String>>,
}

impl TemplateSetting {
    /// Inline JSON (it starts with `[` or `{`) or a file holding it.
    fn load(source: &str) -> Result<layout::template::Template, String> {
        let trimmed = source.trim_start();
        if trimmed.starts_with('[') || trimmed.starts_with('{') {
            layout::template::Template::parse(trimmed)
        } else {
            let json = std::fs::read_to_string(source)
                .map_err(|e| format!("layout-template {source}: {e}"))?;
            layout::template::Template::parse(&json).map_err(|e| format!("{source}: {e}"))
        }
    }
}

#[derive(Default)]
pub struct LayoutCompositor {
    settings: Mutex<Settings>,
    template: Mutex<TemplateSetting>,
    state: Mutex<State>,
}

#[glib::object_subclass]
impl ObjectSubclass for LayoutCompositor {
    const NAME: &'static str = "GstLayoutCompositor";
    type Type = super::LayoutCompositor;
    type ParentType = gst_video::VideoAggregator;
    type Interfaces = (gst::ChildProxy,);
}

impl ObjectImpl for LayoutCompositor {
    fn properties() -> &'static [glib::ParamSpec] {
        static PROPERTIES: LazyLock<Vec<glib::ParamSpec>> = LazyLock::new(|| {
            vec![
                glib::ParamSpecEnum::builder_with_default("layout", Layout::Grid)
                    .nick("Layout")
                    .blurb(
                        "grid: equal tiles up to grid-size; spotlight: only the top-priority \
                         participant; sidebar: the top one large, the next ones in a strip; \
                         custom: the regions of layout-template",
                    )
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("priority", Priority::Speaker)
                    .nick("Priority")
                    .blurb(
                        "Who comes first: speaker = most recently active speaker; \
                         pin = pinned participants, then speakers",
                    )
                    .mutable_playing()
                    .build(),
                glib::ParamSpecUInt::builder("grid-size")
                    .nick("Grid size")
                    .blurb("Most tiles shown at once in grid and sidebar layouts")
                    .minimum(layout::GRID_SIZE_MIN)
                    .maximum(layout::GRID_SIZE_MAX)
                    .default_value(layout::GRID_SIZE_DEFAULT)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("theme", Theme::Default)
                    .nick("Theme")
                    .blurb("Colours of the background, empty tiles and labels")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("orientation", Orientation::Landscape)
                    .nick("Orientation")
                    .blurb(
                        "Arrangement of rows/columns and the side strip; also the default \
                         output size (1280x720 or 720x1280) when downstream does not set one",
                    )
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoolean::builder("show-labels")
                    .nick("Show labels")
                    .blurb("Draw each participant's display name on its tile")
                    .default_value(true)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("tile-fit", TileFit::Cover)
                    .nick("Tile fit")
                    .blurb("cover: fill the tile and crop; contain: whole picture, letterboxed")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default(
                    "screen-share-layout",
                    ScreenShareLayout::Sidebar,
                )
                .nick("Screen share layout")
                .blurb(
                    "While a screen is shared (a pad with source=screen), grid becomes: sidebar \
                     (the share in the main area, the others in the strip), spotlight (the share \
                     alone) or keep (the grid, the share first). Spotlight always shows the \
                     share, sidebar puts it in the main area",
                )
                .mutable_playing()
                .build(),
                glib::ParamSpecBoolean::builder("speaker-highlight")
                    .nick("Speaker highlight")
                    .blurb(
                        "A border in the theme's accent colour on the edge of the tile of \
                         whoever is speaking now (above -50 dB, without the speaker hold)",
                    )
                    .default_value(true)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("layout-template")
                    .nick("Layout template")
                    .blurb(
                        "For layout=custom: a JSON list of regions (inline, or a file path), \
                         each {x, y, w, h (fractions of the canvas), z, fit, fill: [screen | \
                         speaker | pinned | participant:<id> | others], repeat: {count, \
                         direction: row | column}}",
                    )
                    .mutable_playing()
                    .build(),
                glib::ParamSpecUInt::builder("n-threads")
                    .nick("Threads")
                    .blurb(
                        "Threads that scale the pictures into their tiles, each a band of \
                         rows: 1 = the streaming thread alone; N = up to N; 0 (default) = \
                         automatic: one until scaling a frame takes over half the frame \
                         interval, then one per core (at most 4)",
                    )
                    .maximum(16)
                    .default_value(0)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default(
                    "scaling-method",
                    ScalingMethod::Bilinear,
                )
                .nick("Scaling method")
                .blurb(
                    "Filter for scaling participants into tiles; bilinear (default, as \
                         videoscale); cubic (Catmull-Rom, sharper) costs about 1.2x \
                         bilinear when shrinking 720p into a grid",
                )
                .mutable_playing()
                .build(),
                glib::ParamSpecUInt64::builder("speaker-hold")
                    .nick("Speaker hold")
                    .blurb(
                        "Nanoseconds a new speaker must stay the loudest before the layout \
                         follows (no blinking on a cough)",
                    )
                    .maximum(SPEAKER_HOLD_MAX)
                    .default_value(layout::SPEAKER_HOLD_DEFAULT_NS)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecUInt::builder("background-color")
                    .nick("Background colour")
                    .blurb("Canvas colour as 0xAARRGGBB; alpha 0 (default) uses the theme's")
                    .default_value(0)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecUInt::builder("tile-color")
                    .nick("Tile colour")
                    .blurb(
                        "Empty tile/placeholder colour as 0xAARRGGBB; alpha 0 (default) uses \
                         the theme's",
                    )
                    .default_value(0)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecUInt::builder("label-color")
                    .nick("Label colour")
                    .blurb("Label text colour as 0xAARRGGBB; alpha 0 (default) uses the theme's")
                    .default_value(0)
                    .mutable_playing()
                    .build(),
            ]
        });
        PROPERTIES.as_ref()
    }

    fn set_property(&self, _id: usize, value: &glib::Value, pspec: &glib::ParamSpec) {
        if pspec.name() == "layout-template" {
            self.set_template(value.get().expect("type checked upstream"));
            return;
        }
        let mut s = self.settings.lock().unwrap();
        let before = *s;
        match pspec.name() {
            "layout" => s.layout = value.get().expect("type checked upstream"),
            "priority" => s.priority = value.get().expect("type checked upstream"),
            "grid-size" => s.grid_size = value.get().expect("type checked upstream"),
            "theme" => s.theme = value.get().expect("type checked upstream"),
            "orientation" => s.orientation = value.get().expect("type checked upstream"),
            "show-labels" => s.show_labels = value.get().expect("type checked upstream"),
            "tile-fit" => s.tile_fit = value.get().expect("type checked upstream"),
            "screen-share-layout" => {
                s.screen_share_layout = value.get().expect("type checked upstream")
            }
            "speaker-highlight" => {
                s.speaker_highlight = value.get().expect("type checked upstream")
            }
            "scaling-method" => s.scaling_method = value.get().expect("type checked upstream"),
            "n-threads" => s.n_threads = value.get().expect("type checked upstream"),
            "speaker-hold" => s.speaker_hold = value.get().expect("type checked upstream"),
            "background-color" => s.background_color = value.get().expect("type checked upstream"),
            "tile-color" => s.tile_color = value.get().expect("type checked upstream"),
            "label-color" => s.label_color = value.get().expect("type checked upstream"),
            _ => unimplemented!(),
        }
        let orientation_changed = before.orientation != s.orientation;
        drop(s);
        gst::debug!(CAT, imp = self, "{} set", pspec.name());
        if orientation_changed {
            // Unconstrained output follows the orientation.
            self.obj().src_pad().mark_reconfigure();
        }
    }

    fn property(&self, _id: usize, pspec: &glib::ParamSpec) -> glib::Value {
        if pspec.name() == "layout-template" {
            return self.template.lock().unwrap().source.to_value();
        }
        let s = self.settings.lock().unwrap();
        match pspec.name() {
            "layout" => s.layout.to_value(),
            "priority" => s.priority.to_value(),
            "grid-size" => s.grid_size.to_value(),
            "theme" => s.theme.to_value(),
            "orientation" => s.orientation.to_value(),
            "show-labels" => s.show_labels.to_value(),
            "tile-fit" => s.tile_fit.to_value(),
            "screen-share-layout" => s.screen_share_layout.to_value(),
            "speaker-highlight" => s.speaker_highlight.to_value(),
            "scaling-method" => s.scaling_method.to_value(),
            "n-threads" => s.n_threads.to_value(),
            "speaker-hold" => s.speaker_hold.to_value(),
            "background-color" => s.background_color.to_value(),
            "tile-color" => s.tile_color.to_value(),
            "label-color" => s.label_color.to_value(),
            _ => unimplemented!(),
        }
    }
}

impl GstObjectImpl for LayoutCompositor {}

impl ElementImpl for LayoutCompositor {
    fn metadata() -> Option<&'static gst::subclass::ElementMetadata> {
        static METADATA: LazyLock<gst::subclass::ElementMetadata> = LazyLock::new(|| {
            gst::subclass::ElementMetadata::new(
                "Meeting layout compositor",
                "Filter/Editor/Video/Compositor",
                "Composes meeting participants into a grid, spotlight or sidebar layout with \
                 themes, name labels and active-speaker priority",
                "meetrec developers",
            )
        });
        Some(&*METADATA)
    }

    fn pad_templates() -> &'static [gst::PadTemplate] {
        static TEMPLATES: LazyLock<Vec<gst::PadTemplate>> = LazyLock::new(|| {
            let src_caps = gst_video::VideoCapsBuilder::new()
                .format(gst_video::VideoFormat::I420)
                .width_range(16..=16384)
                .height_range(16..=16384)
                .framerate_range(gst::Fraction::new(1, 1)..=gst::Fraction::new(1000, 1))
                .build();
            let sink_caps = sink_caps();
            vec![
                gst::PadTemplate::new(
                    "src",
                    gst::PadDirection::Src,
                    gst::PadPresence::Always,
                    &src_caps,
                )
                .unwrap(),
                gst::PadTemplate::with_gtype(
                    "sink_%u",
                    gst::PadDirection::Sink,
                    gst::PadPresence::Request,
                    &sink_caps,
                    LayoutCompositorPad::static_type(),
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
        caps: Option<&gst::Caps>,
    ) -> Option<gst::Pad> {
        let pad = self.parent_request_new_pad(templ, name, caps)?;
        self.obj().child_added(&pad, &pad.name());
        Some(pad)
    }

    fn release_pad(&self, pad: &gst::Pad) {
        let name = pad.name();
        self.parent_release_pad(pad);
        self.obj().child_removed(pad, &name);
    }
}

// Lets gst-launch set pad properties: `layoutcompositor sink_0::display-name=Ada`.
impl ChildProxyImpl for LayoutCompositor {
    fn child_by_index(&self, index: u32) -> Option<glib::Object> {
        self.obj()
            .sink_pads()
            .into_iter()
            .nth(index as usize)
            .map(|p| p.upcast())
    }

    fn child_by_name(&self, name: &str) -> Option<glib::Object> {
        self.obj().static_pad(name).map(|p| p.upcast())
    }

    fn children_count(&self) -> u32 {
        self.obj().num_sink_pads() as u32
    }
}

impl AggregatorImpl for LayoutCompositor {
    fn sink_query(&self, pad: &gst_base::AggregatorPad, query: &mut gst::QueryRef) -> bool {
        // The base class only lets non-converting pads take the output format;
        // this element converts every input itself, so any supported format,
        // size and rate goes.
        match query.view_mut() {
            gst::QueryViewMut::Caps(q) => {
                crate::util::caps::set_caps_result(q, pad.pad_template_caps());
                true
            }
            gst::QueryViewMut::AcceptCaps(q) => {
                let caps = q.caps_owned();
                let verdict = check_sink_caps(&pad.pad_template_caps(), &caps);
                if let Err(why) = &verdict {
                    let who = pad
                        .downcast_ref::<LayoutCompositorPad>()
                        .map_or_else(|| pad.name().to_string(), describe_pad);
                    gst::element_imp_error!(
                        self,
                        gst::CoreError::Negotiation,
                        ("{who} cannot be composed: {why}"),
                        ["refused caps {caps}"]
                    );
                }
                q.set_result(verdict.is_ok());
                true
            }
            _ => self.parent_sink_query(pad, query),
        }
    }

    fn fixate_src_caps(&self, caps: gst::Caps) -> gst::Caps {
        let orientation = self.settings.lock().unwrap().orientation;
        let (w, h) = match orientation {
            Orientation::Landscape => (DEFAULT_WIDTH, DEFAULT_HEIGHT),
            Orientation::Portrait => (DEFAULT_HEIGHT, DEFAULT_WIDTH),
        };
        let mut caps = caps;
        caps.truncate();
        {
            let caps = caps.make_mut();
            let s = caps.structure_mut(0).unwrap();
            s.fixate_field_nearest_int("width", w);
            s.fixate_field_nearest_int("height", h);
            s.fixate_field_nearest_fraction("framerate", DEFAULT_FPS);
            if s.has_field("pixel-aspect-ratio") {
                s.fixate_field_nearest_fraction("pixel-aspect-ratio", gst::Fraction::new(1, 1));
            }
        }
        caps.fixate();
        gst::debug!(CAT, imp = self, "fixated output to {caps}");
        caps
    }

    fn start(&self) -> Result<(), gst::ErrorMessage> {
        let custom = self.settings.lock().unwrap().layout == Layout::Custom;
        let template = match &self.template.lock().unwrap().parsed {
            Some(Ok(t)) => Some(t.clone()),
            Some(Err(e)) if custom => {
                return Err(gst::error_msg!(gst::LibraryError::Settings, ("{e}")));
            }
            None if custom => {
                return Err(gst::error_msg!(
                    gst::LibraryError::Settings,
                    ("layout=custom needs layout-template (a JSON list of regions)")
                ));
            }
            _ => None,
        };
        let mut state = State::default();
        state.engine.set_template(template);
        *self.state.lock().unwrap() = state;
        self.parent_start()
    }

    fn stop(&self) -> Result<(), gst::ErrorMessage> {
        *self.state.lock().unwrap() = State::default();
        self.parent_stop()
    }
}

impl VideoAggregatorImpl for LayoutCompositor {
    fn update_caps(&self, caps: &gst::Caps) -> Result<gst::Caps, gst::LoggableError> {
        // The output is always I420 at the size downstream asks for; it does
        // not depend on the inputs.
        let templ = self.obj().src_pad().pad_template_caps();
        let res = caps.intersect(&templ);
        if res.is_empty() {
            return Err(gst::loggable_error!(
                CAT,
                "downstream accepts none of {templ} (it wants {caps})"
            ));
        }
        Ok(res)
    }

    fn aggregate_frames(
        &self,
        token: &gst_video::subclass::AggregateFramesToken,
        outbuf: &mut gst::BufferRef,
    ) -> Result<gst::FlowSuccess, gst::FlowError> {
        let obj = self.obj();
        let out_info = obj.video_info().ok_or(gst::FlowError::NotNegotiated)?;
        let settings = *self.settings.lock().unwrap();
        let mut state = self.state.lock().unwrap();
        let state = &mut *state;
        let (width, height) = (out_info.width(), out_info.height());
        let now = outbuf.pts().map_or(0, gst::ClockTime::nseconds);

        // Participants, in pad order, and what each has to show right now.
        state.pads.clear();
        state.participants.clear();
        state.current.clear();
        for pad in obj.sink_pads() {
            let Ok(pad) = pad.downcast::<LayoutCompositorPad>() else {
                continue;
            };
            let imp = pad.imp();
            let current = match pad.current_buffer(token) {
                None => Current::Nothing,
                Some(b) if !is_gap(&b) => {
                    imp.forget_kept_frame();
                    Current::Picture
                }
                // A participant who has just come into view still has the
                // timing of a frame let go while hidden: show the newest
                // picture they sent then, rather than flash an empty tile.
                Some(b) => imp
                    .kept_frame(b.pts())
                    .map_or(Current::Gap, |(buffer, info)| Current::Kept(buffer, info)),
            };
            let s = imp.settings.lock().unwrap();
            state.participants.push(Participant {
                key: imp.key,
                pinned: s.pinned,
                has_video: s.video_active && current != Current::Nothing,
                audio_level_db: s.audio_level,
                screen: s.source == super::Source::Screen,
                id_hash: s.id_hash,
            });
            drop(s);
            state.current.push(current);
            state.pads.push(pad);
        }

        let cfg = settings.layout_config();
        let tiles = state
            .engine
            .compute(now, width, height, &cfg, &state.participants);

        // The visibility each pad uses for its next frames, stored once per
        // pad: its streaming thread reads it, so a shown participant is never
        // marked hidden, even for a moment.
        let mut visible = std::mem::take(&mut state.visible);
        visible.clear();
        visible.resize(state.pads.len(), false);
        for t in tiles {
            visible[t.index] = true;
        }
        for (pad, &v) in state.pads.iter().zip(&visible) {
            pad.imp().visible.store(v, Ordering::Relaxed);
        }
        state.visible = visible;

        // What to draw.
        state.draws.clear();
        state.highlights.clear();
        state
            .highlights
            .extend(tiles.iter().filter(|t| t.speaking).map(|t| t.rect));
        for t in tiles {
            let pad = &state.pads[t.index];
            let imp = pad.imp();
            let picture = if t.placeholder || !state.current[t.index].has_picture() {
                None
            } else {
                state.current[t.index].info(pad).map(|info| {
                    let par = info.par();
                    let (crop, dest) = layout::fit(
                        info.width(),
                        info.height(),
                        (par.numer().max(1) as u32, par.denom().max(1) as u32),
                        t.rect,
                        // A shared screen is never cropped.
                        if t.screen {
                            layout::TileFit::Contain
                        } else {
                            t.fit.unwrap_or(settings.tile_fit.into())
                        },
                    );
                    Picture { crop, dest }
                })
            };
            state.draws.push(Draw {
                pad: t.index,
                key: t.key,
                tile: t.rect,
                label: t.label,
                screen: t.screen,
                picture,
                label_generation: imp.label_generation.load(Ordering::Relaxed),
            });
        }

        let palette = settings.palette();
        let unchanged = state.scene.as_ref().is_some_and(|s| {
            s.width == width && s.height == height && s.palette == palette && s.draws == state.draws
        });
        if !unchanged {
            self.rebuild_scene(state, &out_info, palette);
        }

        let mut frame = gst_video::VideoFrameRef::from_buffer_ref_writable(outbuf, &out_info)
            .map_err(|_| {
                gst::element_imp_error!(
                    self,
                    gst::CoreError::Failed,
                    ("Could not map the output frame")
                );
                gst::FlowError::Error
            })?;

        for (rect, yuv, _) in state.fills.iter().filter(|f| f.2.is_none()) {
            fill_i420(&mut frame, rect, yuv);
        }

        // The pictures: on this thread, or in bands of rows on several when
        // scaling has been taking too much of the frame interval.
        let started = std::time::Instant::now();
        let fps = out_info.fps();
        let interval_ns = if fps.numer() > 0 && fps.denom() > 0 {
            1e9 * fps.denom() as f64 / fps.numer() as f64
        } else {
            1e9 / 30.0
        };
        let wanted = layout::threads(
            settings.n_threads,
            *CORES,
            state.draw_ns,
            interval_ns,
            state.draw_threads,
        );
        let bands = (wanted > 1)
            .then(|| {
                let dests: Vec<Rect> = state
                    .draws
                    .iter()
                    .map(|d| d.picture.map_or(Rect::default(), |p| p.dest))
                    .collect();
                layout::bands(&dests, wanted, height)
            })
            .flatten();
        let target = Target {
            info: &out_info,
            method: settings.scaling_method,
        };
        let serial_ns = if let Some(bands) = bands {
            gst::log!(CAT, imp = self, "drawing in {} bands of rows", bands.len());
            state.draw_threads = bands.len();
            self.draw_in_bands(token, state, &bands, target, &mut frame)?
        } else {
            state.draw_threads = 1;
            for (k, d) in state.draws.iter().enumerate() {
                for (rect, yuv, _) in state.fills.iter().filter(|f| f.2 == Some(k)) {
                    fill_i420(&mut frame, rect, yuv);
                }
                let Some(picture) = d.picture else {
                    continue;
                };
                let pad = &state.pads[d.pad];
                let drawn = self.draw_picture(
                    token,
                    pad,
                    &state.current[d.pad],
                    picture,
                    target,
                    &mut Canvas::of(&mut frame),
                )?;
                if !drawn {
                    // Never leave the pool buffer's old pixels in a tile.
                    gst::warning!(CAT, obj = pad, "could not map the frame to draw");
                    fill_i420(&mut frame, &picture.dest, &state.tile_yuv);
                }
            }
            started.elapsed().as_nanos() as f64
        };
        // Pads not drawn let their kept buffer and tile go.
        for (i, pad) in state.pads.iter().enumerate() {
            let drawn = state
                .draws
                .iter()
                .any(|d| d.pad == i && d.picture.is_some());
            if !drawn && let Some(conv) = pad.imp().state.lock().unwrap().converter.as_mut() {
                conv.cache.clear();
            }
        }
        state.draw_ns = if state.draw_ns == 0.0 {
            serial_ns
        } else {
            0.9 * state.draw_ns + 0.1 * serial_ns
        };

        if settings.speaker_highlight && !state.highlights.is_empty() {
            let accent = state.accent_yuv;
            let width = layout::highlight_width(out_info.width(), out_info.height());
            for tile in &state.highlights {
                for edge in layout::highlight_border(*tile, width) {
                    fill_i420(&mut frame, &edge, &accent);
                }
            }
        }

        let mut canvas = Canvas::of(&mut frame);
        for (rect, overlay) in &state.overlays {
            let blended = canvas
                .view(*rect)
                .and_then(|mut view| overlay.blend(&mut view).map_err(|e| e.to_string()));
            if let Err(err) = blended {
                gst::warning!(
                    CAT,
                    imp = self,
                    "could not blend a label at {rect:?}: {err}"
                );
            }
        }

        Ok(gst::FlowSuccess::Ok)
    }
}

impl LayoutCompositor {
    /// `layout-template`: parsed now; a bad one is a WARNING naming the field
    /// (the layout keeps the template it had) and fails the start with
    /// layout=custom.
    fn set_template(&self, source: Option<String>) {
        let parsed = source.as_deref().map(TemplateSetting::load);
        if let Some(Err(e)) = &parsed {
            gst::element_imp_warning!(self, gst::LibraryError::Settings, ("{e}"));
        }
        let good = match &parsed {
            Some(Ok(t)) => Some(Some(t.clone())),
            None => Some(None),
            Some(Err(_)) => None,
        };
        *self.template.lock().unwrap() = TemplateSetting { source, parsed };
        if let Some(t) = good {
            self.state.lock().unwrap().engine.set_template(t);
        }
    }

    /// Scales one participant's current frame straight into its tile;
    /// false when there turned out to be no frame to draw.
    fn draw_picture(
        &self,
        token: &gst_video::subclass::AggregateFramesToken,
        pad: &LayoutCompositorPad,
        current: &Current,
        picture: Picture,
        target: Target,
        canvas: &mut Canvas,
    ) -> Result<bool, gst::FlowError> {
        let Picture { crop, dest } = picture;
        if dest.is_empty() || crop.is_empty() {
            return Ok(true);
        }
        let Some(source) = SourceFrame::of(token, pad, current) else {
            return Ok(false);
        };
        let mut pstate = pad.imp().state.lock().unwrap();
        let conv =
            source.with(|frame| self.converter(pad, &mut pstate, frame.info(), target, picture))?;
        run_engine(conv, &source, crop, canvas, dest).map_err(|err| self.draw_failed(pad, &err))?;
        Ok(true)
    }

    /// Draws the pictures with one thread per band of rows (`layout::bands`:
    /// the pictures do not overlap, so each draw's fills are inside its own
    /// tile and go first). Returns the threads' summed drawing time (ns):
    /// what one thread would have taken.
    fn draw_in_bands(
        &self,
        token: &gst_video::subclass::AggregateFramesToken,
        state: &State,
        bands: &[layout::Band],
        target: Target,
        frame: &mut gst_video::VideoFrameRef<&mut gst::BufferRef>,
    ) -> Result<f64, gst::FlowError> {
        for (rect, yuv, _) in state.fills.iter().filter(|f| f.2.is_some()) {
            fill_i420(frame, rect, yuv);
        }
        // Frames and converters are got on this thread (the pads' states
        // locked in draw order: only this thread ever holds more than one).
        let mut jobs = Vec::new();
        for (k, d) in state.draws.iter().enumerate() {
            let Some(picture) = d.picture else {
                continue;
            };
            if picture.dest.is_empty() || picture.crop.is_empty() {
                continue;
            }
            let pad = &state.pads[d.pad];
            match SourceFrame::of(token, pad, &state.current[d.pad]) {
                Some(source) => jobs.push((k, source, picture)),
                None => {
                    gst::warning!(CAT, obj = pad, "could not map the frame to draw");
                    fill_i420(frame, &picture.dest, &state.tile_yuv);
                }
            }
        }
        let pad_of = |k: usize| &state.pads[state.draws[k].pad];
        let mut guards: Vec<_> = jobs
            .iter()
            .map(|(k, _, _)| pad_of(*k).imp().state.lock().unwrap())
            .collect();
        let mut work: Vec<Vec<_>> = bands.iter().map(|_| Vec::new()).collect();
        for ((k, source, picture), guard) in jobs.iter().zip(guards.iter_mut()) {
            let pad = pad_of(*k);
            let conv = source.with(|f| self.converter(pad, guard, f.info(), target, *picture))?;
            let Some(band) = bands.iter().position(|b| b.members.contains(k)) else {
                return Err(self.draw_failed(pad, "its tile is in no band of rows"));
            };
            work[band].push((*k, source, *picture, conv));
        }
        let mut canvases = Vec::with_capacity(bands.len());
        let mut rest = Canvas::of(frame);
        for band in &bands[1..] {
            let (upper, lower) = rest.split(band.top);
            canvases.push(upper);
            rest = lower;
        }
        canvases.push(rest);
        let run = |work: Vec<(usize, &SourceFrame, Picture, &mut Converter)>,
                   mut canvas: Canvas| {
            let started = std::time::Instant::now();
            for (k, source, Picture { crop, dest }, conv) in work {
                run_engine(conv, source, crop, &mut canvas, dest).map_err(|err| (k, err))?;
            }
            Ok::<f64, (usize, String)>(started.elapsed().as_nanos() as f64)
        };
        let results = std::thread::scope(|s| {
            let mut bands = work.into_iter().zip(canvases);
            let (work, canvas) = bands.next().expect("two bands or more");
            let others: Vec<_> = bands
                .map(|(work, canvas)| s.spawn(move || run(work, canvas)))
                .collect();
            let mut results = vec![run(work, canvas)];
            results.extend(others.into_iter().map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err((usize::MAX, "a drawing thread panicked".into())))
            }));
            results
        });
        let mut serial_ns = 0.0;
        for result in results {
            match result {
                Ok(ns) => serial_ns += ns,
                Err((k, err)) if k < state.draws.len() => {
                    return Err(self.draw_failed(pad_of(k), &err));
                }
                Err((_, err)) => {
                    gst::element_imp_error!(self, gst::CoreError::Failed, ("{err}"));
                    return Err(gst::FlowError::Error);
                }
            }
        }
        Ok(serial_ns)
    }

    /// Posts that `pad`'s picture could not be scaled into its tile.
    fn draw_failed(&self, pad: &LayoutCompositorPad, err: &str) -> gst::FlowError {
        gst::element_imp_error!(
            self,
            gst::CoreError::Failed,
            (
                "{} could not be scaled into its tile: {err}",
                describe_pad(pad)
            )
        );
        gst::FlowError::Error
    }

    /// The pad's converter for `crop` of its `input` into `dest`, built
    /// again only when something it depends on changed.
    fn converter<'p>(
        &self,
        pad: &LayoutCompositorPad,
        pstate: &'p mut super::pad::PadState,
        input: &gst_video::VideoInfo,
        Target {
            info: out_info,
            method,
        }: Target,
        Picture { crop, dest }: Picture,
    ) -> Result<&'p mut Converter, gst::FlowError> {
        // The converter depends on the tile's size, not on where the tile is.
        let stale = pstate.converter.as_ref().is_none_or(|c| {
            c.crop != crop
                || c.method != method
                || (c.dest.w, c.dest.h) != (dest.w, dest.h)
                || &c.in_info != input
                || &c.out_info != out_info
        });
        if stale {
            let tile_info = tile_info(out_info, dest, input.fps()).map_err(|err| {
                gst::element_imp_error!(
                    self,
                    gst::CoreError::Negotiation,
                    ("Bad tile {dest:?}: {err}")
                );
                gst::FlowError::NotNegotiated
            })?;
            let engine =
                if let Some((chroma, filter)) = planes_fit(input, out_info, crop, dest, method) {
                    let scaler = crate::scale::I420Scaler::with_source(
                        chroma,
                        filter,
                        (crop.w as usize, crop.h as usize),
                        (dest.w as usize, dest.h as usize),
                    )
                    .map_err(|err| {
                        gst::element_imp_error!(
                            self,
                            gst::CoreError::Negotiation,
                            (
                                "{} cannot be scaled into its tile: {err}",
                                describe_pad(pad)
                            )
                        );
                        gst::FlowError::NotNegotiated
                    })?;
                    Engine::Planes(Box::new(scaler))
                } else {
                    let mut config = gst_video::VideoConverterConfig::new();
                    config.set_src_x(crop.x as i32);
                    config.set_src_y(crop.y as i32);
                    config.set_src_width(Some(crop.w as i32));
                    config.set_src_height(Some(crop.h as i32));
                    config.set_resampler_method(method.into());
                    if method == ScalingMethod::Cubic {
                        // Catmull-Rom, as `crate::scale`'s cubic (the
                        // converter's default is Mitchell-Netravali).
                        config.set("GstVideoResampler.cubic-b", 0.0f64);
                        config.set("GstVideoResampler.cubic-c", 0.5f64);
                    }
                    let converter = gst_video::VideoConverter::new(input, &tile_info, Some(config))
                        .map_err(|err| {
                            gst::element_imp_error!(
                                self,
                                gst::CoreError::Negotiation,
                                (
                                    "{} cannot be converted into its tile: {err}",
                                    describe_pad(pad)
                                ),
                                ["from {:?} to {:?}", input, tile_info]
                            );
                            gst::FlowError::NotNegotiated
                        })?;
                    Engine::Gst(converter)
                };
            gst::debug!(
                CAT,
                obj = pad,
                "{} {crop:?} -> {dest:?}",
                match engine {
                    Engine::Gst(_) => "converter",
                    Engine::Planes(_) => "plane scaler",
                }
            );
            pstate.converter = Some(Converter {
                in_info: input.clone(),
                out_info: out_info.clone(),
                crop,
                dest,
                method,
                engine,
                cache: Default::default(),
            });
        }
        Ok(pstate.converter.as_mut().expect("just built"))
    }

    /// Recomputes the background/tile fills and the label overlay after a
    /// layout, size, theme or name change. Not run on steady frames.
    fn rebuild_scene(
        &self,
        state: &mut State,
        out_info: &gst_video::VideoInfo,
        palette: layout::Palette,
    ) {
        let (width, height) = (out_info.width(), out_info.height());
        let matrix = out_info.colorimetry().matrix();
        let (kr, kb) = matrix.kr_kb().unwrap_or((0.2126, 0.0722));
        let full = out_info.colorimetry().range() == gst_video::VideoColorRange::Range0_255;
        let bg = layout::rgb_to_yuv(palette.background, kr, kb, full);
        let tile_yuv = layout::rgb_to_yuv(palette.tile, kr, kb, full);
        state.tile_yuv = tile_yuv;
        state.accent_yuv = layout::rgb_to_yuv(palette.accent, kr, kb, full);

        state.fills.clear();
        let canvas = Rect::new(0, 0, width, height);
        let tiles: Vec<Rect> = state.draws.iter().map(|d| d.tile).collect();
        let mut rects = Vec::new();
        layout::uncovered(canvas, &tiles, &mut rects);
        state.fills.extend(rects.drain(..).map(|r| (r, bg, None)));
        for (k, d) in state.draws.iter().enumerate() {
            let covered: &[Rect] = match &d.picture {
                Some(p) => std::slice::from_ref(&p.dest),
                None => &[],
            };
            layout::uncovered(d.tile, covered, &mut rects);
            state
                .fills
                .extend(rects.drain(..).map(|r| (r, tile_yuv, Some(k))));
        }

        // Labels and placeholder initials.
        state.text.begin();
        state.overlays.clear();
        for d in &state.draws {
            let name = state.pads[d.pad].imp().participant_name();
            if d.picture.is_none() {
                let key = Key {
                    kind: Kind::Initials {
                        tile_w: d.tile.w,
                        tile_h: d.tile.h,
                    },
                    text: layout::initials(&name),
                    text_rgb: palette.text,
                };
                if let Some(r) = state.text.get(key) {
                    push_overlay(&mut state.overlays, canvas, r.place(d.tile), &r);
                }
            }
            if let Some(band) = d.label
                && !name.is_empty()
            {
                let key = Key {
                    kind: Kind::Label {
                        max_w: band.w,
                        h: band.h,
                        box_rgb: palette.background,
                    },
                    text: if d.screen {
                        format!("{name} (screen)")
                    } else {
                        name
                    },
                    text_rgb: palette.text,
                };
                if let Some(r) = state.text.get(key) {
                    push_overlay(&mut state.overlays, canvas, r.place(band), &r);
                }
            }
        }
        state.text.sweep();
        gst::debug!(
            CAT,
            imp = self,
            "scene rebuilt: {} tiles, {} fills, {} overlays",
            state.draws.len(),
            state.fills.len(),
            state.overlays.len()
        );
        state.scene = Some(Scene {
            width,
            height,
            palette,
            draws: state.draws.clone(),
        });
    }
}

fn push_overlay(
    overlays: &mut Vec<(Rect, gst_video::VideoOverlayComposition)>,
    canvas: Rect,
    place: Rect,
    rendered: &super::label::Rendered,
) {
    if canvas.contains_rect(&place) && !place.is_empty() {
        overlays.push((place, rendered.composition().clone()));
    }
}

/// `sink_1 (participant "alice", "Alice Liddell")`, for messages.
pub(crate) fn describe_pad(pad: &LayoutCompositorPad) -> String {
    let s = pad.imp().settings.lock().unwrap();
    match (&s.participant_id, &s.display_name) {
        (Some(id), Some(name)) => format!("{} (participant \"{id}\", \"{name}\")", pad.name()),
        (Some(id), None) => format!("{} (participant \"{id}\")", pad.name()),
        (None, Some(name)) => format!("{} (\"{name}\")", pad.name()),
        (None, None) => pad.name().to_string(),
    }
}

/// What the sink pads take: raw video in system memory, any size and rate, in
/// the formats the converter reads directly.
fn sink_caps() -> gst::Caps {
    gst_video::VideoCapsBuilder::new()
        .format_list(SINK_FORMATS.iter().copied())
        .build()
}

/// Why an input with `caps` cannot be composed, if it cannot (for bins that
/// check before linking, as `meetingrecorder` does).
pub(crate) fn check_input_caps(caps: &gst::Caps) -> Result<(), String> {
    check_sink_caps(&sink_caps(), caps)
}

/// Why caps cannot be composed, if they cannot.
fn check_sink_caps(templ: &gst::Caps, caps: &gst::Caps) -> Result<(), String> {
    if !caps.is_fixed() {
        return if caps.can_intersect(templ) {
            Ok(())
        } else {
            Err(format!("{caps} is not raw video in a supported format"))
        };
    }
    if !caps.is_subset(templ) {
        let s = caps
            .structure(0)
            .map(|s| s.name().to_string())
            .unwrap_or_default();
        if s != "video/x-raw"
            || caps
                .features(0)
                .is_some_and(|f| !f.is_equal(gst::CapsFeatures::new_empty().as_ref()))
        {
            return Err(format!("{caps} is not raw video in system memory"));
        }
        return Err(format!(
            "format {} is not supported (supported: {})",
            caps.structure(0)
                .and_then(|s| s.get::<&str>("format").ok())
                .unwrap_or("?"),
            SINK_FORMATS
                .iter()
                .map(|f| f.to_str().as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let info =
        gst_video::VideoInfo::from_caps(caps).map_err(|_| format!("{caps} is not valid video"))?;
    if info.is_interlaced() {
        return Err("interlaced video is not supported; deinterlace it first".into());
    }
    Ok(())
}

/// The I420 video info of one tile of the output (same colorimetry and siting).
/// The rate is the input's: the aggregator picks frames, the converter must not.
fn tile_info(
    out: &gst_video::VideoInfo,
    r: Rect,
    fps: gst::Fraction,
) -> Result<gst_video::VideoInfo, glib::BoolError> {
    gst_video::VideoInfo::builder(gst_video::VideoFormat::I420, r.w, r.h)
        .colorimetry(&out.colorimetry())
        .chroma_site(out.chroma_site())
        .par(out.par())
        .fps(fps)
        .build()
}

/// Whether `crate::scale` does this pad's scaling, how the input's chroma
/// is stored and with which filter: I420 or NV12 in, I420 out, the same
/// matrix and range (it does not convert colours), bilinear or cubic, and a
/// size change it wins at (`scale::worth_it`).
fn planes_fit(
    input: &gst_video::VideoInfo,
    output: &gst_video::VideoInfo,
    crop: Rect,
    dest: Rect,
    method: ScalingMethod,
) -> Option<(crate::scale::SourceChroma, crate::scale::Filter)> {
    use crate::scale::{Filter, SourceChroma};
    use gst_video::VideoFormat::{I420, Nv12};
    let chroma = match input.format() {
        I420 => SourceChroma::Planar,
        Nv12 => SourceChroma::Interleaved,
        _ => return None,
    };
    let filter = match method {
        ScalingMethod::Bilinear => Filter::Bilinear,
        ScalingMethod::Cubic => Filter::Cubic,
        _ => return None,
    };
    let (ci, co) = (input.colorimetry(), output.colorimetry());
    let fits = output.format() == I420
        && ci.matrix() == co.matrix()
        && ci.range() == co.range()
        && crate::scale::worth_it(
            chroma,
            filter,
            (crop.w as usize, crop.h as usize),
            (dest.w as usize, dest.h as usize),
        );
    fits.then_some((chroma, filter))
}

/// What a frame's pictures are drawn into, and how: the output's video info
/// and the scaling method, the same for every picture of the frame.
#[derive(Clone, Copy)]
struct Target<'a> {
    info: &'a gst_video::VideoInfo,
    method: ScalingMethod,
}

/// The frame a pad shows: the aggregator's prepared one, or one mapped here
/// (a kept picture, or a pad that was hidden last frame and has none
/// prepared), and its buffer.
struct SourceFrame<'t> {
    frame: Mapping<'t>,
    buffer: gst::Buffer,
}

enum Mapping<'t> {
    Prepared(gst_video::VideoFrameRef<&'t gst::BufferRef>),
    Mapped(gst_video::VideoFrame<gst_video::video_frame::Readable>),
}

impl<'t> SourceFrame<'t> {
    fn of(
        token: &'t gst_video::subclass::AggregateFramesToken,
        pad: &LayoutCompositorPad,
        current: &Current,
    ) -> Option<SourceFrame<'t>> {
        let map = |buffer: gst::Buffer, info: &gst_video::VideoInfo| {
            let frame = gst_video::VideoFrame::from_buffer_readable(buffer.clone(), info).ok()?;
            Some(SourceFrame {
                frame: Mapping::Mapped(frame),
                buffer,
            })
        };
        match (pad.prepared_frame(token), current) {
            (Some(f), Current::Picture) => Some(SourceFrame {
                frame: Mapping::Prepared(f),
                buffer: pad.current_buffer(token)?,
            }),
            (_, Current::Kept(buffer, info)) => map(buffer.clone(), info),
            _ => map(pad.current_buffer(token)?, &pad.video_info()?),
        }
    }

    fn with<R>(&self, f: impl FnOnce(&gst_video::VideoFrameRef<&gst::BufferRef>) -> R) -> R {
        match &self.frame {
            Mapping::Prepared(frame) => f(frame),
            Mapping::Mapped(frame) => f(&frame.as_video_frame_ref()),
        }
    }
}

/// Scales the `crop` of the source into the `dest` rectangle of the canvas
/// with the pad's engine, or pastes the tile kept from the same buffer.
fn run_engine(
    conv: &mut Converter,
    source: &SourceFrame,
    crop: Rect,
    canvas: &mut Canvas,
    dest: Rect,
) -> Result<(), String> {
    if conv.cache.paste(&source.buffer, canvas, dest)? {
        return Ok(());
    }
    source.with(|frame| match &mut conv.engine {
        Engine::Gst(converter) => {
            let mut tile = canvas.view(dest)?;
            converter.frame_ref(frame, &mut tile);
            Ok(())
        }
        Engine::Planes(scaler) => scale_planes(scaler, frame, crop, canvas, dest),
    })?;
    conv.cache.scaled(source.buffer.clone(), canvas, dest)
}

/// Scales the `crop` of an I420 or NV12 `frame` into the `dest` rectangle
/// of the I420 canvas, plane by plane.
fn scale_planes(
    scaler: &mut crate::scale::I420Scaler,
    frame: &gst_video::VideoFrameRef<&gst::BufferRef>,
    crop: Rect,
    canvas: &mut Canvas,
    dest: Rect,
) -> Result<(), String> {
    use crate::scale::{Plane, chroma_size};
    // The crop starts on a chroma sample: an odd origin (an aspect fill
    // crops 5 rows off a 720-row picture) moves up or left by one luma
    // line, which nobody sees, instead of halving a chroma row.
    let crop = Rect {
        x: crop.x & !1,
        y: crop.y & !1,
        ..crop
    };
    let part = |r: Rect, plane: usize| {
        let (x, y) = (r.x as usize, r.y as usize);
        let (w, h) = (r.w as usize, r.h as usize);
        if plane == 0 {
            (x, y, w, h)
        } else {
            let (cw, ch) = chroma_size(w, h);
            (x / 2, y / 2, cw, ch)
        }
    };
    // Bytes per sample of each source plane: NV12's second holds U,V pairs.
    let nv12 = frame.format() == gst_video::VideoFormat::Nv12;
    let source = |plane: usize| -> Result<Plane<'_>, String> {
        let (sx, sy, sw, sh) = part(crop, plane);
        let size = if nv12 && plane == 1 { 2 } else { 1 };
        let stride = frame.plane_stride()[plane] as usize;
        let data = frame.plane_data(plane as u32).map_err(|e| e.to_string())?;
        Ok(Plane {
            data: data
                .get(sy * stride + sx * size..)
                .ok_or("crop outside the picture")?,
            stride,
            width: sw,
            height: sh,
        })
    };
    let [ty, tu, tv] = canvas.planes(dest)?;
    scaler.scale_plane(0, source(0)?, ty)?;
    if nv12 {
        scaler.scale_pairs(source(1)?, tu, tv)
    } else {
        scaler.scale_plane(1, source(1)?, tu)?;
        scaler.scale_plane(2, source(2)?, tv)
    }
}

/// Fills a rectangle of an I420 frame with one colour.
fn fill_i420(frame: &mut gst_video::VideoFrameRef<&mut gst::BufferRef>, r: &Rect, yuv: &[u8; 3]) {
    if r.is_empty() {
        return;
    }
    let strides: [usize; 3] = {
        let s = frame.plane_stride();
        [s[0] as usize, s[1] as usize, s[2] as usize]
    };
    for (plane, (&value, &stride)) in yuv.iter().zip(strides.iter()).enumerate() {
        let (x0, y0, x1, y1) = if plane == 0 {
            (r.x, r.y, r.right(), r.bottom())
        } else {
            (
                r.x / 2,
                r.y / 2,
                r.right().div_ceil(2),
                r.bottom().div_ceil(2),
            )
        };
        let Ok(data) = frame.plane_data_mut(plane as u32) else {
            continue;
        };
        for row in y0..y1 {
            let start = row as usize * stride;
            data[start + x0 as usize..start + x1 as usize].fill(value);
        }
    }
}
