// SPDX-License-Identifier: MPL-2.0
//! A long recording simulated faster than real time: a participant flashes
//! white and beeps at the same instant every 10 s; in the file, every flash
//! and its beep are still together (A/V offset) and the duration is exact.
//!
//! Length: `MEETREC_LONG_SECONDS`, default one hour of media (a few minutes
//! here: it is encoded as fast as the machine goes).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use gst::prelude::*;
use gst_video::prelude::*;

mod common;
use common::{discover, init};

const PERIOD_S: u64 = 10;
const FPS: u64 = 24;
const RATE: u64 = 48_000;

/// Non-live sources: black video with a white frame, and silence with a
/// 100 ms 1 kHz beep, at every multiple of `PERIOD_S`, for `seconds`.
fn flash_and_beep(pipeline: &gst::Pipeline, rec: &gst::Element, seconds: u64) {
    let video = gst_app::AppSrc::builder()
        .caps(
            &gst::Caps::builder("video/x-raw")
                .field("format", "GRAY8")
                .field("width", 160i32)
                .field("height", 120i32)
                .field("framerate", gst::Fraction::new(FPS as i32, 1))
                .build(),
        )
        .format(gst::Format::Time)
        .build();
    let audio = gst_app::AppSrc::builder()
        .caps(
            &gst::Caps::builder("audio/x-raw")
                .field("format", "S16LE")
                .field("layout", "interleaved")
                .field("rate", RATE as i32)
                .field("channels", 1i32)
                .build(),
        )
        .format(gst::Format::Time)
        .build();
    let frames = seconds * FPS;
    let mut n = 0u64;
    video.set_callbacks(
        gst_app::AppSrcCallbacks::builder()
            .need_data(move |src, _| {
                if n == frames {
                    let _ = src.end_of_stream();
                    return;
                }
                let flash = n.is_multiple_of(PERIOD_S * FPS);
                let mut b =
                    gst::Buffer::from_mut_slice(vec![if flash { 235u8 } else { 16 }; 160 * 120]);
                {
                    let b = b.get_mut().unwrap();
                    b.set_pts(gst::ClockTime::from_nseconds(n * 1_000_000_000 / FPS));
                    b.set_duration(gst::ClockTime::from_nseconds(1_000_000_000 / FPS));
                }
                n += 1;
                let _ = src.push_buffer(b);
            })
            .build(),
    );
    let samples = seconds * RATE;
    let chunk = RATE / 50; // 20 ms
    let mut s = 0u64;
    audio.set_callbacks(
        gst_app::AppSrcCallbacks::builder()
            .need_data(move |src, _| {
                if s >= samples {
                    let _ = src.end_of_stream();
                    return;
                }
                let mut data = Vec::with_capacity(chunk as usize * 2);
                for i in s..s + chunk {
                    let into = i % (PERIOD_S * RATE);
                    let v = if into < RATE / 10 {
                        let t = into as f64 / RATE as f64;
                        (0.5 * 32767.0 * (2.0 * std::f64::consts::PI * 1000.0 * t).sin()) as i16
                    } else {
                        0
                    };
                    data.extend_from_slice(&v.to_le_bytes());
                }
                let mut b = gst::Buffer::from_mut_slice(data);
                {
                    let b = b.get_mut().unwrap();
                    b.set_pts(gst::ClockTime::from_nseconds(s * 1_000_000_000 / RATE));
                    b.set_duration(gst::ClockTime::from_nseconds(chunk * 1_000_000_000 / RATE));
                }
                s += chunk;
                let _ = src.push_buffer(b);
            })
            .build(),
    );
    pipeline
        .add_many([video.upcast_ref::<gst::Element>(), audio.upcast_ref()])
        .unwrap();
    video.link_pads(Some("src"), rec, Some("video_0")).unwrap();
    audio.link_pads(Some("src"), rec, Some("audio_0")).unwrap();
}

/// Onsets (s) of flashes (centre luma) and beeps (5 ms RMS) in a recording.
fn onsets(path: &Path) -> (Vec<f64>, Vec<f64>) {
    let p = gst::parse::launch(&format!(
        "filesrc location={} ! decodebin name=d \
         d. ! videoconvert ! video/x-raw,format=GRAY8 ! appsink name=v sync=false \
         d. ! audioconvert ! audio/x-raw,format=F32LE,channels=1 ! appsink name=a sync=false",
        path.display()
    ))
    .unwrap()
    .downcast::<gst::Pipeline>()
    .unwrap();
    let flashes: Arc<Mutex<(Vec<f64>, bool)>> = Arc::default();
    let beeps: Arc<Mutex<(Vec<f64>, bool)>> = Arc::default();
    let f2 = flashes.clone();
    p.by_name("v")
        .unwrap()
        .downcast::<gst_app::AppSink>()
        .unwrap()
        .set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample(move |sink| {
                    let sample = sink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                    let info = gst_video::VideoInfo::from_caps(sample.caps().unwrap()).unwrap();
                    let buf = sample.buffer().unwrap();
                    let frame =
                        gst_video::VideoFrameRef::from_buffer_ref_readable(buf, &info).unwrap();
                    let stride = frame.plane_stride()[0] as usize;
                    let y = frame.plane_data(0).unwrap()
                        [(info.height() as usize / 2) * stride + info.width() as usize / 2];
                    let mut f = f2.lock().unwrap();
                    let on = y > 128;
                    if on && !f.1 {
                        f.0.push(buf.pts().unwrap().nseconds() as f64 / 1e9);
                    }
                    f.1 = on;
                    Ok(gst::FlowSuccess::Ok)
                })
                .build(),
        );
    let b2 = beeps.clone();
    p.by_name("a")
        .unwrap()
        .downcast::<gst_app::AppSink>()
        .unwrap()
        .set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample(move |sink| {
                    let sample = sink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                    let rate = sample
                        .caps()
                        .unwrap()
                        .structure(0)
                        .unwrap()
                        .get::<i32>("rate")
                        .unwrap() as f64;
                    let buf = sample.buffer().unwrap();
                    let t0 = buf.pts().unwrap().nseconds() as f64 / 1e9;
                    let map = buf.map_readable().unwrap();
                    let samples: Vec<f32> = map
                        .chunks_exact(4)
                        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                        .collect();
                    let win = (rate * 0.005) as usize;
                    let mut b = b2.lock().unwrap();
                    for (k, w) in samples.chunks(win).enumerate() {
                        let rms = (w.iter().map(|v| v * v).sum::<f32>() / w.len() as f32).sqrt();
                        let on = rms > 0.05;
                        if on && !b.1 {
                            b.0.push(t0 + (k * win) as f64 / rate);
                        }
                        b.1 = on;
                    }
                    Ok(gst::FlowSuccess::Ok)
                })
                .build(),
        );
    if let Err(e) = common::run_until_eos(&p, gst::ClockTime::from_seconds(3600)) {
        panic!("decoding {}: {}", path.display(), common::error_text(&e));
    }
    let f = flashes.lock().unwrap().0.clone();
    let b = beeps.lock().unwrap().0.clone();
    (f, b)
}

#[test]
fn a_long_recording_keeps_its_length_and_lip_sync() {
    init();
    let seconds: u64 = std::env::var("MEETREC_LONG_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3600);
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("long-run");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let pipeline = gst::Pipeline::new();
    let rec = gst::ElementFactory::make("meetingrecorder")
        .property_from_str("quality", "low")
        .property("show-labels", false)
        .property("location", dir.join("long.webm").to_str().unwrap())
        .build()
        .unwrap();
    pipeline.add(&rec).unwrap();
    flash_and_beep(&pipeline, &rec, seconds);
    let t0 = std::time::Instant::now();
    if let Err(e) = common::run_until_eos(&pipeline, gst::ClockTime::from_seconds(7200)) {
        panic!("{}", common::error_text(&e));
    }
    let took = t0.elapsed().as_secs_f64();
    let path = dir.join("long.webm");
    let found = discover(&path);
    assert!(
        (found.duration_s - seconds as f64).abs() <= 0.05,
        "{} s recorded for {seconds} s",
        found.duration_s
    );
    let (flashes, beeps) = onsets(&path);
    let events = (seconds / PERIOD_S) as usize;
    assert_eq!(flashes.len(), events, "flashes at {flashes:?}");
    assert_eq!(beeps.len(), events, "beeps at {beeps:?}");
    let offsets: Vec<f64> = beeps.iter().zip(&flashes).map(|(b, f)| b - f).collect();
    let worst = offsets.iter().fold(0.0f64, |m, o| m.max(o.abs()));
    let last = *offsets.last().unwrap();
    eprintln!(
        "{seconds} s recorded in {took:.1} s; A/V offset at the end {:.1} ms, worst {:.1} ms",
        last * 1000.0,
        worst * 1000.0
    );
    assert!(
        last.abs() <= 0.040,
        "A/V offset at the end: {:.1} ms",
        last * 1000.0
    );
    assert!(worst <= 0.040, "worst A/V offset {:.1} ms", worst * 1000.0);
    // Where the events sit: every PERIOD_S, from 0.
    for (k, f) in flashes.iter().enumerate() {
        assert!(
            (f - (k as u64 * PERIOD_S) as f64).abs() <= 0.05,
            "flash {k} at {f} s"
        );
    }
}
