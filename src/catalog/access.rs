// SPDX-License-Identifier: MPL-2.0
//! Who may do what with a room's recordings, as OpenVidu Meet defines it:
//! admins may do anything; moderators play and delete when the
//! room's `recording-access` includes them; speakers only play, when it
//! includes them; recording needs a moderator or an admin, and nobody records
//! in a room that does not allow it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Admin,
    Moderator,
    Speaker,
}

/// A room's `recording-access` setting: who besides admins sees its recordings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordingAccess {
    Admin,
    AdminModerator,
    #[default]
    AdminModeratorSpeaker,
}

impl RecordingAccess {
    pub const ALL: [RecordingAccess; 3] = [
        RecordingAccess::Admin,
        RecordingAccess::AdminModerator,
        RecordingAccess::AdminModeratorSpeaker,
    ];

    /// Whether recordings with this setting are open to `role` at all.
    pub fn includes(self, role: Role) -> bool {
        match role {
            Role::Admin => true,
            Role::Moderator => self != RecordingAccess::Admin,
            Role::Speaker => self == RecordingAccess::AdminModeratorSpeaker,
        }
    }
}

impl std::str::FromStr for RecordingAccess {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        serde_json::from_value(serde_json::Value::String(s.to_string())).map_err(|_| {
            format!("recording-access must be admin, admin-moderator or admin-moderator-speaker, not {s:?}")
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Start or stop a recording in the room.
    Record,
    /// List, get, play, download a recording, or make a share link for it.
    Play,
    Delete,
}

impl Action {
    pub const ALL: [Action; 3] = [Action::Record, Action::Play, Action::Delete];
}

/// A room's recording settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoomSettings {
    /// `allow-recording`: false means nobody, admins included, records here.
    pub allow_recording: bool,
    /// `recording-access`.
    pub recording_access: RecordingAccess,
}

impl Default for RoomSettings {
    fn default() -> Self {
        RoomSettings {
            allow_recording: true,
            recording_access: RecordingAccess::default(),
        }
    }
}

/// The rule: may `role` do `action` in a room with `room` settings?
pub fn allowed(role: Role, action: Action, room: &RoomSettings) -> bool {
    match action {
        Action::Record => room.allow_recording && role != Role::Speaker,
        Action::Play => room.recording_access.includes(role),
        Action::Delete => role != Role::Speaker && room.recording_access.includes(role),
    }
}

/// The rooms' settings, kept in one JSON file (written atomically). Rooms
/// never configured have the default settings.
#[derive(Debug)]
pub struct Rooms {
    path: PathBuf,
    rooms: BTreeMap<String, RoomSettings>,
}

impl Rooms {
    /// Loads `path`, or starts empty when it does not exist yet.
    pub fn open(path: &Path) -> std::io::Result<Rooms> {
        let rooms = match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(e) => return Err(e),
        };
        Ok(Rooms {
            path: path.to_path_buf(),
            rooms,
        })
    }

    pub fn get(&self, room: &str) -> Option<RoomSettings> {
        self.rooms.get(room).copied()
    }

    /// The settings that apply to `room`: its own, or the defaults.
    pub fn settings(&self, room: &str) -> RoomSettings {
        self.get(room).unwrap_or_default()
    }

    pub fn list(&self) -> impl Iterator<Item = (&str, &RoomSettings)> {
        self.rooms.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Creates or replaces a room's settings and saves the file. The room
    /// name must be a valid id (`super::validate_id`).
    pub fn put(&mut self, room: &str, settings: RoomSettings) -> Result<(), super::CatalogError> {
        super::validate_id(room)?;
        let old = self.rooms.insert(room.to_string(), settings);
        if let Err(e) =
            crate::metadata::write_atomically(&self.path, &serde_json::to_vec_pretty(&self.rooms)?)
        {
            match old {
                Some(o) => self.rooms.insert(room.to_string(), o),
                None => self.rooms.remove(room),
            };
            return Err(e.into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use RecordingAccess as A;
    use Role::*;

    /// The whole matrix, written out as the documentation states it, so a
    /// change to `allowed` cannot agree with itself by construction.
    #[test]
    fn role_access_action_matrix() {
        // (role, access, [record, play, delete]) with recording allowed.
        let table = [
            (Admin, A::Admin, [true, true, true]),
            (Admin, A::AdminModerator, [true, true, true]),
            (Admin, A::AdminModeratorSpeaker, [true, true, true]),
            (Moderator, A::Admin, [true, false, false]),
            (Moderator, A::AdminModerator, [true, true, true]),
            (Moderator, A::AdminModeratorSpeaker, [true, true, true]),
            (Speaker, A::Admin, [false, false, false]),
            (Speaker, A::AdminModerator, [false, false, false]),
            (Speaker, A::AdminModeratorSpeaker, [false, true, false]),
        ];
        assert_eq!(table.len(), 3 * RecordingAccess::ALL.len());
        for (role, access, expect) in table {
            for allow_recording in [true, false] {
                let room = RoomSettings {
                    allow_recording,
                    recording_access: access,
                };
                for (action, want) in Action::ALL.into_iter().zip(expect) {
                    // Disallowing recording takes Record from everyone and
                    // nothing else.
                    let want = want && (allow_recording || action != Action::Record);
                    assert_eq!(
                        allowed(role, action, &room),
                        want,
                        "{role:?} {action:?} with {access:?}, allow-recording={allow_recording}"
                    );
                }
            }
        }
    }

    #[test]
    fn defaults_and_names() {
        let d = RoomSettings::default();
        assert!(d.allow_recording);
        assert_eq!(d.recording_access, A::AdminModeratorSpeaker);
        assert_eq!(
            "admin-moderator".parse::<RecordingAccess>(),
            Ok(A::AdminModerator)
        );
        assert!("moderators".parse::<RecordingAccess>().is_err());
        let v = serde_json::to_value(d).unwrap();
        assert_eq!(v["allowRecording"], true);
        assert_eq!(v["recordingAccess"], "admin-moderator-speaker");
        assert_eq!(serde_json::to_value(Speaker).unwrap(), "speaker");
    }

    #[test]
    fn rooms_persist_and_reject_bad_names() {
        let dir = std::env::temp_dir().join(format!("meetrec-rooms-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("rooms.json");
        let _ = std::fs::remove_file(&path);
        let mut rooms = Rooms::open(&path).unwrap();
        assert_eq!(rooms.settings("standup"), RoomSettings::default());
        let s = RoomSettings {
            allow_recording: false,
            recording_access: A::Admin,
        };
        rooms.put("standup", s).unwrap();
        assert!(rooms.put("../etc", s).is_err());
        let again = Rooms::open(&path).unwrap();
        assert_eq!(again.get("standup"), Some(s));
        assert_eq!(again.list().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
