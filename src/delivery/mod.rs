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
