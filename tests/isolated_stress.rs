// SPDX-License-Identifier: MPL-2.0
//! #32 §1: encoded participants recorded with `isolated=true` — each demuxed
//! from a VP8 + Opus file, as `gst-launch-1.0 … matroskademux ! queue !
//! r.video_N` gives them — with 1, 3 and 5 participants, several runs, two
//! at a time. Before the fix about half of such runs hung (an own file that
//! waited for a keyframe held the participant's tee, and the meeting with
//! it) and every run left a 0-byte own file beside a `-2` one. Every run must
//! end; no file may be empty or abandoned; every own file starts on a
//! keyframe and holds every packet the participant sent.

mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use gst::prelude::*;

/// Frames and keyframe spacing of the clip each participant sends.
const FRAMES: usize = 90;
const KEYFRAME_EVERY: u32 = 60;

/// A 3 s VP8 640×360 30 fps clip (a keyframe every 2 s) with Opus, once.
fn clip() -> &'static Path {
    static CLIP: OnceLock<PathBuf> = OnceLock::new();
    CLIP.get_or_init(|| {
        common::init();
        let path = common::fresh_dir("isolated_stress", "clip").join("clip.webm");
        let p = gst::parse::launch(&format!(
            "videotestsrc num-buffers={FRAMES} pattern=ball \
               ! video/x-raw,width=640,height=360,framerate=30/1 \
               ! vp8enc deadline=1 keyframe-max-dist={KEYFRAME_EVERY} ! webmmux name=m \
               ! filesink location={} \
             audiotestsrc num-buffers=141 samplesperbuffer=1024 ! audio/x-raw,rate=48000 \
               ! opusenc ! m.",
            path.display()
        ))
        .unwrap();
        common::run_pipeline(&p);
        path
    })
}

/// What a WebM holds: (video frames, whether the first is a keyframe, audio packets).
fn packets(path: &Path) -> (usize, bool, usize) {
    let p = gst::parse::launch(&format!(
        "filesrc location={} ! matroskademux name=d \
         d.video_0 ! fakesink name=v async=false sync=false \
         d.audio_0 ! fakesink name=a async=false sync=false",
        path.display()
    ))
    .unwrap();
    let bin = p.downcast_ref::<gst::Bin>().unwrap();
    let video = Arc::new(AtomicUsize::new(0));
    let audio = Arc::new(AtomicUsize::new(0));
    let first_key = Arc::new(AtomicBool::new(false));
    for (name, count) in [("v", video.clone()), ("a", audio.clone())] {
        let first_key = first_key.clone();
        let pad = bin.by_name(name).unwrap().static_pad("sink").unwrap();
        pad.add_probe(gst::PadProbeType::BUFFER, move |_, info| {
            let n = count.fetch_add(1, Ordering::SeqCst);
            if name == "v" && n == 0 {
                let delta = info
                    .buffer()
                    .is_some_and(|b| b.flags().contains(gst::BufferFlags::DELTA_UNIT));
                first_key.store(!delta, Ordering::SeqCst);
            }
            gst::PadProbeReturn::Ok
        });
    }
    common::run_pipeline(&p);
    (
        video.load(Ordering::SeqCst),
        first_key.load(Ordering::SeqCst),
        audio.load(Ordering::SeqCst),
    )
}

/// One meeting of `n` such participants into `dir`; panics when it does not
/// end within 60 s.
fn record(dir: &Path, n: usize) {
    let mut desc = format!(
        "meetingrecorder name=r location={}/meet.webm isolated=true quality=low",
        dir.display()
    );
    for i in 0..n {
        desc += &format!(" video_{i}::participant-id=p{i} audio_{i}::participant-id=p{i}");
    }
    for i in 0..n {
        desc += &format!(
            " filesrc location={} ! matroskademux name=d{i} \
             d{i}.video_0 ! queue ! r.video_{i} d{i}.audio_0 ! queue ! r.audio_{i}",
            clip().display()
        );
    }
    let p = gst::parse::launch(&desc).unwrap();
    if let Err(e) = common::run_until_eos(&p, gst::ClockTime::from_seconds(60)) {
        panic!("{n} participants: {}", common::error_text(&e));
    }
}

fn check(dir: &Path, n: usize) {
    let (sent_video, _, sent_audio) = packets(clip());
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    let mut want = vec!["meet.webm".to_string(), "meet.webm.json".to_string()];
    for i in 0..n {
        want.push(format!("meet-p{i}.webm"));
        want.push(format!("meet-p{i}.webm.json"));
    }
    want.sort();
    assert_eq!(names, want, "one file per participant, none abandoned");
    for name in names.iter().filter(|n| n.ends_with(".webm")) {
        let path = dir.join(name);
        assert!(
            std::fs::metadata(&path).unwrap().len() > 0,
            "{name} is empty"
        );
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join(format!("{name}.json"))).unwrap())
                .unwrap();
        assert_eq!(meta["status"], "stopped", "{name}: {meta}");
        if name == "meet.webm" {
            continue;
        }
        let (video, first_key, audio) = packets(&path);
        assert!(first_key, "{name} starts on a delta frame");
        assert_eq!(video, sent_video, "{name}: video frames kept");
        assert_eq!(audio, sent_audio, "{name}: audio packets kept");
    }
}

#[test]
fn encoded_isolated_meetings_of_1_3_and_5_always_end_with_whole_own_files() {
    common::init();
    let runs = std::env::var("MEETREC_STRESS_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2usize);
    let began = std::time::Instant::now();
    for n in [1, 3, 5] {
        for run in 0..runs {
            // Two at a time, as two meetings on one machine.
            let dirs: Vec<PathBuf> = (0..2)
                .map(|k| common::fresh_dir("isolated_stress", &format!("n{n}-r{run}-{k}")))
                .collect();
            std::thread::scope(|s| {
                for d in &dirs {
                    s.spawn(move || record(d, n));
                }
            });
            for d in &dirs {
                check(d, n);
            }
        }
    }
    eprintln!(
        "{} meetings ({runs} × 2 each of 1, 3, 5 participants) in {:.1} s",
        runs * 6,
        began.elapsed().as_secs_f64()
    );
}
