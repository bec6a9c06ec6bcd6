// SPDX-License-Identifier: MPL-2.0
//! A recording made of parts: each claim of its job records one part on one
//! node (epoch 1 on the node that started it, epoch 2 on the one that took
//! it over, …). This is the pure rule for what the API shows of them: one
//! recording, its duration what was recorded, each gap between two parts
//! listed with why.

use std::time::{Duration, UNIX_EPOCH};

use gstmeetrec::catalog::openvidu::epoch_ms;
use gstmeetrec::metadata::{Gap, Recording, rfc3339};

/// One part as the catalog keeps it.
#[derive(Debug, Clone)]
pub struct Part {
    pub epoch: i64,
    pub node: String,
    /// Its recorder's metadata (the sidecar on `node`'s disk).
    pub meta: Recording,
}

/// When `part` last had media: its end, else its start plus what it
/// recorded (a part whose node died has no end).
pub fn end_of(part: &Recording) -> String {
    match &part.ended_at {
        Some(end) => end.clone(),
        None => {
            let ms = epoch_ms(&part.started_at) + part.duration_ms;
            rfc3339(UNIX_EPOCH + Duration::from_millis(ms))
        }
    }
}

/// The recording `base` (its id, room and config as the API started it)
/// with `parts` (in epoch order) merged in.
pub fn merge(base: &Recording, parts: &[Part]) -> Recording {
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return base.clone();
    };
    let mut r = last.meta.clone();
    r.id = base.id.clone();
    r.room = base.room.clone();
    r.started_at = first.meta.started_at.clone();
    r.duration_ms = parts.iter().map(|p| p.meta.duration_ms).sum();
    r.file.size_bytes = parts.iter().map(|p| p.meta.file.size_bytes).sum();
    r.file.video = parts.iter().find_map(|p| p.meta.file.video.clone());
    r.file.audio = parts.iter().find_map(|p| p.meta.file.audio.clone());
    r.participants = Vec::new();
    for p in parts {
        for person in &p.meta.participants {
            if !r.participants.iter().any(|q| q.id == person.id) {
                r.participants.push(person.clone());
            }
        }
    }
    r.pauses = parts.iter().flat_map(|p| p.meta.pauses.clone()).collect();
    // Parts that overlap (a drained node records on until its successor
    // does) leave no gap.
    r.gaps = parts
        .windows(2)
        .map(|w| Gap {
            from: end_of(&w[0].meta),
            to: w[1].meta.started_at.clone(),
            reason: format!(
                "node {} stopped recording it (epoch {}); node {} took it over",
                w[0].node, w[0].epoch, w[1].node
            ),
        })
        .filter(|g| epoch_ms(&g.to) > epoch_ms(&g.from))
        .collect();
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use gstmeetrec::metadata::{Participant, Status};

    fn part(epoch: i64, node: &str, start: &str, end: Option<&str>, ms: u64) -> Part {
        let mut meta = Recording::starting(&format!("recorder-{epoch}"), "its room", start, "webm");
        meta.ended_at = end.map(Into::into);
        meta.duration_ms = ms;
        meta.file.size_bytes = 1000 * epoch as u64;
        meta.status = if end.is_some() {
            Status::Stopped
        } else {
            Status::Recording
        };
        meta.participants = vec![Participant {
            id: format!("p{epoch}"),
            name: "x".into(),
            joined_ms: 0,
            left_ms: None,
        }];
        Part {
            epoch,
            node: node.into(),
            meta,
        }
    }

    fn base() -> Recording {
        Recording::starting("rec-1", "standup", "2026-12-07T09:59:59.000Z", "webm")
    }

    #[test]
    fn no_parts_is_the_recording_as_started() {
        assert_eq!(merge(&base(), &[]), base());
    }

    #[test]
    fn a_dead_nodes_part_ends_where_its_media_does_and_the_gap_says_who() {
        let parts = [
            part(1, "a", "2026-12-07T10:00:00.000Z", None, 12_500),
            part(
                2,
                "b",
                "2026-12-07T10:00:16.000Z",
                Some("2026-12-07T10:00:30.000Z"),
                14_000,
            ),
        ];
        let r = merge(&base(), &parts);
        assert_eq!(r.id, "rec-1");
        assert_eq!(r.room, "standup");
        assert_eq!(r.started_at, "2026-12-07T10:00:00.000Z");
        assert_eq!(r.ended_at.as_deref(), Some("2026-12-07T10:00:30.000Z"));
        assert_eq!(r.duration_ms, 26_500);
        assert_eq!(r.file.size_bytes, 3000);
        assert_eq!(r.status, Status::Stopped);
        assert_eq!(
            r.participants.iter().map(|p| &p.id[..]).collect::<Vec<_>>(),
            ["p1", "p2"]
        );
        assert_eq!(r.gaps.len(), 1);
        assert_eq!(r.gaps[0].from, "2026-12-07T10:00:12.500Z");
        assert_eq!(r.gaps[0].to, "2026-12-07T10:00:16.000Z");
        assert!(r.gaps[0].reason.contains("node a"), "{}", r.gaps[0].reason);
        assert!(r.gaps[0].reason.contains("node b"), "{}", r.gaps[0].reason);
    }

    #[test]
    fn overlapping_parts_leave_no_gap() {
        let parts = [
            part(
                1,
                "a",
                "2026-12-07T10:00:00.000Z",
                Some("2026-12-07T10:00:10.000Z"),
                10_000,
            ),
            part(2, "b", "2026-12-07T10:00:09.900Z", None, 3_000),
        ];
        assert!(merge(&base(), &parts).gaps.is_empty());
    }

    #[test]
    fn one_part_has_no_gap() {
        let parts = [part(1, "a", "2026-12-07T10:00:00.000Z", None, 4_000)];
        let r = merge(&base(), &parts);
        assert!(r.gaps.is_empty());
        assert_eq!(r.duration_ms, 4_000);
        assert_eq!(r.status, Status::Recording);
    }
}
