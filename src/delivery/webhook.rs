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

use crate::metadata;
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
    worker: super::Worker<WebhookEvent>,
}

impl Sender {
    pub fn spawn(
        url: String,
        secret: Option<String>,
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
        let worker = super::Worker::spawn("meetrec-webhook", move |event: WebhookEvent| {
            n += 1;
            let delivery = format!("{run:x}-{n}");
            if let Err(why) = deliver(&agent, &target, secret.as_deref(), &delivery, &event) {
                gave_up(&event, &why);
            }
        });
        Sender { url, worker }
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

fn deliver(
    agent: &ureq::Agent,
    url: &str,
    secret: Option<&str>,
    delivery: &str,
    event: &WebhookEvent,
) -> Result<(), String> {
    let body = serde_json::to_vec(event).map_err(|e| e.to_string())?;
    let mut last = String::new();
    for attempt in 0..=BACKOFF.len() {
        if attempt > 0 {
            std::thread::sleep(BACKOFF[attempt - 1]);
        }
        let ts = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut req = agent
            .post(url)
            .header("Content-Type", "application/json")
            .header("X-Meetrec-Delivery", delivery)
            .header("X-Meetrec-Timestamp", ts.to_string());
        if let Some(secret) = secret {
            req = req.header("X-Meetrec-Signature", sign(secret.as_bytes(), ts, &body));
        }
        match req.send(&body[..]) {
            Ok(_) => return Ok(()),
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!(
        "{} attempts to {url} failed, the last with: {last}",
        BACKOFF.len() + 1
    ))
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
