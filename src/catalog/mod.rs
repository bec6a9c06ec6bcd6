// SPDX-License-Identifier: MPL-2.0
//! Recording management for a server that embeds the recorder (no HTTP here):
//! a catalog over a recordings directory, rooms' recording settings and the
//! access rules (`access`), and share links (`share`).
//!
//! The catalog reads the `<file>.json` metadata the recorder writes (the same
//! `metadata::Recording` type), including recordings still being written,
//! which are listed with `status: recording`. A recording's media is the
//! metadata's path without `.json`, always inside the directory; ids are
//! looked up, never joined into paths, and `validate_id` turns away anything
//! that is not a plain name before the lookup.

pub mod access;
pub mod openvidu;
pub mod share;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::metadata::{Recording, Status};

#[derive(Debug)]
pub enum CatalogError {
    /// Not a plain id: empty, too long, a path, or characters outside
    /// `[A-Za-z0-9._-]`.
    InvalidId(String),
    NotFound(String),
    /// Still being written; stop it first.
    InProgress(String),
    Io(std::io::Error),
}

impl std::fmt::Display for CatalogError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CatalogError::InvalidId(id) => write!(f, "invalid id {id:?}"),
            CatalogError::NotFound(id) => write!(f, "recording {id} not found"),
            CatalogError::InProgress(id) => write!(f, "recording {id} is still in progress"),
            CatalogError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for CatalogError {}

impl From<std::io::Error> for CatalogError {
    fn from(e: std::io::Error) -> Self {
        CatalogError::Io(e)
    }
}

impl From<serde_json::Error> for CatalogError {
    fn from(e: serde_json::Error) -> Self {
        CatalogError::Io(std::io::Error::other(e))
    }
}

/// Longest id accepted.
pub const MAX_ID_LEN: usize = 128;

/// Accepts plain names only: 1..=128 of `[A-Za-z0-9._-]`, not starting with a
/// dot (so never `.`, `..` or a hidden file). Percent-decoding is the HTTP
/// layer's job; whatever it decodes to (`../x`, `a/b`, `%2e%2e`) is refused here.
pub fn validate_id(id: &str) -> Result<(), CatalogError> {
    let plain = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if plain {
        Ok(())
    } else {
        Err(CatalogError::InvalidId(
            id.chars().take(MAX_ID_LEN).collect(),
        ))
    }
}

/// One recording in the catalog.
#[derive(Debug, Clone)]
pub struct Entry {
    pub recording: Recording,
    /// `<file>.json`.
    pub json: PathBuf,
    /// The media file (may be missing if it was removed by hand).
    pub media: PathBuf,
}

/// What to list; `Default` is everything, 10 a page.
#[derive(Debug, Clone)]
pub struct Query {
    pub room: Option<String>,
    pub status: Option<Status>,
    /// 1..=100; other values are clamped.
    pub max_items: usize,
    /// From the previous page's `next_page_token`.
    pub page_token: Option<String>,
    /// The order (ties broken by id, in the same direction).
    pub sort: SortField,
    pub ascending: bool,
}

/// What recordings are ordered by (OpenVidu Meet's `sortField`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortField {
    #[default]
    StartDate,
    RoomName,
    Duration,
    Size,
}

impl SortField {
    /// `startDate`, `roomName`, `duration`, `size`.
    pub fn parse(s: &str) -> Option<SortField> {
        Some(match s {
            "startDate" => SortField::StartDate,
            "roomName" => SortField::RoomName,
            "duration" => SortField::Duration,
            "size" => SortField::Size,
            _ => return None,
        })
    }

    fn tag(self) -> &'static str {
        match self {
            SortField::StartDate => "s",
            SortField::RoomName => "r",
            SortField::Duration => "d",
            SortField::Size => "z",
        }
    }
}

impl Default for Query {
    fn default() -> Self {
        Query {
            room: None,
            status: None,
            max_items: 10,
            page_token: None,
            sort: SortField::StartDate,
            ascending: false,
        }
    }
}

#[derive(Debug)]
pub struct Page {
    /// Newest first.
    pub items: Vec<Entry>,
    /// Set when more follow.
    pub next_page_token: Option<String>,
}

/// Ordering key: the sort field's value (numbers zero-padded, RFC 3339
/// times as written: both order as strings), then the id. Page tokens are
/// the last item's key, so a recording added or deleted between two pages
/// neither repeats nor hides another.
pub fn sort_key(r: &Recording, field: SortField) -> (String, String) {
    let value = match field {
        SortField::StartDate => r.started_at.clone(),
        SortField::RoomName => r.room.clone(),
        SortField::Duration => format!("{:020}", r.duration_ms),
        SortField::Size => format!("{:020}", r.file.size_bytes),
    };
    (value, r.id.clone())
}

pub fn encode_token(field: SortField, (value, id): &(String, String)) -> String {
    crate::util::hex::hex(format!("{}\n{value}\n{id}", field.tag()).as_bytes())
}

/// A page token's key, if it was made for a listing sorted by `field`.
pub fn decode_token(field: SortField, t: &str) -> Option<(String, String)> {
    if t.len() > 4 * MAX_ID_LEN {
        return None;
    }
    let bytes = crate::util::hex::unhex(t)?;
    let s = String::from_utf8(bytes).ok()?;
    let (tag, rest) = s.split_once('\n')?;
    let (a, b) = rest.split_once('\n')?;
    (tag == field.tag()).then(|| (a.to_string(), b.to_string()))
}

/// How deep below the directory recordings are looked for (a location
/// template like `recordings/{room}/{date}/{id}.{ext}` is three).
const MAX_DEPTH: usize = 4;

static DELETING: AtomicU64 = AtomicU64::new(0);

/// The recordings under one directory.
#[derive(Debug, Clone)]
pub struct Catalog {
    dir: PathBuf,
}

impl Catalog {
    /// The catalog of `dir` (created if missing).
    pub fn new(dir: &Path) -> std::io::Result<Catalog> {
        std::fs::create_dir_all(dir)?;
        Ok(Catalog {
            dir: dir.canonicalize()?,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Every recording's metadata, newest first. Hidden entries and symbolic
    /// links are skipped; JSON files that are not recording metadata too.
    pub fn scan(&self) -> std::io::Result<Vec<Entry>> {
        let mut out = Vec::new();
        let mut dirs = vec![(self.dir.clone(), 0)];
        while let Some((dir, depth)) = dirs.pop() {
            let rd = match std::fs::read_dir(&dir) {
                Ok(rd) => rd,
                // A subdirectory removed while we walk is no error.
                Err(e) if depth > 0 && e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e),
            };
            for ent in rd {
                let Ok(ent) = ent else { continue };
                let name = ent.file_name();
                let name = name.to_string_lossy();
                if name.starts_with('.') {
                    continue;
                }
                let Ok(ft) = ent.file_type() else { continue };
                let path = ent.path();
                if ft.is_dir() && depth < MAX_DEPTH {
                    dirs.push((path, depth + 1));
                } else if ft.is_file() && name.ends_with(".json") {
                    // Gone meanwhile, or not ours: not a recording.
                    let Ok(recording) = Recording::read(&path) else {
                        continue;
                    };
                    let media = path.with_file_name(&name[..name.len() - ".json".len()]);
                    out.push(Entry {
                        recording,
                        json: path,
                        media,
                    });
                }
            }
        }
        out.sort_by_key(|e| std::cmp::Reverse(sort_key(&e.recording, SortField::StartDate)));
        Ok(out)
    }

    /// One page of the recordings matching `q` that `visible` lets through
    /// (the caller's access rule, other filters), in `q`'s order.
    pub fn list(&self, q: &Query, visible: impl Fn(&Recording) -> bool) -> std::io::Result<Page> {
        let max = q.max_items.clamp(1, 100);
        let after = match &q.page_token {
            Some(t) => Some(decode_token(q.sort, t).ok_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    "bad page token (or one from a listing in another order)",
                )
            })?),
            None => None,
        };
        let mut all = self.scan()?;
        if q.sort != SortField::StartDate || q.ascending {
            all.sort_by_cached_key(|e| sort_key(&e.recording, q.sort));
            if !q.ascending {
                all.reverse();
            }
        }
        let beyond = |k: (String, String), a: &(String, String)| {
            if q.ascending { k > *a } else { k < *a }
        };
        let mut items: Vec<Entry> = all
            .into_iter()
            .filter(|e| {
                after
                    .as_ref()
                    .is_none_or(|a| beyond(sort_key(&e.recording, q.sort), a))
            })
            .filter(|e| q.room.as_ref().is_none_or(|r| e.recording.room == *r))
            .filter(|e| q.status.is_none_or(|s| e.recording.status == s))
            .filter(|e| visible(&e.recording))
            .take(max + 1)
            .collect();
        let next_page_token = (items.len() > max).then(|| {
            items.truncate(max);
            encode_token(q.sort, &sort_key(&items[max - 1].recording, q.sort))
        });
        Ok(Page {
            items,
            next_page_token,
        })
    }

    /// The recording `id`.
    pub fn get(&self, id: &str) -> Result<Entry, CatalogError> {
        validate_id(id)?;
        self.scan()?
            .into_iter()
            .find(|e| e.recording.id == id)
            .ok_or_else(|| CatalogError::NotFound(id.to_string()))
    }

    /// Deletes recording `id`: media and metadata. Readers see it whole or
    /// not at all: the metadata is first renamed to a hidden name (one atomic
    /// step that takes it out of every listing), then the media and the
    /// hidden metadata are removed. If the media cannot be removed the
    /// metadata is put back and the error returned. Recordings in progress
    /// are refused.
    pub fn delete(&self, id: &str) -> Result<Entry, CatalogError> {
        self.delete_entry(self.get(id)?)
    }

    /// `delete` for an entry already looked up (by `get` or `scan`), so a
    /// caller that checked it first does not read the directory again.
    pub fn delete_entry(&self, entry: Entry) -> Result<Entry, CatalogError> {
        let id = entry.recording.id.as_str();
        if entry.recording.status == Status::Recording {
            return Err(CatalogError::InProgress(id.to_string()));
        }
        let hidden = entry.json.with_file_name(format!(
            ".{}.deleting-{}-{}",
            entry
                .json
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default(),
            std::process::id(),
            DELETING.fetch_add(1, Ordering::Relaxed)
        ));
        match std::fs::rename(&entry.json, &hidden) {
            Ok(()) => {}
            // Someone else deleted it first.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(CatalogError::NotFound(id.to_string()));
            }
            Err(e) => return Err(e.into()),
        }
        match std::fs::remove_file(&entry.media) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => {
                let _ = std::fs::rename(&hidden, &entry.json);
                return Err(e.into());
            }
        }
        // A split recording's other parts (the first is `media`).
        for part in entry.recording.file.parts.iter().skip(1) {
            if let Some(name) = std::path::Path::new(part).file_name() {
                let _ = std::fs::remove_file(entry.media.with_file_name(name));
            }
        }
        let _ = std::fs::remove_file(&hidden);
        Ok(entry)
    }

    /// Deletes each of `ids`, reporting per id what happened.
    pub fn delete_many<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Vec<(String, Result<(), CatalogError>)> {
        // One read of the directory for all of them.
        let mut all = match self.scan() {
            Ok(all) => all,
            Err(e) => {
                return ids
                    .into_iter()
                    .map(|id| {
                        let err = std::io::Error::new(e.kind(), e.to_string());
                        (id.to_string(), Err(CatalogError::Io(err)))
                    })
                    .collect();
            }
        };
        ids.into_iter()
            .map(|id| {
                let outcome = validate_id(id).and_then(|()| {
                    let at = all.iter().position(|e| e.recording.id == id);
                    let entry = at
                        .map(|i| all.swap_remove(i))
                        .ok_or_else(|| CatalogError::NotFound(id.to_string()))?;
                    self.delete_entry(entry).map(|_| ())
                });
                (id.to_string(), outcome)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
