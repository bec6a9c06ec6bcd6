// SPDX-License-Identifier: MPL-2.0
//! The fleet's catalog against a real PostgreSQL: listing filters, sorts
//! and pages in SQL (each order served by an index), with the caller's
//! rooms and the rooms' `recording-access`; parts merge into one recording.

mod common;

use std::collections::HashSet;
use std::time::Duration;

use common::postgres::Postgres;
use gstmeetrec::catalog::SortField;
use gstmeetrec::catalog::access::{RecordingAccess, Role, RoomSettings};
use gstmeetrec::metadata::Recording;
use meetrec_service::fleet::catalog::{self as db, Listing};
use meetrec_service::fleet::parts::Part;
use meetrec_service::fleet::{self};
use sqlx::postgres::PgPool;

async fn database(name: &str) -> PgPool {
    let url = Postgres::shared().database(name);
    fleet::connect(&url, Duration::from_secs(10)).await.unwrap()
}

/// 25 recordings in three rooms: `r{i}` started at second `i`, lasting
/// `(i * 7) % 25` s, of `(i * 11) % 25` kB; every fifth one active, the
/// others complete.
async fn seed(pool: &PgPool) {
    for i in 0..25u64 {
        let id = format!("r{i:02}");
        let room = ["alpha", "beta", "gamma"][i as usize % 3];
        let start = format!("2026-12-07T10:00:{i:02}.000Z");
        let rec = Recording::starting(&id, room, &start, "webm");
        let mut tx = pool.begin().await.unwrap();
        db::insert(&mut tx, &rec, "starting").await.unwrap();
        let mut meta = rec.clone();
        meta.duration_ms = (i * 7) % 25 * 1000;
        meta.file.size_bytes = (i * 11) % 25 * 1000;
        let part = Part {
            epoch: 1,
            node: "n1".into(),
            meta,
        };
        let status = if i % 5 == 0 { "active" } else { "complete" };
        db::write_part(&mut tx, &id, &part, "/x", (status, None))
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
}

fn listing(sort: SortField, ascending: bool, max_items: usize) -> Listing {
    Listing {
        rooms: None,
        access: RecordingAccess::ALL.to_vec(),
        status: None,
        sort,
        ascending,
        after: None,
        max_items,
    }
}

/// Every page of `q`, following the tokens: the ids in order.
async fn all_pages(pool: &PgPool, mut q: Listing) -> Vec<String> {
    let mut out = Vec::new();
    loop {
        let (items, next) = db::list(pool, &q).await.unwrap();
        assert!(items.len() <= q.max_items);
        out.extend(items.into_iter().map(|s| s.recording.id));
        let Some(token) = next else { return out };
        q.after = Some(gstmeetrec::catalog::decode_token(q.sort, &token).unwrap());
    }
}

#[tokio::test]
async fn pages_follow_each_order_without_repeats_or_holes() {
    let pool = database("catalog_pages").await;
    seed(&pool).await;
    let key = |i: u64, sort: SortField| match sort {
        SortField::StartDate => i,
        SortField::Duration => (i * 7) % 25,
        SortField::Size => (i * 11) % 25,
        SortField::RoomName => i % 3,
    };
    for sort in [
        SortField::StartDate,
        SortField::Duration,
        SortField::Size,
        SortField::RoomName,
    ] {
        for ascending in [true, false] {
            let ids = all_pages(&pool, listing(sort, ascending, 4)).await;
            assert_eq!(ids.len(), 25, "{sort:?}");
            assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 25, "{sort:?}");
            // Ordered by the field, ties by id, in one direction.
            let mut want: Vec<u64> = (0..25).collect();
            want.sort_by_key(|&i| (key(i, sort), i));
            if !ascending {
                want.reverse();
            }
            let want: Vec<String> = want.iter().map(|i| format!("r{i:02}")).collect();
            assert_eq!(ids, want, "{sort:?} ascending={ascending}");
        }
    }
}

#[tokio::test]
async fn filters_rooms_access_and_status_in_sql() {
    let pool = database("catalog_filters").await;
    seed(&pool).await;
    // beta's recordings are for admins only.
    let admins_only = RoomSettings {
        allow_recording: true,
        recording_access: RecordingAccess::Admin,
    };
    assert!(db::create_room(&pool, "beta", admins_only).await.unwrap());
    assert!(!db::create_room(&pool, "beta", admins_only).await.unwrap());
    assert_eq!(db::room(&pool, "beta").await.unwrap(), Some(admins_only));
    let mut q = listing(SortField::StartDate, true, 100);
    q.access = RecordingAccess::ALL
        .into_iter()
        .filter(|a| a.includes(Role::Speaker))
        .collect();
    let ids = all_pages(&pool, q.clone()).await;
    assert_eq!(ids.len(), 25 - 8, "{ids:?}");
    assert!(
        ids.iter()
            .all(|id| id[1..].parse::<u64>().unwrap() % 3 != 1)
    );
    // A speaker of gamma alone; then only its active ones.
    q.rooms = Some(vec!["gamma".into()]);
    let ids = all_pages(&pool, q.clone()).await;
    assert_eq!(
        ids,
        ["r02", "r05", "r08", "r11", "r14", "r17", "r20", "r23"]
    );
    q.status = Some("active".into());
    assert_eq!(all_pages(&pool, q).await, ["r05", "r20"]);
    // Each order has an index that serves it (the planner takes it when
    // it may not scan the table).
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("SET enable_seqscan = off")
        .execute(&mut *conn)
        .await
        .unwrap();
    for (order, index) in [
        ("started_at DESC, id DESC", "recordings_by_start"),
        ("duration_ms, id", "recordings_by_duration"),
        ("size_bytes DESC, id DESC", "recordings_by_size"),
    ] {
        let plan: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "EXPLAIN SELECT id FROM recordings ORDER BY {order} LIMIT 11"
        )))
        .fetch_all(&mut *conn)
        .await
        .unwrap();
        assert!(plan.join("\n").contains(index), "{order}: {plan:?}");
    }
}

#[tokio::test]
async fn parts_make_one_recording_and_a_settled_one_says_why() {
    let pool = database("catalog_parts").await;
    let rec = Recording::starting("job-1", "alpha", "2026-12-07T10:00:00.000Z", "webm");
    let mut tx = pool.begin().await.unwrap();
    db::insert(&mut tx, &rec, "starting").await.unwrap();
    tx.commit().await.unwrap();
    for (epoch, node, start, ms) in [
        (1, "a", "2026-12-07T10:00:01.000Z", 5_000),
        (2, "b", "2026-12-07T10:00:09.000Z", 4_000),
    ] {
        let mut meta = Recording::starting("recorder-id", "alpha", start, "webm");
        meta.duration_ms = ms;
        let part = Part {
            epoch,
            node: node.into(),
            meta,
        };
        let mut tx = pool.begin().await.unwrap();
        db::write_part(
            &mut tx,
            "job-1",
            &part,
            &format!("/{node}"),
            ("active", Some("RECORDING_STARTED")),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
    }
    let got = db::get(&pool, "job-1").await.unwrap().unwrap();
    assert_eq!(got.recording.id, "job-1");
    assert_eq!(got.recording.duration_ms, 9_000);
    assert_eq!(got.recording.gaps.len(), 1);
    assert_eq!(got.recording.gaps[0].from, "2026-12-07T10:00:06.000Z");
    assert_eq!(got.live.as_deref(), Some("RECORDING_STARTED"));
    assert_eq!(got.node_id.as_deref(), Some("b"));
    let files = db::part_file(&pool, "job-1").await.unwrap();
    assert_eq!(
        files,
        [
            (1, "a".to_string(), "/a".to_string()),
            (2, "b".to_string(), "/b".to_string())
        ]
    );
    // In progress: not deleted.
    assert!(db::delete(&pool, "job-1").await.unwrap().is_none());
    db::settle(&pool, "job-1", "failed", Some("no node had room"))
        .await
        .unwrap();
    let got = db::get(&pool, "job-1").await.unwrap().unwrap();
    assert_eq!(got.status, "failed");
    assert_eq!(got.live, None);
    assert_eq!(got.recording.error.as_deref(), Some("no node had room"));
    assert!(got.recording.ended_at.is_some());
    assert!(db::delete(&pool, "job-1").await.unwrap().is_some());
    assert!(db::get(&pool, "job-1").await.unwrap().is_none());
    assert!(db::part_file(&pool, "job-1").await.unwrap().is_empty());
}
