// SPDX-License-Identifier: MPL-2.0
//! bitratepolicy encoding real files, checked with Discoverer and by decoding.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};

use gst::prelude::*;

mod common;
use common::{discover, init, run_pipeline, samples};

fn out_dir() -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("bitratepolicy");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Runs a launch line to EOS, failing with the bus error if any.
fn run(desc: &str) {
    init();
    let p = gst::parse::launch(desc).unwrap_or_else(|e| panic!("{e}: {desc}"));
    run_pipeline(&p);
}

fn within(got: f64, want: f64, tol: f64) -> bool {
    (got - want).abs() <= want * tol
}

#[test]
fn video_presets_hit_their_size_and_bitrate() {
    for (quality, w, h, fps, kbps, orientation) in [
        ("low", 640, 360, 24, 800.0, "landscape"),
        ("med", 1280, 720, 30, 3000.0, "landscape"),
        ("high", 1920, 1080, 30, 6000.0, "landscape"),
        ("low", 360, 640, 24, 800.0, "portrait"),
    ] {
        let path = out_dir().join(format!("video-{quality}-{orientation}.webm"));
        // Input at another size and rate: the element scales to the preset.
        run(&format!(
            "videotestsrc pattern=smpte num-buffers={} ! video/x-raw,width=320,height=240,framerate={fps}/1 ! \
             bitratepolicy quality={quality} orientation={orientation} ! webmmux ! filesink location={}",
            fps * 4,
            path.display()
        ));
        let f = discover(&path);
        assert_eq!(
            f.video,
            Some(("video/x-vp8".into(), w, h)),
            "{quality} {orientation}"
        );
        assert!(
            (f.duration_s - 4.0).abs() < 0.1,
            "duration {}",
            f.duration_s
        );
        assert!(
            within(f.kbps, kbps, 0.25),
            "{quality}: {:.0} kbps, want {kbps} ±25%",
            f.kbps
        );
    }
}

#[test]
fn record_sets_the_video_bitrate() {
    let path = out_dir().join("record-2000.mkv");
    run(&format!(
        "videotestsrc pattern=smpte num-buffers=120 ! bitratepolicy record=2000 ! matroskamux ! filesink location={}",
        path.display()
    ));
    let f = discover(&path);
    assert_eq!(
        f.video.as_ref().map(|v| (v.1, v.2)),
        Some((1280, 720)),
        "size from quality=med"
    );
    assert!(within(f.kbps, 2000.0, 0.25), "{:.0} kbps", f.kbps);
}

#[test]
fn audio_bitrates_follow_the_rules() {
    // (record, container, expected kbps)
    for (record, kbps) in [
        (Some(-120), 120.0),
        (Some(2000), 32.0),
        (Some(2500), 128.0),
        (None, 128.0),
    ] {
        let prop = record.map(|r| format!("record={r}")).unwrap_or_default();
        let path = out_dir().join(format!("audio-{}.ogg", record.unwrap_or(0)));
        run(&format!(
            "audiotestsrc wave=pink-noise num-buffers=400 ! audio/x-raw,rate=44100,channels=1 ! \
             bitratepolicy {prop} ! oggmux ! filesink location={}",
            path.display()
        ));
        let f = discover(&path);
        assert_eq!(
            f.audio,
            Some(("audio/x-opus".into(), 2)),
            "stereo Opus for {record:?}"
        );
        assert!(f.video.is_none());
        assert!(
            within(f.kbps, kbps, 0.25),
            "record={record:?}: {:.1} kbps, want {kbps}",
            f.kbps
        );
    }
}

#[test]
fn pcm_is_lossless_in_matroska_and_wav() {
    // A sine is the same in both pipelines (noise would differ run to run).
    let src = "audiotestsrc wave=sine freq=997 volume=0.7 num-buffers=50 ! \
               audio/x-raw,format=S16LE,rate=48000,channels=2";
    let reference = samples(&format!(
        "{src} ! audioconvert ! audio/x-raw,format=F32LE ! appsink name=s sync=false"
    ));
    assert_eq!(reference.len(), 50 * 1024 * 2);
    for (mux, demux, ext) in [
        ("matroskamux", "matroskademux", "mkv"),
        ("wavenc", "wavparse", "wav"),
    ] {
        let path = out_dir().join(format!("pcm.{ext}"));
        run(&format!(
            "{src} ! bitratepolicy record=0 ! {mux} ! filesink location={}",
            path.display()
        ));
        let f = discover(&path);
        assert_eq!(f.audio.as_ref().map(|a| a.1), Some(2), "{ext}: stereo");
        assert!(f.video.is_none());
        let decoded = samples(&format!(
            "filesrc location={} ! {demux} ! audio/x-raw,format=F32LE ! appsink name=s sync=false",
            path.display()
        ));
        assert_eq!(decoded.len(), reference.len(), "{ext}: sample count");
        let differing = decoded
            .iter()
            .zip(&reference)
            .filter(|(a, b)| a != b)
            .count();
        assert_eq!(differing, 0, "{ext}: decoded samples differ from the input");
    }
}

#[test]
fn runtime_record_change_changes_the_running_encoder() {
    init();
    let p = gst::parse::launch(
        "videotestsrc pattern=smpte num-buffers=288 ! video/x-raw,width=640,height=360,framerate=24/1 ! \
         bitratepolicy name=bp quality=low record=2000 ! appsink name=s sync=false",
    )
    .unwrap();
    let bin = p.downcast_ref::<gst::Bin>().unwrap();
    let bp = bin.by_name("bp").unwrap();
    let setups = Arc::new(AtomicU32::new(0));
    let s2 = setups.clone();
    bp.connect("encoder-setup", false, move |args| {
        let enc = args[1].get::<gst::Element>().unwrap();
        assert_eq!(enc.factory().unwrap().name(), "vp8enc");
        s2.fetch_add(1, Ordering::SeqCst);
        Some(false.to_value())
    });
    // At 4 s of stream time, drop to 500 kbps from the streaming thread.
    let switched = Arc::new(AtomicBool::new(false));
    let (bp2, sw2) = (bp.clone(), switched.clone());
    bp.static_pad("sink")
        .unwrap()
        .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
            if info
                .buffer()
                .and_then(|b| b.pts())
                .is_some_and(|t| t >= gst::ClockTime::from_seconds(4))
                && !sw2.swap(true, Ordering::SeqCst)
            {
                bp2.set_property("record", 500i64);
            }
            gst::PadProbeReturn::Ok
        });
    let bytes = Arc::new(Mutex::new((0usize, 0usize, None::<gst::Caps>)));
    let b2 = bytes.clone();
    let sink = bin
        .by_name("s")
        .unwrap()
        .downcast::<gst_app::AppSink>()
        .unwrap();
    sink.set_callbacks(
        gst_app::AppSinkCallbacks::builder()
            .new_sample(move |s| {
                let sample = s.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                let buf = sample.buffer().unwrap();
                let pts = buf.pts().unwrap();
                let mut b = b2.lock().unwrap();
                if pts < gst::ClockTime::from_seconds(4) {
                    b.0 += buf.size();
                } else if pts >= gst::ClockTime::from_seconds(8) {
                    // VP8's rate control drains its 6 s buffer model first.
                    b.1 += buf.size();
                }
                b.2 = sample.caps().map(|c| c.to_owned());
                Ok(gst::FlowSuccess::Ok)
            })
            .build(),
    );
    run_pipeline(&p);
    let (first, second, caps) = bytes.lock().unwrap().clone();
    let first_kbps = first as f64 * 8.0 / 4.0 / 1000.0;
    let second_kbps = second as f64 * 8.0 / 4.0 / 1000.0;
    assert!(switched.load(Ordering::SeqCst));
    assert!(
        within(first_kbps, 2000.0, 0.25),
        "first half {first_kbps:.0} kbps"
    );
    assert!(
        within(second_kbps, 500.0, 0.3),
        "second half {second_kbps:.0} kbps"
    );
    assert_eq!(
        setups.load(Ordering::SeqCst),
        1,
        "one encoder, never restarted"
    );
    assert_eq!(caps.unwrap().structure(0).unwrap().name(), "video/x-vp8");
    assert_eq!(bp.property::<u32>("video-bitrate"), 500);
}

#[test]
fn encoder_setup_first_true_wins() {
    init();
    let p = gst::parse::launch(
        "videotestsrc num-buffers=3 ! bitratepolicy name=bp video-codec=h264 ! fakesink",
    )
    .unwrap();
    let bp = p.downcast_ref::<gst::Bin>().unwrap().by_name("bp").unwrap();
    let calls = Arc::new(Mutex::new(Vec::new()));
    for (i, ret) in [(0, false), (1, true), (2, true)] {
        let c = calls.clone();
        bp.connect("encoder-setup", false, move |args| {
            let enc = args[1].get::<gst::Element>().unwrap();
            // The policy configured it before the application sees it.
            if i == 0 {
                assert_eq!(
                    enc.property::<u32>("bitrate"),
                    3000,
                    "x264enc kbps from quality=med"
                );
                assert_eq!(enc.property::<u32>("key-int-max"), 60);
                // Live: one core left to the rest of the recording.
                let cores = std::thread::available_parallelism().unwrap().get() as u32;
                assert_eq!(enc.property::<u32>("threads"), (cores - 1).max(1));
                enc.set_property("bitrate", 1234u32);
            }
            c.lock().unwrap().push(i);
            Some(ret.to_value())
        });
    }
    run_pipeline(&p);
    assert_eq!(
        *calls.lock().unwrap(),
        vec![0, 1],
        "the third handler never runs"
    );
    let enc = p
        .downcast_ref::<gst::Bin>()
        .unwrap()
        .iterate_recurse()
        .into_iter()
        .flatten()
        .find(|e| e.factory().is_some_and(|f| f.name() == "x264enc"));
    // Torn down at READY; the decision still says h264.
    assert!(enc.is_none());
    assert_eq!(
        bp.property::<Option<String>>("codec").as_deref(),
        Some("h264")
    );
}

#[test]
fn resolved_properties_without_a_pipeline() {
    init();
    let bp = gst::ElementFactory::make("bitratepolicy").build().unwrap();
    let read = |bp: &gst::Element| {
        (
            bp.property::<u32>("video-bitrate"),
            bp.property::<u32>("audio-bitrate"),
            bp.property::<Option<String>>("codec").unwrap(),
        )
    };
    assert_eq!(read(&bp), (3000, 128, "vp8".into()), "unset: quality med");
    for (record, want) in [
        (2500i64, (2500, 128, "vp8")),
        (2499, (2499, 32, "vp8")),
        (0, (0, 0, "pcm")),
        (-120, (0, 120, "opus")),
        (-511, (0, 510, "opus")),
    ] {
        bp.set_property("record", record);
        let (v, a, c) = read(&bp);
        assert_eq!((v, a, c.as_str()), want, "record={record}");
    }
    let decision: serde_json::Value =
        serde_json::from_str(&bp.property::<String>("decision")).unwrap();
    assert!(
        decision["notes"][0]
            .as_str()
            .unwrap()
            .contains("record=-511"),
        "{decision}"
    );
    bp.set_property_from_str("quality", "high");
    bp.set_property("record", gstmeetrec::bitratepolicy::RECORD_UNSET);
    assert_eq!(read(&bp).0, 6000);
}

#[test]
fn video_into_an_audio_only_policy_is_a_clear_error() {
    init();
    let p = gst::parse::launch("videotestsrc num-buffers=5 ! bitratepolicy record=-120 ! fakesink")
        .unwrap();
    let msg = common::run_until_eos(&p, gst::ClockTime::from_seconds(10))
        .expect_err("expected an error, got EOS");
    let gst::MessageView::Error(e) = msg.view() else {
        unreachable!()
    };
    let text = e.error().to_string();
    assert!(
        text.contains("video arrived but record=-120 records no video"),
        "{text}"
    );
}

/// Both elements say what to ask senders for, by the threshold table.
#[test]
fn inbound_audio_bitrate_follows_the_threshold_table() {
    init();
    for factory in ["bitratepolicy", "meetingrecorder"] {
        let e = gst::ElementFactory::make(factory).build().unwrap();
        for (record, inbound) in [
            (6000i64, 128u32),
            (4000, 128),
            (3999, 80),
            (2500, 80),
            (2499, 32),
            (0, 256),
            (-64, 64),
        ] {
            e.set_property("record", record);
            assert_eq!(
                e.property::<u32>("inbound-audio-bitrate"),
                inbound,
                "{factory} record={record}"
            );
        }
        e.set_property("record", 6000i64);
        e.set_property_from_str("audio-codec", "pcm");
        assert_eq!(
            e.property::<u32>("inbound-audio-bitrate"),
            256,
            "{factory} pcm"
        );
    }
}

/// The live encoder speeds come from the measured curve (README,
/// `bench_presets`): VP8 at a fixed speed 8 (a negative cpu-used: a positive
/// one lets libvpx pick its own speed), x264 `superfast`; `balanced` keeps
/// the slower offline settings.
#[test]
fn live_presets_are_the_measured_ones() {
    init();
    for (codec, speed, prop, want) in [
        ("vp8", "realtime", "cpu-used", "-8"),
        ("vp8", "balanced", "cpu-used", "4"),
        ("h264", "realtime", "speed-preset", "superfast"),
        ("h264", "balanced", "speed-preset", "medium"),
    ] {
        let p = gst::parse::launch(&format!(
            "videotestsrc num-buffers=2 ! bitratepolicy name=bp video-codec={codec} \
             speed-preset={speed} ! fakesink"
        ))
        .unwrap();
        let bp = p.downcast_ref::<gst::Bin>().unwrap().by_name("bp").unwrap();
        let seen = Arc::new(Mutex::new(None));
        let s = seen.clone();
        bp.connect("encoder-setup", false, move |args| {
            let enc = args[1].get::<gst::Element>().unwrap();
            let v = enc.property_value(prop);
            let text = match v.get::<i32>() {
                Ok(n) => n.to_string(),
                Err(_) => v.serialize().unwrap().to_string(),
            };
            *s.lock().unwrap() = Some(text);
            Some(false.to_value())
        });
        run_pipeline(&p);
        assert_eq!(
            seen.lock().unwrap().as_deref(),
            Some(want),
            "{codec} {speed} {prop}"
        );
    }
}
