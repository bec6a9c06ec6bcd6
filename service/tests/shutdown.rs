// SPDX-License-Identifier: MPL-2.0
//! The service binary stopped with SIGTERM (what systemd, Docker and
//! Kubernetes send) finishes the recording it runs: a whole file, marked
//! stopped, not a recording left `active` for recovery to guess at.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::service::{call, spawn, temp_dir};
use serde_json::{Value, json};

#[test]
fn sigterm_finishes_the_recording_in_progress() {
    let dir = temp_dir("sigterm");
    let mut node = spawn(
        &dir,
        "service",
        &json!({"listen": "127.0.0.1:0", "recordingsDir": dir.join("rec"),
                "shareSecret": "s", "apiKeys": [common::service::API_KEY]}),
    );
    let base = node.base.clone();
    let api = format!("{base}/api/v1");
    assert_eq!(
        call(
            "POST",
            &format!("{api}/rooms"),
            Some(json!({"roomId": "term"}))
        )
        .0,
        201
    );
    let (status, rec) = call(
        "POST",
        &format!("{api}/recordings"),
        Some(json!({"roomId": "term", "quality": "low"})),
    );
    assert_eq!(status, 201, "{rec}");
    let id = rec["recordingId"].as_str().unwrap().to_string();
    let deadline = Instant::now() + Duration::from_secs(20);
    while call("GET", &format!("{api}/recordings/{id}"), None).1["status"] != "active" {
        assert!(Instant::now() < deadline, "never active");
        std::thread::sleep(Duration::from_millis(100));
    }
    std::thread::sleep(Duration::from_secs(2));
    let ok = Command::new("kill")
        .args(["-TERM", &node.child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let deadline = Instant::now() + Duration::from_secs(20);
    let exit = loop {
        if let Some(exit) = node.child.try_wait().unwrap() {
            break exit;
        }
        if Instant::now() > deadline {
            let _ = node.child.kill();
            panic!("the service did not end within 20 s of SIGTERM");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "{exit:?}");
    // The recorder's own sidecar says it was finished, not left to recovery.
    let sidecar = std::fs::read_dir(dir.join("rec"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".webm.json"))
        .expect("a recording's metadata");
    let meta: Value = serde_json::from_slice(&std::fs::read(&sidecar).unwrap()).unwrap();
    assert_eq!(meta["status"], "stopped", "{meta}");
    assert_ne!(meta["recovered"], true, "{meta}");
    assert!(meta["durationMs"].as_u64().unwrap() >= 1500, "{meta}");
    let _ = std::fs::remove_dir_all(&dir);
}
