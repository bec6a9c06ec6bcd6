// SPDX-License-Identifier: MPL-2.0
//! What the service's integration tests share.
#![allow(dead_code)]

pub mod postgres;
pub mod service;
