// SPDX-License-Identifier: MPL-2.0
//! The service binary as a user runs it: a process with its own
//! `service.json`, on 127.0.0.1, called over HTTP with an API key.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

pub const API_KEY: &str = "k";

pub struct Node {
    pub child: Child,
    /// `http://127.0.0.1:PORT`
    pub base: String,
}

/// A fresh directory for one test.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("meetrec-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `config` to `dir/<name>.json` and starts the service on it;
/// returns once it says where it listens, or its exit and stderr.
pub fn try_spawn(dir: &Path, name: &str, config: &Value) -> Result<Node, (i32, String)> {
    try_spawn_with(dir, name, config, &[])
}

/// [`try_spawn`] with `env` set for the node.
pub fn try_spawn_with(
    dir: &Path,
    name: &str,
    config: &Value,
    env: &[(&str, &str)],
) -> Result<Node, (i32, String)> {
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, config.to_string()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_meetrec-service"))
        .arg("--config")
        .arg(&path)
        .envs(env.iter().copied())
        .env_remove("MEETREC_DATABASE_URL")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    match serde_json::from_str::<Value>(&line) {
        Ok(v) => {
            // What the node says goes to the test's output (shown when it
            // fails), and never fills a pipe the node would block on.
            let err = BufReader::new(child.stderr.take().unwrap());
            let who = name.to_string();
            std::thread::spawn(move || {
                for line in err.lines().map_while(Result::ok) {
                    eprintln!("[{who}] {line}");
                }
            });
            Ok(Node {
                child,
                base: v["url"].as_str().unwrap().to_string(),
            })
        }
        Err(_) => {
            let status = child.wait().unwrap();
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            Err((status.code().unwrap_or(-1), err))
        }
    }
}

pub fn spawn(dir: &Path, name: &str, config: &Value) -> Node {
    try_spawn(dir, name, config).unwrap_or_else(|(code, err)| panic!("{name} exited {code}: {err}"))
}

/// `method url` with the API key and a JSON body: (status, JSON answer).
pub fn call(method: &str, url: &str, body: Option<Value>) -> (u16, Value) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let req = ureq::http::Request::builder()
        .method(method)
        .uri(url)
        .header("X-API-KEY", API_KEY)
        .header("Content-Type", "application/json")
        .body(body.map(|b| b.to_string()).unwrap_or_default())
        .unwrap();
    let mut r = agent.run(req).unwrap();
    let status = r.status().as_u16();
    let text = r.body_mut().read_to_string().unwrap_or_default();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The node that records recording `id` now, by `base`'s node list.
pub fn holder(base: &str, id: &str) -> Option<String> {
    let (_, body) = call("GET", &format!("{base}/api/v1/nodes"), None);
    body["nodes"].as_array()?.iter().find_map(|n| {
        n["recordings"]
            .as_array()?
            .iter()
            .any(|r| r["recordingId"] == id)
            .then(|| n["nodeId"].as_str().unwrap().to_string())
    })
}
