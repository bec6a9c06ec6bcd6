// SPDX-License-Identifier: MPL-2.0
//! Recordings in a fleet of two real `meetrec-service` processes on one
//! throwaway PostgreSQL: a recording started through one node is claimed by
//! a node with room, seen, paused, stopped and played through the other;
//! a recording whose node is killed with -9 is taken over by the other and
//! goes on as the same recording, its gap listed.

mod common;

use std::time::{Duration, Instant};

use common::postgres::Postgres;
use common::service::{API_KEY, Node, call, holder, spawn, temp_dir};
use gstmeetrec::catalog::openvidu::epoch_ms;
use serde_json::{Value, json};

fn node(dir: &std::path::Path, name: &str, pg: &Postgres) -> Node {
    spawn(dir, name, &config(dir, name, Some(pg)))
}

/// A node's configuration: its own recordings directory, in the fleet on
/// `pg` when given.
fn config(dir: &std::path::Path, name: &str, pg: Option<&Postgres>) -> Value {
    let mut c = json!({"listen": "127.0.0.1:0", "recordingsDir": dir.join(name),
        "shareSecret": "s", "apiKeys": [API_KEY], "nodeId": name});
    if let Some(pg) = pg {
        c["database"] = pg.url().into();
    }
    c
}

/// Polls recording `id` through `base` until `ok` holds of it.
fn until(base: &str, id: &str, limit: Duration, ok: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + limit;
    loop {
        let (status, body) = call("GET", &format!("{base}/api/v1/recordings/{id}"), None);
        assert_eq!(status, 200, "{body}");
        if ok(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "never so: {body}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn holder_until(base: &str, id: &str, limit: Duration, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(h) = holder(base, id).filter(|h| ok(h)) {
            return h;
        }
        assert!(Instant::now() < deadline, "no such node records {id}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn start(base: &str, room: &str) -> String {
    let (status, body) = call(
        "POST",
        &format!("{base}/api/v1/rooms"),
        Some(json!({"roomId": room})),
    );
    assert_eq!(status, 201, "{body}");
    let (status, rec) = call(
        "POST",
        &format!("{base}/api/v1/recordings"),
        Some(json!({"roomId": room, "quality": "low"})),
    );
    assert_eq!(status, 201, "{rec}");
    assert_eq!(rec["status"], "starting", "{rec}");
    rec["recordingId"].as_str().unwrap().to_string()
}

/// GET `url` with the API key (and `range`): (status, headers' Content-Range, bytes).
fn fetch(url: &str, range: Option<&str>) -> (u16, Option<String>, Vec<u8>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut req = agent.get(url).header("X-API-KEY", API_KEY);
    if let Some(r) = range {
        req = req.header("Range", r);
    }
    let mut r = req.call().unwrap();
    let cr = r
        .headers()
        .get("content-range")
        .map(|v| v.to_str().unwrap().to_string());
    let bytes = r
        .body_mut()
        .with_config()
        .limit(1 << 30)
        .read_to_vec()
        .unwrap();
    (r.status().as_u16(), cr, bytes)
}

/// What a player finds in `bytes`: (duration, has video, has audio).
fn discover(bytes: &[u8], dir: &std::path::Path) -> (Duration, bool, bool) {
    gst::init().unwrap();
    let path = dir.join("played.webm");
    std::fs::write(&path, bytes).unwrap();
    let d = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(20)).unwrap();
    let info = d
        .discover_uri(&format!("file://{}", path.display()))
        .unwrap();
    (
        Duration::from_nanos(info.duration().map_or(0, |d| d.nseconds())),
        !info.video_streams().is_empty(),
        !info.audio_streams().is_empty(),
    )
}

#[test]
fn a_recording_started_through_one_node_is_seen_paused_stopped_and_played_through_the_other() {
    let pg = Postgres::start();
    let dir = temp_dir("fleet-recording");
    let a = node(&dir, "node-a", &pg);
    let b = node(&dir, "node-b", &pg);
    let id = start(&a.base, "standup");
    // Any node answers for it; one of them records it.
    let rec = until(&b.base, &id, Duration::from_secs(15), |r| {
        r["status"] == "active"
    });
    assert_eq!(rec["roomId"], "standup");
    let recorder = holder_until(&a.base, &id, Duration::from_secs(5), |_| true);
    let (other, other_name) = if recorder == "node-a" {
        (&b.base, "node-b")
    } else {
        (&a.base, "node-a")
    };
    println!("{recorder} records {id}; asking {other_name}");
    // A second start in the room, on either node, is refused.
    let (status, body) = call(
        "POST",
        &format!("{other}/api/v1/recordings"),
        Some(json!({"roomId": "standup"})),
    );
    assert_eq!(status, 409, "{body}");
    // Pause and resume through the node that does not record it.
    let (status, body) = call(
        "POST",
        &format!("{other}/api/v1/recordings/{id}/pause"),
        None,
    );
    assert_eq!(status, 202, "{body}");
    until(other, &id, Duration::from_secs(3), |r| {
        r["details"] == "paused"
    });
    let (status, body) = call(
        "POST",
        &format!("{other}/api/v1/recordings/{id}/resume"),
        None,
    );
    assert_eq!(status, 202, "{body}");
    until(other, &id, Duration::from_secs(3), |r| {
        r["status"] == "active" && r["details"] != "paused"
    });
    std::thread::sleep(Duration::from_secs(2));
    let asked = Instant::now();
    let (status, body) = call(
        "POST",
        &format!("{other}/api/v1/recordings/{id}/stop"),
        None,
    );
    assert_eq!(status, 202, "{body}");
    assert_eq!(body["status"], "ending", "{body}");
    let done = until(other, &id, Duration::from_secs(10), |r| {
        r["status"] == "complete"
    });
    println!("stopped through {other_name} in {:?}", asked.elapsed());
    let (status, body) = call(
        "POST",
        &format!("{other}/api/v1/recordings/{id}/stop"),
        None,
    );
    assert_eq!(status, 409, "{body}");
    assert!(done["duration"].as_f64().unwrap() > 1.5, "{done}");
    assert_eq!(
        done["meetrec"]["pauses"].as_array().unwrap().len(),
        1,
        "{done}"
    );
    // Listed by every node, filtered in SQL.
    for base in [&a.base, &b.base] {
        let (status, page) = call(
            "GET",
            &format!("{base}/api/v1/recordings?roomId=standup&status=complete"),
            None,
        );
        assert_eq!(status, 200, "{page}");
        let ids: Vec<_> = page["recordings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["recordingId"].as_str().unwrap())
            .collect();
        assert_eq!(ids, [id.as_str()]);
        let (_, page) = call(
            "GET",
            &format!("{base}/api/v1/recordings?status=active"),
            None,
        );
        assert_eq!(page["recordings"], json!([]), "{page}");
    }
    // Played through the node that did not record it: the whole file, and
    // a range of it.
    let media = format!("{other}/api/v1/recordings/{id}/media");
    let (status, _, bytes) = fetch(&media, None);
    assert_eq!(status, 200);
    assert_eq!(bytes.len() as u64, done["size"].as_u64().unwrap());
    let (length, video, audio) = discover(&bytes, &dir);
    assert!(video && audio);
    assert!(length > Duration::from_millis(1500), "{length:?}");
    let (status, range, part) = fetch(&media, Some("bytes=100-199"));
    assert_eq!(status, 206);
    assert_eq!(part, bytes[100..200]);
    assert_eq!(
        range.as_deref(),
        Some(format!("bytes 100-199/{}", bytes.len()).as_str())
    );
    drop((a, b));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_recording_whose_node_is_killed_goes_on_on_the_other_as_one_file() {
    let pg = Postgres::start();
    let dir = temp_dir("fleet-takeover");
    // A media store on a shared volume: chunks go up as they are recorded.
    let store = dir.join("store");
    std::fs::create_dir_all(&store).unwrap();
    let with_store = |name: &str| {
        let mut c = config(&dir, name, Some(&pg));
        c["mediaStore"] = format!("file://{}", store.display()).into();
        spawn(&dir, name, &c)
    };
    let mut nodes = vec![with_store("node-a"), with_store("node-b")];
    let id = start(&nodes[0].base, "allhands");
    until(&nodes[1].base, &id, Duration::from_secs(15), |r| {
        r["status"] == "active"
    });
    let first = holder_until(&nodes[0].base, &id, Duration::from_secs(5), |_| true);
    let dead = if first == "node-a" { 0 } else { 1 };
    std::thread::sleep(Duration::from_secs(3));
    let mut killed = nodes.remove(dead);
    let survivor = nodes.remove(0);
    killed.child.kill().unwrap();
    killed.child.wait().unwrap();
    let at = Instant::now();
    let killed_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let second = holder_until(&survivor.base, &id, Duration::from_secs(10), |h| h != first);
    let rec = until(&survivor.base, &id, Duration::from_secs(10), |r| {
        r["meetrec"]["gaps"]
            .as_array()
            .is_some_and(|g| g.len() == 1)
    });
    println!(
        "{first} killed; {second} records {id} after {:?}",
        at.elapsed()
    );
    assert_eq!(rec["status"], "active", "{rec}");
    std::thread::sleep(Duration::from_secs(3));
    let (status, body) = call(
        "POST",
        &format!("{}/api/v1/recordings/{id}/stop", survivor.base),
        None,
    );
    assert_eq!(status, 202, "{body}");
    let done = until(&survivor.base, &id, Duration::from_secs(10), |r| {
        r["status"] == "complete"
    });
    // One recording: both parts' time, and the gap between them said.
    let gap = &done["meetrec"]["gaps"][0];
    let missing = epoch_ms(gap["to"].as_str().unwrap()) as i64
        - epoch_ms(gap["from"].as_str().unwrap()) as i64;
    let to = epoch_ms(gap["to"].as_str().unwrap()) as i64;
    let from = epoch_ms(gap["from"].as_str().unwrap()) as i64;
    println!(
        "missing {missing} ms: {} ms of media lost with the node, {} ms to take over; {gap}",
        killed_ms - from,
        to - killed_ms
    );
    assert!(missing <= 6000, "{gap}");
    assert!(gap["reason"].as_str().unwrap().contains(&first), "{gap}");
    let duration = done["duration"].as_f64().unwrap();
    assert!(duration > 4.0, "{done}");
    let (_, page) = call("GET", &format!("{}/api/v1/recordings", survivor.base), None);
    assert_eq!(page["recordings"].as_array().unwrap().len(), 1, "{page}");
    // One file in the store, the parts joined without re-encoding: it
    // plays through, as long as the catalog says, both parts' media in it.
    let remote = done["meetrec"]["remoteUri"].as_str().unwrap();
    assert!(remote.starts_with("file://"), "{done}");
    let stored: Vec<_> = walk(&store);
    assert_eq!(stored.len(), 1, "{stored:?}");
    let (status, _, bytes) = fetch(
        &format!("{}/api/v1/recordings/{id}/media", survivor.base),
        None,
    );
    assert_eq!(status, 200);
    assert_eq!(bytes.len() as u64, done["size"].as_u64().unwrap());
    assert_eq!(bytes, std::fs::read(&stored[0]).unwrap());
    let (length, video, audio) = discover(&bytes, &dir);
    assert!(video && audio);
    println!("joined: {length:?} for {duration} s recorded");
    assert!(
        (length.as_secs_f64() - duration).abs() < 0.5,
        "{length:?} vs {duration}"
    );
    // Deleted through any node: gone from the catalog and the store.
    let (status, body) = call(
        "DELETE",
        &format!("{}/api/v1/recordings/{id}", survivor.base),
        None,
    );
    assert_eq!(status, 200, "{body}");
    assert!(walk(&store).is_empty(), "{:?}", walk(&store));
    let (status, _) = call(
        "GET",
        &format!("{}/api/v1/recordings/{id}", survivor.base),
        None,
    );
    assert_eq!(status, 404);
    drop(survivor);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_single_nodes_recordings_join_the_fleet_once_and_every_node_serves_them() {
    let dir = temp_dir("fleet-import");
    // Recorded on one node, before there was a fleet.
    let solo = spawn(&dir, "node-a", &config(&dir, "node-a", None));
    let id = start(&solo.base, "legacy");
    until(&solo.base, &id, Duration::from_secs(15), |r| {
        r["status"] == "active"
    });
    std::thread::sleep(Duration::from_secs(2));
    let (status, body) = call(
        "POST",
        &format!("{}/api/v1/recordings/{id}/stop", solo.base),
        None,
    );
    assert_eq!(status, 202, "{body}");
    let done = until(&solo.base, &id, Duration::from_secs(10), |r| {
        r["status"] == "complete"
    });
    drop(solo);
    // The same node joins a fleet (twice: the import is done once), and
    // another node serves what it recorded.
    let pg = Postgres::start();
    drop(node(&dir, "node-a", &pg));
    let a = node(&dir, "node-a", &pg);
    let b = node(&dir, "node-b", &pg);
    let (status, page) = call("GET", &format!("{}/api/v1/recordings", b.base), None);
    assert_eq!(status, 200, "{page}");
    let listed = page["recordings"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{page}");
    assert_eq!(listed[0]["recordingId"], id.as_str());
    assert_eq!(listed[0]["status"], "complete");
    assert_eq!(listed[0]["size"], done["size"]);
    let (status, room) = call("GET", &format!("{}/api/v1/rooms/legacy", b.base), None);
    assert_eq!(status, 200, "{room}");
    let (status, _, bytes) = fetch(&format!("{}/api/v1/recordings/{id}/media", b.base), None);
    assert_eq!(status, 200);
    assert_eq!(bytes.len() as u64, done["size"].as_u64().unwrap());
    let (_, video, audio) = discover(&bytes, &dir);
    assert!(video && audio);
    drop((a, b));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_node_paused_past_its_lease_writes_nothing_when_it_wakes() {
    let pg = Postgres::start();
    let dir = temp_dir("fleet-sigstop");
    let a = node(&dir, "node-a", &pg);
    let b = node(&dir, "node-b", &pg);
    let id = start(&a.base, "paused-node");
    until(&a.base, &id, Duration::from_secs(15), |r| {
        r["status"] == "active"
    });
    let first = holder_until(&a.base, &id, Duration::from_secs(5), |_| true);
    let (frozen, awake) = if first == "node-a" {
        (&a, &b)
    } else {
        (&b, &a)
    };
    std::thread::sleep(Duration::from_secs(2));
    let signal = |sig: &str| {
        let ok = std::process::Command::new("kill")
            .args([sig, &frozen.child.id().to_string()])
            .status()
            .unwrap()
            .success();
        assert!(ok, "kill {sig}");
    };
    signal("-STOP");
    let second = holder_until(&awake.base, &id, Duration::from_secs(10), |h| h != first);
    let taken = until(&awake.base, &id, Duration::from_secs(10), |r| {
        r["meetrec"]["gaps"]
            .as_array()
            .is_some_and(|g| g.len() == 1)
    });
    // The frozen node wakes past its lease: it finds the job is not its
    // own any more, stops its pipeline and writes nothing.
    signal("-CONT");
    std::thread::sleep(Duration::from_secs(3));
    let (_, nodes) = call("GET", &format!("{}/api/v1/nodes", awake.base), None);
    let woke = nodes["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|n| n["nodeId"] == first.as_str())
        .cloned()
        .unwrap();
    assert_eq!(woke["recordings"], json!([]), "{nodes}");
    let now = until(&frozen.base, &id, Duration::from_secs(1), |_| true);
    assert_eq!(now["meetrec"]["gaps"], taken["meetrec"]["gaps"], "{now}");
    assert!(
        now["meetrec"]["gaps"][0]["reason"]
            .as_str()
            .unwrap()
            .contains(&format!("node {second} took it over")),
        "{now}"
    );
    let (status, body) = call(
        "POST",
        &format!("{}/api/v1/recordings/{id}/stop", frozen.base),
        None,
    );
    assert_eq!(status, 202, "{body}");
    let done = until(&awake.base, &id, Duration::from_secs(10), |r| {
        r["status"] == "complete"
    });
    // Two parts, one gap: nothing written twice.
    assert_eq!(
        done["meetrec"]["gaps"].as_array().unwrap().len(),
        1,
        "{done}"
    );
    drop((a, b));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_drained_node_hands_its_recording_over_with_under_a_second_missing() {
    let pg = Postgres::start();
    let dir = temp_dir("fleet-drain");
    let mut nodes = vec![node(&dir, "node-a", &pg), node(&dir, "node-b", &pg)];
    let id = start(&nodes[0].base, "rolling");
    until(&nodes[0].base, &id, Duration::from_secs(15), |r| {
        r["status"] == "active"
    });
    let first = holder_until(&nodes[0].base, &id, Duration::from_secs(5), |_| true);
    let drained = if first == "node-a" { 0 } else { 1 };
    std::thread::sleep(Duration::from_secs(2));
    let mut old = nodes.remove(drained);
    let survivor = nodes.remove(0);
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &old.child.id().to_string()])
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let asked = Instant::now();
    let exit = old.child.wait().unwrap();
    println!(
        "{first} drained and exited ({exit}) in {:?}",
        asked.elapsed()
    );
    assert!(exit.success(), "{exit}");
    let rec = until(&survivor.base, &id, Duration::from_secs(5), |r| {
        r["status"] == "active"
            && r["meetrec"]["gaps"]
                .as_array()
                .is_some_and(|g| g.len() == 1)
    });
    let gap = &rec["meetrec"]["gaps"][0];
    let missing = epoch_ms(gap["to"].as_str().unwrap()) as i64
        - epoch_ms(gap["from"].as_str().unwrap()) as i64;
    println!("drained: missing {missing} ms: {gap}");
    assert!(missing <= 1000, "{gap}");
    std::thread::sleep(Duration::from_secs(1));
    let (status, body) = call(
        "POST",
        &format!("{}/api/v1/recordings/{id}/stop", survivor.base),
        None,
    );
    assert_eq!(status, 202, "{body}");
    until(&survivor.base, &id, Duration::from_secs(10), |r| {
        r["status"] == "complete"
    });
    drop(survivor);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_database_going_away_mid_recording_loses_nothing() {
    let pg = Postgres::start();
    let dir = temp_dir("fleet-db-outage");
    let a = node(&dir, "node-a", &pg);
    let b = node(&dir, "node-b", &pg);
    let id = start(&a.base, "outage");
    until(&a.base, &id, Duration::from_secs(15), |r| {
        r["status"] == "active"
    });
    let first = holder_until(&a.base, &id, Duration::from_secs(5), |_| true);
    std::thread::sleep(Duration::from_secs(2));
    pg.stop();
    let down = Instant::now();
    // Meanwhile the API says why it cannot answer, at once.
    let asked = Instant::now();
    let (status, body) = call("GET", &format!("{}/api/v1/recordings/{id}", b.base), None);
    assert_eq!(status, 503, "{body}");
    assert!(
        asked.elapsed() < Duration::from_secs(4),
        "{:?}",
        asked.elapsed()
    );
    assert!(
        body["message"].as_str().unwrap().contains("database"),
        "{body}"
    );
    std::thread::sleep(Duration::from_secs(4));
    pg.start_again();
    println!("database away for {:?}", down.elapsed());
    // The same node still records it, as one part: no takeover, no gap.
    std::thread::sleep(Duration::from_secs(3));
    let rec = until(&b.base, &id, Duration::from_secs(10), |r| {
        r["status"] == "active"
    });
    assert!(rec["meetrec"]["gaps"].is_null(), "{rec}");
    assert_eq!(holder(&b.base, &id).as_deref(), Some(first.as_str()));
    let (status, body) = call(
        "POST",
        &format!("{}/api/v1/recordings/{id}/stop", b.base),
        None,
    );
    assert_eq!(status, 202, "{body}");
    let done = until(&b.base, &id, Duration::from_secs(10), |r| {
        r["status"] == "complete"
    });
    // Everything from the start to the stop, the outage included.
    let recorded = done["duration"].as_f64().unwrap();
    assert!(recorded > 8.0, "{done}");
    assert!(done["meetrec"]["gaps"].is_null(), "{done}");
    drop((a, b));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Every file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
