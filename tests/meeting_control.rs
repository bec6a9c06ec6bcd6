// SPDX-License-Identifier: MPL-2.0
//! Controlling a running recording: pause and resume into one file, the
//! limits that stop a recording by itself, and abort.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gst::prelude::*;
use gstmeetrec::metadata;

mod common;
use common::flash::{FPS, FlashBeep, onsets};
use common::{discover, init, serial, wait_until};

fn fresh_dir(name: &str) -> PathBuf {
    common::fresh_dir("meeting_control", name)
}

/// A state change as the bus carried it.
#[derive(Debug, Clone)]
struct Said {
    status: String,
    id: String,
    location: String,
    reason: Option<String>,
    person: Option<String>,
}

type Log = Arc<Mutex<Vec<Said>>>;

/// Collects `pipeline`'s `recording-state-changed` messages as they are posted.
fn collect_states(pipeline: &gst::Pipeline) -> Log {
    let log: Log = Arc::default();
    let l = log.clone();
    pipeline.bus().unwrap().set_sync_handler(move |_, msg| {
        if let Some(s) = msg
            .structure()
            .filter(|s| s.name() == "recording-state-changed")
        {
            l.lock().unwrap().push(Said {
                status: s.get("status").unwrap(),
                id: s.get("recording-id").unwrap(),
                location: s.get("location").unwrap(),
                reason: s.get("reason").ok(),
                person: s.get("participant-id").ok(),
            });
        }
        gst::BusSyncReply::Pass
    });
    log
}

/// A pipeline with a recorder set up by `props` (`name=value` pairs).
fn recorder(props: &str) -> (gst::Pipeline, gst::Element, Log) {
    init();
    let pipeline = gst::Pipeline::new();
    let rec = gst::ElementFactory::make("meetingrecorder")
        .build()
        .unwrap();
    for (name, value) in props.split_whitespace().filter_map(|p| p.split_once('=')) {
        rec.set_property_from_str(name, value);
    }
    pipeline.add(&rec).unwrap();
    let log = collect_states(&pipeline);
    (pipeline, rec, log)
}

fn statuses(log: &Log, id: &str) -> Vec<String> {
    log.lock()
        .unwrap()
        .iter()
        .filter(|s| s.id == id)
        .map(|s| s.status.clone())
        .collect()
}

fn wait_for(log: &Log, status: &str, count: usize) {
    wait_until(
        Duration::from_secs(20),
        || {
            log.lock()
                .unwrap()
                .iter()
                .filter(|s| s.status == status)
                .count()
                >= count
        },
        || format!("no {status} (#{count}) in {:?}", log.lock().unwrap()),
    );
}

fn composite(log: &Log) -> Said {
    log.lock()
        .unwrap()
        .iter()
        .find(|s| s.person.is_none())
        .cloned()
        .expect("a recording")
}

/// Frame times (s) of the video in a file.
fn frame_times(path: &Path) -> Vec<f64> {
    let times: Arc<Mutex<Vec<f64>>> = Arc::default();
    let p = gst::parse::launch(&format!(
        "filesrc location={} ! matroskademux ! video/x-vp8 ! fakesink name=v sync=false",
        path.display()
    ))
    .unwrap();
    let t = times.clone();
    p.downcast_ref::<gst::Bin>()
        .unwrap()
        .by_name("v")
        .unwrap()
        .static_pad("sink")
        .unwrap()
        .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
            if let Some(pts) = info.buffer().and_then(|b| b.pts()) {
                t.lock().unwrap().push(pts.nseconds() as f64 / 1e9);
            }
            gst::PadProbeReturn::Ok
        });
    common::run_pipeline(&p);
    times.lock().unwrap().clone()
}

/// 3 s recorded, 2 s paused, 3 s recorded: one 6 s file, no gap and no
/// frozen frames where the pause was cut out, every flash still with its
/// beep, the pause in the metadata. Pause, resume and stop are asked for when
/// the meeting's picture reaches 3 s, 5 s and 8 s (a live meeting, so that
/// many seconds after it started).
#[test]
fn a_paused_stretch_is_cut_out_of_one_file() {
    let _serial = serial();
    let dir = fresh_dir("pause");
    let (pipeline, rec, log) = recorder("quality=low show-labels=false isolated=true");
    rec.set_property("location", dir.join("paused.webm").to_str().unwrap());
    // Flashes at 0.5 s, 1.5 s, …: none at the cuts (3 s and 5 s).
    FlashBeep {
        seconds: 10,
        period_ms: 1000,
        phase_ms: 500,
        live: true,
    }
    .feed(&pipeline, &rec);
    let picture = rec
        .clone()
        .downcast::<gst::Bin>()
        .unwrap()
        .by_name("compositor")
        .unwrap()
        .static_pad("src")
        .unwrap();
    let step = Arc::new(Mutex::new(0));
    // `recorded-ms` as read at the pause and at the resume.
    let recorded = Arc::new(Mutex::new(Vec::new()));
    let seen = recorded.clone();
    let weak = rec.downgrade();
    picture.add_probe(gst::PadProbeType::BUFFER, move |_, info| {
        let at = info
            .buffer()
            .and_then(|b| b.pts())
            .map_or(0.0, |t| t.nseconds() as f64 / 1e9);
        let mut step = step.lock().unwrap();
        let Some(rec) = weak.upgrade() else {
            return gst::PadProbeReturn::Remove;
        };
        if *step == 0 && at >= 3.0 {
            seen.lock()
                .unwrap()
                .push(rec.property::<u64>("recorded-ms"));
            assert!(rec.emit_by_name::<bool>("pause", &[]));
            *step = 1;
        } else if *step == 1 && at >= 5.0 {
            seen.lock()
                .unwrap()
                .push(rec.property::<u64>("recorded-ms"));
            assert!(rec.emit_by_name::<bool>("resume", &[]));
            *step = 2;
        } else if *step == 2 && at >= 8.0 {
            rec.emit_by_name::<()>("stop", &[]);
            *step = 3;
        }
        gst::PadProbeReturn::Ok
    });
    pipeline.set_state(gst::State::Playing).unwrap();
    // Both files written: the composite and the participant's own.
    wait_for(&log, "RECORDING_STOPPED", 2);
    // What the recording held as it went (what a fleet node reports of a
    // part): about 3 s at the pause, no more while paused, none once stopped.
    let at = recorded.lock().unwrap().clone();
    assert!((2000..=3100).contains(&at[0]), "recorded-ms {at:?}");
    assert!(at[1] >= at[0] && at[1] - at[0] <= 300, "recorded-ms {at:?}");
    assert_eq!(rec.property::<u64>("recorded-ms"), 0);
    pipeline.set_state(gst::State::Null).unwrap();
    let c = composite(&log);
    assert_eq!(
        statuses(&log, &c.id),
        [
            "RECORDING_STARTING",
            "RECORDING_STARTED",
            "RECORDING_PAUSED",
            "RECORDING_RESUMED",
            "RECORDING_STOPPING",
            "RECORDING_STOPPED"
        ]
    );
    let path = PathBuf::from(&c.location);
    let frame = 1.0 / FPS as f64;
    let f = discover(&path);
    assert!(
        (f.duration_s - 6.0).abs() <= frame,
        "{} s for 3 s + 3 s",
        f.duration_s
    );
    let meta = metadata::Recording::read(&path).unwrap();
    assert!((meta.duration_ms as f64 / 1000.0 - 6.0).abs() <= frame);
    assert_eq!(meta.pauses.len(), 1, "{:?}", meta.pauses);
    let p = &meta.pauses[0];
    let paused = humantime::parse_rfc3339(p.ended_at.as_deref().unwrap())
        .unwrap()
        .duration_since(humantime::parse_rfc3339(&p.started_at).unwrap())
        .unwrap();
    assert!(
        (paused.as_secs_f64() - 2.0).abs() < 0.3,
        "paused {paused:?} by the wall clock"
    );
    // One timeline: frames follow each other with no hole, none repeated.
    let times = frame_times(&path);
    for w in times.windows(2) {
        assert!(
            w[1] - w[0] > 0.0 && w[1] - w[0] <= 1.5 * frame,
            "frames at {:.3} and {:.3} s",
            w[0],
            w[1]
        );
    }
    // Each flash with its beep, before and after the cut.
    let (flashes, beeps) = onsets(&path);
    assert!(flashes.len() >= 5, "flashes {flashes:?}");
    assert_eq!(flashes.len(), beeps.len(), "{flashes:?} {beeps:?}");
    for (fl, b) in flashes.iter().zip(&beeps) {
        assert!((fl - b).abs() <= 0.02, "flash {fl:.3} beep {b:.3}");
    }
    // The flashes from after the pause sit 2 s earlier in the file.
    assert!(
        flashes.iter().any(|t| (t - 3.5).abs() < 0.1),
        "the 5.5 s flash at 3.5 s: {flashes:?}"
    );
    // The participant's own file paused with it.
    let own = log
        .lock()
        .unwrap()
        .iter()
        .find(|s| s.person.is_some())
        .cloned()
        .expect("their own recording");
    assert!(
        statuses(&log, &own.id).contains(&"RECORDING_PAUSED".to_string()),
        "{:?}",
        log.lock().unwrap()
    );
    let own_path = PathBuf::from(&own.location);
    let of = discover(&own_path);
    assert!(
        (of.duration_s - 6.0).abs() <= frame,
        "own file {} s",
        of.duration_s
    );
    let (flashes, beeps) = onsets(&own_path);
    assert_eq!(flashes.len(), beeps.len());
    assert!(
        flashes
            .iter()
            .zip(&beeps)
            .all(|(f, b)| (f - b).abs() <= 0.02),
        "own file: flashes {flashes:?} beeps {beeps:?} {:?}",
        log.lock().unwrap()
    );
}

/// A live participant (picture and tone), as launch text.
const LIVE_PERSON: &str = "videotestsrc is-live=true pattern=ball ! \
     video/x-raw,format=I420,width=320,height=240,framerate=24/1 ! r.video_0 \
     audiotestsrc is-live=true volume=0.3 ! audio/x-raw,rate=48000,channels=1 ! r.audio_0";

fn launch(props: &str, people: &str) -> (gst::Pipeline, gst::Element, Log) {
    init();
    let pipeline = gst::parse::launch(&format!("meetingrecorder name=r {props} {people}"))
        .unwrap()
        .downcast::<gst::Pipeline>()
        .unwrap();
    let rec = pipeline.by_name("r").unwrap();
    let log = collect_states(&pipeline);
    (pipeline, rec, log)
}

#[test]
fn a_recording_stopped_while_paused_is_finalized() {
    let _serial = serial();
    let dir = fresh_dir("stop-paused");
    let (pipeline, rec, log) = launch(
        &format!(
            "quality=low video_0::participant-id=ada location={}/{{id}}.webm",
            dir.display()
        ),
        LIVE_PERSON,
    );
    pipeline.set_state(gst::State::Playing).unwrap();
    wait_for(&log, "RECORDING_STARTED", 1);
    std::thread::sleep(Duration::from_millis(1500));
    assert!(rec.emit_by_name::<bool>("pause", &[]));
    assert!(!rec.emit_by_name::<bool>("pause", &[]), "already paused");
    std::thread::sleep(Duration::from_secs(1));
    rec.emit_by_name::<()>("stop", &[]);
    wait_for(&log, "RECORDING_STOPPED", 1);
    pipeline.set_state(gst::State::Null).unwrap();
    assert!(
        !rec.emit_by_name::<bool>("resume", &[]),
        "nothing to resume"
    );
    let c = composite(&log);
    let path = PathBuf::from(&c.location);
    let f = discover(&path);
    assert!(
        (f.duration_s - 1.5).abs() < 0.3,
        "{} s: the paused second is not in it",
        f.duration_s
    );
    let meta = metadata::Recording::read(&path).unwrap();
    assert_eq!(meta.status, metadata::Status::Stopped);
    assert_eq!(meta.pauses.len(), 1);
    assert!(meta.pauses[0].ended_at.is_none(), "stopped while paused");
}

/// `max-duration` stops a recording by itself at that much recorded time,
/// finalized, with reason limit-reached (the meeting itself goes on to its end).
#[test]
fn max_duration_stops_the_recording_at_the_limit() {
    let _serial = serial();
    let dir = fresh_dir("max-duration");
    let (pipeline, rec, log) = recorder("quality=low max-duration=2");
    rec.set_property("location", dir.join("limited.webm").to_str().unwrap());
    FlashBeep {
        seconds: 5,
        period_ms: 1000,
        phase_ms: 500,
        live: false,
    }
    .feed(&pipeline, &rec);
    if let Err(e) = common::run_until_eos(&pipeline, gst::ClockTime::from_seconds(60)) {
        panic!("{}", common::error_text(&e));
    }
    let said = log.lock().unwrap().clone();
    let stopped = said
        .iter()
        .find(|s| s.status == "RECORDING_STOPPED")
        .unwrap_or_else(|| panic!("{said:?}"));
    assert_eq!(stopped.reason.as_deref(), Some("limit-reached"));
    let path = dir.join("limited.webm");
    let f = discover(&path);
    assert!(
        (f.duration_s - 2.0).abs() <= 1.0 / FPS as f64 + 0.021,
        "{} s for max-duration=2",
        f.duration_s
    );
    let meta = metadata::Recording::read(&path).unwrap();
    assert_eq!(meta.stop_reason.as_deref(), Some("limit-reached"));
    assert_eq!(meta.status, metadata::Status::Stopped);
}

/// `max-size` stops a recording once that many bytes are written; what was
/// on its way to the file (live: a fraction of a second) still lands.
#[test]
fn max_size_stops_the_recording_near_the_limit() {
    let _serial = serial();
    let dir = fresh_dir("max-size");
    let (pipeline, rec, log) = launch(
        &format!(
            "quality=low max-size=150000 location={}/sized.webm",
            dir.display()
        ),
        "videotestsrc is-live=true num-buffers=240 pattern=snow ! \
         video/x-raw,format=I420,framerate=24/1 ! r.video_0",
    );
    if let Err(e) = common::run_until_eos(&pipeline, gst::ClockTime::from_seconds(60)) {
        panic!("{}", common::error_text(&e));
    }
    let said = log.lock().unwrap().clone();
    assert!(
        said.iter().any(
            |s| s.status == "RECORDING_STOPPED" && s.reason.as_deref() == Some("limit-reached")
        ),
        "{said:?}"
    );
    let path = dir.join("sized.webm");
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(
        (150_000..260_000).contains(&size),
        "{size} bytes for max-size=150000"
    );
    let f = discover(&path);
    assert!(f.duration_s > 0.1 && f.duration_s < 9.0, "{}", f.duration_s);
    drop(rec);
}

/// `abort` stops the recording and its participants' own and deletes their
/// files and metadata: RECORDING_ABORTED, nothing left.
#[test]
fn abort_discards_the_recordings() {
    let _serial = serial();
    let dir = fresh_dir("abort");
    let (pipeline, rec, log) = launch(
        &format!(
            "quality=low isolated=true video_0::participant-id=ada location={}/{{id}}.webm",
            dir.display()
        ),
        LIVE_PERSON,
    );
    pipeline.set_state(gst::State::Playing).unwrap();
    wait_for(&log, "RECORDING_STARTED", 2);
    std::thread::sleep(Duration::from_secs(1));
    assert!(rec.emit_by_name::<bool>("abort", &[]));
    wait_for(&log, "RECORDING_ABORTED", 2);
    pipeline.set_state(gst::State::Null).unwrap();
    let said = log.lock().unwrap().clone();
    assert!(
        !said.iter().any(|s| s.status == "RECORDING_STOPPED"),
        "{said:?}"
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
    assert_eq!(
        rec.property::<gstmeetrec::meetingrecorder::RecordingState>("recording-state"),
        gstmeetrec::meetingrecorder::RecordingState::Aborted
    );
}

/// The speaker changes while the recording pauses: after the resume the
/// picture shows the new speaker first, with one unbroken timeline.
#[test]
fn pausing_during_a_speaker_switch() {
    let _serial = serial();
    let dir = fresh_dir("pause-switch");
    let person = |i: usize, rgb: u32, volume: f64| {
        format!(
            "videotestsrc is-live=true pattern=solid-color foreground-color={} ! \
             video/x-raw,format=I420,width=320,height=240,framerate=24/1 ! r.video_{i} \
             audiotestsrc is-live=true name=tone{i} volume={volume} ! \
             audio/x-raw,rate=48000,channels=1 ! r.audio_{i} ",
            0xff00_0000u32 | rgb
        )
    };
    let (pipeline, rec, log) = launch(
        &format!(
            "quality=low show-labels=false speaker-hold=300000000 speaker-highlight=false \
             video_0::participant-id=ada audio_0::participant-id=ada \
             video_1::participant-id=bob audio_1::participant-id=bob \
             location={}/{{id}}.webm",
            dir.display()
        ),
        &(person(0, 0xF01E1E, 0.5) + &person(1, 0x1EC83C, 0.0)),
    );
    pipeline.set_state(gst::State::Playing).unwrap();
    wait_for(&log, "RECORDING_STARTED", 1);
    std::thread::sleep(Duration::from_millis(1500));
    // Ada stops, Bob starts, and the recording pauses at that moment.
    pipeline
        .by_name("tone0")
        .unwrap()
        .set_property("volume", 0.0f64);
    pipeline
        .by_name("tone1")
        .unwrap()
        .set_property("volume", 0.5f64);
    assert!(rec.emit_by_name::<bool>("pause", &[]));
    std::thread::sleep(Duration::from_secs(1));
    assert!(rec.emit_by_name::<bool>("resume", &[]));
    std::thread::sleep(Duration::from_millis(1500));
    rec.emit_by_name::<()>("stop", &[]);
    wait_for(&log, "RECORDING_STOPPED", 1);
    common::stop_without_errors(&pipeline);
    let c = composite(&log);
    let path = PathBuf::from(&c.location);
    let f = discover(&path);
    assert!(
        (f.duration_s - 3.0).abs() < 0.4,
        "{} s: 1.5 s + 1.5 s, the paused second cut out",
        f.duration_s
    );
    let frame = 1.0 / FPS as f64;
    for w in frame_times(&path).windows(2) {
        assert!(w[1] - w[0] > 0.0 && w[1] - w[0] <= 1.5 * frame, "{w:?}");
    }
    // Grid of two, Bob (green) first now: the left tile is his.
    let (rgb, w, h) = common::last_frame(&path);
    let px = |x: u32, y: u32| {
        let i = ((y * w + x) * 3) as usize;
        [rgb[i], rgb[i + 1], rgb[i + 2]]
    };
    let left = px(w / 4, h / 2);
    let right = px(3 * w / 4, h / 2);
    assert!(left[1] > 150 && left[0] < 90, "left tile {left:?}: Bob");
    assert!(right[0] > 180 && right[1] < 90, "right tile {right:?}: Ada");
}

/// The right number of snapshots for the duration, each a JPEG of the
/// composite's size whose tile centres show the participants' colours, and
/// the newest as the recording's poster.
#[test]
fn snapshots_of_the_composite_and_a_poster() {
    let _serial = serial();
    let dir = fresh_dir("snapshots");
    let colours = [0xF01E1Eu32, 0x1EC83C];
    let people: String = colours
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "videotestsrc num-buffers=240 pattern=solid-color foreground-color={} ! \
                 video/x-raw,format=I420,width=320,height=240,framerate=24/1 ! r.video_{i} ",
                0xff00_0000u32 | c
            )
        })
        .collect();
    let (pipeline, _rec, log) = launch(
        &format!(
            "quality=low show-labels=false location={0}/meeting.webm \
             snapshot-location={0}/shots/{{id}}-%03d.jpg snapshot-interval=2",
            dir.display()
        ),
        &people,
    );
    if let Err(e) = common::run_until_eos(&pipeline, gst::ClockTime::from_seconds(60)) {
        panic!("{}", common::error_text(&e));
    }
    let id = composite(&log).id;
    let mut shots: Vec<PathBuf> = std::fs::read_dir(dir.join("shots"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    shots.sort();
    // 10 s, one every 2 s: at 0, 2, 4, 6 and 8 s.
    assert_eq!(shots.len(), 5, "{shots:?}");
    assert!(shots[0].ends_with(format!("{id}-000.jpg")), "{shots:?}");
    let poster = dir.join("meeting.jpg");
    assert_eq!(
        std::fs::read(&poster).unwrap(),
        std::fs::read(shots.last().unwrap()).unwrap(),
        "the poster is the newest"
    );
    for shot in &shots {
        let (rgb, w, h) = common::last_frame(shot);
        assert_eq!((w, h), (640, 360), "{}", shot.display());
        let px = |x: u32, y: u32| {
            let i = ((y * w + x) * 3) as usize;
            [rgb[i] as i32, rgb[i + 1] as i32, rgb[i + 2] as i32]
        };
        // Grid of two: left and right tile centres.
        for (x, c) in [(w / 4, colours[0]), (3 * w / 4, colours[1])] {
            let want = [
                (c >> 16) as i32 & 255,
                (c >> 8) as i32 & 255,
                c as i32 & 255,
            ];
            let got = px(x, h / 2);
            assert!(
                got.iter().zip(want).all(|(g, w)| (g - w).abs() <= 16),
                "{}: {got:?} want {want:?}",
                shot.display()
            );
        }
    }
}

/// split-duration=4 on a 10 s meeting: three files cut at keyframes, each
/// playable on its own, together as long as the meeting (one frame), listed
/// in order in the metadata; deleting the recording takes them all.
#[test]
fn a_recording_split_into_parts() {
    let _serial = serial();
    let dir = fresh_dir("split");
    let (pipeline, _rec, log) = launch(
        &format!(
            "quality=low split-duration=4 location={}/meeting.webm",
            dir.display()
        ),
        "videotestsrc num-buffers=240 pattern=ball ! video/x-raw,format=I420,framerate=24/1 ! r.video_0 \
         audiotestsrc num-buffers=500 samplesperbuffer=960 ! audio/x-raw,rate=48000,channels=1 ! r.audio_0",
    );
    if let Err(e) = common::run_until_eos(&pipeline, gst::ClockTime::from_seconds(60)) {
        panic!("{}", common::error_text(&e));
    }
    let c = composite(&log);
    let meta = metadata::Recording::read(&PathBuf::from(&c.location)).unwrap();
    assert_eq!(
        meta.file.parts,
        ["meeting.webm", "meeting-part2.webm", "meeting-part3.webm"]
    );
    let mut total = 0.0;
    let mut size = 0;
    for part in &meta.file.parts {
        let path = dir.join(part);
        let f = discover(&path);
        assert!(f.video.is_some() && f.audio.is_some(), "{part}");
        assert!(f.duration_s > 1.0, "{part}: {} s", f.duration_s);
        total += f.duration_s;
        size += std::fs::metadata(&path).unwrap().len();
    }
    let frame = 1.0 / 24.0;
    assert!((total - 10.0).abs() <= frame, "{total} s in all");
    assert_eq!(meta.file.size_bytes, size);
    // Deleting the recording takes every part.
    let catalog = gstmeetrec::catalog::Catalog::new(&dir).unwrap();
    catalog.delete(&meta.id).unwrap();
    let left: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}
