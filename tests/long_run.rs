// SPDX-License-Identifier: MPL-2.0
//! A long recording simulated faster than real time: a participant flashes
//! white and beeps at the same instant every 10 s; in the file, every flash
//! and its beep are still together (A/V offset) and the duration is exact.
//!
//! Length: `MEETREC_LONG_SECONDS`, default one hour of media (a few minutes
//! here: it is encoded as fast as the machine goes).

use std::path::PathBuf;

use gst::prelude::*;

mod common;

/// Seconds between flashes.
const PERIOD_S: u64 = 10;
use common::flash::{FlashBeep, onsets};
use common::{discover, init};

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
    FlashBeep {
        seconds,
        period_ms: PERIOD_S * 1000,
        phase_ms: 0,
        live: false,
    }
    .feed(&pipeline, &rec);
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
