// SPDX-License-Identifier: MPL-2.0
//! Delivery with real components: webhooks to an HTTP server started here
//! (signatures checked, order recorded, failures injected) and uploads to the
//! S3-compatible `s3s-fs` (which checks SigV4 signatures).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use gst::prelude::*;

mod common;
use common::{discover, init, serial};
use gstmeetrec::delivery;
use gstmeetrec::metadata;

fn fresh_dir(name: &str) -> PathBuf {
    common::fresh_dir("delivery", name)
}

type States = Arc<Mutex<Vec<(String, String)>>>;

/// A one-second meeting of one participant, recorded with `props`; returns
/// the pipeline, the recorder and the (status, id) states it signalled.
fn meeting(dir: &Path, props: &str) -> (gst::Pipeline, gst::Element, States) {
    init();
    let desc = format!(
        "meetingrecorder name=r quality=low show-labels=false location={}/{{id}}.{{ext}} {props} \
         video_0::participant-id=ada audio_0::participant-id=ada \
         videotestsrc num-buffers=24 ! capsfilter caps=video/x-raw,width=320,height=240,framerate=24/1 ! r.video_0 \
         audiotestsrc num-buffers=50 samplesperbuffer=960 ! r.audio_0",
        dir.display()
    );
    launch(&desc)
}

/// The pipeline `desc` (its recorder named `r`), the recorder and the
/// (status, id) states it signals.
fn launch(desc: &str) -> (gst::Pipeline, gst::Element, States) {
    let pipeline = gst::parse::launch(desc)
        .unwrap()
        .downcast::<gst::Pipeline>()
        .unwrap();
    let rec = pipeline.by_name("r").unwrap();
    let states: States = Arc::default();
    let s2 = states.clone();
    rec.connect("recording-state-changed", false, move |args| {
        let get = |i: usize| args[i].get::<String>().unwrap();
        s2.lock().unwrap().push((get(1), get(2)));
        None
    });
    (pipeline, rec, states)
}

/// Plays to EOS; returns the warnings seen on the way.
fn run_to_eos(pipeline: &gst::Pipeline) -> Vec<gst::Message> {
    common::play_until_eos(pipeline, gst::ClockTime::from_seconds(60))
        .unwrap_or_else(|e| panic!("{}", common::error_text(&e)))
}

fn wait_for(states: &States, status: &str, limit: Duration) -> String {
    let found = || {
        states
            .lock()
            .unwrap()
            .iter()
            .find(|s| s.0 == status)
            .map(|(_, id)| id.clone())
    };
    common::wait_until(
        limit,
        || found().is_some(),
        || format!("no {status}: {:?}", states.lock().unwrap()),
    );
    found().expect("found above")
}

/// One request the webhook receiver got.
#[derive(Debug, Clone)]
struct Hit {
    status: String,
    delivery: String,
    signed: Result<(), &'static str>,
    answered: u16,
    body: serde_json::Value,
}

/// An HTTP receiver on 127.0.0.1 that checks signatures with `secret` and
/// answers 500 to the first `fail_first` attempts of events of `fail_status`.
fn receiver(
    secret: &'static str,
    fail_status: &'static str,
    fail_first: usize,
) -> (String, Arc<Mutex<Vec<Hit>>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!(
        "http://{}/hooks/recording",
        server.server_addr().to_ip().unwrap()
    );
    let hits: Arc<Mutex<Vec<Hit>>> = Arc::default();
    let h2 = hits.clone();
    std::thread::spawn(move || {
        let mut failed = 0;
        for mut req in server.incoming_requests() {
            let mut body = Vec::new();
            req.as_reader().read_to_end(&mut body).unwrap();
            let header = |name: &'static str| {
                req.headers()
                    .iter()
                    .find(|h| h.field.equiv(name))
                    .map(|h| h.value.to_string())
                    .unwrap_or_default()
            };
            let signed = delivery::verify(
                secret.as_bytes(),
                &header("X-Meetrec-Timestamp"),
                &header("X-Meetrec-Signature"),
                &body,
                SystemTime::now(),
                Duration::from_secs(300),
            );
            let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
            let status = json["status"].as_str().unwrap_or_default().to_string();
            let answered = if status == fail_status && failed < fail_first {
                failed += 1;
                500
            } else {
                200
            };
            h2.lock().unwrap().push(Hit {
                status,
                delivery: header("X-Meetrec-Delivery"),
                signed,
                answered,
                body: json,
            });
            let _ = req.respond(tiny_http::Response::empty(answered));
        }
    });
    (url, hits)
}

#[test]
fn webhooks_arrive_signed_in_order_and_failures_are_retried() {
    let _serial = serial();
    let dir = fresh_dir("webhooks");
    let (url, hits) = receiver("hush", "RECORDING_STARTED", 2);
    let (pipeline, _rec, _) = meeting(
        &dir,
        &format!("room=standup webhook-url={url} webhook-secret=hush"),
    );
    run_to_eos(&pipeline);
    // Going to NULL lets queued deliveries finish.
    pipeline.set_state(gst::State::Null).unwrap();

    let hits = hits.lock().unwrap().clone();
    assert!(hits.iter().all(|h| h.signed.is_ok()), "{hits:#?}");
    let delivered: Vec<&str> = hits
        .iter()
        .filter(|h| h.answered == 200)
        .map(|h| h.status.as_str())
        .collect();
    assert_eq!(
        delivered,
        [
            "RECORDING_STARTING",
            "RECORDING_STARTED",
            "RECORDING_STOPPING",
            "RECORDING_STOPPED"
        ]
    );
    // STARTED failed twice and got through on the third try, same delivery id.
    let started: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.status == "RECORDING_STARTED")
        .collect();
    assert_eq!(started.len(), 3);
    assert!(started.iter().all(|h| h.delivery == started[0].delivery));
    let stopped = &hits.last().unwrap().body;
    assert_eq!(stopped["type"], "recording.stopped");
    assert_eq!(stopped["room"], "standup");
    let meta: metadata::Recording = serde_json::from_value(stopped["metadata"].clone()).unwrap();
    assert!(
        (meta.duration_ms as i64 - 1000).abs() <= 100,
        "{}",
        meta.duration_ms
    );
    assert_eq!(meta.participants[0].id, "ada");
    assert!(Path::new(stopped["location"].as_str().unwrap()).exists());
}

/// What an OpenVidu Meet webhook receiver got: X-Timestamp, X-Signature
/// and the body's bytes.
type RawHits = Arc<Mutex<Vec<(String, String, Vec<u8>)>>>;

fn raw_receiver() -> (String, RawHits) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let url = format!("http://{}/webhook", server.server_addr().to_ip().unwrap());
    let hits: RawHits = Arc::default();
    let h2 = hits.clone();
    std::thread::spawn(move || {
        for mut req in server.incoming_requests() {
            let mut body = Vec::new();
            req.as_reader().read_to_end(&mut body).unwrap();
            let header = |name: &'static str| {
                req.headers()
                    .iter()
                    .find(|h| h.field.equiv(name))
                    .map(|h| h.value.to_string())
                    .unwrap_or_default()
            };
            h2.lock()
                .unwrap()
                .push((header("X-Timestamp"), header("X-Signature"), body));
            let _ = req.respond(tiny_http::Response::empty(200));
        }
    });
    (url, hits)
}

#[test]
fn webhooks_in_openvidu_meet_shape_are_signed_as_its_receivers_check() {
    use hmac::{KeyInit, Mac};
    let _serial = serial();
    let dir = fresh_dir("webhooks-openvidu");
    let (url, hits) = raw_receiver();
    // isolated: the participant's own file has no OpenVidu Meet event.
    let (pipeline, _rec, _) = meeting(
        &dir,
        &format!(
            "room=standup isolated=true webhook-format=openvidu-meet webhook-url={url} webhook-secret=meet-api-key"
        ),
    );
    run_to_eos(&pipeline);
    pipeline.set_state(gst::State::Null).unwrap();
    let now_ms = SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let hits = hits.lock().unwrap().clone();
    let mut seen = Vec::new();
    for (ts, sig, body) in &hits {
        // As OpenVidu Meet's receivers check it: hex HMAC-SHA256 with the
        // key over "<X-Timestamp>.<body>", the timestamp in ms and recent.
        let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(b"meet-api-key").unwrap();
        mac.update(format!("{ts}.").as_bytes());
        mac.update(body);
        let want: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(sig, &want, "signature of {}", String::from_utf8_lossy(body));
        let ts: u64 = ts.parse().unwrap();
        assert!(now_ms.abs_diff(ts) < 120_000, "X-Timestamp {ts} is not ms");
        let v: serde_json::Value = serde_json::from_slice(body).unwrap();
        assert!(v["creationDate"].as_u64().unwrap().abs_diff(now_ms) < 120_000);
        assert_eq!(v["data"]["roomId"], "standup");
        assert!(v["data"]["startDate"].as_u64().unwrap().abs_diff(now_ms) < 120_000);
        assert!(v["data"]["filename"].as_str().unwrap().ends_with(".webm"));
        seen.push((
            v["event"].as_str().unwrap().to_string(),
            v["data"]["status"].as_str().unwrap().to_string(),
            v,
        ));
    }
    let order: Vec<(&str, &str)> = seen
        .iter()
        .map(|(e, s, _)| (e.as_str(), s.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            ("recordingStarted", "starting"),
            ("recordingUpdated", "active"),
            ("recordingUpdated", "ending"),
            ("recordingEnded", "complete"),
        ]
    );
    let ended = &seen[3].2["data"];
    let id = ended["recordingId"].as_str().unwrap();
    assert!(seen.iter().all(|(_, _, v)| v["data"]["recordingId"] == id));
    let media = dir.join(ended["filename"].as_str().unwrap());
    assert_eq!(
        ended["size"].as_u64().unwrap(),
        std::fs::metadata(&media).unwrap().len()
    );
    // The duration is the file's, as a player finds it (the meeting is
    // about a second long).
    let played = discover(&media).duration_s;
    let said = ended["duration"].as_f64().unwrap();
    assert!(
        (said - played).abs() <= 0.05 && (played - 1.0).abs() <= 0.25,
        "duration {said} s, the file plays {played} s: {ended:#}"
    );
    assert!(ended["endDate"].as_u64().unwrap() >= ended["startDate"].as_u64().unwrap());
    assert!(ended["details"].is_string());
    // meetrec's own metadata rides along, without the server's path.
    assert_eq!(ended["meetrec"]["participants"][0]["id"], "ada");
    assert_eq!(ended["meetrec"]["file"]["path"], ended["filename"]);
}

#[test]
fn an_unreachable_receiver_is_a_warning_and_the_recording_is_unaffected() {
    let _serial = serial();
    let dir = fresh_dir("webhook-down");
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (pipeline, _rec, states) =
        meeting(&dir, &format!("webhook-url=http://127.0.0.1:{port}/hook"));
    let t0 = Instant::now();
    run_to_eos(&pipeline);
    let id = wait_for(&states, "RECORDING_STOPPED", Duration::from_secs(5));
    // The first event is given up on after its retries (~3 s): a warning.
    let bus = pipeline.bus().unwrap();
    let warning = loop {
        if let Some(msg) = bus.timed_pop_filtered(
            gst::ClockTime::from_mseconds(200),
            &[gst::MessageType::Warning],
        ) && let gst::MessageView::Warning(w) = msg.view()
            && let Some(d) = w.details()
            && d.name() == "webhook-failed"
        {
            break d.to_owned();
        }
        assert!(t0.elapsed() < Duration::from_secs(20), "no webhook warning");
    };
    assert_eq!(
        warning.get::<String>("status").unwrap(),
        "RECORDING_STARTING"
    );
    assert!(
        warning
            .get::<String>("reason")
            .unwrap()
            .contains("5 attempts")
    );
    pipeline.set_state(gst::State::Null).unwrap();
    let path = dir.join(format!("{id}.webm"));
    assert!((discover(&path).duration_s - 1.0).abs() <= 0.1);
}

/// Properties uploading to the bucket `recordings` of the store on `port`.
fn s3_options(port: u16, secret: &str) -> String {
    format!(
        "upload-uri=s3://recordings/meetings upload-endpoint=http://127.0.0.1:{port} \
         upload-options=\"options,aws_access_key_id={ACCESS},aws_secret_access_key={secret},aws_region=us-east-1\""
    )
}

/// A running `s3s-fs` on 127.0.0.1 storing under `root`.
struct S3 {
    child: std::process::Child,
    port: u16,
    root: PathBuf,
}

const ACCESS: &str = "meetrec-test";
const SECRET: &str = "meetrec-test-secret";

impl S3 {
    fn start(root: &Path, port: Option<u16>) -> S3 {
        let bin = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
            .map(|d| d.join("bin/s3s-fs"))
            .filter(|p| p.exists())
            .unwrap_or_else(|| PathBuf::from("s3s-fs"));
        let port = port.unwrap_or_else(|| {
            std::net::TcpListener::bind("127.0.0.1:0")
                .unwrap()
                .local_addr()
                .unwrap()
                .port()
        });
        let child = std::process::Command::new(&bin)
            .args(["--host", "127.0.0.1", "--port", &port.to_string()])
            .args(["--access-key", ACCESS, "--secret-key", SECRET])
            .arg(root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!(
                    "{}: {e} (install: cargo install s3s-fs@0.14.1 --features binary --locked)",
                    bin.display()
                )
            });
        let t0 = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                t0.elapsed() < Duration::from_secs(10),
                "s3s-fs did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        S3 {
            child,
            port,
            root: root.to_path_buf(),
        }
    }

    fn stop(mut self) -> (u16, PathBuf) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        (self.port, self.root.clone())
    }
}

impl Drop for S3 {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn uploads_to_s3_and_the_stored_bytes_are_the_file() {
    let _serial = serial();
    let dir = fresh_dir("s3-ok");
    let store = dir.join("store");
    std::fs::create_dir_all(store.join("recordings")).unwrap();
    let s3 = S3::start(&store, None);
    let (pipeline, _rec, states) = meeting(
        &dir,
        &format!("{} keep-local=true", s3_options(s3.port, SECRET)),
    );
    run_to_eos(&pipeline);
    let id = wait_for(&states, "RECORDING_UPLOADED", Duration::from_secs(30));
    pipeline.set_state(gst::State::Null).unwrap();
    let order: Vec<String> = states.lock().unwrap().iter().map(|s| s.0.clone()).collect();
    assert_eq!(order.last().unwrap(), "RECORDING_UPLOADED");
    assert_eq!(order[order.len() - 2], "RECORDING_STOPPED");

    let local = dir.join(format!("{id}.webm"));
    let stored = store.join("recordings/meetings").join(format!("{id}.webm"));
    assert_eq!(
        std::fs::read(&stored).unwrap(),
        std::fs::read(&local).unwrap()
    );
    let meta = metadata::Recording::read(&local).unwrap();
    assert_eq!(
        meta.remote_uri.as_deref(),
        Some(format!("s3://recordings/meetings/{id}.webm").as_str())
    );
    let remote_meta: metadata::Recording = serde_json::from_slice(
        &std::fs::read(
            store
                .join("recordings/meetings")
                .join(format!("{id}.webm.json")),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(remote_meta, meta);
}

#[test]
fn failed_uploads_keep_the_file_and_the_upload_signal_retries() {
    let _serial = serial();
    let dir = fresh_dir("s3-fail");
    let store = dir.join("store");
    std::fs::create_dir_all(store.join("recordings")).unwrap();
    let s3 = S3::start(&store, None);

    // Wrong secret: the store refuses the signature.
    let (pipeline, _rec, states) = meeting(
        &dir,
        &format!("{} keep-local=false", s3_options(s3.port, "wrong")),
    );
    run_to_eos(&pipeline);
    let id = wait_for(&states, "RECORDING_UPLOAD_FAILED", Duration::from_secs(30));
    pipeline.set_state(gst::State::Null).unwrap();
    let local = dir.join(format!("{id}.webm"));
    assert!(local.exists(), "the local file is kept");
    assert!(
        metadata::Recording::read(&local)
            .unwrap()
            .remote_uri
            .is_none()
    );

    // Store down: same, then a retry once it is back.
    let (port, root) = s3.stop();
    let (pipeline, rec, states) = meeting(
        &dir,
        &format!("{} keep-local=false", s3_options(port, SECRET)),
    );
    run_to_eos(&pipeline);
    let id = wait_for(&states, "RECORDING_UPLOAD_FAILED", Duration::from_secs(30));
    pipeline.set_state(gst::State::Null).unwrap();
    let local = dir.join(format!("{id}.webm"));
    let bytes = std::fs::read(&local).expect("kept after a failed upload");

    let _s3 = S3::start(&root, Some(port));
    let queued: bool = rec.emit_by_name("upload", &[&id]);
    assert!(queued);
    wait_for(&states, "RECORDING_UPLOADED", Duration::from_secs(30));
    let stored = root.join("recordings/meetings").join(format!("{id}.webm"));
    assert_eq!(std::fs::read(stored).unwrap(), bytes);
    assert!(
        !local.exists(),
        "keep-local=false: removed after the verified upload"
    );
    assert!(
        metadata::Recording::read(&local)
            .unwrap()
            .remote_uri
            .is_some()
    );
}

#[test]
fn large_files_go_up_to_s3_in_parts() {
    let _serial = serial();
    let dir = fresh_dir("s3-multipart");
    let store = dir.join("store");
    std::fs::create_dir_all(store.join("recordings")).unwrap();
    let s3 = S3::start(&store, None);
    // A finished recording of 2.5 parts (its content does not matter here).
    let media = dir.join("big.webm");
    let size = delivery::upload::MULTIPART_THRESHOLD * 5 / 2;
    let bytes: Vec<u8> = (0..size).map(|i| (i * 7 % 253) as u8).collect();
    std::fs::write(&media, &bytes).unwrap();
    let mut rec: metadata::Recording =
        serde_json::from_str(include_str!("data/recording.json")).unwrap();
    rec.file.path = media.to_string_lossy().into();
    rec.write().unwrap();
    let options: Vec<(String, String)> = [
        ("aws_endpoint", format!("http://127.0.0.1:{}", s3.port)),
        ("aws_allow_http", "true".into()),
        ("aws_access_key_id", ACCESS.into()),
        ("aws_secret_access_key", SECRET.into()),
        ("aws_region", "us-east-1".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let meta = delivery::upload_recording(
        &metadata::path_for(&media),
        "s3://recordings/archive",
        &options,
        true,
    )
    .unwrap();
    assert_eq!(
        meta.remote_uri.as_deref(),
        Some("s3://recordings/archive/big.webm")
    );
    assert_eq!(
        std::fs::read(store.join("recordings/archive/big.webm")).unwrap(),
        bytes
    );
}

/// A split recording goes up whole: every part beside the first, each
/// verified, and with keep-local=false every local part goes after.
#[test]
fn every_part_of_a_split_recording_is_uploaded() {
    let _serial = serial();
    init();
    let dir = fresh_dir("split-upload");
    let remote = dir.join("remote");
    std::fs::create_dir_all(&remote).unwrap();
    let desc = format!(
        "meetingrecorder name=r quality=low show-labels=false location={}/local/{{id}}.{{ext}} \
         split-duration=2 upload-uri=file://{} keep-local=false \
         videotestsrc num-buffers=120 ! capsfilter caps=video/x-raw,width=320,height=240,framerate=24/1 ! r.video_0 \
         audiotestsrc num-buffers=250 samplesperbuffer=960 ! r.audio_0",
        dir.display(),
        remote.display()
    );
    let (pipeline, _rec, states) = launch(&desc);
    run_to_eos(&pipeline);
    let id = wait_for(&states, "RECORDING_UPLOADED", Duration::from_secs(30));
    pipeline.set_state(gst::State::Null).unwrap();
    let local = dir.join("local").join(format!("{id}.webm"));
    let meta = metadata::Recording::read(&metadata::path_for(&local)).unwrap();
    assert_eq!(meta.file.parts.len(), 3, "{:?}", meta.file.parts);
    let mut total = 0.0;
    for part in &meta.file.parts {
        assert!(
            !dir.join("local").join(part).exists(),
            "{part} kept locally"
        );
        let up = remote.join(part);
        let f = discover(&up);
        assert!(f.video.is_some(), "{part}");
        total += f.duration_s;
    }
    assert!((total - 5.0).abs() <= 0.1, "{total} s uploaded of 5");
    assert_eq!(
        meta.remote_uri.as_deref(),
        Some(format!("file://{}/{id}.webm", remote.display()).as_str())
    );
    assert!(remote.join(format!("{id}.webm.json")).exists());
}
