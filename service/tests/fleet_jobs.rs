// SPDX-License-Identifier: MPL-2.0
//! The fleet's job queue against a real PostgreSQL (one throwaway server
//! for this binary, a database for each test): claims are exclusive, leases
//! are taken over with the next epoch, stale holders are fenced, attempts
//! are capped, admission waits for room, a database restart takes nothing
//! over early.

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::postgres::Postgres;
use meetrec_service::fleet::jobs::{Desired, JobError, Jobs, NewJob};
use meetrec_service::fleet::{self, nodes};
use serde_json::json;
use sqlx::postgres::PgPool;

const LEASE: Duration = Duration::from_millis(600);

/// The server this binary's tests share, once a freshly started server's
/// first moments have passed (no lease is taken over in them: the restart
/// grace, twice the lease).
fn server() -> &'static Postgres {
    static GRACE: std::sync::Once = std::sync::Once::new();
    let pg = Postgres::shared();
    GRACE.call_once(|| std::thread::sleep(LEASE * 2));
    pg
}

/// A fresh database named `name`, migrated, and its pool.
async fn database(name: &str) -> PgPool {
    database_and_url(name).await.0
}

async fn database_and_url(name: &str) -> (PgPool, String) {
    let url = server().database(name);
    let pool = fleet::connect(&url, Duration::from_secs(10)).await.unwrap();
    (pool, url)
}

fn job(id: &str, room: &str) -> NewJob {
    NewJob {
        id: id.into(),
        room_id: room.into(),
        spec: json!({"participants": [{"name": "ada", "uri": "srt://127.0.0.1:1"}]}),
        cost: 0.25,
        queue_limit: None,
        max_attempts: 3,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_jobs_on_three_nodes_run_exactly_once_with_one_node_killed() {
    let pool = database("exactly_once").await;
    let queue = Jobs::new(pool.clone(), "producer", LEASE);
    for i in 0..200 {
        queue
            .enqueue(&job(&format!("rec-{i:03}"), &format!("room-{i:03}")))
            .await
            .unwrap();
    }
    // Who finished each job, and every (job, epoch) claimed.
    let finished: Arc<Mutex<HashMap<String, (String, i64)>>> = Arc::default();
    let claims: Arc<Mutex<Vec<(String, i64, String)>>> = Arc::default();
    let started = Instant::now();
    let last_finish = Arc::new(Mutex::new(started));
    let mut nodes = Vec::new();
    for node in ["a", "b", "c"] {
        let jobs = Jobs::new(pool.clone(), node, LEASE);
        let (finished, claims, last_finish) =
            (finished.clone(), claims.clone(), last_finish.clone());
        nodes.push(tokio::spawn(async move {
            let mut idle_since = None::<Instant>;
            loop {
                let Some(claim) = jobs.claim(2.0).await.unwrap() else {
                    // Node c is dead: it holds what it claimed and stops.
                    let idle = *idle_since.get_or_insert_with(Instant::now);
                    if idle.elapsed() > LEASE * 4 {
                        return;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                idle_since = None;
                claims.lock().unwrap().push((
                    claim.fence.job.clone(),
                    claim.fence.epoch,
                    node.to_string(),
                ));
                // kill -9 of node c on its 20th claim: it never renews,
                // finishes or releases what it holds.
                if node == "c" && claims.lock().unwrap().iter().filter(|c| c.2 == "c").count() >= 20
                {
                    return;
                }
                jobs.progress(&claim.fence).await.unwrap();
                jobs.finish(&claim.fence, None).await.unwrap();
                let previous = finished.lock().unwrap().insert(
                    claim.fence.job.clone(),
                    (node.to_string(), claim.fence.epoch),
                );
                assert!(previous.is_none(), "{} finished twice", claim.fence.job);
                *last_finish.lock().unwrap() = Instant::now();
            }
        }));
    }
    for n in nodes {
        n.await.unwrap();
    }
    // Until the last job ended: the dead node's lease running out included.
    let elapsed = last_finish.lock().unwrap().duration_since(started);
    let finished = std::mem::take(&mut *finished.lock().unwrap());
    assert_eq!(finished.len(), 200, "every job ran to its end");
    let claims = std::mem::take(&mut *claims.lock().unwrap());
    // The job c held when it died was taken over with the next epoch.
    let (dead_job, dead_epoch, _) = claims.iter().rfind(|c| c.2 == "c").unwrap().clone();
    let (taker, epoch) = &finished[&dead_job];
    assert_ne!(taker, "c");
    assert_eq!(*epoch, dead_epoch + 1, "the takeover raised the epoch");
    // No (job, epoch) was handed out twice.
    let mut seen = std::collections::HashSet::new();
    for (job, epoch, node) in claims.iter() {
        assert!(
            seen.insert((job.clone(), *epoch)),
            "{job} epoch {epoch} claimed twice (by {node})"
        );
    }
    let states: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs WHERE state <> 'done'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(states, 0, "none is left queued or running");
    println!(
        "200 jobs on 3 nodes (one killed): {} claims in {:.2} s, {:.0} claims/s",
        claims.len(),
        elapsed.as_secs_f64(),
        claims.len() as f64 / elapsed.as_secs_f64()
    );
}

#[tokio::test]
async fn a_lease_that_runs_out_is_taken_over_and_the_old_holder_writes_nothing() {
    let pool = database("takeover").await;
    let a = Jobs::new(pool.clone(), "node-a", LEASE);
    let b = Jobs::new(pool.clone(), "node-b", LEASE);
    a.enqueue(&job("rec-1", "standup")).await.unwrap();
    let held = a.claim(1.0).await.unwrap().expect("a claims it");
    assert_eq!(held.fence.epoch, 1);
    assert!(
        b.claim(1.0).await.unwrap().is_none(),
        "held: b gets nothing"
    );
    // a renews for a while: b still gets nothing.
    for _ in 0..3 {
        tokio::time::sleep(LEASE / 3).await;
        assert_eq!(a.renew(&held.fence).await.unwrap(), Some(Desired::Record));
    }
    assert!(b.claim(1.0).await.unwrap().is_none());
    // a stops renewing (paused, or dead): past its lease b takes over.
    tokio::time::sleep(LEASE + Duration::from_millis(100)).await;
    let taken = b.claim(1.0).await.unwrap().expect("b takes it over");
    assert_eq!(taken.fence.job, "rec-1");
    assert_eq!(taken.fence.epoch, 2);
    // a wakes: every write it tries is refused, and it learns it lost.
    assert_eq!(a.renew(&held.fence).await.unwrap(), None);
    assert!(matches!(
        a.fenced(&held.fence).await,
        Err(JobError::Fenced(_))
    ));
    assert!(matches!(
        a.finish(&held.fence, None).await,
        Err(JobError::Fenced(_))
    ));
    assert!(matches!(
        a.progress(&held.fence).await,
        Err(JobError::Fenced(_))
    ));
    let row = a.get("rec-1").await.unwrap().unwrap();
    assert_eq!(
        (row.state.as_str(), row.node_id.as_deref(), row.epoch),
        ("running", Some("node-b"), 2)
    );
    b.finish(&taken.fence, None).await.unwrap();
    assert_eq!(b.get("rec-1").await.unwrap().unwrap().state, "done");
}

#[tokio::test]
async fn a_fenced_write_in_progress_holds_off_the_takeover_until_it_commits() {
    let pool = database("fence_order").await;
    let a = Jobs::new(pool.clone(), "node-a", LEASE);
    let b = Jobs::new(pool.clone(), "node-b", LEASE);
    a.enqueue(&job("rec-1", "standup")).await.unwrap();
    let held = a.claim(1.0).await.unwrap().unwrap();
    let mut tx = a.fenced(&held.fence).await.unwrap();
    // The lease runs out while a's write is open: b cannot claim under it.
    tokio::time::sleep(LEASE + Duration::from_millis(100)).await;
    assert!(
        b.claim(1.0).await.unwrap().is_none(),
        "claimed under an open fenced write"
    );
    sqlx::query("UPDATE jobs SET reason = 'written by a' WHERE id = 'rec-1'")
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let taken = b
        .claim(1.0)
        .await
        .unwrap()
        .expect("b claims once a committed");
    assert_eq!(taken.fence.epoch, 2);
    // A lease that ran out refuses a's next write even before b claims:
    // it must renew first.
    assert!(matches!(
        a.fenced(&held.fence).await,
        Err(JobError::Fenced(_))
    ));
}

#[tokio::test]
async fn a_holder_whose_lease_ran_out_unclaimed_writes_only_after_renewing() {
    let pool = database("renew_first").await;
    let a = Jobs::new(pool.clone(), "node-a", LEASE);
    a.enqueue(&job("rec-1", "standup")).await.unwrap();
    let held = a.claim(1.0).await.unwrap().unwrap();
    tokio::time::sleep(LEASE + Duration::from_millis(100)).await;
    assert!(matches!(
        a.fenced(&held.fence).await,
        Err(JobError::Fenced(_))
    ));
    assert_eq!(a.renew(&held.fence).await.unwrap(), Some(Desired::Record));
    a.finish(&held.fence, None).await.unwrap();
}

#[tokio::test]
async fn a_job_that_never_records_fails_after_three_claims_with_the_reason() {
    let pool = database("attempts").await;
    let queue = Jobs::new(pool.clone(), "producer", LEASE);
    queue.enqueue(&job("rec-crash", "crashy")).await.unwrap();
    queue.enqueue(&job("rec-ok", "fine")).await.unwrap();
    // Three nodes each claim the crashing job and die without progress.
    for (i, node) in ["a", "b", "c"].into_iter().enumerate() {
        let jobs = Jobs::new(pool.clone(), node, LEASE);
        let claim = jobs.claim(1.0).await.unwrap().unwrap();
        assert_eq!(claim.fence.job, "rec-crash");
        assert_eq!(claim.attempts, i as i32 + 1);
        if i == 0 {
            // The healthy job is claimed and finished meanwhile.
            let ok = jobs.claim(1.0).await.unwrap().unwrap();
            jobs.progress(&ok.fence).await.unwrap();
            jobs.finish(&ok.fence, None).await.unwrap();
        }
        tokio::time::sleep(LEASE + Duration::from_millis(100)).await;
    }
    let d = Jobs::new(pool.clone(), "d", LEASE);
    assert!(
        d.claim(1.0).await.unwrap().is_none(),
        "a fourth node is not taken down"
    );
    let failed = d.sweep().await.unwrap();
    assert_eq!(failed.len(), 1);
    assert_eq!(failed[0].0, "rec-crash");
    assert!(
        failed[0].1.contains("3 times") && failed[0].1.contains("node c"),
        "{}",
        failed[0].1
    );
    let row = d.get("rec-crash").await.unwrap().unwrap();
    assert_eq!(row.state, "failed");
    assert_eq!(d.get("rec-ok").await.unwrap().unwrap().state, "done");
    // The room is free for a new recording.
    queue.enqueue(&job("rec-again", "crashy")).await.unwrap();
}

#[tokio::test]
async fn progress_sets_the_attempts_back_so_a_long_recording_survives_many_takeovers() {
    let pool = database("progress").await;
    let queue = Jobs::new(pool.clone(), "producer", LEASE);
    queue.enqueue(&job("rec-long", "long")).await.unwrap();
    for node in ["a", "b", "c", "d", "e"] {
        let jobs = Jobs::new(pool.clone(), node, LEASE);
        let claim = jobs.claim(1.0).await.unwrap().expect("taken over again");
        assert_eq!(claim.attempts, 1);
        jobs.progress(&claim.fence).await.unwrap();
        tokio::time::sleep(LEASE + Duration::from_millis(100)).await;
    }
    assert!(queue.sweep().await.unwrap().is_empty());
    assert_eq!(queue.get("rec-long").await.unwrap().unwrap().epoch, 5);
}

#[tokio::test]
async fn admission_a_job_waits_for_a_node_with_room_and_fails_past_its_queue_limit() {
    let pool = database("admission").await;
    let queue = Jobs::new(pool.clone(), "producer", LEASE);
    let mut big = job("rec-big", "big");
    big.cost = 1.5;
    queue.enqueue(&big).await.unwrap();
    let mut waits = job("rec-waits", "waits");
    waits.cost = 1.5;
    waits.queue_limit = Some(Duration::from_millis(300));
    queue.enqueue(&waits).await.unwrap();
    queue.enqueue(&job("rec-small", "small")).await.unwrap();
    let busy = Jobs::new(pool.clone(), "busy", LEASE);
    // 0.5 cores free: only the small one fits, though it was queued last.
    let claim = busy.claim(0.5).await.unwrap().unwrap();
    assert_eq!(claim.fence.job, "rec-small");
    assert!(busy.claim(0.5).await.unwrap().is_none());
    // A node with room takes the oldest big one.
    let idle = Jobs::new(pool.clone(), "idle", LEASE);
    assert_eq!(idle.claim(1.8).await.unwrap().unwrap().fence.job, "rec-big");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let failed = queue.sweep().await.unwrap();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert_eq!(failed[0].0, "rec-waits");
    assert!(failed[0].1.contains("no node had room"), "{}", failed[0].1);
}

#[tokio::test]
async fn a_room_records_once_across_the_fleet_and_stop_reaches_queued_and_running_jobs() {
    let pool = database("control").await;
    let a = Jobs::new(pool.clone(), "a", LEASE);
    a.enqueue(&job("rec-1", "standup")).await.unwrap();
    assert!(
        matches!(a.enqueue(&job("rec-2", "standup")).await, Err(JobError::RoomBusy(r)) if r == "standup")
    );
    // A stop of a job no node started ends it at once.
    let stopped = a.request("rec-1", Desired::Stop).await.unwrap().unwrap();
    assert_eq!(stopped.state, "failed");
    assert!(a.claim(1.0).await.unwrap().is_none());
    a.enqueue(&job("rec-2", "standup")).await.unwrap();
    let held = a.claim(1.0).await.unwrap().unwrap();
    // Pause and stop sent through the database reach the holder at its
    // next renewal.
    a.request("rec-2", Desired::Pause).await.unwrap().unwrap();
    assert_eq!(a.renew(&held.fence).await.unwrap(), Some(Desired::Pause));
    a.request("rec-2", Desired::Stop).await.unwrap().unwrap();
    assert_eq!(a.renew(&held.fence).await.unwrap(), Some(Desired::Stop));
    a.finish(&held.fence, None).await.unwrap();
    assert!(
        a.request("rec-2", Desired::Stop).await.unwrap().is_none(),
        "finished"
    );
    assert!(a.request("nope", Desired::Stop).await.unwrap().is_none());
}

#[tokio::test]
async fn a_notify_wakes_a_listening_node_when_a_job_is_queued() {
    let (pool, url) = database_and_url("notify").await;
    let mut listener = sqlx::postgres::PgListener::connect(&url).await.unwrap();
    listener.listen(fleet::jobs::JOBS_CHANNEL).await.unwrap();
    let queue = Jobs::new(pool, "producer", LEASE);
    let sent = Instant::now();
    queue.enqueue(&job("rec-1", "standup")).await.unwrap();
    let n = tokio::time::timeout(Duration::from_secs(2), listener.recv())
        .await
        .expect("woken within 2 s")
        .unwrap();
    assert_eq!(n.payload(), "rec-1");
    assert!(
        sent.elapsed() < Duration::from_millis(500),
        "{:?}",
        sent.elapsed()
    );
}

#[tokio::test]
async fn nodes_are_listed_while_they_beat_and_their_jobs_with_them() {
    let pool = database("registry").await;
    let beat = |node, url, load, headroom, draining| nodes::Beat {
        node,
        url,
        load,
        headroom,
        draining,
        recordings: json!([{"recordingId": format!("rec-of-{node}"), "roomId": "r"}]),
    };
    nodes::heartbeat(&pool, &beat("n1", "http://127.0.0.1:1", 0.3, 1.2, false))
        .await
        .unwrap();
    nodes::heartbeat(&pool, &beat("n2", "http://127.0.0.1:2", 0.0, 1.8, true))
        .await
        .unwrap();
    let live = nodes::live(&pool).await.unwrap();
    assert_eq!(
        live.iter().map(|n| n.node_id.as_str()).collect::<Vec<_>>(),
        ["n1", "n2"]
    );
    assert_eq!(
        (live[0].load, live[0].headroom, live[1].draining),
        (0.3, 1.2, true)
    );
    assert!(live[0].heartbeat_at.ends_with('Z') && live[0].heartbeat_at.contains('T'));
    assert_eq!(live[1].recordings[0]["recordingId"], "rec-of-n2");
    assert_eq!(
        nodes::url_of(&pool, "n2").await.unwrap().as_deref(),
        Some("http://127.0.0.1:2")
    );
    sqlx::query("UPDATE nodes SET heartbeat_at = now() - interval '1 minute' WHERE node_id = 'n2'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(
        nodes::live(&pool).await.unwrap().len(),
        1,
        "a silent node is gone"
    );
    let jobs = Jobs::new(pool.clone(), "n1", LEASE);
    jobs.enqueue(&job("rec-1", "r1")).await.unwrap();
    let c = jobs.claim(1.0).await.unwrap().unwrap();
    let held = jobs.held("n1").await.unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!((held[0].0.as_str(), held[0].1), ("rec-1", c.fence.epoch));
    assert!(held[0].2.ends_with('Z'));
}

#[tokio::test]
async fn an_unreachable_or_hostile_database_is_a_clear_error_not_a_hang() {
    let started = Instant::now();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = fleet::connect(
        &format!("postgres://u:secret@127.0.0.1:{port}/x"),
        Duration::from_secs(2),
    )
    .await
    .unwrap_err();
    assert!(err.contains("database postgres://u:***@127.0.0.1"), "{err}");
    assert!(!err.contains("secret"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(10));
    for bad in [
        "postgres://127.0.0.1:5432/x'; DROP TABLE jobs; --",
        "file:///etc/passwd",
        "",
    ] {
        let e = fleet::connect(bad, Duration::from_secs(2))
            .await
            .unwrap_err();
        assert!(e.starts_with("database"), "{bad}: {e}");
    }
    // A database that is up but refuses us (no such role).
    let url = format!("postgres://nobody@127.0.0.1:{}/postgres", server().port());
    let e = fleet::connect(&url, Duration::from_secs(5))
        .await
        .unwrap_err();
    assert!(e.contains("nobody"), "{e}");
}

#[tokio::test]
async fn after_a_database_restart_no_lease_is_taken_over_before_the_holder_renews() {
    // A server of its own: the others' stays up.
    let pg = Postgres::start();
    let pool = fleet::connect(&pg.url(), Duration::from_secs(10))
        .await
        .unwrap();
    let a = Jobs::new(pool.clone(), "node-a", LEASE);
    let b = Jobs::new(pool.clone(), "node-b", LEASE);
    a.enqueue(&job("rec-1", "standup")).await.unwrap();
    let held = a.claim(1.0).await.unwrap().unwrap();
    pg.stop();
    // Down for longer than the lease: every lease runs out meanwhile.
    tokio::time::sleep(LEASE * 2).await;
    assert!(a.renew(&held.fence).await.is_err(), "the database is down");
    pg.start_again();
    // b is back first and tries to take the job: refused, within the grace.
    let mut b_claimed = None;
    for _ in 0..50 {
        match b.claim(1.0).await {
            Ok(c) => {
                b_claimed = Some(c);
                break;
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    assert!(
        b_claimed.expect("the database answers again").is_none(),
        "taken over in the grace"
    );
    assert_eq!(
        a.renew(&held.fence).await.unwrap(),
        Some(Desired::Record),
        "a holds its epoch"
    );
    a.finish(&held.fence, None).await.unwrap();
}
