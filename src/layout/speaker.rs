// SPDX-License-Identifier: MPL-2.0
//! Active-speaker tracking with a hold time, so a cough does not reshuffle the layout.

use super::Participant;

/// A participant louder than this (dB RMS, as the `level` element reports) is speaking.
pub const SPEAKING_THRESHOLD_DB: f64 = -50.0;

#[derive(Debug, Clone, Copy)]
struct Entry {
    key: u64,
    /// Sequence number of the last time this participant became the active
    /// speaker; 0 = never.
    activation: u64,
}

/// Follows who is speaking. The loudest speaking participant becomes the active
/// speaker once it has stayed the loudest for the hold time; silence keeps the
/// current speaker.
#[derive(Debug, Default)]
pub struct SpeakerTracker {
    entries: Vec<Entry>,
    seq: u64,
    current: Option<u64>,
    /// The loudest participant that is not the active speaker, and since when.
    candidate: Option<(u64, u64)>,
}

impl SpeakerTracker {
    /// The active speaker's key, if anyone has spoken long enough.
    pub fn current(&self) -> Option<u64> {
        self.current
    }

    /// Ordering value: larger = became the active speaker more recently; 0 = never.
    pub fn activation(&self, key: u64) -> u64 {
        self.entries
            .iter()
            .find(|e| e.key == key)
            .map_or(0, |e| e.activation)
    }

    pub fn update(&mut self, now_ns: u64, hold_ns: u64, participants: &[Participant]) {
        // Forget participants that left (no allocation: retain works in place).
        self.entries
            .retain(|e| participants.iter().any(|p| p.key == e.key));
        if self
            .current
            .is_some_and(|c| !participants.iter().any(|p| p.key == c))
        {
            self.current = None;
        }

        let loudest = participants
            .iter()
            .filter(|p| p.audio_level_db > SPEAKING_THRESHOLD_DB)
            .max_by(|a, b| {
                a.audio_level_db
                    .total_cmp(&b.audio_level_db)
                    // On equal levels the earlier joiner wins.
                    .then(b.key.cmp(&a.key))
            })
            .map(|p| p.key);

        match loudest {
            None => self.candidate = None,
            Some(k) if Some(k) == self.current => self.candidate = None,
            Some(k) => {
                let since = match self.candidate {
                    Some((ck, since)) if ck == k => since,
                    _ => now_ns,
                };
                self.candidate = Some((k, since));
                if now_ns.saturating_sub(since) >= hold_ns {
                    self.activate(k);
                    self.candidate = None;
                }
            }
        }
    }

    fn activate(&mut self, key: u64) {
        self.seq += 1;
        self.current = Some(key);
        match self.entries.iter_mut().find(|e| e.key == key) {
            Some(e) => e.activation = self.seq,
            None => self.entries.push(Entry {
                key,
                activation: self.seq,
            }),
        }
    }
}

#[cfg(test)]
impl SpeakerTracker {
    pub(crate) fn entries_capacity(&self) -> usize {
        self.entries.capacity()
    }
}
