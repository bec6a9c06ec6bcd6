// SPDX-License-Identifier: MPL-2.0
//! Live outputs against real servers on 127.0.0.1: an RTMP server (nginx
//! with Debian's libnginx-mod-rtmp, which `scripts/deps.sh` installs), an
//! SRT listener (`srtsrc`), and HLS read back by GStreamer's `hlsdemux`.

use std::net::{TcpListener, TcpStream, UdpSocket};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gst::prelude::*;
use gstmeetrec::metadata;

mod common;
use common::{discover, init, serial, wait_until};

fn fresh_dir(name: &str) -> PathBuf {
    common::fresh_dir("live_outputs", name)
}

const RTMP_MODULE: &str = "/usr/lib/nginx/modules/ngx_rtmp_module.so";
const RED: u32 = 0xF01E1E;
const GREEN: u32 = 0x1EC83C;

/// A real RTMP server: nginx in the foreground with its RTMP module, on a
/// free port of 127.0.0.1, recording every stream it receives into
/// `<dir>/received/<key>-<time>.flv`.
struct Nginx {
    dir: PathBuf,
    port: u16,
    child: Option<Child>,
}

impl Nginx {
    fn start(dir: &Path) -> Nginx {
        assert!(
            Path::new(RTMP_MODULE).exists() && Path::new("/usr/sbin/nginx").exists(),
            "the RTMP tests need nginx and libnginx-mod-rtmp: run scripts/deps.sh"
        );
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = dir.join("nginx");
        std::fs::create_dir_all(dir.join("received")).unwrap();
        std::fs::write(
            dir.join("nginx.conf"),
            format!(
                "load_module {RTMP_MODULE};\n\
                 daemon off;\nmaster_process off;\nworker_processes 1;\n\
                 pid {d}/nginx.pid;\nerror_log {d}/error.log info;\n\
                 events {{ worker_connections 64; }}\n\
                 rtmp {{ server {{ listen 127.0.0.1:{port}; \
                 application live {{ live on; record all; record_path {d}/received; \
                 record_unique on; }} \
                 application relay {{ live on; record all; record_path {d}/received; \
                 record_unique on; record_suffix -relay.flv; }} }} }}\n",
                d = dir.display()
            ),
        )
        .unwrap();
        let mut n = Nginx {
            dir,
            port,
            child: None,
        };
        n.restart();
        n
    }

    /// Starts it (again, on the same port) and waits until it accepts.
    fn restart(&mut self) {
        let child = Command::new("/usr/sbin/nginx")
            .arg("-p")
            .arg(&self.dir)
            .arg("-e")
            .arg(self.dir.join("error.log"))
            .arg("-c")
            .arg(self.dir.join("nginx.conf"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx");
        self.child = Some(child);
        let addr = format!("127.0.0.1:{}", self.port);
        wait_until(
            Duration::from_secs(10),
            || TcpStream::connect(&addr).is_ok(),
            || format!("nginx did not listen on {addr}: {}", self.log()),
        );
    }

    fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default()
    }

    fn uri(&self, key: &str) -> String {
        format!("rtmp://127.0.0.1:{}/live/{key}", self.port)
    }

    /// What it recorded, oldest first.
    fn received(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.dir.join("received"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A state change of an output or a recording, as the bus carried it.
#[derive(Debug, Clone)]
struct Said {
    status: String,
    id: String,
    output: Option<String>,
    target: Option<String>,
    retry_in_ms: Option<u64>,
    reason: Option<String>,
    at: Instant,
}

type Log = Arc<Mutex<Vec<Said>>>;

fn collect(pipeline: &gst::Pipeline) -> Log {
    let log: Log = Arc::default();
    let l = log.clone();
    pipeline.bus().unwrap().set_sync_handler(move |_, msg| {
        if let Some(s) = msg
            .structure()
            .filter(|s| s.name() == "recording-state-changed" || s.name() == "output-state-changed")
        {
            l.lock().unwrap().push(Said {
                status: s.get("status").unwrap(),
                id: s.get("recording-id").unwrap(),
                output: s.get("output").ok(),
                target: s.get("target").ok(),
                retry_in_ms: s.get("retry-in-ms").ok(),
                reason: s.get("reason").ok(),
                at: Instant::now(),
            });
        }
        gst::BusSyncReply::Pass
    });
    log
}

/// The states of recording `id`'s output `output` (file, stream, hls).
fn output_states(log: &Log, output: &str) -> Vec<String> {
    log.lock()
        .unwrap()
        .iter()
        .filter(|s| s.output.as_deref() == Some(output))
        .map(|s| s.status.clone())
        .collect()
}

fn wait_for_output(log: &Log, output: &str, status: &str, count: usize, limit: Duration) {
    wait_until(
        limit,
        || {
            output_states(log, output)
                .iter()
                .filter(|s| *s == status)
                .count()
                >= count
        },
        || format!("{count}× {status} of {output}: {:#?}", log.lock().unwrap()),
    );
}

/// A meeting of two live participants (red and green, Ada's with a tone) for
/// `seconds`, recorded with `props`.
fn meeting(props: &str, seconds: u32) -> (gst::Pipeline, gst::Element, Log) {
    init();
    let frames = seconds * 24;
    let people: String = [RED, GREEN]
        .iter()
        .enumerate()
        .map(|(i, c)| {
            format!(
                "videotestsrc is-live=true num-buffers={frames} pattern=solid-color \
                 foreground-color={} ! video/x-raw,format=I420,width=320,height=240,framerate=24/1 ! \
                 r.video_{i} ",
                0xff00_0000u32 | c
            )
        })
        .collect();
    let desc = format!(
        "meetingrecorder name=r quality=low show-labels=false {props} {people} \
         audiotestsrc is-live=true num-buffers={} samplesperbuffer=960 ! \
         audio/x-raw,rate=48000,channels=1 ! r.audio_0",
        seconds * 50
    );
    let pipeline = gst::parse::launch(&desc)
        .unwrap()
        .downcast::<gst::Pipeline>()
        .unwrap();
    let rec = pipeline.by_name("r").unwrap();
    let log = collect(&pipeline);
    (pipeline, rec, log)
}

fn run(pipeline: &gst::Pipeline, limit: u64) {
    if let Err(e) = common::run_until_eos(pipeline, gst::ClockTime::from_seconds(limit)) {
        panic!("{}", common::error_text(&e));
    }
}

/// The recorded file lasts `seconds` (within 0.2 s).
fn assert_file_lasts(file: &Path, seconds: f64) {
    let f = discover(file);
    assert!(
        (f.duration_s - seconds).abs() <= 0.2,
        "the file has {} s of {seconds}",
        f.duration_s
    );
}

/// The last picture of `path` shows red on the left and green on the right
/// (a grid of two), at `size`.
fn assert_tiles(path: &Path, size: (u32, u32)) {
    let (rgb, w, h) = common::last_frame(path);
    assert_eq!((w, h), size, "{}", path.display());
    for (x, c) in [(w / 4, RED), (3 * w / 4, GREEN)] {
        let i = ((h / 2 * w + x) * 3) as usize;
        let got = [rgb[i] as i32, rgb[i + 1] as i32, rgb[i + 2] as i32];
        let want = [
            (c >> 16) as i32 & 255,
            (c >> 8) as i32 & 255,
            c as i32 & 255,
        ];
        assert!(
            got.iter().zip(want).all(|(g, w)| (g - w).abs() <= 20),
            "{} at x={x}: {got:?}, want {want:?}",
            path.display()
        );
    }
}

fn the_recording(log: &Log) -> (String, PathBuf) {
    let log = log.lock().unwrap();
    let s = log
        .iter()
        .find(|s| s.output.as_deref() == Some("file"))
        .expect("a file output");
    (s.id.clone(), PathBuf::from(s.target.clone().unwrap()))
}

/// A webhook receiver on 127.0.0.1: its URL and the JSON bodies it got.
fn webhooks() -> (String, Arc<Mutex<Vec<serde_json::Value>>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hooks", server.server_addr().to_ip().unwrap());
    let got: Arc<Mutex<Vec<serde_json::Value>>> = Arc::default();
    let g = got.clone();
    std::thread::spawn(move || {
        for mut req in server.incoming_requests() {
            let mut body = Vec::new();
            let _ = std::io::Read::read_to_end(req.as_reader(), &mut body);
            if let Ok(json) = serde_json::from_slice(&body) {
                g.lock().unwrap().push(json);
            }
            let _ = req.respond(tiny_http::Response::empty(200));
        }
    });
    (url, got)
}

/// An H.264 MP4 recording streamed to a real RTMP server at once, sharing
/// the file's encoder: the server receives H.264 + AAC of the composite's
/// size and length, showing each participant in their tile; the stream's
/// states come in order, and its key is never shown.
#[test]
fn a_meeting_streams_to_an_rtmp_server_sharing_the_files_encoder() {
    let _serial = serial();
    let dir = fresh_dir("rtmp");
    let nginx = Nginx::start(&dir);
    let uri = nginx.uri("secret-key-123");
    let (hook, hooks) = webhooks();
    let (pipeline, rec, log) = meeting(
        &format!(
            "container=mp4 location={}/meeting.mp4 stream-uri={uri} webhook-url={hook}",
            dir.display()
        ),
        4,
    );
    let signalled: Arc<Mutex<Vec<[String; 4]>>> = Arc::default();
    {
        let signalled = signalled.clone();
        rec.connect("output-state-changed", false, move |args| {
            let s = |i: usize| args[i].get::<String>().unwrap();
            signalled.lock().unwrap().push([s(1), s(2), s(3), s(4)]);
            None
        });
    }
    run(&pipeline, 60);
    wait_for_output(&log, "stream", "OUTPUT_STOPPED", 1, Duration::from_secs(10));
    let states = ["OUTPUT_STARTING", "OUTPUT_ACTIVE", "OUTPUT_STOPPED"];
    assert_eq!(output_states(&log, "stream"), states);
    // The same as the signal and as webhooks (`output.*`, for the stream;
    // the file's are the recording's own events).
    let shown = format!("rtmp://127.0.0.1:{}/live/***", nginx.port);
    let by_signal: Vec<String> = signalled
        .lock()
        .unwrap()
        .iter()
        .filter(|[_, _, output, target]| output == "stream" && *target == shown)
        .map(|[status, ..]| status.clone())
        .collect();
    assert_eq!(by_signal, states);
    wait_until(
        Duration::from_secs(10),
        || {
            hooks
                .lock()
                .unwrap()
                .iter()
                .any(|h| h["type"] == "output.stopped")
        },
        || format!("{:#?}", hooks.lock().unwrap()),
    );
    let by_hook: Vec<(String, String, String)> = hooks
        .lock()
        .unwrap()
        .iter()
        .filter(|h| h["output"] == "stream")
        .map(|h| {
            let s = |k: &str| h[k].as_str().unwrap_or_default().to_string();
            (s("type"), s("status"), s("target"))
        })
        .collect();
    assert_eq!(
        by_hook,
        states.map(|st| (
            format!("output.{}", st.trim_start_matches("OUTPUT_").to_lowercase()),
            st.to_string(),
            shown.clone()
        ))
    );
    assert!(
        hooks
            .lock()
            .unwrap()
            .iter()
            .all(|h| !h.to_string().contains("secret-key")),
        "no webhook carries the key"
    );
    assert_eq!(
        output_states(&log, "file"),
        ["OUTPUT_STARTING", "OUTPUT_ACTIVE", "OUTPUT_STOPPED"]
    );
    assert!(
        log.lock().unwrap().iter().all(|s| !s
            .target
            .clone()
            .unwrap_or_default()
            .contains("secret-key")),
        "the stream key is never shown"
    );

    let received = nginx.received();
    assert_eq!(received.len(), 1, "{received:?}\n{}", nginx.log());
    let flv = &received[0];
    let found = discover(flv);
    assert_eq!(
        found.video,
        Some(("video/x-h264".into(), 640, 360)),
        "{}",
        flv.display()
    );
    assert_eq!(
        found.audio.as_ref().map(|a| a.0.as_str()),
        Some("audio/mpeg")
    );
    assert!(
        (found.duration_s - 4.0).abs() <= 0.5,
        "{} s streamed of 4",
        found.duration_s
    );
    assert_tiles(flv, (640, 360));

    let (_, file) = the_recording(&log);
    let meta = metadata::Recording::read(&metadata::path_for(&file)).unwrap();
    assert_eq!(meta.outputs.len(), 1, "{:#?}", meta.outputs);
    let out = &meta.outputs[0];
    assert_eq!(
        (out.kind.as_str(), out.target.as_str()),
        (
            "stream",
            format!("rtmp://127.0.0.1:{}/live/***", nginx.port).as_str()
        )
    );
    assert!(out.shared_video_encoder, "H.264 file: one encode for both");
    assert_eq!((out.dropped_frames, out.failures), (0, 0));
    assert_file_lasts(&file, 4.0);
}

/// Restreaming to two services at once (comma-separated `stream-uri`):
/// each receives the whole meeting, from one shared encode.
#[test]
fn a_meeting_goes_to_two_rtmp_services_at_once() {
    let _serial = serial();
    let dir = fresh_dir("rtmp-two");
    let nginx = Nginx::start(&dir);
    let relay = format!("rtmp://127.0.0.1:{}/relay/other-key", nginx.port);
    let (pipeline, _rec, log) = meeting(
        &format!(
            "container=mp4 location={}/meeting.mp4 stream-uri={},{relay}",
            dir.display(),
            nginx.uri("k")
        ),
        4,
    );
    run(&pipeline, 60);
    wait_for_output(&log, "stream", "OUTPUT_STOPPED", 2, Duration::from_secs(10));
    let received = nginx.received();
    assert_eq!(received.len(), 2, "{received:?}\n{}", nginx.log());
    assert_eq!(
        received
            .iter()
            .filter(|f| f.to_string_lossy().ends_with("-relay.flv"))
            .count(),
        1,
        "{received:?}"
    );
    for flv in &received {
        let found = discover(flv);
        assert_eq!(found.video, Some(("video/x-h264".into(), 640, 360)));
        assert!(
            (found.duration_s - 4.0).abs() <= 0.5,
            "{}: {} s",
            flv.display(),
            found.duration_s
        );
        assert_tiles(flv, (640, 360));
    }
    let (_, file) = the_recording(&log);
    let meta = metadata::Recording::read(&metadata::path_for(&file)).unwrap();
    let names: Vec<&str> = meta.outputs.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["stream-1", "stream-2"]);
    assert!(meta.outputs.iter().all(|o| o.shared_video_encoder));
}

/// The RTMP server goes away mid-meeting and comes back: the stream goes
/// FAILED (retrying), then ACTIVE again and the server receives the rest;
/// the file (VP8, so the stream has its own H.264 encoder) records the
/// whole meeting untouched.
#[test]
fn the_file_records_on_while_the_rtmp_server_is_away() {
    let _serial = serial();
    let dir = fresh_dir("rtmp-away");
    let mut nginx = Nginx::start(&dir);
    let (pipeline, _rec, log) = meeting(
        &format!(
            "location={}/meeting.webm stream-uri={}",
            dir.display(),
            nginx.uri("k")
        ),
        12,
    );
    pipeline.set_state(gst::State::Playing).unwrap();
    wait_for_output(&log, "stream", "OUTPUT_ACTIVE", 1, Duration::from_secs(10));
    std::thread::sleep(Duration::from_secs(2));
    nginx.stop();
    let stopped_at = Instant::now();
    wait_for_output(&log, "stream", "OUTPUT_FAILED", 1, Duration::from_secs(5));
    let failed = log
        .lock()
        .unwrap()
        .iter()
        .find(|s| s.status == "OUTPUT_FAILED")
        .cloned()
        .unwrap();
    assert_eq!(failed.retry_in_ms, Some(1000), "{failed:?}");
    assert!(failed.reason.is_some());
    std::thread::sleep(Duration::from_millis(500));
    nginx.restart();
    wait_for_output(&log, "stream", "OUTPUT_ACTIVE", 2, Duration::from_secs(15));
    let back = log
        .lock()
        .unwrap()
        .iter()
        .rfind(|s| s.status == "OUTPUT_ACTIVE")
        .unwrap()
        .at;
    assert!(
        back - stopped_at < Duration::from_secs(6),
        "back after {:?}",
        back - stopped_at
    );

    // Already playing: on to EOS (an ERROR fails the test), then NULL.
    run(&pipeline, 40);

    let (_, file) = the_recording(&log);
    assert_file_lasts(&file, 12.0);
    let decoded = common::decode_to_end(&file).unwrap();
    assert!((decoded - 12.0).abs() <= 0.2, "decoded to {decoded} s");
    let received = nginx.received();
    assert_eq!(received.len(), 2, "{received:?}");
    let second = discover(&received[1]);
    assert!(
        second.duration_s > 4.0,
        "after the server came back: {} s",
        second.duration_s
    );
    assert_tiles(&received[1], (640, 360));
    let meta = metadata::Recording::read(&metadata::path_for(&file)).unwrap();
    assert!(!meta.outputs[0].shared_video_encoder, "VP8 file: own H.264");
    assert!(meta.outputs[0].failures >= 1);
}

/// A free UDP port on 127.0.0.1.
fn free_udp_port() -> u16 {
    UdpSocket::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// An SRT listener receives the meeting as MPEG-TS: H.264 + AAC, the
/// composite's size and length, each participant in their tile.
#[test]
fn an_srt_listener_receives_the_meeting() {
    let _serial = serial();
    let dir = fresh_dir("srt");
    init();
    let port = free_udp_port();
    let received = dir.join("received.ts");
    let listener = gst::parse::launch(&format!(
        "srtsrc uri=srt://127.0.0.1:{port}?mode=listener ! queue ! filesink location={}",
        received.display()
    ))
    .unwrap();
    listener.set_state(gst::State::Playing).unwrap();
    let (pipeline, _rec, log) = meeting(
        &format!(
            "location={}/meeting.webm stream-uri=srt://127.0.0.1:{port}",
            dir.display()
        ),
        4,
    );
    run(&pipeline, 60);
    wait_for_output(&log, "stream", "OUTPUT_STOPPED", 1, Duration::from_secs(10));
    assert_eq!(
        output_states(&log, "stream"),
        ["OUTPUT_STARTING", "OUTPUT_ACTIVE", "OUTPUT_STOPPED"]
    );
    // The listener ends when its caller hangs up.
    let eos = listener.bus().unwrap().timed_pop_filtered(
        gst::ClockTime::from_seconds(10),
        &[gst::MessageType::Eos, gst::MessageType::Error],
    );
    if eos.is_none() {
        listener.send_event(gst::event::Eos::new());
        std::thread::sleep(Duration::from_millis(500));
    }
    listener.set_state(gst::State::Null).unwrap();
    let found = discover(&received);
    assert_eq!(found.video, Some(("video/x-h264".into(), 640, 360)));
    assert_eq!(
        found.audio.as_ref().map(|a| a.0.as_str()),
        Some("audio/mpeg")
    );
    // SRT's live mode does not linger: what is still in flight when the
    // caller hangs up (about its latency plus the muxer's last packets) is
    // not delivered. Measured here: 3.3–3.4 s of 4.
    assert!(
        (found.duration_s - 4.0).abs() <= 0.8,
        "{} s received of 4",
        found.duration_s
    );
    assert_tiles(&received, (640, 360));
}

/// HLS beside the file: segments of the target length (within 0.5 s, the
/// last may be shorter), a VOD playlist ending with #EXT-X-ENDLIST that
/// GStreamer's hlsdemux plays for the meeting's length. At 720p (x264's
/// latency there is longer than the first frames' way to the file): an
/// output built while the meeting goes to PLAYING once held that change
/// waiting for its preroll, and the meeting never started.
#[test]
fn hls_segments_and_a_vod_playlist() {
    let _serial = serial();
    let dir = fresh_dir("hls");
    let (pipeline, _rec, log) = meeting(
        &format!(
            "quality=med location={0}/meeting.webm hls-location={0}/live/{{room}}.m3u8 \
             hls-segment-duration=2 room=standup",
            dir.display()
        ),
        7,
    );
    run(&pipeline, 60);
    wait_for_output(&log, "hls", "OUTPUT_STOPPED", 1, Duration::from_secs(10));
    let playlist = dir.join("live/standup.m3u8");
    let text = std::fs::read_to_string(&playlist).unwrap();
    assert!(text.trim_end().ends_with("#EXT-X-ENDLIST"), "{text}");
    let durations: Vec<f64> = text
        .lines()
        .filter_map(|l| l.strip_prefix("#EXTINF:"))
        .map(|l| {
            l.trim_end_matches(',')
                .split(',')
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    let segments: Vec<&str> = text.lines().filter(|l| l.ends_with(".ts")).collect();
    assert_eq!(durations.len(), segments.len());
    assert!(durations.len() >= 3, "{text}");
    for d in &durations[..durations.len() - 1] {
        assert!((d - 2.0).abs() <= 0.5, "segment of {d} s: {text}");
    }
    let total: f64 = durations.iter().sum();
    assert!((total - 7.0).abs() <= 0.5, "{total} s listed: {text}");
    for s in &segments {
        assert!(dir.join("live").join(s).exists(), "{s}");
    }
    let found = discover(&playlist);
    assert!(
        (found.duration_s - 7.0).abs() <= 0.5,
        "{} s",
        found.duration_s
    );
    let seg = dir.join("live").join(segments[1]);
    let f = discover(&seg);
    assert_eq!(f.video, Some(("video/x-h264".into(), 1280, 720)));
    assert_eq!(f.audio.as_ref().map(|a| a.0.as_str()), Some("audio/mpeg"));
    assert_tiles(&seg, (1280, 720));
}

/// A stream added to a running recording and removed again (LiveKit's
/// UpdateStream): the server receives what was between; the file goes on.
/// Bad URIs are refused with a reason, and the recording is untouched.
#[test]
fn streams_are_added_to_and_removed_from_a_running_recording() {
    let _serial = serial();
    let dir = fresh_dir("start-stop");
    let nginx = Nginx::start(&dir);
    let (pipeline, rec, log) = meeting(
        &format!(
            "location={}/meeting.webm stream-uri=ftp://nowhere/x",
            dir.display()
        ),
        8,
    );
    pipeline.set_state(gst::State::Playing).unwrap();
    wait_until(
        Duration::from_secs(10),
        || output_states(&log, "file").contains(&"OUTPUT_ACTIVE".to_string()),
        || format!("{:#?}", log.lock().unwrap()),
    );
    // The bad URI from the property: FAILED, not retried, a reason given.
    let refused = log
        .lock()
        .unwrap()
        .iter()
        .find(|s| s.output.as_deref() == Some("stream"))
        .cloned()
        .expect("the bad URI is reported");
    assert_eq!(refused.status, "OUTPUT_FAILED");
    assert!(refused.reason.unwrap().contains("not supported"));
    assert_eq!(refused.retry_in_ms, None);
    assert!(!rec.emit_by_name::<bool>("start-stream", &[&"rtmp://127.0.0.1/onlyapp"]));

    std::thread::sleep(Duration::from_secs(1));
    let uri = nginx.uri("later");
    assert!(rec.emit_by_name::<bool>("start-stream", &[&uri]));
    assert!(
        !rec.emit_by_name::<bool>("start-stream", &[&uri]),
        "the same output twice"
    );
    wait_for_output(&log, "stream", "OUTPUT_ACTIVE", 1, Duration::from_secs(10));
    std::thread::sleep(Duration::from_secs(3));
    // By the URI as shown, without its key.
    assert!(rec.emit_by_name::<bool>(
        "stop-stream",
        &[&format!("rtmp://127.0.0.1:{}/live/***", nginx.port)]
    ));
    wait_for_output(&log, "stream", "OUTPUT_STOPPED", 1, Duration::from_secs(10));
    assert!(
        !rec.emit_by_name::<bool>("stop-stream", &[&uri]),
        "already stopped"
    );

    // Already playing: on to EOS (an ERROR fails the test), then NULL.
    run(&pipeline, 30);

    let received = nginx.received();
    assert_eq!(received.len(), 1, "{received:?}");
    let streamed = discover(&received[0]).duration_s;
    assert!((2.5..=4.5).contains(&streamed), "{streamed} s streamed");
    assert_tiles(&received[0], (640, 360));
    let (_, file) = the_recording(&log);
    assert_file_lasts(&file, 8.0);
}

/// A server that accepts the connection and then never reads: the stream
/// stalls, the file does not wait for it (every frame of the live meeting is
/// in the file), the output's dropped frames are counted in the metadata,
/// and the stopped output is torn down instead of holding the meeting.
#[test]
fn a_stalled_server_never_holds_up_the_file() {
    let _serial = serial();
    let dir = fresh_dir("stalled");
    let server = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = server.local_addr().unwrap().port();
    let held = Arc::new(Mutex::new(Vec::new()));
    {
        let held = held.clone();
        std::thread::spawn(move || {
            for s in server.incoming().flatten() {
                held.lock().unwrap().push(s); // accepted, never read
            }
        });
    }
    let (pipeline, _rec, log) = meeting(
        &format!(
            "container=mp4 location={}/meeting.mp4 stream-uri=rtmp://127.0.0.1:{port}/live/k",
            dir.display()
        ),
        // Long enough that rtmp2sink's 5 s handshake timeout surely falls
        // inside it (and its retry), even when the connection starts late.
        9,
    );
    let started = Instant::now();
    run(&pipeline, 60);
    assert!(
        started.elapsed() < Duration::from_secs(9 + 5 + 3),
        "the meeting ended {:?} after it started",
        started.elapsed()
    );
    let (_, file) = the_recording(&log);
    assert_file_lasts(&file, 9.0);
    wait_until(
        Duration::from_secs(10),
        || {
            output_states(&log, "stream")
                .iter()
                .any(|s| s == "OUTPUT_STOPPED" || s == "OUTPUT_FAILED")
        },
        || format!("{:#?}", log.lock().unwrap()),
    );
    assert!(!held.lock().unwrap().is_empty(), "it connected");
    let meta = metadata::Recording::read(&metadata::path_for(&file)).unwrap();
    let out = &meta.outputs[0];
    // Its 2 s queue filled and dropped (about a second of frames at least)
    // until rtmp2sink gave up on the handshake (5 s), and it was retried.
    assert!(
        out.dropped_frames >= 24,
        "what the stream lost is said: {out:?}"
    );
    assert!(out.failures >= 1, "{out:?}");
    assert!(out.shared_video_encoder);
}
