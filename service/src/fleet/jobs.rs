// SPDX-License-Identifier: MPL-2.0
//! Recording jobs on PostgreSQL: exactly one node records each recording.
//!
//! The protocol (no job-queue crate gives a fencing epoch, takeover in
//! seconds and jobs that run for hours, so it is written here):
//! - **claim**: one `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED
//!   LIMIT 1) RETURNING …` takes the oldest job that is queued, or whose
//!   lease ran out, and that fits the node's headroom. It sets the node,
//!   raises `epoch` and sets `lease_expires_at` from the **database's**
//!   clock. No transaction stays open while recording.
//! - **renew**: `UPDATE … WHERE id AND node AND epoch`. No row means the job
//!   is no longer this node's (taken over, or finished by someone else):
//!   the node stops that pipeline. The answer also carries what the API
//!   asks of the recording (`desired`: record, pause, stop).
//! - **fence**: every write a node makes for a job runs in a transaction
//!   that first takes the job's row `FOR SHARE` with `(id, node, epoch)`
//!   and an unexpired lease; it is refused otherwise. A process paused past
//!   its lease that wakes writes nothing, whatever the timing: a claim
//!   cannot move the epoch while a fenced write holds the row, and a
//!   fenced write cannot start once the lease is out.
//! - **attempts**: each claim counts one; progress (media recorded) sets it
//!   back to zero. A job claimed `max_attempts` times without progress is
//!   not claimed again: [`Jobs::sweep`] fails it with the reason, so a job
//!   that crashes its recorder does not take the fleet down node by node.
//! - After a database restart no lease is taken over for
//!   [`Jobs::restart_grace`]: every node lost the database at once, and the
//!   ones recording get that long to renew before anyone claims their jobs.

use std::time::Duration;

use serde_json::Value;
use sqlx::postgres::{PgPool, Postgres};
use sqlx::{Row, Transaction};

/// The channel `LISTEN`ed for new or released jobs.
pub const JOBS_CHANNEL: &str = "meetrec_jobs";
/// The channel a job's `desired` state changes are announced on.
pub const CONTROL_CHANNEL: &str = "meetrec_control";

/// A job to be recorded.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub id: String,
    pub room_id: String,
    pub spec: Value,
    /// CPU cores it is expected to need.
    pub cost: f64,
    /// How long it may wait in the queue for a node with room.
    pub queue_limit: Option<Duration>,
    pub max_attempts: i32,
}

/// A job this node has claimed: what it records, and the identity its
/// writes are fenced with.
#[derive(Debug, Clone)]
pub struct Claim {
    pub fence: Fence,
    pub room_id: String,
    pub spec: Value,
    /// Claims so far without progress, this one included.
    pub attempts: i32,
}

/// Who may write for a job: the node that holds it at this epoch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fence {
    pub job: String,
    pub node: String,
    pub epoch: i64,
}

/// What the API asks of a running recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desired {
    Record,
    Pause,
    Stop,
}

impl Desired {
    pub fn as_str(self) -> &'static str {
        match self {
            Desired::Record => "record",
            Desired::Pause => "pause",
            Desired::Stop => "stop",
        }
    }

    fn parse(s: &str) -> Desired {
        match s {
            "pause" => Desired::Pause,
            "stop" => Desired::Stop,
            _ => Desired::Record,
        }
    }
}

/// A job's row as the API shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct JobRow {
    pub id: String,
    pub room_id: String,
    pub state: String,
    pub desired: Desired,
    pub node_id: Option<String>,
    pub epoch: i64,
    pub attempts: i32,
    pub reason: Option<String>,
}

#[derive(Debug)]
pub enum JobError {
    /// The room already has a recording queued or running.
    RoomBusy(String),
    /// The write names an epoch (or node) that no longer holds the job, or
    /// its lease ran out.
    Fenced(Fence),
    Db(sqlx::Error),
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobError::RoomBusy(room) => write!(f, "room {room:?} is already being recorded"),
            JobError::Fenced(fence) => write!(
                f,
                "job {} is no longer held by node {} at epoch {}",
                fence.job, fence.node, fence.epoch
            ),
            JobError::Db(e) => write!(f, "database: {e}"),
        }
    }
}

impl std::error::Error for JobError {}

impl From<sqlx::Error> for JobError {
    fn from(e: sqlx::Error) -> Self {
        JobError::Db(e)
    }
}

/// The job queue as one node sees it.
#[derive(Clone)]
pub struct Jobs {
    pool: PgPool,
    node: String,
    lease: Duration,
}

fn millis(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl Jobs {
    pub fn new(pool: PgPool, node: impl Into<String>, lease: Duration) -> Jobs {
        Jobs {
            pool,
            node: node.into(),
            lease,
        }
    }

    /// How long after the database started no lease is taken over.
    pub fn restart_grace(&self) -> Duration {
        self.lease * 2
    }

    /// Queues `job` and wakes the nodes. A room with a recording queued or
    /// running already is [`JobError::RoomBusy`].
    pub async fn enqueue(&self, job: &NewJob) -> Result<(), JobError> {
        let mut tx = self.pool.begin().await?;
        Self::enqueue_in(&mut tx, job).await?;
        tx.commit().await?;
        Ok(())
    }

    /// [`Jobs::enqueue`] as part of `tx` (with the recording's catalog row):
    /// the nodes are woken when it commits.
    pub async fn enqueue_in(
        tx: &mut Transaction<'static, Postgres>,
        job: &NewJob,
    ) -> Result<(), JobError> {
        let inserted = sqlx::query(
            "INSERT INTO jobs (id, room_id, spec, cost, max_attempts, queue_deadline)
             VALUES ($1, $2, $3, $4, $5,
                     clock_timestamp() + $6 * interval '1 millisecond')",
        )
        .bind(&job.id)
        .bind(&job.room_id)
        .bind(&job.spec)
        .bind(job.cost)
        .bind(job.max_attempts.max(1))
        .bind(job.queue_limit.map(millis))
        .execute(&mut **tx)
        .await;
        match inserted {
            Err(sqlx::Error::Database(e)) if e.constraint() == Some("jobs_one_per_room") => {
                return Err(JobError::RoomBusy(job.room_id.clone()));
            }
            other => other?,
        };
        notify(tx, JOBS_CHANNEL, &job.id).await?;
        Ok(())
    }

    /// Claims the oldest job that is queued, or whose holder's lease ran
    /// out, and whose cost fits in `headroom` cores.
    pub async fn claim(&self, headroom: f64) -> Result<Option<Claim>, sqlx::Error> {
        let row = sqlx::query(
            "UPDATE jobs
                SET node_id = $1, epoch = epoch + 1, state = 'running',
                    attempts = attempts + 1,
                    lease_expires_at = now() + $2 * interval '1 millisecond'
              WHERE id = (
                    SELECT id FROM jobs
                     WHERE (state = 'queued'
                            OR (state = 'running' AND lease_expires_at < now()
                                AND pg_postmaster_start_time()
                                    < now() - $4 * interval '1 millisecond'))
                       AND attempts < max_attempts
                       AND cost <= $3
                       AND desired <> 'stop'
                     ORDER BY queued_at
                     FOR UPDATE SKIP LOCKED
                     LIMIT 1)
          RETURNING id, room_id, spec, epoch, attempts",
        )
        .bind(&self.node)
        .bind(millis(self.lease))
        .bind(headroom)
        .bind(millis(self.restart_grace()))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| Claim {
            fence: Fence {
                job: r.get("id"),
                node: self.node.clone(),
                epoch: r.get("epoch"),
            },
            room_id: r.get("room_id"),
            spec: r.get("spec"),
            attempts: r.get("attempts"),
        }))
    }

    /// Extends the lease. `None`: the job is not this node's any more (taken
    /// over, finished, or its epoch moved on) and the pipeline must stop.
    /// `Some(desired)`: still held, and what the API asks of it.
    pub async fn renew(&self, fence: &Fence) -> Result<Option<Desired>, sqlx::Error> {
        let row = sqlx::query(
            "UPDATE jobs SET lease_expires_at = now() + $4 * interval '1 millisecond'
              WHERE id = $1 AND node_id = $2 AND epoch = $3 AND state = 'running'
          RETURNING desired",
        )
        .bind(&fence.job)
        .bind(&fence.node)
        .bind(fence.epoch)
        .bind(millis(self.lease))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| Desired::parse(r.get::<&str, _>("desired"))))
    }

    /// A transaction for a write on behalf of `fence`'s job: it holds the
    /// job's row (`FOR SHARE`) as long as it is open, and is refused with
    /// [`JobError::Fenced`] when the epoch moved on or the lease ran out.
    pub async fn fenced(&self, fence: &Fence) -> Result<Transaction<'static, Postgres>, JobError> {
        let mut tx = self.pool.begin().await?;
        let held = sqlx::query(
            "SELECT 1 FROM jobs
              WHERE id = $1 AND node_id = $2 AND epoch = $3 AND state = 'running'
                AND lease_expires_at > now()
                FOR SHARE",
        )
        .bind(&fence.job)
        .bind(&fence.node)
        .bind(fence.epoch)
        .fetch_optional(&mut *tx)
        .await?;
        match held {
            Some(_) => Ok(tx),
            None => Err(JobError::Fenced(fence.clone())),
        }
    }

    /// The job recorded media: its claims start counting again from zero.
    pub async fn progress(&self, fence: &Fence) -> Result<(), JobError> {
        let mut tx = self.fenced(fence).await?;
        sqlx::query("UPDATE jobs SET attempts = 0 WHERE id = $1")
            .bind(&fence.job)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Ends the job: done, or failed with `reason`.
    pub async fn finish(&self, fence: &Fence, failed: Option<&str>) -> Result<(), JobError> {
        let mut tx = self.fenced(fence).await?;
        sqlx::query(
            "UPDATE jobs SET state = CASE WHEN $2::text IS NULL THEN 'done' ELSE 'failed' END,
                    reason = $2, finished_at = now(), lease_expires_at = NULL
              WHERE id = $1",
        )
        .bind(&fence.job)
        .bind(failed)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Gives the job back to the queue (a draining node): another node
    /// claims it at once, with the next epoch.
    pub async fn release(&self, fence: &Fence) -> Result<(), JobError> {
        let mut tx = self.fenced(fence).await?;
        sqlx::query(
            "UPDATE jobs SET state = 'queued', node_id = NULL, lease_expires_at = NULL,
                    attempts = 0
              WHERE id = $1",
        )
        .bind(&fence.job)
        .execute(&mut *tx)
        .await?;
        notify(&mut tx, JOBS_CHANNEL, &fence.job).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Asks the job's holder to pause, resume (`Record`) or stop, and wakes
    /// it. A stop of a job still queued ends it at once (nothing was
    /// recorded). `None`: no unfinished job has that id.
    pub async fn request(&self, job: &str, desired: Desired) -> Result<Option<JobRow>, JobError> {
        let mut tx = self.pool.begin().await?;
        let row = sqlx::query(
            "UPDATE jobs SET desired = $2,
                    state = CASE WHEN state = 'queued' AND $2 = 'stop'
                                 THEN 'failed' ELSE state END,
                    reason = CASE WHEN state = 'queued' AND $2 = 'stop'
                                  THEN 'stopped before any node started it'
                                  ELSE reason END,
                    finished_at = CASE WHEN state = 'queued' AND $2 = 'stop'
                                       THEN now() ELSE finished_at END
              WHERE id = $1 AND state IN ('queued', 'running')
          RETURNING id, room_id, state, desired, node_id, epoch, attempts, reason",
        )
        .bind(job)
        .bind(desired.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        notify(&mut tx, CONTROL_CHANNEL, job).await?;
        tx.commit().await?;
        Ok(row.map(job_row))
    }

    /// Fails what can no longer run, and returns `(job, reason)` for each:
    /// jobs claimed `max_attempts` times without progress whose last lease
    /// ran out, and jobs still queued past their queue deadline.
    pub async fn sweep(&self) -> Result<Vec<(String, String)>, sqlx::Error> {
        let rows = sqlx::query(
            "UPDATE jobs SET state = 'failed', finished_at = now(),
                    reason = CASE WHEN state = 'queued'
                        THEN 'no node had room for it within its queue limit'
                        ELSE format('claimed %s times without recording anything; last on node %s',
                                    attempts, node_id) END
              WHERE (state = 'running' AND attempts >= max_attempts
                     AND lease_expires_at < now())
                 OR (state = 'queued' AND queue_deadline < now())
          RETURNING id, reason",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.get("id"), r.get("reason")))
            .collect())
    }

    /// The job's row.
    pub async fn get(&self, job: &str) -> Result<Option<JobRow>, sqlx::Error> {
        let row = sqlx::query(
            "SELECT id, room_id, state, desired, node_id, epoch, attempts, reason
               FROM jobs WHERE id = $1",
        )
        .bind(job)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(job_row))
    }

    /// Ends the jobs asked to stop whose holder died before it could:
    /// nobody claims them again (what they recorded is kept). Returns
    /// their ids.
    pub async fn sweep_stopped(&self) -> Result<Vec<String>, sqlx::Error> {
        sqlx::query_scalar(
            "UPDATE jobs SET state = 'done', finished_at = now(), lease_expires_at = NULL,
                    reason = format('stopped; node %s was gone before it finished', node_id)
              WHERE state = 'running' AND desired = 'stop' AND lease_expires_at < now()
                AND pg_postmaster_start_time() < now() - $1 * interval '1 millisecond'
          RETURNING id",
        )
        .bind(millis(self.restart_grace()))
        .fetch_all(&self.pool)
        .await
    }

    /// The jobs this node holds now, with their lease's end (RFC 3339).
    pub async fn held(&self, node: &str) -> Result<Vec<(String, i64, String)>, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT id, epoch,
                    to_char(lease_expires_at AT TIME ZONE 'UTC',
                            'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS lease
               FROM jobs WHERE node_id = $1 AND state = 'running'
              ORDER BY queued_at",
        )
        .bind(node)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.get("id"), r.get("epoch"), r.get("lease")))
            .collect())
    }
}

/// Wakes the nodes `LISTEN`ing on `channel` when `tx` commits.
async fn notify(
    tx: &mut Transaction<'static, Postgres>,
    channel: &str,
    payload: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(channel)
        .bind(payload)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn job_row(r: sqlx::postgres::PgRow) -> JobRow {
    JobRow {
        id: r.get("id"),
        room_id: r.get("room_id"),
        state: r.get("state"),
        desired: Desired::parse(r.get::<&str, _>("desired")),
        node_id: r.get("node_id"),
        epoch: r.get("epoch"),
        attempts: r.get("attempts"),
        reason: r.get("reason"),
    }
}
