// SPDX-License-Identifier: MPL-2.0
//! Small helpers several modules share.

pub(crate) mod caps;
pub(crate) mod hex;
pub(crate) mod ordered;
pub(crate) mod pipeline;
pub(crate) mod step;

pub(crate) use step::Step;
