// SPDX-License-Identifier: MPL-2.0
//! Who may do what: a caller's rooms and role.

use super::*;

impl Caller {
    /// Admins belong to every room; the others to their token's rooms.
    pub(crate) fn member(&self, room: &str) -> bool {
        self.role == Role::Admin
            || self
                .rooms
                .as_ref()
                .is_none_or(|r| r.iter().any(|r| r == room))
    }

    pub(crate) fn may(&self, action: Action, room: &str, settings: &RoomSettings) -> bool {
        self.member(room) && access::allowed(self.role, action, settings)
    }
}
