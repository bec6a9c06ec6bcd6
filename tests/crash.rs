// SPDX-License-Identifier: MPL-2.0
//! Crash safety: a recorder killed with SIGKILL leaves a file that plays up to
//! within 2 s of the kill, and recovery finishes it (duration, index,
//! metadata). The recorder runs in a child process: this test binary itself,
//! running `crash_child`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use gst::prelude::*;

mod common;
use common::{decode_to_end, discover, init};
use gstmeetrec::{metadata, recovery};

const CHILD_ENV: &str = "MEETREC_CRASH_CHILD";

/// The child: a live meeting recorded to the location in `MEETREC_CRASH_CHILD`
/// (with its container), running until it is killed.
#[test]
#[ignore = "run by crash tests in a child process"]
fn crash_child() {
    let Ok(location) = std::env::var(CHILD_ENV) else {
        return;
    };
    init();
    let container = Path::new(&location)
        .extension()
        .unwrap()
        .to_string_lossy()
        .to_string();
    let codec = if container == "mp4" { "h264" } else { "vp8" };
    let desc = format!(
        "meetingrecorder name=r quality=low show-labels=false location={location} container={container} \
         video-codec={codec} \
         videotestsrc is-live=true pattern=ball ! capsfilter caps=video/x-raw,width=320,height=240,framerate=24/1 ! r.video_0 \
         audiotestsrc is-live=true samplesperbuffer=960 ! r.audio_0"
    );
    let pipeline = gst::parse::launch(&desc).unwrap();
    pipeline.set_state(gst::State::Playing).unwrap();
    std::thread::sleep(Duration::from_secs(120));
}

fn kill_while_recording(container: &str) {
    let _serial = common::serial();
    init();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("crash")
        .join(container);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let media = dir.join(format!("meeting.{container}"));
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", "crash_child", "--nocapture"])
        .env(CHILD_ENV, &media)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();

    // Recording: its metadata says so while it runs.
    let t0 = Instant::now();
    let meta = loop {
        if let Ok(m) = metadata::Recording::read(&media)
            && std::fs::metadata(&media).is_ok_and(|f| f.len() > 0)
        {
            break m;
        }
        assert!(
            t0.elapsed() < Duration::from_secs(30),
            "the child never recorded"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert_eq!(meta.status, metadata::Status::Recording);
    assert_eq!(meta.writer_pid, Some(child.id()));
    // Data reached the file (RECORDING_STARTED) about now.
    let started = Instant::now();
    std::thread::sleep(Duration::from_secs(4));
    child.kill().unwrap(); // SIGKILL
    let recorded = started.elapsed().as_secs_f64();
    child.wait().unwrap();

    // What is on disk plays, up to within 2 s of the kill: Discoverer sees
    // both streams, and it decodes to the end.
    {
        let uri = gst::glib::filename_to_uri(&media, None).unwrap();
        let info = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(20))
            .unwrap()
            .discover_uri(&uri)
            .unwrap_or_else(|e| panic!("{container} after kill: {e}"));
        assert_eq!(info.video_streams().len(), 1, "{container} after kill");
        assert_eq!(info.audio_streams().len(), 1, "{container} after kill");
    }
    let end = decode_to_end(&media).unwrap_or_else(|e| panic!("{container} after kill: {e}"));
    assert!(
        end >= recorded - 2.0,
        "{container}: plays {end:.2} s of {recorded:.2} s recorded"
    );

    // Recovery finishes it.
    let done = recovery::recover_dir(&dir).unwrap();
    assert_eq!(done.len(), 1, "{done:?}");
    let meta = done.into_iter().next().unwrap().outcome.unwrap();
    assert_eq!(meta.status, metadata::Status::Stopped);
    assert!(meta.recovered && meta.writer_pid.is_none());
    // The longer of audio and video (the last audio fragment may reach
    // further than the video's).
    let duration = meta.duration_ms as f64 / 1000.0;
    assert!(
        duration >= end - 0.1 && duration <= end + 1.0,
        "{} ms for {end:.2} s of video",
        meta.duration_ms
    );
    assert_eq!(metadata::Recording::read(&media).unwrap(), meta);
    let found = discover(&media);
    assert!(
        (found.duration_s - duration).abs() <= 0.3,
        "repaired {container} lasts {} s",
        found.duration_s
    );
    assert!(found.video.is_some() && found.audio.is_some());
    // Done once: nothing left to recover.
    assert!(recovery::recover_dir(&dir).unwrap().is_empty());
}

#[test]
fn a_killed_webm_recording_plays_and_is_recovered() {
    kill_while_recording("webm");
}

#[test]
fn a_killed_mp4_recording_plays_and_is_recovered() {
    kill_while_recording("mp4");
}
