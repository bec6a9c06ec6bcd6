// SPDX-License-Identifier: MPL-2.0
//! Webhooks: every recording state change POSTed as JSON, signed.
//!
//! Headers: `X-Meetrec-Timestamp` (Unix seconds), `X-Meetrec-Signature`
//! (`sha256=` + hex HMAC-SHA256 with the secret over `"<timestamp>.<body>"`),
//! `X-Meetrec-Delivery` (unique per event, the same on retries). Receivers
//! check the signature and reject old timestamps (replays): see [`verify`].

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

use crate::catalog::openvidu;
use crate::metadata;
pub use crate::props::WebhookFormat;
use crate::util::hex::hex;

/// What is POSTed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookEvent {
    /// `recording.started`, `recording.stopped`, `recording.uploaded`, …
    #[serde(rename = "type")]
    pub event_type: String,
    /// The state: `RECORDING_STARTED`, …
    pub status: String,
    pub recording_id: String,
    pub room: String,
    /// The local file.
    pub location: String,
    /// For a participant's own (isolated) recording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub participant_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_uri: Option<String>,
    /// RFC 3339, when the state changed.
    pub timestamp: String,
    /// On STOPPED (and UPLOADED): the recording's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metadata: Option<metadata::Recording>,
    /// A live output's state (`output.*` events): `stream` or `hls`, its
    /// name (`stream-1`), its URI without secrets or its playlist path, and
    /// for OUTPUT_FAILED when it is tried again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_in_ms: Option<u64>,
}

/// `RECORDING_UPLOAD_FAILED` → `recording.upload_failed`.
/// `OUTPUT_ACTIVE` → `output.active`.
pub fn event_type(status: &str) -> String {
    match status.strip_prefix("OUTPUT_") {
        Some(s) => format!("output.{}", s.to_lowercase()),
        None => format!(
            "recording.{}",
            status
                .strip_prefix("RECORDING_")
                .unwrap_or(status)
                .to_lowercase()
        ),
    }
}

/// The `X-Meetrec-Signature` value for a body sent at `timestamp`.
pub fn sign(secret: &[u8], timestamp: u64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("sha256={}", hex(&mac.finalize().into_bytes()))
}

/// Checks a received webhook: the signature over timestamp and body, and a
/// timestamp within `tolerance` of `now` (older ones are replays).
pub fn verify(
    secret: &[u8],
    timestamp: &str,
    signature: &str,
    body: &[u8],
    now: SystemTime,
    tolerance: Duration,
) -> Result<(), &'static str> {
    let ts: u64 = timestamp.trim().parse().map_err(|_| "bad timestamp")?;
    let expected = sign(secret, ts, body);
    // Constant-time comparison: a forger learns nothing from timing.
    let (a, b) = (expected.as_bytes(), signature.trim().as_bytes());
    if a.len() != b.len() || a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) != 0 {
        return Err("signature does not match");
    }
    let now = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    if now.abs_diff(ts) > tolerance.as_secs() {
        return Err("timestamp outside the tolerance (replayed?)");
    }
    Ok(())
}

/// The `X-Signature` value of OpenVidu Meet's webhooks: hex
/// HMAC-SHA256 over `"<X-Timestamp>.<body>"`, the timestamp in ms.
pub fn sign_openvidu(secret: &[u8], timestamp_ms: u64, body: &[u8]) -> String {
    sign(secret, timestamp_ms, body)["sha256=".len()..].to_string()
}

/// `event` as OpenVidu Meet sends it (`{creationDate, event, data}`), or
/// `None` for what it has no event for: a participant's own file, live
/// outputs, uploads, pauses. `started` remembers each recording's start
/// (ms) between its events; the delivery thread keeps it.
pub fn openvidu_event(
    event: &WebhookEvent,
    now_ms: u64,
    started: &mut std::collections::HashMap<String, u64>,
) -> Option<serde_json::Value> {
    if event.participant_id.is_some() || event.output.is_some() {
        return None;
    }
    let kind = match event.status.as_str() {
        "RECORDING_STARTING" => "recordingStarted",
        "RECORDING_STARTED" | "RECORDING_STOPPING" => "recordingUpdated",
        "RECORDING_STOPPED" | "RECORDING_FAILED" | "RECORDING_ABORTED" => "recordingEnded",
        _ => return None,
    };
    let at = openvidu::epoch_ms(&event.timestamp);
    let start = *started.entry(event.recording_id.clone()).or_insert(at);
    let data = match &event.metadata {
        Some(m) => {
            let m = m.without_paths();
            let mut r = openvidu::meet_recording(&m, Some(&event.status));
            r.meetrec = Some(m);
            serde_json::to_value(r).ok()?
        }
        None => {
            let status =
                openvidu::live_status(&event.status).unwrap_or(openvidu::MeetStatus::Failed);
            let mut data = serde_json::json!({
                "recordingId": event.recording_id,
                "roomId": event.room,
                "roomName": event.room,
                "status": status,
                "filename": metadata::file_name(&event.location),
                "startDate": start,
            });
            if kind == "recordingEnded" {
                let reason = event
                    .reason
                    .clone()
                    .unwrap_or_else(|| status.as_str().to_string());
                data["endDate"] = at.into();
                data["duration"] = (at.saturating_sub(start) as f64 / 1000.0).into();
                data["size"] = 0.into();
                data["details"] = reason.clone().into();
                data["error"] = reason.into();
                data["errorCode"] = 1.into();
            }
            data
        }
    };
    if kind == "recordingEnded" {
        started.remove(&event.recording_id);
    }
    Some(serde_json::json!({ "creationDate": now_ms, "event": kind, "data": data }))
}

/// Waits before each retry of a failed delivery: 5 attempts in all.
pub const BACKOFF: [Duration; 4] = [
    Duration::from_millis(200),
    Duration::from_millis(400),
    Duration::from_millis(800),
    Duration::from_millis(1600),
];

/// Per attempt.
const TIMEOUT: Duration = Duration::from_secs(5);

/// One receiver's delivery thread: events go out one at a time, in the order
/// they were queued, each retried per [`BACKOFF`]; `gave_up` hears of those
/// that never got a 2xx.
pub(crate) struct Sender {
    pub url: String,
    pub format: WebhookFormat,
    worker: super::Worker<WebhookEvent>,
}

impl Sender {
    pub fn spawn(
        url: String,
        secret: Option<String>,
        format: WebhookFormat,
        gave_up: impl Fn(&WebhookEvent, &str) + Send + 'static,
    ) -> Sender {
        let target = url.clone();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(TIMEOUT))
            .build()
            .into();
        let run = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let mut n = 0u64;
        let mut started = std::collections::HashMap::new();
        let worker = super::Worker::spawn("meetrec-webhook", move |event: WebhookEvent| {
            n += 1;
            let delivery = format!("{run:x}-{n}");
            let outcome = match format {
                WebhookFormat::Meetrec => {
                    deliver(&agent, &target, secret.as_deref(), &delivery, &event)
                }
                WebhookFormat::OpenviduMeet => {
                    match openvidu_event(&event, now_ms(), &mut started) {
                        Some(body) => deliver_openvidu(&agent, &target, secret.as_deref(), &body),
                        None => Ok(()),
                    }
                }
            };
            if let Err(why) = outcome {
                gave_up(&event, &why);
            }
        });
        Sender {
            url,
            format,
            worker,
        }
    }

    pub fn send(&self, event: WebhookEvent) {
        self.worker.send(event);
    }

    /// Lets the queued events go out, waiting at most `limit`; returns whether
    /// all did.
    pub fn finish(self, limit: Duration) -> bool {
        self.worker.finish(limit)
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// POSTs `body` with the retries of [`BACKOFF`]; `headers` gives each
/// attempt's extra headers from the body's bytes.
fn post_with_retries(
    agent: &ureq::Agent,
    url: &str,
    body: &[u8],
    headers: impl Fn(&[u8]) -> Vec<(&'static str, String)>,
) -> Result<(), String> {
    let mut last = String::new();
    for attempt in 0..=BACKOFF.len() {
        if attempt > 0 {
            std::thread::sleep(BACKOFF[attempt - 1]);
        }
        let mut req = agent.post(url).header("Content-Type", "application/json");
        for (k, v) in headers(body) {
            req = req.header(k, v);
        }
        match req.send(body) {
            Ok(_) => return Ok(()),
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!(
        "{} attempts to {url} failed, the last with: {last}",
        BACKOFF.len() + 1
    ))
}

/// OpenVidu Meet's headers: `X-Timestamp` in ms, `X-Signature` without a
/// prefix (absent without a secret).
fn deliver_openvidu(
    agent: &ureq::Agent,
    url: &str,
    secret: Option<&str>,
    body: &serde_json::Value,
) -> Result<(), String> {
    let body = serde_json::to_vec(body).map_err(|e| e.to_string())?;
    post_with_retries(agent, url, &body, |body| {
        let ts = now_ms();
        let mut h = vec![("X-Timestamp", ts.to_string())];
        if let Some(secret) = secret {
            h.push(("X-Signature", sign_openvidu(secret.as_bytes(), ts, body)));
        }
        h
    })
}

fn deliver(
    agent: &ureq::Agent,
    url: &str,
    secret: Option<&str>,
    delivery: &str,
    event: &WebhookEvent,
) -> Result<(), String> {
    let body = serde_json::to_vec(event).map_err(|e| e.to_string())?;
    post_with_retries(agent, url, &body, |body| {
        let ts = now_ms() / 1000;
        let mut h = vec![
            ("X-Meetrec-Delivery", delivery.to_string()),
            ("X-Meetrec-Timestamp", ts.to_string()),
        ];
        if let Some(secret) = secret {
            h.push(("X-Meetrec-Signature", sign(secret.as_bytes(), ts, body)));
        }
        h
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_is_hmac_sha256_over_timestamp_dot_body() {
        // The signed message is "<timestamp>.<body>".
        let s = sign(b"key", 1_700_000_000, b"{}");
        assert!(s.starts_with("sha256=") && s.len() == 7 + 64, "{s}");
        let mut mac = Hmac::<Sha256>::new_from_slice(b"key").unwrap();
        mac.update(b"1700000000.{}");
        assert_eq!(s, format!("sha256={}", hex(&mac.finalize().into_bytes())));
        // The well-known vector for HMAC-SHA256(key="key", "The quick brown fox…").
        let mut mac = Hmac::<Sha256>::new_from_slice(b"key").unwrap();
        mac.update(b"The quick brown fox jumps over the lazy dog");
        assert_eq!(
            hex(&mac.finalize().into_bytes()),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
        );
    }

    #[test]
    fn verify_rejects_forgeries_and_replays() {
        let now = UNIX_EPOCH + Duration::from_secs(1_700_000_100);
        let tol = Duration::from_secs(300);
        let body = br#"{"status":"RECORDING_STOPPED"}"#;
        let sig = sign(b"s3cret", 1_700_000_000, body);
        assert_eq!(
            verify(b"s3cret", "1700000000", &sig, body, now, tol),
            Ok(())
        );
        // Tampered body, wrong secret, moved timestamp, old message.
        assert!(verify(b"s3cret", "1700000000", &sig, b"{}", now, tol).is_err());
        assert!(verify(b"other", "1700000000", &sig, body, now, tol).is_err());
        assert!(verify(b"s3cret", "1700000001", &sig, body, now, tol).is_err());
        let later = now + Duration::from_secs(3600);
        assert!(verify(b"s3cret", "1700000000", &sig, body, later, tol).is_err());
        assert!(verify(b"s3cret", "soon", &sig, body, now, tol).is_err());
    }

    #[test]
    fn event_types_follow_the_states() {
        assert_eq!(event_type("RECORDING_STARTED"), "recording.started");
        assert_eq!(
            event_type("RECORDING_UPLOAD_FAILED"),
            "recording.upload_failed"
        );
        assert_eq!(event_type("OUTPUT_FAILED"), "output.failed");
    }
}
