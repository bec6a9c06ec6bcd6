// SPDX-License-Identifier: MPL-2.0
//! A fleet node's recordings: it claims jobs (woken by NOTIFY, and every
//! second, which expired leases need anyway), records each with a meeting
//! pipeline, renews the job's lease, does what the API asks of it (stop,
//! pause, resume: read at each renewal), and writes its part of the
//! recording into the catalog inside fenced transactions. When the job is
//! no longer its (renewal answered with no row) it stops that pipeline at
//! once, keeps the file it made on its disk, and writes nothing more.

use super::*;
use crate::fleet::catalog as db;
use crate::fleet::jobs::{CONTROL_CHANNEL, Claim, Desired, Fence, JOBS_CHANNEL, JobError, Jobs};
use crate::fleet::member::Member;
use crate::fleet::parts::Part;
use crate::media_store::{Joined, MediaStore};
use gstmeetrec::catalog::openvidu;
use std::sync::atomic::Ordering;
use tokio::sync::Notify;

/// How often a holder renews its lease: a sixth of
/// [`crate::fleet::member::LEASE`], so several renewals may fail before it
/// runs out.
pub(crate) const RENEW: Duration = Duration::from_millis(500);
/// How often the queue is polled besides NOTIFY.
const POLL: Duration = Duration::from_millis(500);
/// CPU cores a recording is expected to take until it is measured: a
/// composed 720p meeting (docs/performance.md, ~0.27 core).
pub(crate) const JOB_COST: f64 = 0.3;

/// What a job carries: the start request as the API accepted it.
#[derive(Serialize, Deserialize)]
pub(crate) struct Spec {
    pub(crate) request: StartRequest,
}

/// The part of a fleet's recording a pipeline records: its job, and
/// where its chunks go.
pub(crate) struct PartOf {
    pub(crate) fence: Fence,
    pub(crate) chunks: Option<Chunks>,
}

/// One part's chunks on their way to the media store: each goes up when
/// its file is closed, in order; none after the part lost its job.
#[derive(Clone)]
pub(crate) struct Chunks {
    inner: Arc<ChunksInner>,
}

struct ChunksInner {
    store: MediaStore,
    job: String,
    epoch: i64,
    rt: tokio::runtime::Handle,
    next: std::sync::atomic::AtomicU32,
    stopped: std::sync::atomic::AtomicBool,
    pending: Mutex<Vec<tokio::task::JoinHandle<Result<(), String>>>>,
}

impl Chunks {
    fn new(store: MediaStore, fence: &Fence) -> Chunks {
        Chunks {
            inner: Arc::new(ChunksInner {
                store,
                job: fence.job.clone(),
                epoch: fence.epoch,
                rt: tokio::runtime::Handle::current(),
                next: Default::default(),
                stopped: Default::default(),
                pending: Mutex::default(),
            }),
        }
    }

    /// The recorder closed chunk `path`: it goes up (off this thread).
    pub(crate) fn closed(&self, path: PathBuf) {
        let c = &self.inner;
        if c.stopped.load(Ordering::SeqCst) {
            return;
        }
        let seq = c.next.fetch_add(1, Ordering::SeqCst);
        let closed_ms = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as u64);
        let inner = self.inner.clone();
        let upload = c.rt.spawn(async move {
            inner
                .store
                .put_chunk(&inner.job, (inner.epoch, seq, closed_ms), &path)
                .await
                .inspect_err(|e| eprintln!("meetrec-service: chunk {}: {e}", path.display()))
        });
        c.pending.lock().unwrap().push(upload);
    }

    /// No more chunks go up (the part lost its job).
    fn stop(&self) {
        self.inner.stopped.store(true, Ordering::SeqCst);
    }

    /// Waits for every chunk closed so far to be up; the first failure.
    async fn flush(&self) -> Result<(), String> {
        let pending: Vec<_> = std::mem::take(&mut *self.inner.pending.lock().unwrap());
        let mut first = Ok(());
        for p in pending {
            let r = p.await.map_err(|e| e.to_string()).and_then(|r| r);
            if first.is_ok() {
                first = r;
            }
        }
        first
    }
}

/// The holders this node runs, by job id: what pokes them when the API
/// asks something of their recording.
#[derive(Default)]
pub(crate) struct Holders {
    pokes: Mutex<HashMap<String, Arc<Notify>>>,
}

impl Holders {
    fn add(&self, job: &str) -> Arc<Notify> {
        let poke = Arc::new(Notify::new());
        self.pokes
            .lock()
            .unwrap()
            .insert(job.to_string(), poke.clone());
        poke
    }

    fn remove(&self, job: &str) {
        self.pokes.lock().unwrap().remove(job);
    }

    pub(crate) fn poke(&self, job: &str) {
        if let Some(p) = self.pokes.lock().unwrap().get(job) {
            p.notify_one();
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.pokes.lock().unwrap().len()
    }
}

/// Claims and runs jobs until the service is dropped or `stop` is set.
pub(crate) fn spawn_claims(s: &Shared, member: Arc<Member>) {
    let weak = Arc::downgrade(s);
    tokio::spawn(async move {
        let mut listener = listen(&member).await;
        loop {
            match &mut listener {
                Some(l) => match tokio::time::timeout(POLL, l.try_recv()).await {
                    Ok(Ok(Some(n))) if n.channel() == CONTROL_CHANNEL => {
                        if let Some(s) = weak.upgrade() {
                            s.holders.poke(n.payload());
                        }
                        continue;
                    }
                    // The connection was lost: a new one at the next poll.
                    Ok(Ok(None)) | Ok(Err(_)) => listener = None,
                    _ => {}
                },
                None => {
                    tokio::time::sleep(POLL).await;
                    listener = listen(&member).await;
                }
            }
            let Some(s) = weak.upgrade() else { return };
            if s.draining.load(Ordering::SeqCst) {
                continue;
            }
            sweep(&member).await;
            while let Some(claim) = claim(&s, &member.jobs).await {
                tokio::spawn(hold(s.clone(), member.clone(), claim));
            }
        }
    });
}

/// A connection `LISTEN`ing for new jobs and control requests.
async fn listen(member: &Member) -> Option<sqlx::postgres::PgListener> {
    let mut l = sqlx::postgres::PgListener::connect_with(&member.pool)
        .await
        .ok()?;
    l.listen_all([JOBS_CHANNEL, CONTROL_CHANNEL]).await.ok()?;
    Some(l)
}

/// One job, if this node has room for it: a node that records nothing
/// always has room for one (whatever else the machine runs), else what it
/// measured idle.
async fn claim(s: &Service, jobs: &Jobs) -> Option<Claim> {
    let member = s.fleet.as_ref()?;
    let (load, idle) = member.measured();
    let headroom = room_for(s.holders.count(), load, idle)?;
    match jobs.claim(headroom).await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("meetrec-service: claiming a job: {e}");
            None
        }
    }
}

/// The headroom this node offers a job, in the cores a job's `cost` is
/// counted in, or `None` when it has no room: a node that records nothing
/// always has room (whatever else the machine runs); one that records has
/// room while the machine's measured idle cores exceed what one of its
/// recordings measurably costs (this process's cores over its recordings;
/// [`JOB_COST`] until a measurement says more).
pub(crate) fn room_for(recordings: usize, load: f64, idle: f64) -> Option<f64> {
    if recordings == 0 {
        return Some(f64::INFINITY);
    }
    let each = (load / recordings as f64).max(JOB_COST);
    (idle >= each).then_some(idle)
}

/// Ends what can no longer run: failed jobs' recordings are failed with
/// the reason; stopped jobs whose holder died are complete with what they
/// hold.
async fn sweep(member: &Member) {
    if let Ok(failed) = member.jobs.sweep().await {
        for (id, why) in failed {
            eprintln!("meetrec-service: recording {id} failed: {why}");
            let _ = db::settle(&member.pool, &id, "failed", Some(&why)).await;
        }
    }
    if let Ok(stopped) = member.jobs.sweep_stopped().await {
        for id in stopped {
            let _ = db::settle(&member.pool, &id, "complete", None).await;
        }
    }
}

/// What the holder follows of its pipeline.
struct Held {
    recorder: gst::Element,
    /// The recorder's id of this part.
    part_id: String,
    status: Arc<Mutex<String>>,
    abandon: Arc<Mutex<Option<String>>>,
    chunks: Option<Chunks>,
    /// This part's sidecar (`<file>.json`), once found.
    sidecar: Arc<Mutex<Option<PathBuf>>>,
}

impl Held {
    /// This part's metadata as its recorder keeps it, read off the async
    /// workers: the sidecar is looked up in the catalog once (a directory
    /// scan), then read where it is.
    async fn entry(&self, s: &Shared) -> Option<catalog::Entry> {
        let (s, part_id, sidecar) = (s.clone(), self.part_id.clone(), self.sidecar.clone());
        tokio::task::spawn_blocking(move || {
            let known = sidecar.lock().unwrap().clone();
            if let Some(json) = known
                && let Ok(recording) = Recording::read(&json)
            {
                let media = json.with_extension("");
                return Some(catalog::Entry {
                    recording,
                    json,
                    media,
                });
            }
            let entry = s.catalog.get(&part_id).ok()?;
            *sidecar.lock().unwrap() = Some(entry.json.clone());
            Some(entry)
        })
        .await
        .ok()
        .flatten()
    }
}

/// Records a claimed job until it ends or is no longer this node's.
async fn hold(s: Shared, member: Arc<Member>, claim: Claim) {
    let fence = claim.fence.clone();
    let poke = s.holders.add(&fence.job);
    eprintln!(
        "meetrec-service: node {} records {} (epoch {}, room {})",
        fence.node, fence.job, fence.epoch, claim.room_id
    );
    let held = match start(&s, &claim).await {
        Ok(h) => h,
        Err(why) => {
            eprintln!(
                "meetrec-service: recording {} did not start: {why}",
                fence.job
            );
            if let Ok(mut tx) = member.jobs.fenced(&fence).await {
                let _ = db::settle(&mut *tx, &fence.job, "failed", Some(&why)).await;
                let _ = tx.commit().await;
            }
            let _ = member.jobs.finish(&fence, Some(&why)).await;
            s.holders.remove(&fence.job);
            return;
        }
    };
    follow(&s, &member, &fence, &held, &poke).await;
    s.holders.remove(&fence.job);
}

/// Builds the job's pipeline and starts its recording (off the async
/// workers: GStreamer state changes block).
async fn start(s: &Shared, claim: &Claim) -> Result<Held, String> {
    let spec: Spec = serde_json::from_value(claim.spec.clone())
        .map_err(|e| format!("the job's request is not one this node reads: {e}"))?;
    let req = spec.request;
    let props = recorder_settings(&req).map_err(|e| e.message)?;
    let part = PartOf {
        fence: claim.fence.clone(),
        chunks: s.media.clone().map(|m| Chunks::new(m, &claim.fence)),
    };
    let s2 = s.clone();
    tokio::task::spawn_blocking(move || {
        let room = req.room_id.clone();
        let a = launch(&s2, req, &props, Some(&part))?;
        let held = Held {
            recorder: a.recorder.clone(),
            part_id: a.recording_id.clone(),
            status: a.status.clone(),
            abandon: a.abandon.clone(),
            chunks: part.chunks,
            sidecar: Arc::default(),
        };
        s2.active.lock().unwrap().insert(room, a);
        Ok(held)
    })
    .await
    .map_err(|e| e.to_string())?
}

/// Renews the lease, does what the API asks, writes the part's progress,
/// and at the end its final state; stops at once when the lease is lost.
async fn follow(s: &Shared, member: &Member, fence: &Fence, held: &Held, poke: &Notify) {
    let mut progressed = false;
    let mut asked = Desired::Record;
    loop {
        tokio::select! {
            _ = tokio::time::sleep(RENEW) => {}
            _ = poke.notified() => {}
        }
        let status = held.status.lock().unwrap().clone();
        let running = s
            .active
            .lock()
            .unwrap()
            .values()
            .any(|a| a.recording_id == held.part_id);
        match member.jobs.renew(fence).await {
            Ok(Some(desired)) => {
                if desired != asked || desired == Desired::Stop {
                    asked = desired;
                    apply(held, desired, &status);
                }
            }
            Ok(None) => {
                eprintln!(
                    "meetrec-service: {} is no longer node {}'s (epoch {}): its pipeline stops, \
                     its part stays on this disk",
                    fence.job, fence.node, fence.epoch
                );
                if let Some(c) = &held.chunks {
                    c.stop();
                }
                if running {
                    held.recorder.emit_by_name::<()>("stop", &[]);
                }
                return;
            }
            // The database is away: recording goes on, the writes wait.
            Err(_) => continue,
        }
        if !progressed && running && status != "RECORDING_STARTING" {
            progressed = member.jobs.progress(fence).await.is_ok();
        }
        if running && s.handing_over.load(Ordering::SeqCst) {
            hand_over(member, fence, held, s).await;
            return;
        }
        if !running {
            let failed = match status.as_str() {
                "RECORDING_FAILED" => Some(
                    held.entry(s)
                        .await
                        .and_then(|e| e.recording.error)
                        .unwrap_or_else(|| "the recording failed".into()),
                ),
                _ => None,
            };
            let joined = match (&held.chunks, &failed) {
                (Some(chunks), None) => join(s, member, fence, held, chunks).await,
                _ => None,
            };
            let end = End {
                joined: joined.as_ref().map(|(j, n)| (j, n.as_str())),
            };
            if write_part(s, member, fence, held, Err(end)).await.is_ok() {
                let _ = member.jobs.finish(fence, failed.as_deref()).await;
            }
            return;
        }
        // Each renewal writes the part's progress: a takeover's gap starts
        // where the last write left it.
        // Until the end is written (the file joined, the job done) the
        // recording is `ending`, even once its recorder said STOPPED.
        let shown = match status.as_str() {
            "RECORDING_STOPPED" | "RECORDING_FAILED" => "RECORDING_STOPPING",
            other => other,
        };
        let _ = write_part(s, member, fence, held, Ok(shown)).await;
    }
}

/// Joins the recording's chunks into one file in the media store, renewing
/// the lease meanwhile (the job stays this node's while it joins). `None`
/// when it could not (the reason is said; the chunks stay in the store).
async fn join(
    s: &Shared,
    member: &Member,
    fence: &Fence,
    held: &Held,
    chunks: &Chunks,
) -> Option<(Joined, String)> {
    if let Err(e) = chunks.flush().await {
        eprintln!(
            "meetrec-service: {}: a chunk did not reach the media store: {e}",
            fence.job
        );
    }
    let store = s.media.as_ref()?;
    let meta = held.entry(s).await?.recording;
    let name = format!("{}-{}.{}", meta.room, fence.job, meta.file.container);
    let streams = (meta.file.video.is_some(), meta.file.audio.is_some());
    let work = s.catalog.dir().to_path_buf();
    let done = {
        let joining = store.join(&fence.job, &name, streams, &work);
        tokio::pin!(joining);
        loop {
            tokio::select! {
                r = &mut joining => break r,
                _ = tokio::time::sleep(RENEW) => {
                    let _ = member.jobs.renew(fence).await;
                }
            }
        }
    };
    match done {
        Ok(j) => Some((j, name)),
        Err(e) => {
            eprintln!("meetrec-service: {}: joining its parts: {e}", fence.job);
            None
        }
    }
}

/// The end of a part as [`write_part`] writes it: the joined file, when
/// this part's end made one.
struct End<'a> {
    joined: Option<(&'a Joined, &'a str)>,
}

async fn write_joined(
    tx: &mut sqlx::Transaction<'static, sqlx::Postgres>,
    fence: &Fence,
    (joined, name): (&Joined, &str),
) -> Result<(), JobError> {
    let kept: Vec<db::KeptPart> = joined
        .kept
        .iter()
        .map(|k| db::KeptPart {
            epoch: k.epoch,
            ms: k.ms,
            from_ms: k.from_ms,
            to_ms: k.to_ms,
        })
        .collect();
    db::set_joined(tx, &fence.job, (&joined.uri, joined.size, name), &kept).await?;
    Ok(())
}

/// The longest a draining node keeps recording a job it gave back while it
/// waits for another node to have picture.
const HANDOVER: Duration = Duration::from_secs(10);

/// Gives the job to another node without a hole: this part's progress is
/// written, the job released (another node claims it at once, woken by
/// NOTIFY), and this pipeline runs on until the new holder records, then
/// stops; its file stays on this disk. Nothing more is written for it.
async fn hand_over(member: &Member, fence: &Fence, held: &Held, s: &Shared) {
    let status = held.status.lock().unwrap().clone();
    let released = match write_part(s, member, fence, held, Ok(&status)).await {
        Ok(()) => member.jobs.release(fence).await,
        Err(e) => Err(e),
    };
    if let Err(e) = released {
        eprintln!(
            "meetrec-service: handing {} over: {e}; it stops here",
            fence.job
        );
    } else {
        let deadline = std::time::Instant::now() + HANDOVER;
        while std::time::Instant::now() < deadline {
            let now = db::get(&member.pool, &fence.job).await.ok().flatten();
            let taken = now.is_some_and(|r| {
                r.node_id.as_deref() != Some(&fence.node)
                    && matches!(
                        r.live.as_deref(),
                        Some("RECORDING_STARTED" | "RECORDING_RESUMED" | "RECORDING_PAUSED")
                    )
            });
            if taken {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    held.recorder.emit_by_name::<()>("stop", &[]);
    eprintln!(
        "meetrec-service: {} handed over by node {}",
        fence.job, fence.node
    );
}

/// Does what the API asked, if the recording is in a state to.
fn apply(held: &Held, desired: Desired, status: &str) {
    match (desired, status) {
        (Desired::Stop, "RECORDING_STARTING") => {
            *held.abandon.lock().unwrap() =
                Some("stopped while starting, before any media was recorded".into());
        }
        (Desired::Stop, "RECORDING_STOPPING" | "RECORDING_STOPPED" | "RECORDING_FAILED") => {}
        (Desired::Stop, _) => held.recorder.emit_by_name::<()>("stop", &[]),
        (Desired::Pause, "RECORDING_STARTED" | "RECORDING_RESUMED")
            if held.recorder.emit_by_name::<bool>("pause", &[]) =>
        {
            *held.status.lock().unwrap() = "RECORDING_PAUSED".into();
        }
        (Desired::Record, "RECORDING_PAUSED")
            if held.recorder.emit_by_name::<bool>("resume", &[]) =>
        {
            *held.status.lock().unwrap() = "RECORDING_RESUMED".into();
        }
        _ => {}
    }
}

/// Writes this part as its sidecar says now, and the recording's status
/// (`Ok(live)`: the recorder's state while it runs; `Err(end)` at the end,
/// with the joined file in the same transaction), fenced.
async fn write_part(
    s: &Shared,
    member: &Member,
    fence: &Fence,
    held: &Held,
    now: Result<&str, End<'_>>,
) -> Result<(), JobError> {
    let (live, end) = match now {
        Ok(live) => (Some(live), None),
        Err(end) => (None, Some(end)),
    };
    let mut entry = held.entry(s).await;
    // The sidecar says how long only at the end; meanwhile the recorder
    // does (what a takeover's gap starts from).
    if let (Some(entry), true) = (&mut entry, live.is_some()) {
        let ms = held.recorder.property::<u64>("recorded-ms");
        entry.recording.duration_ms = entry.recording.duration_ms.max(ms);
    }
    let mut tx = member.jobs.fenced(fence).await?;
    match entry {
        Some(entry) => {
            let status = openvidu::status(&entry.recording, live).as_str();
            let part = Part {
                epoch: fence.epoch,
                node: fence.node.clone(),
                meta: entry.recording,
            };
            let path = entry.media.to_string_lossy().to_string();
            db::write_part(&mut tx, &fence.job, &part, &path, (status, live)).await?;
        }
        // Nothing written yet (still starting), or given up before it was.
        None if live.is_some() => {}
        None => {
            let why = held
                .abandon
                .lock()
                .unwrap()
                .clone()
                .unwrap_or_else(|| "no media was recorded".into());
            db::settle(&mut *tx, &fence.job, "failed", Some(&why)).await?;
        }
    }
    if let Some((joined, name)) = end.and_then(|e| e.joined) {
        write_joined(&mut tx, fence, (joined, name)).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_is_judged_by_what_the_recordings_here_measurably_cost() {
        // Nothing recorded here: room, whatever the machine does.
        assert_eq!(room_for(0, 0.0, 0.0), Some(f64::INFINITY));
        // Two recordings costing 0.4 core each: 0.5 idle core holds one more,
        // 0.3 does not.
        assert_eq!(room_for(2, 0.8, 0.5), Some(0.5));
        assert_eq!(room_for(2, 0.8, 0.3), None);
        // Cheaper than the estimate measured: the estimate still counts.
        assert_eq!(room_for(3, 0.3, 0.25), None);
        assert_eq!(room_for(3, 0.3, 0.35), Some(0.35));
    }
}
