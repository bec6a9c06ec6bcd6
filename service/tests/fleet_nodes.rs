// SPDX-License-Identifier: MPL-2.0
//! Service processes in a fleet: two real `meetrec-service` processes on one
//! throwaway PostgreSQL see each other in `GET /api/v1/nodes`, with what
//! each records and what it measures; a node killed with -9 drops out; a
//! bad database URL stops a node at start with a clear error.

mod common;

use std::time::{Duration, Instant};

use common::postgres::Postgres;
use common::service::{API_KEY, call, spawn, temp_dir, try_spawn, try_spawn_with};
use serde_json::{Value, json};

fn node_config(dir: &std::path::Path, name: &str, database: &str) -> Value {
    json!({"listen": "127.0.0.1:0", "recordingsDir": dir.join(name),
           "shareSecret": "s", "apiKeys": [API_KEY],
           "database": database, "nodeId": name})
}

/// Polls `base`'s node list until `ok` holds of it.
fn nodes_until(base: &str, limit: Duration, ok: impl Fn(&[Value]) -> bool) -> Vec<Value> {
    let deadline = Instant::now() + limit;
    loop {
        let (status, body) = call("GET", &format!("{base}/api/v1/nodes"), None);
        assert_eq!(status, 200, "{body}");
        let nodes = body["nodes"].as_array().cloned().unwrap_or_default();
        if ok(&nodes) {
            return nodes;
        }
        assert!(Instant::now() < deadline, "never so: {body}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn ids(nodes: &[Value]) -> Vec<&str> {
    nodes
        .iter()
        .map(|n| n["nodeId"].as_str().unwrap())
        .collect()
}

#[test]
fn two_nodes_see_each_other_and_a_killed_one_drops_out() {
    let pg = Postgres::start();
    let dir = temp_dir("fleet-nodes");
    let a = spawn(&dir, "node-a", &node_config(&dir, "node-a", &pg.url()));
    let mut b = spawn(&dir, "node-b", &node_config(&dir, "node-b", &pg.url()));
    let nodes = nodes_until(&a.base, Duration::from_secs(5), |n| n.len() == 2);
    assert_eq!(ids(&nodes), ["node-a", "node-b"]);
    assert_eq!(nodes[1]["url"], b.base.as_str());
    // Load and headroom are measured after the first second: headroom is
    // within the machine's cores.
    let cores = std::thread::available_parallelism().unwrap().get() as f64;
    let nodes = nodes_until(&b.base, Duration::from_secs(5), |n| {
        n.iter()
            .all(|n| n["headroom"].as_f64().is_some_and(|h| h > 0.0))
    });
    for n in &nodes {
        let (load, headroom) = (n["load"].as_f64().unwrap(), n["headroom"].as_f64().unwrap());
        assert!((0.0..=cores).contains(&load) && headroom <= cores, "{n}");
    }
    // A recording started through b is listed with the node recording it,
    // as seen through a.
    let (status, _) = call(
        "POST",
        &format!("{}/api/v1/rooms", b.base),
        Some(json!({"roomId": "fleet"})),
    );
    assert_eq!(status, 201);
    let (status, rec) = call(
        "POST",
        &format!("{}/api/v1/recordings", b.base),
        Some(json!({"roomId": "fleet", "quality": "low"})),
    );
    assert_eq!(status, 201, "{rec}");
    let id = rec["recordingId"].as_str().unwrap().to_string();
    // One node claims it (either: b has no more room than a), and only
    // that one lists it.
    let nodes = nodes_until(&a.base, Duration::from_secs(10), |n| {
        n.iter()
            .any(|n| n["recordings"][0]["recordingId"] == id.as_str())
    });
    let listing: Vec<_> = nodes
        .iter()
        .map(|n| n["recordings"].as_array().unwrap().len())
        .collect();
    assert_eq!(listing.iter().sum::<usize>(), 1, "{nodes:?}");
    // b killed: it stops beating, and drops out of the list.
    b.child.kill().unwrap();
    b.child.wait().unwrap();
    let killed = Instant::now();
    let nodes = nodes_until(&a.base, Duration::from_secs(10), |n| n.len() == 1);
    assert_eq!(ids(&nodes), ["node-a"]);
    println!("a killed node left the list after {:?}", killed.elapsed());
    // Only admins see the fleet.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let r = agent
        .get(format!("{}/api/v1/nodes", a.base))
        .call()
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
    drop(a);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_node_with_a_bad_database_stops_at_start_and_says_why() {
    let dir = temp_dir("fleet-bad-db");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    for (url, says) in [
        (
            format!("postgres://meetrec:hunter2@127.0.0.1:{port}/m"),
            "127.0.0.1",
        ),
        (
            "mysql://meetrec:hunter2@127.0.0.1/m".to_string(),
            "postgres://",
        ),
        ("postgres://".to_string(), "no host"),
    ] {
        let began = Instant::now();
        let Err((code, err)) = try_spawn(&dir, "bad", &node_config(&dir, "bad", &url)) else {
            panic!("{url}: the node started");
        };
        assert_ne!(code, 0);
        assert!(
            err.contains("database") && err.contains(says),
            "{url}: {err}"
        );
        assert!(!err.contains("hunter2"), "the password leaked: {err}");
        assert!(
            began.elapsed() < Duration::from_secs(20),
            "{url}: {:?}",
            began.elapsed()
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_node_with_an_unreachable_or_unknown_media_store_stops_at_start_and_says_why() {
    let pg = Postgres::start();
    let dir = temp_dir("fleet-bad-store");
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let endpoint = format!("http://127.0.0.1:{closed}");
    // An S3-compatible store that is not there (credentials given, so
    // nothing is asked of any other address).
    let s3 = [
        ("AWS_ENDPOINT", endpoint.as_str()),
        ("AWS_ALLOW_HTTP", "true"),
        ("AWS_ACCESS_KEY_ID", "k"),
        ("AWS_SECRET_ACCESS_KEY", "s"),
        ("AWS_REGION", "us-east-1"),
    ];
    for (store, says) in [
        ("s3://recordings/meetrec", "127.0.0.1"),
        ("ftp://example/recordings", "ftp://example/recordings"),
        ("not a url", "mediaStore"),
    ] {
        let mut config = node_config(&dir, "bad", &pg.url());
        config["mediaStore"] = store.into();
        let began = Instant::now();
        let Err((code, err)) = try_spawn_with(&dir, "bad", &config, &s3) else {
            panic!("{store}: the node started");
        };
        assert_ne!(code, 0);
        assert!(
            err.contains("mediaStore") && err.contains(says),
            "{store}: {err}"
        );
        assert!(
            began.elapsed() < Duration::from_secs(40),
            "{store}: {:?}",
            began.elapsed()
        );
        println!("{store}: refused in {:?}: {}", began.elapsed(), err.trim());
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn without_a_database_the_fleet_is_this_one_node() {
    let dir = temp_dir("fleet-single");
    let node = spawn(
        &dir,
        "alone",
        &json!({"listen": "127.0.0.1:0", "recordingsDir": dir.join("rec"),
                "shareSecret": "s", "apiKeys": [API_KEY], "nodeId": "alone"}),
    );
    let (status, body) = call("GET", &format!("{}/api/v1/nodes", node.base), None);
    assert_eq!(status, 200);
    assert_eq!(body["nodes"].as_array().unwrap().len(), 1);
    assert_eq!(body["nodes"][0]["nodeId"], "alone");
    assert_eq!(body["nodes"][0]["url"], node.base.as_str());
    assert!(
        body["nodes"][0]["load"].is_null(),
        "a lone node measures nothing: {body}"
    );
    drop(node);
    let _ = std::fs::remove_dir_all(&dir);
}
