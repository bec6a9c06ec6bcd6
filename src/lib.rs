// SPDX-License-Identifier: MPL-2.0
#![allow(clippy::non_send_fields_in_send_ty, unused_doc_comments)]

//! meetrec: GStreamer elements that record meetings.
//!
//! - `layoutcompositor`: composes participants into a grid, spotlight or sidebar layout.

pub mod layout;
