// SPDX-License-Identifier: MPL-2.0
//! Delivery of recordings: signed webhooks on every state change
//! ([`webhook`]) and upload to object storage ([`upload`]).
//!
//! Both run on their own threads, never on a streaming thread, and nothing a
//! receiver or a store does can affect the recording itself.

pub mod upload;
pub mod webhook;

pub use upload::{UploadError, upload_recording};
pub use webhook::{WebhookEvent, sign, verify};

/// A thread that handles jobs one at a time, in the order they were sent.
pub(crate) struct Worker<T: Send + 'static> {
    tx: Option<std::sync::mpsc::Sender<T>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl<T: Send + 'static> Worker<T> {
    pub fn spawn(name: &str, mut run: impl FnMut(T) + Send + 'static) -> Self {
        let (tx, rx) = std::sync::mpsc::channel::<T>();
        let thread = std::thread::Builder::new()
            .name(name.into())
            .spawn(move || rx.into_iter().for_each(&mut run))
            .expect("spawn a delivery thread");
        Worker {
            tx: Some(tx),
            thread: Some(thread),
        }
    }

    pub fn send(&self, job: T) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(job);
        }
    }

    /// Lets the queued jobs finish, waiting at most `limit`; returns whether
    /// they all did (the rest go on in the background).
    pub fn finish(mut self, limit: std::time::Duration) -> bool {
        drop(self.tx.take());
        let deadline = std::time::Instant::now() + limit;
        let Some(thread) = self.thread.take() else {
            return true;
        };
        while !thread.is_finished() {
            if std::time::Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let _ = thread.join();
        true
    }
}
