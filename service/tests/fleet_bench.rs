// SPDX-License-Identifier: MPL-2.0
//! The fleet's benchmark (not part of the test suite: it measures, it does
//! not check). Run it on a quiet machine:
//!
//! ```sh
//! cargo test --release -p meetrec-service --test fleet_bench -- --ignored --nocapture
//! ```
//!
//! Two real service nodes on a throwaway PostgreSQL and a `file://` media
//! store, synthetic participants (`quality=low`): start latency (POST → the
//! recording `active`, i.e. its first media in the file) over
//! `MEETREC_BENCH_STARTS` starts (default 50); takeover time and missing
//! seconds over `MEETREC_BENCH_KILLS` kill -9s (default 10); the gap of 3
//! drains. Prints p50/p99 of each. Numbers are in docs/fleet.md.

mod common;

use std::time::{Duration, Instant};

use common::postgres::Postgres;
use common::service::{API_KEY, Node, call, holder, spawn, temp_dir};
use gstmeetrec::catalog::openvidu::epoch_ms;
use serde_json::{Value, json};

fn count(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

struct Fleet {
    pg: Postgres,
    dir: std::path::PathBuf,
    nodes: Vec<(String, Node)>,
}

impl Fleet {
    fn node(&self, name: &str) -> Node {
        let config = json!({"listen": "127.0.0.1:0", "recordingsDir": self.dir.join(name),
            "shareSecret": "s", "apiKeys": [API_KEY], "nodeId": name,
            "database": self.pg.url(),
            "mediaStore": format!("file://{}", self.dir.join("store").display())});
        spawn(&self.dir, name, &config)
    }

    fn base(&self, i: usize) -> &str {
        &self.nodes[i].1.base
    }
}

fn get(base: &str, id: &str) -> Value {
    call("GET", &format!("{base}/api/v1/recordings/{id}"), None).1
}

fn until(base: &str, id: &str, ok: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let r = get(base, id);
        if ok(&r) {
            return r;
        }
        assert!(Instant::now() < deadline, "never so: {r}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn start(base: &str, room: &str) -> String {
    call(
        "POST",
        &format!("{base}/api/v1/rooms"),
        Some(json!({"roomId": room})),
    );
    let (status, rec) = call(
        "POST",
        &format!("{base}/api/v1/recordings"),
        Some(json!({"roomId": room, "quality": "low"})),
    );
    assert_eq!(status, 201, "{rec}");
    rec["recordingId"].as_str().unwrap().to_string()
}

fn stop(base: &str, id: &str) {
    call("POST", &format!("{base}/api/v1/recordings/{id}/stop"), None);
    until(base, id, |r| {
        !matches!(r["status"].as_str(), Some("starting" | "active" | "ending"))
    });
}

fn percentiles(name: &str, unit: &str, mut v: Vec<f64>) {
    v.sort_by(f64::total_cmp);
    let at = |p: f64| v[((v.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "{name}: n={} p50 {:.3} {unit}, p99 {:.3} {unit}, min {:.3}, max {:.3}",
        v.len(),
        at(0.5),
        at(0.99),
        v[0],
        v[v.len() - 1]
    );
}

fn gap_seconds(r: &Value) -> f64 {
    r["meetrec"]["gaps"]
        .as_array()
        .map(|g| {
            g.iter()
                .map(|g| {
                    (epoch_ms(g["to"].as_str().unwrap()) as f64
                        - epoch_ms(g["from"].as_str().unwrap()) as f64)
                        / 1000.0
                })
                .sum()
        })
        .unwrap_or(0.0)
}

#[test]
#[ignore = "a benchmark: cargo test --release -p meetrec-service --test fleet_bench -- --ignored --nocapture"]
fn fleet_benchmark() {
    let dir = temp_dir("fleet-bench");
    let mut fleet = Fleet {
        pg: Postgres::start(),
        dir,
        nodes: Vec::new(),
    };
    for name in ["node-a", "node-b"] {
        let n = fleet.node(name);
        fleet.nodes.push((name.to_string(), n));
    }

    // Start latency: POST → active (the first media reached the file).
    let mut latency = Vec::new();
    for i in 0..count("MEETREC_BENCH_STARTS", 50) {
        let base = fleet.base(i % 2).to_string();
        let asked = Instant::now();
        let id = start(&base, &format!("start-{i}"));
        until(&base, &id, |r| r["status"] == "active");
        latency.push(asked.elapsed().as_secs_f64());
        stop(&base, &id);
    }
    percentiles("start latency (POST → active)", "s", latency);

    // Takeover: kill -9 the recording node 2 s into a recording.
    let (mut takeover, mut missing) = (Vec::new(), Vec::new());
    for i in 0..count("MEETREC_BENCH_KILLS", 10) {
        let id = start(fleet.base(0), &format!("kill-{i}"));
        until(fleet.base(0), &id, |r| r["status"] == "active");
        let first = holder(fleet.base(0), &id).expect("a holder");
        std::thread::sleep(Duration::from_secs(2));
        let dead = fleet.nodes.iter().position(|(n, _)| *n == first).unwrap();
        let (name, mut node) = fleet.nodes.remove(dead);
        node.child.kill().unwrap();
        node.child.wait().unwrap();
        let killed = Instant::now();
        let alive = fleet.base(0).to_string();
        until(&alive, &id, |r| {
            r["meetrec"]["gaps"]
                .as_array()
                .is_some_and(|g| !g.is_empty())
        });
        takeover.push(killed.elapsed().as_secs_f64());
        std::thread::sleep(Duration::from_secs(1));
        stop(&alive, &id);
        missing.push(gap_seconds(&get(&alive, &id)));
        let back = fleet.node(&name);
        fleet.nodes.push((name, back));
    }
    percentiles("takeover (kill → the next part recording)", "s", takeover);
    percentiles("missing per kill (joined file)", "s", missing);

    // Drain: SIGTERM the recording node.
    let mut drained = Vec::new();
    for i in 0..3 {
        let id = start(fleet.base(0), &format!("drain-{i}"));
        until(fleet.base(0), &id, |r| r["status"] == "active");
        let first = holder(fleet.base(0), &id).expect("a holder");
        std::thread::sleep(Duration::from_secs(2));
        let at = fleet.nodes.iter().position(|(n, _)| *n == first).unwrap();
        let (name, mut node) = fleet.nodes.remove(at);
        std::process::Command::new("kill")
            .args(["-TERM", &node.child.id().to_string()])
            .status()
            .unwrap();
        node.child.wait().unwrap();
        let alive = fleet.base(0).to_string();
        std::thread::sleep(Duration::from_secs(1));
        stop(&alive, &id);
        drained.push(gap_seconds(&get(&alive, &id)));
        let back = fleet.node(&name);
        fleet.nodes.push((name, back));
    }
    percentiles("missing per drain", "s", drained);
    let _ = std::fs::remove_dir_all(&fleet.dir);
}
