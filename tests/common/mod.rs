// SPDX-License-Identifier: MPL-2.0
//! Shared by the test binaries (each uses part of it).
#![allow(dead_code)]

use std::path::Path;
use std::sync::{Arc, Mutex};

use gst_pbutils::prelude::*;

pub mod flash;
pub mod watchdog;

/// GStreamer and this plugin, once per test binary.
pub fn init() {
    use std::sync::Once;
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        gst::init().unwrap();
        gstmeetrec::plugin_register_static().expect("register meetrec");
        // Armed for the rest of the binary's life.
        std::mem::forget(watchdog::Watchdog::arm_named(
            "this test binary".into(),
            watchdog::binary_deadline(),
        ));
    });
}

/// What Discoverer says of a file, and its rate over the whole file.
pub struct Found {
    pub duration_s: f64,
    pub video: Option<(String, u32, u32)>,
    pub audio: Option<(String, u32)>,
    pub kbps: f64,
}

pub fn discover(path: &Path) -> Found {
    let uri = gst::glib::filename_to_uri(path, None).unwrap();
    let info = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(20))
        .unwrap()
        .discover_uri(&uri)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let duration_s = info.duration().unwrap().mseconds() as f64 / 1000.0;
    let video = info.video_streams().first().map(|v| {
        let caps = v.caps().unwrap();
        (
            caps.structure(0).unwrap().name().to_string(),
            v.width(),
            v.height(),
        )
    });
    let audio = info.audio_streams().first().map(|a| {
        let caps = a.caps().unwrap();
        (caps.structure(0).unwrap().name().to_string(), a.channels())
    });
    let bytes = std::fs::metadata(path).unwrap().len() as f64;
    Found {
        duration_s,
        video,
        audio,
        kbps: bytes * 8.0 / duration_s / 1000.0,
    }
}

/// A sample's RGB pixels with rows packed (stride padding dropped), and its size.
pub fn rgb_pixels(sample: &gst::Sample) -> (Vec<u8>, u32, u32) {
    use gst_video::prelude::*;
    let info = gst_video::VideoInfo::from_caps(sample.caps().unwrap()).unwrap();
    let frame = gst_video::VideoFrameRef::from_buffer_ref_readable(sample.buffer().unwrap(), &info)
        .unwrap();
    let (w, h) = (info.width(), info.height());
    let stride = frame.plane_stride()[0] as usize;
    let plane = frame.plane_data(0).unwrap();
    let mut rgb = Vec::with_capacity((w * h * 3) as usize);
    for row in 0..h as usize {
        rgb.extend_from_slice(&plane[row * stride..row * stride + w as usize * 3]);
    }
    (rgb, w, h)
}

/// Where the layout puts `n` participants in join order; `speaker` is the one
/// talking, long enough for the speaker hold to have passed.
pub fn layout_tiles(
    cfg: &gstmeetrec::layout::Config,
    n: usize,
    w: u32,
    h: u32,
    speaker: Option<usize>,
) -> Vec<gstmeetrec::layout::Rect> {
    use gstmeetrec::layout::{LayoutEngine, Participant};
    let parts: Vec<Participant> = (0..n)
        .map(|i| Participant {
            key: i as u64,
            pinned: false,
            has_video: true,
            audio_level_db: if Some(i) == speaker { -10.0 } else { -100.0 },
            screen: false,
            id_hash: 0,
        })
        .collect();
    let mut e = LayoutEngine::new();
    e.compute(0, w, h, cfg, &parts);
    e.compute(60_000_000_000, w, h, cfg, &parts)
        .iter()
        .map(|t| t.rect)
        .collect()
}

/// The tests of one binary that run whole meetings with encoders take turns:
/// on a 2-core machine, running them side by side starves the live ones.
/// Each turn has a deadline ([`watchdog`]): a test that hangs fails with
/// every thread's backtrace.
pub fn serial() -> Serial {
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let turn = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    Serial {
        _watchdog: watchdog::Watchdog::arm(watchdog::deadline()),
        _turn: turn,
    }
}

/// A pipeline test's turn, and its deadline.
pub struct Serial {
    _watchdog: watchdog::Watchdog,
    _turn: std::sync::MutexGuard<'static, ()>,
}

/// An empty directory for a test's files: `target/tmp/<group>/<name>`
/// (an example's tests, which have no target tmp dir, use the system's).
pub fn fresh_dir(group: &str, name: &str) -> std::path::PathBuf {
    let base = option_env!("CARGO_TARGET_TMPDIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("meetrec-tests"));
    let d = base.join(group).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Decodes the whole file: the end of its video (s), or the error that
/// stopped the decode.
pub fn decode_to_end(path: &Path) -> Result<f64, String> {
    let p = gst::parse::launch(&format!(
        "filesrc location={} ! decodebin name=d d. ! videoconvert ! fakesink name=v sync=false \
         d. ! audioconvert ! fakesink sync=false",
        path.display()
    ))
    .unwrap()
    .downcast::<gst::Pipeline>()
    .unwrap();
    let end = std::sync::Arc::new(std::sync::Mutex::new(0.0f64));
    let e2 = end.clone();
    p.by_name("v")
        .unwrap()
        .static_pad("sink")
        .unwrap()
        .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
            if let Some(b) = info.buffer()
                && let Some(pts) = b.pts()
            {
                let e = (pts + b.duration().unwrap_or_default()).nseconds() as f64 / 1e9;
                let mut end = e2.lock().unwrap();
                *end = end.max(e);
            }
            gst::PadProbeReturn::Ok
        });
    run_until_eos(&p, gst::ClockTime::from_seconds(60))
        .map(|_| *end.lock().unwrap())
        .map_err(|e| error_text(&e))
}

/// Plays `p` until EOS or an ERROR (at most `limit`; none in time fails the
/// test), then sets it to NULL. `Ok` with the WARNINGs seen on the way, or
/// `Err` with the ERROR message.
pub fn run_until_eos(
    p: &impl IsA<gst::Element>,
    limit: gst::ClockTime,
) -> Result<Vec<gst::Message>, gst::Message> {
    let outcome = play_until_eos(p, limit);
    p.set_state(gst::State::Null).unwrap();
    outcome
}

/// As [`run_until_eos`], leaving `p` as it is at the end (its bus can still be
/// read for what comes after EOS).
pub fn play_until_eos(
    p: &impl IsA<gst::Element>,
    limit: gst::ClockTime,
) -> Result<Vec<gst::Message>, gst::Message> {
    p.set_state(gst::State::Playing).unwrap();
    let bus = p.bus().unwrap();
    let mut warnings = Vec::new();
    loop {
        let msg = bus
            .timed_pop_filtered(
                limit,
                &[
                    gst::MessageType::Eos,
                    gst::MessageType::Error,
                    gst::MessageType::Warning,
                ],
            )
            .unwrap_or_else(|| panic!("neither EOS nor an error within {limit}"));
        match msg.view() {
            gst::MessageView::Eos(_) => break Ok(warnings),
            gst::MessageView::Error(_) => break Err(msg),
            _ => warnings.push(msg),
        }
    }
}

/// An ERROR message as text: the error and its debug string.
pub fn error_text(msg: &gst::Message) -> String {
    match msg.view() {
        gst::MessageView::Error(e) => format!("{} ({:?})", e.error(), e.debug()),
        _ => format!("{msg:?}"),
    }
}

/// Plays a pipeline to EOS (2 minutes at most); an error fails the test.
pub fn run_pipeline(p: &gst::Element) {
    if let Err(e) = run_until_eos(p, gst::ClockTime::from_seconds(120)) {
        panic!("{}", error_text(&e));
    }
}

/// Waits until `done()` holds, polling every 20 ms; after `limit` the test
/// fails with `what()`.
pub fn wait_until(
    limit: std::time::Duration,
    mut done: impl FnMut() -> bool,
    what: impl Fn() -> String,
) {
    let deadline = std::time::Instant::now() + limit;
    while !done() {
        assert!(std::time::Instant::now() < deadline, "{}", what());
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// All samples of a raw F32LE stream produced by a launch line ending in `appsink name=s`.
pub fn samples(desc: &str) -> Vec<f32> {
    init();
    let p = gst::parse::launch(desc).unwrap();
    let sink = p
        .downcast_ref::<gst::Bin>()
        .unwrap()
        .by_name("s")
        .unwrap()
        .downcast::<gst_app::AppSink>()
        .unwrap();
    let out = Arc::new(Mutex::new(Vec::new()));
    let out2 = out.clone();
    sink.set_callbacks(
        gst_app::AppSinkCallbacks::builder()
            .new_sample(move |s| {
                let sample = s.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                let map = sample.buffer().unwrap().map_readable().unwrap();
                out2.lock().unwrap().extend(
                    map.chunks_exact(4)
                        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]])),
                );
                Ok(gst::FlowSuccess::Ok)
            })
            .build(),
    );
    run_pipeline(&p);
    std::mem::take(&mut *out.lock().unwrap())
}

/// Decodes a file's video (or picture) to RGB and calls `f` with each frame's time
/// (s) and pixels, until it returns false.
pub fn each_rgb_frame(path: &Path, mut f: impl FnMut(f64, &[u8], u32, u32) -> bool) {
    let p = gst::parse::launch(&format!(
        "filesrc location={} ! decodebin ! videoconvert ! video/x-raw,format=RGB ! appsink name=s sync=false",
        path.display()
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
    while let Some(sample) = sink.try_pull_sample(gst::ClockTime::from_seconds(10)) {
        let at = sample.buffer().unwrap().pts().unwrap().mseconds() as f64 / 1000.0;
        let (rgb, w, h) = rgb_pixels(&sample);
        if !f(at, &rgb, w, h) {
            break;
        }
    }
    p.set_state(gst::State::Null).unwrap();
}

/// The first decoded frame of a file at or after `at` s, as RGB, and its size.
pub fn frame_at(path: &Path, at: f64) -> (Vec<u8>, u32, u32) {
    let mut found = None;
    each_rgb_frame(path, |t, rgb, w, h| {
        if t >= at {
            found = Some((rgb.to_vec(), w, h));
        }
        found.is_none()
    });
    found.expect("a frame at that time")
}

/// The RGB pixel at (x, y) of a `w`-wide frame.
pub fn pixel(rgb: &[u8], w: u32, (x, y): (u32, u32)) -> [u8; 3] {
    let i = ((y * w + x) * 3) as usize;
    [rgb[i], rgb[i + 1], rgb[i + 2]]
}

/// Whether `p` is colour `c`, give or take what an encode and a decode
/// change in a flat colour (24 per channel).
pub fn near(p: [u8; 3], c: gstmeetrec::layout::Rgb) -> bool {
    p[0].abs_diff(c.0) <= 24 && p[1].abs_diff(c.1) <= 24 && p[2].abs_diff(c.2) <= 24
}

/// Sets a pipeline to NULL, failing the test when an ERROR was posted on it.
pub fn stop_without_errors(p: &gst::Pipeline) {
    use gst::prelude::*;
    let errors = p.bus().unwrap().pop_filtered(&[gst::MessageType::Error]);
    p.set_state(gst::State::Null).unwrap();
    assert!(errors.is_none(), "{errors:?}");
}

/// The last picture of a file (a recording, a JPEG), as RGB, and its size.
pub fn last_frame(path: &Path) -> (Vec<u8>, u32, u32) {
    let mut last = None;
    each_rgb_frame(path, |_, rgb, w, h| {
        last = Some((rgb.to_vec(), w, h));
        true
    });
    last.expect("frames")
}
