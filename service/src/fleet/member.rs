// SPDX-License-Identifier: MPL-2.0
//! This node as a member of the fleet: its connection to the database and
//! its heartbeat (every second: where its API is, its measured load and
//! headroom, what it records). The database going away stops nothing: the
//! heartbeat says so once and keeps trying.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;
use sqlx::postgres::PgPool;

use super::jobs::Jobs;
use super::load::{self, Sample};
use super::nodes::{self, Beat};

/// How often a node says it is alive.
pub const HEARTBEAT: Duration = Duration::from_secs(1);

/// How long a claim holds a job without renewal.
pub const LEASE: Duration = Duration::from_secs(3);

pub struct Member {
    pub pool: PgPool,
    pub node_id: String,
    pub url: String,
    /// The job queue as this node sees it (lease [`LEASE`]).
    pub jobs: Jobs,
    /// (load, headroom) in cores, as last measured.
    measured: Mutex<(f64, f64)>,
    /// Set once the node drains: it says so in its heartbeat.
    draining: std::sync::atomic::AtomicBool,
}

impl Member {
    /// Connects (migrating the schema) and says this node is alive.
    pub async fn join(database: &str, node_id: &str, url: &str) -> Result<Arc<Member>, String> {
        let pool = super::connect(database, Duration::from_secs(10)).await?;
        let member = Arc::new(Member {
            jobs: Jobs::new(pool.clone(), node_id, LEASE),
            pool,
            node_id: node_id.to_string(),
            url: url.to_string(),
            measured: Mutex::new((0.0, load::cores())),
            draining: Default::default(),
        });
        member
            .beat(Value::Array(vec![]))
            .await
            .map_err(|e| format!("database: registering node {node_id}: {e}"))?;
        Ok(member)
    }

    /// (load, headroom) in CPU cores, as last measured.
    pub fn measured(&self) -> (f64, f64) {
        *self.measured.lock().unwrap()
    }

    /// This node takes no more jobs: the fleet sees it draining.
    pub fn set_draining(&self) {
        self.draining
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }

    async fn beat(&self, recordings: Value) -> Result<(), sqlx::Error> {
        let (load, headroom) = self.measured();
        nodes::heartbeat(
            &self.pool,
            &Beat {
                node: &self.node_id,
                url: &self.url,
                load,
                headroom,
                draining: self.draining.load(std::sync::atomic::Ordering::SeqCst),
                recordings,
            },
        )
        .await
    }

    /// Beats every [`HEARTBEAT`] on the current tokio runtime until the
    /// member is dropped; `recordings` says what the node records now.
    pub fn spawn_heartbeat(self: &Arc<Self>, recordings: impl Fn() -> Value + Send + 'static) {
        let weak = Arc::downgrade(self);
        tokio::spawn(async move {
            let mut last = Sample::now();
            let mut down = false;
            loop {
                tokio::time::sleep(HEARTBEAT).await;
                let Some(member) = weak.upgrade() else {
                    return;
                };
                let now = Sample::now();
                if let (Some(a), Some(b)) = (last, now) {
                    *member.measured.lock().unwrap() = b.since(&a, load::HZ, load::cores());
                }
                last = now;
                match member.beat(recordings()).await {
                    Ok(()) if down => {
                        eprintln!("meetrec-service: the fleet's database is back");
                        down = false;
                    }
                    Ok(()) => {}
                    Err(e) if !down => {
                        eprintln!("meetrec-service: heartbeat: {e}; recording goes on");
                        down = true;
                    }
                    Err(_) => {}
                }
            }
        });
    }
}

/// This machine's host name: the default node id.
pub fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "meetrec".into())
}
