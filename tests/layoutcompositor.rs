// SPDX-License-Identifier: MPL-2.0
//! layoutcompositor in real pipelines: solid-colour participants in, decoded
//! RGB frames out, checked pixel by pixel where a viewer would look.

use gst::prelude::*;

mod common;
use common::init;
use gst_video::prelude::*;
use gstmeetrec::layout::template::{NEWS_DESK, PICTURE_IN_PICTURE as PIP};
use gstmeetrec::layout::{self, Rect, Rgb, Theme};

/// 25+ colours far apart from each other and from every theme colour.
fn palette(n: usize) -> Vec<Rgb> {
    let levels = [30u8, 100, 170, 240];
    let mut out = Vec::new();
    for r in levels {
        for g in levels {
            for b in levels {
                if r == g && g == b {
                    continue;
                }
                out.push(Rgb(r, g, b));
            }
        }
    }
    // Interleave so small counts get very different colours.
    let step = 7;
    (0..n).map(|i| out[(i * step) % out.len()]).collect()
}

fn close(a: [u8; 3], b: Rgb, tol: u8) -> bool {
    a[0].abs_diff(b.0) <= tol && a[1].abs_diff(b.1) <= tol && a[2].abs_diff(b.2) <= tol
}

struct Input {
    colour: Rgb,
    format: &'static str,
    width: u32,
    height: u32,
    fps: i32,
    num_buffers: i32,
}

impl Input {
    fn solid(colour: Rgb) -> Self {
        Input {
            colour,
            format: "I420",
            width: 320,
            height: 240,
            fps: 30,
            num_buffers: -1,
        }
    }
}

struct Comp {
    pipeline: gst::Pipeline,
    comp: gst::Element,
    sink: gst_app::AppSink,
    srcs: Vec<gst::Element>,
    width: u32,
    height: u32,
}

struct Frame {
    data: Vec<u8>,
    width: u32,
    pts: gst::ClockTime,
}

impl Frame {
    fn px(&self, x: u32, y: u32) -> [u8; 3] {
        let i = ((y * self.width + x) * 3) as usize;
        [self.data[i], self.data[i + 1], self.data[i + 2]]
    }
    fn at(&self, p: (u32, u32)) -> [u8; 3] {
        self.px(p.0, p.1)
    }
}

impl Comp {
    fn new(inputs: &[Input], props: &[(&str, &str)], width: u32, height: u32) -> Comp {
        init();
        let pipeline = gst::Pipeline::new();
        let comp = gst::ElementFactory::make("layoutcompositor")
            .build()
            .unwrap();
        for (k, v) in props {
            comp.set_property_from_str(k, v);
        }
        let outcaps = gst::ElementFactory::make("capsfilter")
            .property(
                "caps",
                gst::Caps::builder("video/x-raw")
                    .field("width", width as i32)
                    .field("height", height as i32)
                    .field("framerate", gst::Fraction::new(30, 1))
                    .build(),
            )
            .build()
            .unwrap();
        let convert = gst::ElementFactory::make("videoconvert").build().unwrap();
        let sink = gst_app::AppSink::builder()
            .caps(
                &gst::Caps::builder("video/x-raw")
                    .field("format", "RGB")
                    .build(),
            )
            .sync(false)
            .max_buffers(1)
            .build();
        pipeline
            .add_many([&comp, &outcaps, &convert, sink.upcast_ref()])
            .unwrap();
        gst::Element::link_many([&comp, &outcaps, &convert, sink.upcast_ref()]).unwrap();
        let mut c = Comp {
            pipeline,
            comp,
            sink,
            srcs: vec![],
            width,
            height,
        };
        for (i, input) in inputs.iter().enumerate() {
            c.add_input(input, &format!("P{i}"));
        }
        c
    }

    fn add_input(&mut self, input: &Input, name: &str) -> gst::Pad {
        let src = gst::ElementFactory::make("videotestsrc")
            .property_from_str("pattern", "solid-color")
            .property(
                "foreground-color",
                0xff00_0000u32
                    | (input.colour.0 as u32) << 16
                    | (input.colour.1 as u32) << 8
                    | input.colour.2 as u32,
            )
            .property("num-buffers", input.num_buffers)
            .build()
            .unwrap();
        let caps = gst::ElementFactory::make("capsfilter")
            .property(
                "caps",
                gst::Caps::builder("video/x-raw")
                    .field("format", input.format)
                    .field("width", input.width as i32)
                    .field("height", input.height as i32)
                    .field("framerate", gst::Fraction::new(input.fps, 1))
                    .build(),
            )
            .build()
            .unwrap();
        let bin = gst::Bin::new();
        bin.add_many([&src, &caps]).unwrap();
        src.link(&caps).unwrap();
        bin.add_pad(&gst::GhostPad::with_target(&caps.static_pad("src").unwrap()).unwrap())
            .unwrap();
        let bin = bin.upcast::<gst::Element>();
        self.pipeline.add(&bin).unwrap();
        let pad = self.comp.request_pad_simple("sink_%u").unwrap();
        pad.set_property("display-name", name);
        bin.static_pad("src").unwrap().link(&pad).unwrap();
        bin.sync_state_with_parent().unwrap();
        self.srcs.push(bin);
        pad
    }

    fn play(&self) {
        self.pipeline.set_state(gst::State::Playing).unwrap();
    }

    fn frame(&self) -> Frame {
        let sample = self
            .sink
            .try_pull_sample(gst::ClockTime::from_seconds(20))
            .unwrap_or_else(|| panic!("no frame: {:?}", self.bus_error()));
        let (data, w, h) = common::rgb_pixels(&sample);
        assert_eq!((w, h), (self.width, self.height));
        Frame {
            data,
            width: self.width,
            pts: sample.buffer().unwrap().pts().unwrap(),
        }
    }

    /// Skips frames so a change made now is surely in the next one.
    fn settle(&self) -> Frame {
        for _ in 0..3 {
            self.frame();
        }
        self.frame()
    }

    fn bus_error(&self) -> Option<String> {
        let bus = self.pipeline.bus().unwrap();
        while let Some(msg) = bus.pop() {
            if let gst::MessageView::Error(e) = msg.view() {
                return Some(format!("{} ({:?})", e.error(), e.debug()));
            }
        }
        None
    }

    fn layout_config(&self) -> layout::Config {
        let grid_size: u32 = self.comp.property("grid-size");
        let l = self
            .comp
            .property::<gstmeetrec::layoutcompositor::Layout>("layout");
        let o = self
            .comp
            .property::<gstmeetrec::layoutcompositor::Orientation>("orientation");
        layout::Config {
            layout: l.into(),
            priority: layout::Priority::Speaker,
            grid_size,
            orientation: o.into(),
            show_labels: false,
            speaker_hold_ns: 0,
            screen_share_layout: layout::ScreenShareLayout::Sidebar,
        }
    }
}

impl Drop for Comp {
    fn drop(&mut self) {
        let _ = self.pipeline.set_state(gst::State::Null);
    }
}

/// Where the layout puts `n` participants in join order (no one speaks).
fn expected_tiles(cfg: &layout::Config, n: usize, w: u32, h: u32) -> Vec<Rect> {
    common::layout_tiles(cfg, n, w, h, None)
}

/// A layoutcompositor without labels, as the harness tests use it.
fn unlabelled_compositor() -> gst::Element {
    gst::ElementFactory::make("layoutcompositor")
        .property("show-labels", false)
        .build()
        .unwrap()
}

/// The tiles of `n` participants in a `w`x`h` grid without labels (the
/// default layout), as the harness tests set the element up.
fn unlabelled_tiles(n: usize, w: u32, h: u32) -> Vec<Rect> {
    let cfg = layout::Config {
        show_labels: false,
        ..Default::default()
    };
    expected_tiles(&cfg, n, w, h)
}

fn theme_of(name: &str) -> Theme {
    match name {
        "dark" => Theme::Dark,
        "light" => Theme::Light,
        _ => Theme::Default,
    }
}

/// Every visible tile's centre shows its participant; gaps show the theme background.
fn check_picture(frame: &Frame, colours: &[Rgb], tiles: &[Rect], theme: Theme, ctx: &str) {
    for (i, r) in tiles.iter().enumerate() {
        let got = frame.at(r.centre());
        assert!(
            close(got, colours[i], 12),
            "{ctx}: tile {i} {r:?} centre {got:?}, want {:?}",
            colours[i]
        );
    }
    let bg = theme.palette().background;
    if tiles.len() >= 2 {
        // Top-left corner and the gap right of the first tile.
        assert!(
            close(frame.px(0, 0), bg, 6),
            "{ctx}: corner {:?} want {bg:?}",
            frame.px(0, 0)
        );
        let t = tiles[0];
        let gap_pt = if tiles[1].x > t.right() {
            ((t.right() + tiles[1].x) / 2, t.centre().1)
        } else {
            (t.centre().0, (t.bottom() + tiles[1].y) / 2)
        };
        assert!(
            close(frame.at(gap_pt), bg, 6),
            "{ctx}: gap {gap_pt:?} {:?} want {bg:?}",
            frame.at(gap_pt)
        );
    }
}

#[test]
fn grid_pixel_truth_all_counts_orientations_themes() {
    for (w, h, orientation) in [(640, 360, "landscape"), (360, 640, "portrait")] {
        for theme in ["default", "dark", "light"] {
            for n in [1usize, 2, 4, 9, 25] {
                let colours = palette(n);
                let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
                let gs = n.max(4).to_string();
                let c = Comp::new(
                    &inputs,
                    &[
                        ("layout", "grid"),
                        ("grid-size", &gs),
                        ("theme", theme),
                        ("orientation", orientation),
                        ("show-labels", "false"),
                    ],
                    w,
                    h,
                );
                c.play();
                let f = c.frame();
                let tiles = expected_tiles(&c.layout_config(), n, w, h);
                assert_eq!(tiles.len(), n);
                check_picture(
                    &f,
                    &colours,
                    &tiles,
                    theme_of(theme),
                    &format!("grid {n} {orientation} {theme}"),
                );
                if n == 1 {
                    // One participant fills the canvas: corners are the participant.
                    assert!(close(f.px(0, 0), colours[0], 12));
                    assert!(close(f.px(w - 1, h - 1), colours[0], 12));
                }
            }
        }
    }
}

#[test]
fn grid_of_four_hand_checked() {
    let colours = palette(4);
    let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
    let c = Comp::new(&inputs, &[("show-labels", "false")], 1280, 720);
    c.play();
    let f = c.frame();
    // 2x2, join order, row-major.
    for (i, p) in [(320, 180), (960, 180), (320, 540), (960, 540)]
        .into_iter()
        .enumerate()
    {
        assert!(
            close(f.at(p), colours[i], 12),
            "tile {i} at {p:?}: {:?}",
            f.at(p)
        );
    }
    // The centre cross is the gap (default theme: black).
    assert!(close(f.px(640, 360), Rgb(0, 0, 0), 6));
}

#[test]
fn every_scaling_method_fills_the_tiles() {
    let colours = palette(4);
    let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
    for method in ["nearest", "bilinear", "cubic", "lanczos"] {
        let c = Comp::new(
            &inputs,
            &[("show-labels", "false"), ("scaling-method", method)],
            640,
            360,
        );
        c.play();
        let f = c.frame();
        let tiles = expected_tiles(&c.layout_config(), 4, 640, 360);
        check_picture(&f, &colours, &tiles, Theme::Default, method);
    }
}

#[test]
fn spotlight_and_sidebar_both_orientations() {
    for (w, h, orientation) in [(640, 360, "landscape"), (360, 640, "portrait")] {
        for theme in ["default", "dark", "light"] {
            for l in ["spotlight", "sidebar"] {
                let colours = palette(4);
                let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
                let c = Comp::new(
                    &inputs,
                    &[
                        ("layout", l),
                        ("theme", theme),
                        ("orientation", orientation),
                        ("show-labels", "false"),
                    ],
                    w,
                    h,
                );
                c.play();
                let f = c.frame();
                let tiles = expected_tiles(&c.layout_config(), 4, w, h);
                let ctx = format!("{l} {orientation} {theme}");
                check_picture(&f, &colours, &tiles, theme_of(theme), &ctx);
                if l == "spotlight" {
                    assert_eq!(tiles, vec![Rect::new(0, 0, w, h)]);
                    assert!(close(f.px(1, 1), colours[0], 12), "{ctx}");
                } else {
                    // Main area larger; the strip right (landscape) or below (portrait).
                    assert_eq!(tiles.len(), 4);
                    if orientation == "landscape" {
                        assert!(tiles[1].x > tiles[0].right());
                    } else {
                        assert!(tiles[1].y > tiles[0].bottom());
                    }
                }
            }
        }
    }
}

#[test]
fn speaker_priority_follows_audio_level_after_the_hold() {
    let colours = palette(3);
    let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
    // Hold of 1 s of stream time.
    let c = Comp::new(
        &inputs,
        &[
            ("layout", "spotlight"),
            ("speaker-hold", "1000000000"),
            ("show-labels", "false"),
        ],
        320,
        180,
    );
    c.play();
    let f = c.frame();
    assert!(
        close(f.px(160, 90), colours[0], 12),
        "first joiner at first"
    );
    let pad = c.comp.static_pad("sink_2").unwrap();
    let start = c.settle().pts;
    pad.set_property("audio-level", -12.0f64);
    // Before the hold has passed: still participant 0.
    let mut f = c.frame();
    while f.pts < start + gst::ClockTime::from_mseconds(800) {
        assert!(
            close(f.px(160, 90), colours[0], 12),
            "switched too early at {}",
            f.pts
        );
        f = c.frame();
    }
    // After it (and a few frames of pipeline slack): participant 2.
    while f.pts < start + gst::ClockTime::from_mseconds(1300) {
        f = c.frame();
    }
    assert!(
        close(f.px(160, 90), colours[2], 12),
        "speaker not in the spotlight at {}",
        f.pts
    );

    // Silence keeps them; another speaker with no hold takes over at once.
    pad.set_property("audio-level", -200.0f64);
    c.comp.set_property("speaker-hold", 0u64);
    c.comp
        .static_pad("sink_1")
        .unwrap()
        .set_property("audio-level", -20.0f64);
    let f = c.settle();
    assert!(close(f.px(160, 90), colours[1], 12));
    // Grid: the speaker first, the previous speaker second.
    c.comp.set_property_from_str("layout", "grid");
    let f = c.settle();
    let tiles = expected_tiles(&c.layout_config(), 3, 320, 180);
    assert!(close(f.at(tiles[0].centre()), colours[1], 12));
    assert!(close(f.at(tiles[1].centre()), colours[2], 12));
    assert!(close(f.at(tiles[2].centre()), colours[0], 12));
}

#[test]
fn pin_priority_puts_pinned_first() {
    let colours = palette(4);
    let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
    let c = Comp::new(
        &inputs,
        &[("priority", "PIN"), ("show-labels", "false")],
        640,
        360,
    );
    c.play();
    c.frame();
    c.comp
        .static_pad("sink_3")
        .unwrap()
        .set_property("pinned", true);
    let f = c.settle();
    let tiles = expected_tiles(&c.layout_config(), 4, 640, 360);
    for (slot, who) in [3, 0, 1, 2].into_iter().enumerate() {
        assert!(
            close(f.at(tiles[slot].centre()), colours[who], 12),
            "slot {slot}"
        );
    }
    // A speaker does not overtake a pin, but leads the unpinned.
    c.comp.set_property("speaker-hold", 0u64);
    c.comp
        .static_pad("sink_2")
        .unwrap()
        .set_property("audio-level", -10.0f64);
    let f = c.settle();
    for (slot, who) in [3, 2, 0, 1].into_iter().enumerate() {
        assert!(
            close(f.at(tiles[slot].centre()), colours[who], 12),
            "slot {slot}"
        );
    }
}

#[test]
fn layout_theme_and_pads_change_while_playing() {
    let colours = palette(3);
    let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
    let mut c = Comp::new(&inputs, &[("show-labels", "false")], 640, 360);
    c.play();
    let f = c.frame();
    let grid3 = expected_tiles(&c.layout_config(), 3, 640, 360);
    check_picture(&f, &colours, &grid3, Theme::Default, "start");

    c.comp.set_property_from_str("theme", "LIGHT");
    c.comp.set_property_from_str("layout", "SIDEBAR");
    let f = c.settle();
    let side = expected_tiles(&c.layout_config(), 3, 640, 360);
    check_picture(&f, &colours, &side, Theme::Light, "sidebar light");

    // A participant leaves: its pad goes, the others re-flow. The pad first:
    // releasing it flushes it, which lets go of their source's thread, blocked
    // in it while nobody pulls a frame (appsink holds one); stopping the
    // source first waited for that thread forever (seen under CI load).
    let pad = c.comp.static_pad("sink_1").unwrap();
    let src = c.srcs.remove(1);
    c.comp.release_request_pad(&pad);
    src.set_state(gst::State::Null).unwrap();
    c.pipeline.remove(&src).unwrap();
    c.comp.set_property_from_str("layout", "grid");
    let f = c.settle();
    let grid2 = expected_tiles(&c.layout_config(), 2, 640, 360);
    check_picture(
        &f,
        &[colours[0], colours[2]],
        &grid2,
        Theme::Light,
        "after leave",
    );

    // Someone joins mid-stream.
    let newcomer = Rgb(240, 30, 100);
    c.add_input(&Input::solid(newcomer), "late");
    let f = c.settle();
    let grid3 = expected_tiles(&c.layout_config(), 3, 640, 360);
    check_picture(
        &f,
        &[colours[0], colours[2], newcomer],
        &grid3,
        Theme::Light,
        "after join",
    );
    assert!(c.bus_error().is_none());
}

#[test]
fn placeholder_for_inactive_and_ended_video() {
    let colours = palette(3);
    let mut inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
    inputs[2].num_buffers = 3; // this participant's video ends
    let c = Comp::new(
        &inputs,
        &[("theme", "dark"), ("show-labels", "false")],
        640,
        360,
    );
    c.comp
        .static_pad("sink_1")
        .unwrap()
        .set_property("video-active", false);
    c.comp
        .static_pad("sink_1")
        .unwrap()
        .set_property("display-name", "Ada Lovelace");
    c.play();
    let tiles = expected_tiles(&c.layout_config(), 3, 640, 360);
    let tile_colour = Theme::Dark.palette().tile;
    let mut f = c.frame();
    for _ in 0..10 {
        f = c.frame();
    }
    assert!(close(f.at(tiles[0].centre()), colours[0], 12));
    // Placeholder: tile colour away from the initials, the initials (white) in the middle.
    let t1 = tiles[1];
    assert!(
        close(f.px(t1.x + 4, t1.y + 4), tile_colour, 6),
        "{:?}",
        f.px(t1.x + 4, t1.y + 4)
    );
    let mid_row: Vec<[u8; 3]> = (t1.x..t1.right()).map(|x| f.px(x, t1.centre().1)).collect();
    assert!(
        mid_row.iter().any(|p| p.iter().all(|&v| v > 200)),
        "initials drawn"
    );
    // Ended stream: placeholder too.
    let t2 = tiles[2];
    assert!(
        close(f.px(t2.x + 4, t2.y + 4), tile_colour, 6),
        "ended: {:?}",
        f.px(t2.x + 4, t2.y + 4)
    );
}

#[test]
fn labels_on_and_off() {
    let colours = [Rgb(30, 170, 240), Rgb(240, 100, 30)];
    let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
    let c = Comp::new(&inputs, &[], 640, 360);
    c.play();
    let f = c.frame();
    let tiles = expected_tiles(&c.layout_config(), 2, 640, 360);
    let band = layout::label_rect(tiles[0]).unwrap();
    let inside_box = (band.x + band.h / 2, band.y + band.h / 2 - band.h / 4);
    assert!(
        !close(f.at(inside_box), colours[0], 12),
        "label drawn: {:?}",
        f.at(inside_box)
    );
    assert!(close(f.at(tiles[0].centre()), colours[0], 12));
    c.comp.set_property("show-labels", false);
    let f = c.settle();
    assert!(
        close(f.at(inside_box), colours[0], 12),
        "no label: {:?}",
        f.at(inside_box)
    );
}

#[test]
fn any_input_format_size_and_rate() {
    let cases = [
        ("RGBA", 640, 480, 30),
        ("NV12", 1280, 720, 60),
        ("YUY2", 176, 144, 15),
        ("BGRx", 720, 1280, 25),
    ];
    let colours = palette(cases.len());
    let inputs: Vec<Input> = cases
        .iter()
        .zip(&colours)
        .map(|(&(format, width, height, fps), &colour)| Input {
            colour,
            format,
            width,
            height,
            fps,
            num_buffers: -1,
        })
        .collect();
    for fit in ["cover", "contain"] {
        let c = Comp::new(
            &inputs,
            &[("show-labels", "false"), ("tile-fit", fit)],
            640,
            360,
        );
        c.play();
        let f = c.settle();
        let tiles = expected_tiles(&c.layout_config(), 4, 640, 360);
        check_picture(&f, &colours, &tiles, Theme::Default, fit);
        if fit == "contain" {
            // The portrait input is letterboxed: tile colour at its tile's left edge.
            let t = tiles[3];
            assert!(close(
                f.px(t.x + 2, t.centre().1),
                Theme::Default.palette().tile,
                6
            ));
        }
    }
}

#[test]
fn unsupported_caps_fail_with_an_error_naming_the_participant() {
    init();
    let pipeline = gst::parse::launch(
        "appsrc name=src caps=video/x-raw,format=GRAY16_LE,width=64,height=64,framerate=30/1 ! \
         layoutcompositor name=c ! fakesink",
    )
    .unwrap()
    .downcast::<gst::Pipeline>()
    .unwrap();
    let comp = pipeline.by_name("c").unwrap();
    let pad = comp.static_pad("sink_0").unwrap();
    pad.set_property("participant-id", "alice");
    pipeline.set_state(gst::State::Playing).unwrap();
    let src = pipeline
        .by_name("src")
        .unwrap()
        .downcast::<gst_app::AppSrc>()
        .unwrap();
    let _ = src.push_buffer(gst::Buffer::with_size(64 * 64 * 2).unwrap());
    let bus = pipeline.bus().unwrap();
    let msg = bus
        .timed_pop_filtered(gst::ClockTime::from_seconds(10), &[gst::MessageType::Error])
        .expect("an error");
    let gst::MessageView::Error(e) = msg.view() else {
        unreachable!()
    };
    let text = e.error().to_string();
    assert_eq!(msg.src().unwrap().name(), "c", "{text}");
    assert!(
        text.contains("sink_0") && text.contains("alice") && text.contains("GRAY16_LE"),
        "{text}"
    );
    pipeline.set_state(gst::State::Null).unwrap();
}

#[test]
fn nonsense_property_values_are_refused() {
    init();
    // VideoSDK spellings work.
    let c = gst::parse::launch(
        "layoutcompositor layout=SPOTLIGHT priority=PIN theme=DARK orientation=portrait",
    )
    .unwrap();
    assert_eq!(
        c.property::<gstmeetrec::layoutcompositor::Layout>("layout"),
        gstmeetrec::layoutcompositor::Layout::Spotlight
    );
    assert_eq!(
        c.property::<gstmeetrec::layoutcompositor::Theme>("theme"),
        gstmeetrec::layoutcompositor::Theme::Dark
    );
    // Out of range, as gst-launch users write it: GLib refuses with a warning
    // ("value ... is invalid or out of range for property 'grid-size'") and the
    // value stays the default.
    for bad in ["0", "26", "-3"] {
        let c = gst::parse::launch(&format!("layoutcompositor grid-size={bad}")).unwrap();
        assert_eq!(c.property::<u32>("grid-size"), 4, "grid-size={bad} refused");
    }
    let c = gst::parse::launch("layoutcompositor grid-size=9 speaker-hold=99999999999999").unwrap();
    assert_eq!(c.property::<u32>("grid-size"), 9);
    assert_eq!(
        c.property::<u64>("speaker-hold"),
        1_500_000_000,
        "hold above 60 s refused"
    );
    // Unknown enum strings do not parse.
    assert!(gst::parse::launch("layoutcompositor layout=mosaic").is_err());
}

#[test]
fn unconstrained_output_defaults_follow_orientation() {
    init();
    for (o, w, h) in [("landscape", 1280, 720), ("portrait", 720, 1280)] {
        let p = gst::parse::launch(&format!(
            "videotestsrc num-buffers=2 ! video/x-raw,format=I420,width=320,height=240 ! \
             layoutcompositor orientation={o} ! appsink name=s sync=false"
        ))
        .unwrap()
        .downcast::<gst::Pipeline>()
        .unwrap();
        let sink = p
            .by_name("s")
            .unwrap()
            .downcast::<gst_app::AppSink>()
            .unwrap();
        p.set_state(gst::State::Playing).unwrap();
        let sample = sink
            .try_pull_sample(gst::ClockTime::from_seconds(10))
            .unwrap();
        let info = gst_video::VideoInfo::from_caps(sample.caps().unwrap()).unwrap();
        assert_eq!(
            (info.width(), info.height(), info.fps()),
            (w, h, gst::Fraction::new(30, 1))
        );
        assert_eq!(info.format(), gst_video::VideoFormat::I420);
        p.set_state(gst::State::Null).unwrap();
    }
}

/// Y of the I420 frame at (x, y).
fn luma(buffer: &gst::BufferRef, info: &gst_video::VideoInfo, x: u32, y: u32) -> u8 {
    let frame = gst_video::VideoFrameRef::from_buffer_ref_readable(buffer, info).unwrap();
    let stride = frame.plane_stride()[0] as usize;
    frame.plane_data(0).unwrap()[y as usize * stride + x as usize]
}

/// Two participants on one layoutcompositor, each fed by a harness (live,
/// with a test clock): 64x64 I420 in, 128x64 out, labels off.
fn two_participants() -> (gst_check::Harness, gst_check::Harness) {
    init();
    let comp = unlabelled_compositor();
    let mut h0 = gst_check::Harness::with_element(&comp, Some("sink_%u"), Some("src"));
    let mut h1 = gst_check::Harness::with_element(&comp, Some("sink_%u"), None);
    let in_caps = "video/x-raw,format=I420,width=64,height=64,framerate=30/1";
    h0.set_src_caps_str(in_caps);
    h1.set_src_caps_str(in_caps);
    h0.set_sink_caps_str("video/x-raw,format=I420,width=128,height=64,framerate=30/1");
    (h0, h1)
}

/// A 64x64 I420 frame of one grey level, at time 0 for 33 ms.
fn flat_frame(y_value: u8) -> gst::Buffer {
    let mut buf = gst::Buffer::with_size(64 * 64 * 3 / 2).unwrap();
    {
        let b = buf.get_mut().unwrap();
        b.set_pts(gst::ClockTime::ZERO);
        b.set_duration(gst::ClockTime::from_mseconds(33));
        let mut map = b.map_writable().unwrap();
        let (y, uv) = map.split_at_mut(64 * 64);
        y.fill(y_value);
        uv.fill(128);
    }
    buf
}

/// The first composed frame (cranking the clock if the aggregator waits for
/// it), its video info and the two tiles.
fn first_output(h0: &mut gst_check::Harness) -> (gst::Buffer, gst_video::VideoInfo, Vec<Rect>) {
    let out = h0.try_pull().unwrap_or_else(|| {
        h0.crank_single_clock_wait().unwrap();
        h0.pull().unwrap()
    });
    let out_info =
        gst_video::VideoInfo::from_caps(&h0.sinkpad().unwrap().current_caps().unwrap()).unwrap();
    let tiles = unlabelled_tiles(2, 128, 64);
    (out, out_info, tiles)
}

#[test]
fn harness_live_participant_without_video_yet_is_a_placeholder() {
    let (mut h0, _h1) = two_participants();
    // Participant 0 sends a white frame; participant 1 sends nothing at all.
    // The aggregator waits on the clock for the silent pad, then times out.
    assert_eq!(h0.push(flat_frame(235)), Ok(gst::FlowSuccess::Ok));
    let (out, out_info, tiles) = first_output(&mut h0);
    let (x0, y0) = tiles[0].centre();
    let (x1, y1) = tiles[1].centre();
    assert_eq!(
        luma(&out, &out_info, x0, y0),
        235,
        "participant 0's picture"
    );
    // Default theme placeholder #202020 -> Y 43 (limited range), exactly.
    assert_eq!(
        luma(&out, &out_info, x1, y1),
        43,
        "placeholder for the silent participant"
    );
    // Gap between them: background #000000 -> Y 16.
    assert_eq!(luma(&out, &out_info, tiles[0].right() + 1, y0), 16);
}

/// What reached each compositor pad's queue (after the element's own probe):
/// pictures and gaps.
#[derive(Default, Clone, Copy, Debug)]
struct Seen {
    pictures: u32,
    gaps: u32,
}

#[test]
fn hidden_participants_frames_are_let_go_and_switches_never_flash() {
    let n = 6;
    let colours = palette(n);
    let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
    let c = Comp::new(
        &inputs,
        &[
            ("grid-size", "4"),
            ("speaker-hold", "0"),
            ("show-labels", "false"),
        ],
        320,
        180,
    );
    let seen = std::sync::Arc::new(std::sync::Mutex::new(vec![Seen::default(); n]));
    let pads: Vec<gst::Pad> = (0..n)
        .map(|i| c.comp.static_pad(&format!("sink_{i}")).unwrap())
        .collect();
    for (i, pad) in pads.iter().enumerate() {
        let seen = seen.clone();
        pad.add_probe(gst::PadProbeType::BUFFER, move |_, info| {
            let b = info.buffer().unwrap();
            let mut s = seen.lock().unwrap();
            if b.size() == 0 && b.flags().contains(gst::BufferFlags::GAP) {
                s[i].gaps += 1;
            } else {
                s[i].pictures += 1;
            }
            gst::PadProbeReturn::Ok
        });
    }
    c.play();
    let cfg = c.layout_config();
    let tiles = expected_tiles(&cfg, n, 320, 180);
    assert_eq!(tiles.len(), 4);
    let tile_colour = Theme::Default.palette().tile;
    let bg = Theme::Default.palette().background;
    let frames = |count: usize, what: &str| -> Frame {
        let mut last = None;
        for k in 0..count {
            let f = c.frame();
            for (t, r) in tiles.iter().enumerate() {
                let got = f.at(r.centre());
                assert!(
                    colours.iter().any(|&col| close(got, col, 12)),
                    "{what}, frame {k} at {}: tile {t} shows {got:?}, no participant \
                     (tile colour {tile_colour:?}, background {bg:?})",
                    f.pts
                );
            }
            last = Some(f);
        }
        last.unwrap()
    };

    // Join order: 0..3 shown, 4 and 5 hidden. Once the first layout is made, the
    // hidden ones' pictures are let go before they are queued (a few went in
    // before it); the shown ones' never are.
    let f = frames(10, "start");
    check_picture(&f, &colours[..4], &tiles, Theme::Default, "start");
    let before = seen.lock().unwrap().clone();
    for i in 0..4 {
        assert_eq!(before[i].gaps, 0, "participant {i} is shown: {before:?}");
    }
    for i in 4..6 {
        assert!(
            before[i].gaps >= 5 && before[i].pictures < before[i].gaps,
            "participant {i} is hidden: {before:?}"
        );
    }

    // Hidden participants take the speaker's place, one after another: no frame
    // ever shows an empty tile, and each comes first once the switch is drawn.
    for (round, speaker) in [5usize, 4, 5, 0, 4].into_iter().enumerate() {
        for (i, pad) in pads.iter().enumerate() {
            let level = if i == speaker { -10.0f64 } else { -200.0 };
            pad.set_property("audio-level", level);
        }
        let f = frames(6, &format!("switch {round} to participant {speaker}"));
        assert!(
            close(f.at(tiles[0].centre()), colours[speaker], 12),
            "round {round}: speaker {speaker} not first: {:?}",
            f.at(tiles[0].centre())
        );
    }

    // Whoever is hidden now (4 of 6 shown) is let go, whoever is shown is not.
    let mark = seen.lock().unwrap().clone();
    let f = frames(10, "after the switches");
    let after = seen.lock().unwrap().clone();
    let shown: Vec<usize> = tiles
        .iter()
        .map(|r| {
            let got = f.at(r.centre());
            colours.iter().position(|&col| close(got, col, 12)).unwrap()
        })
        .collect();
    for i in 0..n {
        let gaps = after[i].gaps - mark[i].gaps;
        let pictures = after[i].pictures - mark[i].pictures;
        if shown.contains(&i) {
            assert_eq!(gaps, 0, "participant {i} shown ({shown:?}): {after:?}");
        } else {
            assert!(
                gaps >= 5 && pictures == 0,
                "participant {i} hidden ({shown:?}): {mark:?} -> {after:?}"
            );
        }
    }
}

#[test]
fn harness_gap_from_upstream_shows_the_placeholder() {
    let (mut h0, mut h1) = two_participants();
    // Participant 0 sends a white frame; participant 1 says it has nothing for
    // that time (a GAP event, as a live source with a hole sends).
    assert_eq!(h0.push(flat_frame(235)), Ok(gst::FlowSuccess::Ok));
    assert!(
        h1.push_event(
            gst::event::Gap::builder(gst::ClockTime::ZERO)
                .duration(gst::ClockTime::from_mseconds(33))
                .build()
        )
    );
    let (out, out_info, tiles) = first_output(&mut h0);
    let (x0, y0) = tiles[0].centre();
    let (x1, y1) = tiles[1].centre();
    assert_eq!(
        luma(&out, &out_info, x0, y0),
        235,
        "participant 0's picture"
    );
    // The whole tile is the placeholder (#202020 -> Y 43), not left unwritten.
    for (x, y) in [(x1, y1), (tiles[1].x + 1, tiles[1].y + 1)] {
        assert_eq!(luma(&out, &out_info, x, y), 43, "placeholder at ({x}, {y})");
    }
}

/// Three cameras and a shared screen (a 4:3 slide) in every layout and
/// orientation: the share takes the main place (spotlight: alone; grid: the
/// sidebar arrangement), letterboxed in the tile colour whatever `tile-fit`
/// says: the slide's corners are inside the output, not cropped away. (A
/// wide 4:1 slide, so the letterbox is plain in every tile.)
#[test]
fn a_screen_share_is_shown_first_and_never_cropped() {
    for (w, h, orientation) in [(640, 360, "landscape"), (360, 640, "portrait")] {
        for l in ["grid", "spotlight", "sidebar"] {
            let colours = palette(4);
            let inputs: Vec<Input> = colours[..3].iter().map(|&c| Input::solid(c)).collect();
            let mut c = Comp::new(
                &inputs,
                &[
                    ("layout", l),
                    ("orientation", orientation),
                    ("show-labels", "false"),
                    ("tile-fit", "cover"),
                ],
                w,
                h,
            );
            let slide = Input {
                width: 960,
                height: 240,
                ..Input::solid(colours[3])
            };
            let pad = c.add_input(&slide, "Slides");
            pad.set_property_from_str("source", "screen");
            c.play();
            let f = c.settle();
            // The layout's own answer for these four, the share joined last.
            let parts: Vec<layout::Participant> = (0..4)
                .map(|i| layout::Participant {
                    key: i,
                    pinned: false,
                    has_video: true,
                    audio_level_db: -100.0,
                    screen: i == 3,
                    id_hash: 0,
                })
                .collect();
            let cfg = c.layout_config();
            let mut engine = layout::LayoutEngine::new();
            let tiles = engine.compute(0, w, h, &cfg, &parts).to_vec();
            let ctx = format!("{l} {orientation}");
            assert_eq!(tiles[0].index, 3, "{ctx}: the share first");
            if l == "spotlight" {
                assert_eq!(tiles.len(), 1, "{ctx}");
            } else {
                assert!(tiles.len() == 4 && tiles[1].rect.area() < tiles[0].rect.area());
            }
            for t in &tiles[1..] {
                let got = f.at(t.rect.centre());
                assert!(close(got, colours[t.index], 12), "{ctx}: {got:?} in {t:?}");
            }
            // The share: letterboxed. Its picture's corners are there…
            let (_, dest) = layout::fit(960, 240, (1, 1), tiles[0].rect, layout::TileFit::Contain);
            assert!(
                dest.h + 16 <= tiles[0].rect.h,
                "{ctx}: 4:1 in this tile is letterboxed"
            );
            for (x, y) in [
                (dest.x + 3, dest.y + 3),
                (dest.right() - 4, dest.y + 3),
                (dest.x + 3, dest.bottom() - 4),
                (dest.right() - 4, dest.bottom() - 4),
            ] {
                assert!(
                    close(f.px(x, y), colours[3], 12),
                    "{ctx}: slide corner ({x},{y}) {:?}",
                    f.px(x, y)
                );
            }
            // …and the bars are the tile colour.
            let tile = tiles[0].rect;
            let bar = if dest.x > tile.x {
                (tile.x + (dest.x - tile.x) / 2, tile.centre().1)
            } else {
                (tile.centre().0, tile.y + (dest.y - tile.y) / 2)
            };
            let want = Theme::Default.palette().tile;
            assert!(
                close(f.at(bar), want, 6),
                "{ctx}: bar {bar:?} {:?}",
                f.at(bar)
            );
        }
    }
}

/// Whoever is speaking now gets a border in the theme's accent colour on
/// their tile's edge pixels (at once, without the speaker hold); a silent
/// participant's edge is their own picture, and so is the speaker's once
/// they stop or with `speaker-highlight=false`.
#[test]
fn the_speaker_has_an_accent_border_on_the_tile_edge() {
    for theme in ["default", "dark", "light"] {
        let colours = palette(2);
        let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
        let c = Comp::new(
            &inputs,
            &[
                ("theme", theme),
                ("show-labels", "false"),
                // The order stays as it is: only the border is immediate.
                ("speaker-hold", "60000000000"),
            ],
            640,
            360,
        );
        let pads = c.comp.sink_pads();
        c.play();
        let tiles = expected_tiles(&c.layout_config(), 2, 640, 360);
        let accent = theme_of(theme).palette().accent;
        let edge = |r: &Rect| (r.x, r.centre().1);
        let inside = |r: &Rect| (r.x + 8, r.centre().1);
        pads[1].set_property("audio-level", -20.0f64);
        let f = c.settle();
        let ctx = theme;
        assert!(
            close(f.at(edge(&tiles[1])), accent, 14),
            "{ctx}: speaker's edge {:?}",
            f.at(edge(&tiles[1]))
        );
        assert!(
            close(f.at((tiles[1].centre().0, tiles[1].y)), accent, 14),
            "{ctx}: top edge"
        );
        assert!(
            close(f.at(inside(&tiles[1])), colours[1], 12),
            "{ctx}: only the edge"
        );
        assert!(
            close(f.at(edge(&tiles[0])), colours[0], 12),
            "{ctx}: the silent one's edge"
        );
        pads[1].set_property("audio-level", -100.0f64);
        let f = c.settle();
        assert!(
            close(f.at(edge(&tiles[1])), colours[1], 12),
            "{ctx}: silent again"
        );
        pads[1].set_property("audio-level", -20.0f64);
        c.comp.set_property("speaker-highlight", false);
        let f = c.settle();
        assert!(
            close(f.at(edge(&tiles[1])), colours[1], 12),
            "{ctx}: highlight off"
        );
    }
}

/// The tiles the layout engine gives `parts` with `template`.
fn custom_tiles(
    template: &str,
    parts: &[layout::Participant],
    w: u32,
    h: u32,
) -> Vec<layout::Tile> {
    let mut e = layout::LayoutEngine::new();
    e.set_template(Some(layout::template::Template::parse(template).unwrap()));
    let cfg = layout::Config {
        layout: layout::LayoutKind::Custom,
        show_labels: false,
        ..Default::default()
    };
    e.compute(0, w, h, &cfg, parts).to_vec()
}

fn camera(key: u64) -> layout::Participant {
    layout::Participant {
        key,
        pinned: false,
        has_video: true,
        audio_level_db: -100.0,
        screen: false,
        id_hash: 0,
    }
}

#[test]
fn custom_layouts_picture_in_picture_and_news_desk() {
    let (w, h) = (640, 360);
    // Picture in picture: the first speaker full, the next in the corner, on top.
    let colours = palette(2);
    let inputs: Vec<Input> = colours.iter().map(|&c| Input::solid(c)).collect();
    let c = Comp::new(
        &inputs,
        &[
            ("layout", "custom"),
            ("layout-template", PIP),
            ("show-labels", "false"),
        ],
        w,
        h,
    );
    c.play();
    let f = c.frame();
    let tiles = custom_tiles(PIP, &[camera(0), camera(1)], w, h);
    assert_eq!(tiles[0].rect, Rect::new(0, 0, w, h));
    assert!(
        close(f.px(20, 20), colours[0], 12),
        "full: {:?}",
        f.px(20, 20)
    );
    let corner = tiles[1].rect;
    assert!(
        close(f.at(corner.centre()), colours[1], 12),
        "corner {:?}",
        f.at(corner.centre())
    );
    assert!(
        close(f.at((corner.x + 2, corner.y + 2)), colours[1], 12),
        "on top"
    );
    assert!(
        close(f.at((corner.x - 4, corner.y - 4)), colours[0], 12),
        "around it"
    );
    drop(c);

    // News desk: a 4:1 slide above (letterboxed), two cameras side by side.
    let colours = palette(3);
    let inputs: Vec<Input> = colours[..2].iter().map(|&c| Input::solid(c)).collect();
    let mut c = Comp::new(
        &inputs,
        &[
            ("layout", "custom"),
            ("layout-template", NEWS_DESK),
            ("show-labels", "false"),
            ("theme", "dark"),
        ],
        w,
        h,
    );
    let slide = Input {
        width: 960,
        height: 240,
        ..Input::solid(colours[2])
    };
    c.add_input(&slide, "Slides")
        .set_property_from_str("source", "screen");
    c.play();
    let f = c.settle();
    let share = layout::Participant {
        screen: true,
        ..camera(2)
    };
    let tiles = custom_tiles(NEWS_DESK, &[camera(0), camera(1), share], w, h);
    assert_eq!(tiles.iter().map(|t| t.index).collect::<Vec<_>>(), [2, 0, 1]);
    for t in &tiles {
        let got = f.at(t.rect.centre());
        assert!(close(got, colours[t.index], 12), "{t:?}: {got:?}");
    }
    let bg = Theme::Dark.palette().background;
    let between = (
        (tiles[1].rect.right() + tiles[2].rect.x) / 2,
        tiles[1].rect.centre().1,
    );
    assert!(
        close(f.at(between), bg, 6),
        "between the desk: {:?}",
        f.at(between)
    );
    // The slide is whole: letterboxed in the tile colour above and below.
    let top = tiles[0].rect;
    let bar = (top.centre().0, top.y + 2);
    assert!(
        close(f.at(bar), Theme::Dark.palette().tile, 6),
        "bar {:?}",
        f.at(bar)
    );
}

#[test]
fn a_bad_layout_template_names_the_field_and_custom_will_not_start() {
    init();
    let comp = gst::ElementFactory::make("layoutcompositor")
        .property_from_str("layout", "custom")
        .build()
        .unwrap();
    comp.set_property(
        "layout-template",
        r#"[{"x": 0, "y": 0, "w": 1, "h": 1, "fill": ["boss"]}]"#,
    );
    let pipeline = gst::Pipeline::new();
    let sink = gst::ElementFactory::make("fakesink").build().unwrap();
    pipeline.add_many([&comp, &sink]).unwrap();
    comp.link(&sink).unwrap();
    assert!(pipeline.set_state(gst::State::Paused).is_err());
    let bus = pipeline.bus().unwrap();
    let texts: Vec<String> = std::iter::from_fn(|| bus.pop())
        .filter_map(|m| match m.view() {
            gst::MessageView::Warning(w) => Some(w.error().to_string()),
            gst::MessageView::Error(e) => Some(e.error().to_string()),
            _ => None,
        })
        .collect();
    let _ = pipeline.set_state(gst::State::Null);
    assert!(
        texts
            .iter()
            .any(|t| t.contains("regions[0].fill[0]") && t.contains("boss")),
        "{texts:?}"
    );
}

/// One `w`×`h` frame of `format` (I420 or NV12) whose samples are
/// `f(plane, x, y)` (plane 0 Y, 1 U, 2 V, in each plane's own samples), at
/// time 0 for 33 ms.
fn picture(format: &str, w: u32, h: u32, f: impl Fn(usize, u32, u32) -> u8) -> gst::Buffer {
    let info = gst_video::VideoInfo::builder(format.parse().unwrap(), w, h)
        .build()
        .unwrap();
    let mut buf = gst::Buffer::with_size(info.size()).unwrap();
    {
        let b = buf.get_mut().unwrap();
        b.set_pts(gst::ClockTime::ZERO);
        b.set_duration(gst::ClockTime::from_mseconds(33));
        let mut frame = gst_video::VideoFrameRef::from_buffer_ref_writable(b, &info).unwrap();
        let (cw, ch) = (w.div_ceil(2), h.div_ceil(2));
        let strides: Vec<usize> = frame.plane_stride().iter().map(|&s| s as usize).collect();
        let y = frame.plane_data_mut(0).unwrap();
        for (row, line) in y.chunks_mut(strides[0]).take(h as usize).enumerate() {
            for (x, v) in line[..w as usize].iter_mut().enumerate() {
                *v = f(0, x as u32, row as u32);
            }
        }
        if format == "NV12" {
            let uv = frame.plane_data_mut(1).unwrap();
            for (row, line) in uv.chunks_mut(strides[1]).take(ch as usize).enumerate() {
                for x in 0..cw as usize {
                    line[2 * x] = f(1, x as u32, row as u32);
                    line[2 * x + 1] = f(2, x as u32, row as u32);
                }
            }
        } else {
            for (p, &stride) in strides.iter().enumerate().take(3).skip(1) {
                let plane = frame.plane_data_mut(p as u32).unwrap();
                for (row, line) in plane.chunks_mut(stride).take(ch as usize).enumerate() {
                    for (x, v) in line[..cw as usize].iter_mut().enumerate() {
                        *v = f(p, x as u32, row as u32);
                    }
                }
            }
        }
    }
    buf
}

#[test]
fn i420_and_nv12_pictures_cropped_and_scaled_keep_every_region_where_it_was() {
    // One participant whose picture does not have the tile's shape, so
    // tile-fit=cover crops it: 4:3 loses rows at the top and bottom, 21:9
    // columns at the sides. Luma, U and V each split the picture at a
    // different place, a third of the way into the part that is kept: a
    // crop taken from the wrong rows or columns, chroma pairs read from the
    // wrong offset, or U and V swapped, puts the wrong value at the points
    // checked. Shrunk and enlarged (a small camera in a bigger tile): sizes
    // the plane scaler takes (`scale::worth_it`), for NV12 as for I420.
    let (out_w, out_h) = (600u32, 338u32);
    use gstmeetrec::scale::Filter;
    for (format, method, filter) in [
        ("I420", "bilinear", Filter::Bilinear),
        ("NV12", "bilinear", Filter::Bilinear),
        ("I420", "cubic", Filter::Cubic),
        ("NV12", "cubic", Filter::Cubic),
    ] {
        for (w, h) in [(1280u32, 960u32), (1920, 720), (480, 360), (560, 240)] {
            init();
            let comp = unlabelled_compositor();
            comp.set_property_from_str("scaling-method", method);
            let mut hs = gst_check::Harness::with_element(&comp, Some("sink_%u"), Some("src"));
            hs.set_src_caps_str(&format!(
                "video/x-raw,format={format},width={w},height={h},framerate=30/1,colorimetry=bt709"
            ));
            hs.set_sink_caps_str(&format!(
                "video/x-raw,format=I420,width={out_w},height={out_h},framerate=30/1,colorimetry=bt709"
            ));
            // The kept part: 16:9 out of the middle.
            let (kw, kh) = if w * 9 > h * 16 {
                (h * 16 / 9, h)
            } else {
                (w, w * 9 / 16)
            };
            let (kx, ky) = ((w - kw) / 2, (h - kh) / 2);
            // Luma: left third of the kept part / the rest, top third / the rest.
            let (bx, by) = (kx + kw / 3, ky + kh / 3);
            let luma = |x: u32, y: u32| match (x < bx, y < by) {
                (true, true) => 40,
                (false, true) => 90,
                (true, false) => 160,
                (false, false) => 220,
            };
            // U splits left / right, V top / bottom (in chroma samples).
            let sample = move |p: usize, x: u32, y: u32| match p {
                0 => luma(x, y),
                1 if 2 * x < bx => 60,
                1 => 190,
                _ if 2 * y < by => 200,
                _ => 70,
            };
            assert_eq!(
                hs.push(picture(format, w, h, sample)),
                Ok(gst::FlowSuccess::Ok)
            );
            let (out, info, _) = first_output(&mut hs);
            let tile = unlabelled_tiles(1, out_w, out_h)[0];
            assert!(
                gstmeetrec::scale::worth_it(
                    gstmeetrec::scale::SourceChroma::Planar,
                    filter,
                    (kw as usize, kh as usize),
                    (tile.w as usize, tile.h as usize)
                ),
                "{format} {w}x{h} -> {tile:?} is not the plane scaler's"
            );
            let frame = gst_video::VideoFrameRef::from_buffer_ref_readable(&out, &info).unwrap();
            let at = |p: usize, fx: f64, fy: f64| {
                // A point of the tile, as fractions of it, in plane p's samples.
                let (x, y) = (
                    tile.x as f64 + fx * tile.w as f64,
                    tile.y as f64 + fy * tile.h as f64,
                );
                let (x, y) = if p == 0 {
                    (x as usize, y as usize)
                } else {
                    ((x / 2.0) as usize, (y / 2.0) as usize)
                };
                let stride = frame.plane_stride()[p] as usize;
                frame.plane_data(p as u32).unwrap()[y * stride + x]
            };
            let ctx = format!("{format} {method} {w}x{h}");
            // The splits are a third in: 1/6 and 2/3 of the way are well
            // inside each side, 0.4 just past the split (a crop or pair
            // offset off by an eighth of the picture moves it beyond 0.4).
            for (fx, fy, y) in [
                (0.17, 0.17, 40),
                (0.66, 0.17, 90),
                (0.17, 0.66, 160),
                (0.66, 0.66, 220),
                (0.4, 0.4, 220),
            ] {
                let got = at(0, fx, fy);
                assert!(
                    got.abs_diff(y) <= 2,
                    "{ctx}: Y at {fx},{fy} is {got}, not {y}"
                );
            }
            for (fx, fy, u, v) in [
                (0.17, 0.17, 60, 200),
                (0.66, 0.66, 190, 70),
                (0.4, 0.4, 190, 70),
            ] {
                let (gu, gv) = (at(1, fx, fy), at(2, fx, fy));
                assert!(
                    gu.abs_diff(u) <= 2 && gv.abs_diff(v) <= 2,
                    "{ctx}: U,V at {fx},{fy} are {gu},{gv}, not {u},{v}"
                );
            }
        }
    }
}

#[test]
fn tiles_drawn_in_bands_of_rows_by_several_threads_are_those_one_thread_draws() {
    init();
    // Count the frames drawn in bands (the element logs each one).
    let banded = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    gst::log::set_threshold_for_name("layoutcompositor", gst::DebugLevel::Log);
    let seen = banded.clone();
    let log = gst::log::add_log_function(move |cat, _, _, _, _, _, msg| {
        if cat.name() == "layoutcompositor"
            && msg
                .get()
                .is_some_and(|m| m.starts_with("drawing in 3 bands"))
        {
            seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    });
    // Nine participants in every engine: I420 and NV12 shrunk by the plane
    // scaler, RGBA converted, a small I420 picture enlarged by the converter.
    let colours = palette(9);
    let formats = [
        ("I420", 1280, 720),
        ("NV12", 1280, 720),
        ("RGBA", 640, 480),
        ("I420", 320, 240),
    ];
    let inputs: Vec<Input> = colours
        .iter()
        .enumerate()
        .map(|(i, &colour)| {
            let (format, width, height) = formats[i % formats.len()];
            Input {
                colour,
                format,
                width,
                height,
                fps: 30,
                num_buffers: -1,
            }
        })
        .collect();
    let mut frames = Vec::new();
    for threads in ["1", "3"] {
        let before = banded.load(std::sync::atomic::Ordering::Relaxed);
        let c = Comp::new(
            &inputs,
            &[
                ("grid-size", "9"),
                ("show-labels", "false"),
                ("n-threads", threads),
            ],
            1280,
            720,
        );
        c.play();
        let f = c.settle();
        let tiles = expected_tiles(&c.layout_config(), 9, 1280, 720);
        check_picture(&f, &colours, &tiles, Theme::Default, threads);
        let drawn_in_bands = banded.load(std::sync::atomic::Ordering::Relaxed) - before;
        if threads == "1" {
            assert_eq!(drawn_in_bands, 0, "n-threads=1 drew in bands");
        } else {
            assert!(
                drawn_in_bands >= 4,
                "n-threads=3: {drawn_in_bands} frames in bands"
            );
        }
        frames.push(f.data);
    }
    gst::log::remove_log_function(log);
    assert!(
        frames[0] == frames[1],
        "the frame drawn by 3 threads differs from the one drawn by 1"
    );
}

#[test]
fn a_picture_repeated_by_a_slow_participant_stays_right_and_a_new_one_replaces_it() {
    // A 10 fps participant in a 30 fps recording: each of their frames is
    // shown three times. From the first repeat on, the element keeps the
    // scaled tile and pastes it: the pasted tile must be the scaled one,
    // byte for byte, and a new frame must show at once.
    init();
    let comp = unlabelled_compositor();
    let mut h = gst_check::Harness::with_element(&comp, Some("sink_%u"), Some("src"));
    h.set_src_caps_str(
        "video/x-raw,format=I420,width=1280,height=720,framerate=10/1,colorimetry=bt709",
    );
    let out_caps = "video/x-raw,format=I420,width=600,height=338,framerate=30/1,colorimetry=bt709";
    h.set_sink_caps_str(out_caps);
    let frame = |n: u64, luma: u8| {
        // A ramp across, so a wrong or shifted tile would differ.
        let mut b = picture("I420", 1280, 720, move |p, x, _| {
            if p == 0 {
                luma.saturating_add((x / 32) as u8)
            } else {
                128
            }
        });
        let b_mut = b.get_mut().unwrap();
        b_mut.set_pts(gst::ClockTime::from_mseconds(100 * n));
        b_mut.set_duration(gst::ClockTime::from_mseconds(100));
        b
    };
    let tile = unlabelled_tiles(1, 600, 338)[0];
    let info = gst_video::VideoInfo::from_caps(&out_caps.parse::<gst::Caps>().unwrap()).unwrap();
    // The tile's luma rows, as drawn.
    let tile_luma = |out: &gst::Buffer| -> Vec<u8> {
        let f = gst_video::VideoFrameRef::from_buffer_ref_readable(out.as_ref(), &info).unwrap();
        let stride = f.plane_stride()[0] as usize;
        let y = f.plane_data(0).unwrap();
        (tile.y as usize..tile.bottom() as usize)
            .flat_map(|row| y[row * stride + tile.x as usize..][..tile.w as usize].to_vec())
            .collect()
    };
    let mut outputs = Vec::new();
    for (n, luma) in [(0u64, 40u8), (1, 150)] {
        assert_eq!(h.push(frame(n, luma)), Ok(gst::FlowSuccess::Ok));
        for k in 0..3 {
            // Live on a test clock: the element waits for the clock to reach
            // an output's slot plus one frame of latency when the pad has no
            // new buffer. Only that wait may be cranked. Cranking blindly
            // whenever the output is not out yet (the element being merely
            // busy drawing) would release the wait of a *later* slot, and
            // that slot would repeat this frame before the next is pushed.
            let slot = 3 * n + k;
            let deadline = gst::ClockTime::from_nseconds((slot + 1) * 1_000_000_000 / 30);
            let clock = h.testclock().unwrap();
            let out = loop {
                if let Some(out) = h.try_pull() {
                    break out;
                }
                if clock.wait_for_next_pending_id().time() <= deadline {
                    h.crank_single_clock_wait().unwrap();
                } else {
                    // Waiting for a later slot: this output is made.
                    break h.pull().expect("no output");
                }
            };
            outputs.push((n, luma, tile_luma(&out)));
        }
    }
    for (i, (n, luma, tile)) in outputs.iter().enumerate() {
        // The left edge of the tile shows the ramp's start for that frame.
        let left = tile[tile.len() / 2 - (tile.len() / 2) % 600 + 4];
        assert!(
            left.abs_diff(*luma) <= 2,
            "output {i} (frame {n}): left of the tile {left}, not {luma}"
        );
        // Every showing of one frame is the same tile, scaled or pasted.
        assert!(
            tile == &outputs[3 * (*n as usize)].2,
            "output {i}: a repeat of frame {n} differs from its first showing"
        );
    }
    assert!(outputs[0].2 != outputs[3].2, "the new frame was not drawn");
}
