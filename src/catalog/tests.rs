// SPDX-License-Identifier: MPL-2.0
use std::time::{Duration, UNIX_EPOCH};

use super::*;

struct Dir(PathBuf);

impl Dir {
    fn new(name: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("meetrec-catalog-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Writes a recording (media bytes + metadata) as the recorder would.
fn put(dir: &Path, id: &str, room: &str, status: Status, started_s: u64) -> PathBuf {
    let media = dir.join(format!("{room}-{id}.webm"));
    std::fs::write(&media, id.as_bytes()).unwrap();
    let started = metadata::rfc3339(UNIX_EPOCH + Duration::from_secs(started_s));
    let mut r = Recording::starting(id, room, &started, "webm");
    r.status = status;
    r.duration_ms = 1000;
    r.file.path = media.to_string_lossy().into();
    r.file.size_bytes = id.len() as u64;
    r.write().unwrap();
    media
}

use crate::metadata;

fn ids(page: &Page) -> Vec<&str> {
    page.items.iter().map(|e| e.recording.id.as_str()).collect()
}

#[test]
fn lists_newest_first_filters_and_pages() {
    let d = Dir::new("list");
    put(&d.0, "a", "standup", Status::Stopped, 1_800_000_001);
    put(&d.0, "b", "retro", Status::Stopped, 1_800_000_002);
    put(&d.0, "c", "standup", Status::Recording, 1_800_000_003);
    put(&d.0, "d", "standup", Status::Failed, 1_800_000_004);
    // One deeper (a {room}/ template), and things that are not recordings.
    std::fs::create_dir_all(d.0.join("standup")).unwrap();
    put(
        &d.0.join("standup"),
        "e",
        "standup",
        Status::Stopped,
        1_800_000_005,
    );
    std::fs::write(d.0.join("notes.json"), b"{\"hello\": 1}").unwrap();
    std::fs::write(d.0.join(".rooms.json"), b"{}").unwrap();
    let cat = Catalog::new(&d.0).unwrap();

    let all = cat.list(&Query::default(), |_| true).unwrap();
    assert_eq!(ids(&all), ["e", "d", "c", "b", "a"]);
    assert!(all.next_page_token.is_none());
    // In progress recordings are listed, with their status.
    assert_eq!(all.items[2].recording.status, Status::Recording);
    assert_eq!(
        all.items[0].media,
        d.0.canonicalize().unwrap().join("standup/standup-e.webm")
    );

    let q = |room: Option<&str>, status| Query {
        room: room.map(Into::into),
        status,
        ..Query::default()
    };
    assert_eq!(
        ids(&cat.list(&q(Some("standup"), None), |_| true).unwrap()),
        ["e", "d", "c", "a"]
    );
    assert_eq!(
        ids(&cat
            .list(&q(Some("standup"), Some(Status::Stopped)), |_| true)
            .unwrap()),
        ["e", "a"]
    );
    assert_eq!(
        ids(&cat
            .list(&q(None, Some(Status::Recording)), |_| true)
            .unwrap()),
        ["c"]
    );
    // The caller's access rule hides what they may not see.
    assert_eq!(
        ids(&cat.list(&Query::default(), |r| r.room == "retro").unwrap()),
        ["b"]
    );

    // Pages of two; a recording deleted between pages does not shift the rest.
    let mut q = Query {
        max_items: 2,
        ..Query::default()
    };
    let p1 = cat.list(&q, |_| true).unwrap();
    assert_eq!(ids(&p1), ["e", "d"]);
    q.page_token = p1.next_page_token.clone();
    cat.delete("e").unwrap();
    let p2 = cat.list(&q, |_| true).unwrap();
    assert_eq!(ids(&p2), ["c", "b"]);
    q.page_token = p2.next_page_token.clone();
    let p3 = cat.list(&q, |_| true).unwrap();
    assert_eq!(ids(&p3), ["a"]);
    assert!(p3.next_page_token.is_none());
    q.page_token = Some("zz".into());
    assert!(cat.list(&q, |_| true).is_err());
}

#[test]
fn pages_follow_the_asked_order() {
    let d = Dir::new("sorted");
    // Sizes are the ids' lengths; rooms differ.
    put(&d.0, "bbb", "alpha", Status::Stopped, 1_800_000_001);
    put(&d.0, "a", "gamma", Status::Stopped, 1_800_000_002);
    put(&d.0, "cc", "beta", Status::Stopped, 1_800_000_003);
    put(&d.0, "dddd", "beta", Status::Stopped, 1_800_000_004);
    let cat = Catalog::new(&d.0).unwrap();
    let walk = |sort, ascending| {
        let mut q = Query {
            max_items: 1,
            sort,
            ascending,
            ..Query::default()
        };
        let mut out: Vec<String> = Vec::new();
        loop {
            let p = cat.list(&q, |_| true).unwrap();
            out.extend(ids(&p).into_iter().map(String::from));
            match p.next_page_token {
                Some(t) => q.page_token = Some(t),
                None => return out,
            }
        }
    };
    assert_eq!(
        walk(SortField::StartDate, false),
        ["dddd", "cc", "a", "bbb"]
    );
    assert_eq!(walk(SortField::StartDate, true), ["bbb", "a", "cc", "dddd"]);
    assert_eq!(walk(SortField::Size, false), ["dddd", "bbb", "cc", "a"]);
    assert_eq!(walk(SortField::Size, true), ["a", "cc", "bbb", "dddd"]);
    // Ties (two in "beta") break by id, in the same direction.
    assert_eq!(walk(SortField::RoomName, true), ["bbb", "cc", "dddd", "a"]);
    assert_eq!(walk(SortField::RoomName, false), ["a", "dddd", "cc", "bbb"]);
    // A token from one order is refused in another.
    let p = cat
        .list(
            &Query {
                max_items: 1,
                sort: SortField::Size,
                ..Query::default()
            },
            |_| true,
        )
        .unwrap();
    let q = Query {
        page_token: p.next_page_token,
        ..Query::default()
    };
    assert!(cat.list(&q, |_| true).is_err());
}

#[test]
fn get_and_delete() {
    let d = Dir::new("delete");
    let media = put(&d.0, "a", "standup", Status::Stopped, 1_800_000_001);
    put(&d.0, "live", "standup", Status::Recording, 1_800_000_002);
    let cat = Catalog::new(&d.0).unwrap();
    let e = cat.get("a").unwrap();
    assert_eq!(e.recording.room, "standup");
    assert_eq!(std::fs::read(&e.media).unwrap(), b"a");

    assert!(matches!(cat.get("zz"), Err(CatalogError::NotFound(_))));
    assert!(matches!(
        cat.delete("live"),
        Err(CatalogError::InProgress(_))
    ));
    assert!(cat.get("live").is_ok());

    cat.delete("a").unwrap();
    assert!(!media.exists());
    assert!(!metadata::path_for(&media).exists());
    assert!(matches!(cat.get("a"), Err(CatalogError::NotFound(_))));
    assert!(matches!(cat.delete("a"), Err(CatalogError::NotFound(_))));
    // Nothing hidden left behind.
    let left: Vec<String> = std::fs::read_dir(&d.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn delete_that_cannot_remove_the_media_keeps_the_recording() {
    let d = Dir::new("keep");
    let media = put(&d.0, "a", "standup", Status::Stopped, 1_800_000_001);
    // A directory where the media should be: remove_file fails (not NotFound).
    std::fs::remove_file(&media).unwrap();
    std::fs::create_dir(&media).unwrap();
    let cat = Catalog::new(&d.0).unwrap();
    assert!(matches!(cat.delete("a"), Err(CatalogError::Io(_))));
    assert_eq!(cat.get("a").unwrap().recording.id, "a");
}

#[test]
fn bulk_delete_reports_each_id() {
    let d = Dir::new("bulk");
    put(&d.0, "a", "standup", Status::Stopped, 1_800_000_001);
    put(&d.0, "b", "standup", Status::Stopped, 1_800_000_002);
    put(&d.0, "live", "standup", Status::Recording, 1_800_000_003);
    let cat = Catalog::new(&d.0).unwrap();
    let out = cat.delete_many(["a", "nope", "live", "../b", "b"]);
    let summary: Vec<(&str, &str)> = out
        .iter()
        .map(|(id, r)| {
            let what = match r {
                Ok(()) => "deleted",
                Err(CatalogError::NotFound(_)) => "not-found",
                Err(CatalogError::InProgress(_)) => "in-progress",
                Err(CatalogError::InvalidId(_)) => "invalid",
                Err(CatalogError::Io(_)) => "io",
            };
            (id.as_str(), what)
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("a", "deleted"),
            ("nope", "not-found"),
            ("live", "in-progress"),
            ("../b", "invalid"),
            ("b", "deleted")
        ]
    );
    assert_eq!(
        ids(&cat.list(&Query::default(), |_| true).unwrap()),
        ["live"]
    );
}

#[test]
fn ids_cannot_name_paths() {
    for ok in ["a", "1732190000123-1", "rec_1.part-2", "A.b"] {
        assert!(validate_id(ok).is_ok(), "{ok}");
    }
    let long = "x".repeat(MAX_ID_LEN + 1);
    for bad in [
        "",
        ".",
        "..",
        "../etc/passwd",
        "a/b",
        "a\\b",
        "/abs",
        ".hidden",
        "%2e%2e",
        "a b",
        "é",
        "a\0b",
        long.as_str(),
    ] {
        assert!(
            matches!(validate_id(bad), Err(CatalogError::InvalidId(_))),
            "{bad:?}"
        );
    }
    // Metadata outside the directory is never reached by an id.
    let d = Dir::new("outside");
    let inner = d.0.join("inner");
    std::fs::create_dir_all(&inner).unwrap();
    put(&d.0, "outside", "standup", Status::Stopped, 1_800_000_001);
    let cat = Catalog::new(&inner).unwrap();
    assert!(matches!(cat.get("outside"), Err(CatalogError::NotFound(_))));
    assert!(matches!(
        cat.get("../outside"),
        Err(CatalogError::InvalidId(_))
    ));
}
