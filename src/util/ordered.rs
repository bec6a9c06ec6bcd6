// SPDX-License-Identifier: MPL-2.0
//! A mutex with a place in its element's lock order.
//!
//! Each [`Ordered`] mutex has a [`Rank`]; a thread may take a lock only while
//! it holds none of the same or a later rank. Debug builds (every test) check
//! that on each `lock` and panic naming both locks, so an inversion is caught
//! the first time any test takes the locks in the wrong order, not the one
//! time in a thousand it deadlocks. Release builds only lock.

use std::ops::{Deref, DerefMut};
use std::sync::{LockResult, Mutex, MutexGuard, PoisonError};

/// A lock's place in the order (taken lowest first) and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rank(pub(crate) u8, pub(crate) &'static str);

pub(crate) struct Ordered<T> {
    rank: Rank,
    inner: Mutex<T>,
}

impl<T: Default> Ordered<T> {
    pub(crate) fn default_at(rank: Rank) -> Self {
        Ordered::new(rank, T::default())
    }
}

impl<T> Ordered<T> {
    pub(crate) const fn new(rank: Rank, value: T) -> Self {
        Ordered {
            rank,
            inner: Mutex::new(value),
        }
    }

    /// Locks it, as `Mutex::lock` (poisoning included).
    pub(crate) fn lock(&self) -> LockResult<OrderedGuard<'_, T>> {
        held::take(self.rank);
        let rank = self.rank;
        match self.inner.lock() {
            Ok(guard) => Ok(OrderedGuard { guard, rank }),
            Err(p) => Err(PoisonError::new(OrderedGuard {
                guard: p.into_inner(),
                rank,
            })),
        }
    }
}

pub(crate) struct OrderedGuard<'a, T> {
    guard: MutexGuard<'a, T>,
    rank: Rank,
}

impl<T> Drop for OrderedGuard<'_, T> {
    fn drop(&mut self) {
        held::release(self.rank);
    }
}

impl<T> Deref for OrderedGuard<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.guard
    }
}

impl<T> DerefMut for OrderedGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.guard
    }
}

#[cfg(debug_assertions)]
mod held {
    use super::Rank;
    use std::cell::RefCell;

    thread_local! {
        static HELD: RefCell<Vec<Rank>> = const { RefCell::new(Vec::new()) };
    }

    pub(super) fn take(rank: Rank) {
        HELD.with(|h| {
            let mut h = h.borrow_mut();
            if let Some(later) = h.iter().find(|r| r.0 >= rank.0) {
                let (taking, holding) = (rank.1, later.1);
                drop(h);
                panic!("lock order: took `{taking}` while holding `{holding}`");
            }
            h.push(rank);
        });
    }

    pub(super) fn release(rank: Rank) {
        HELD.with(|h| {
            let mut h = h.borrow_mut();
            if let Some(i) = h.iter().rposition(|r| *r == rank) {
                h.remove(i);
            }
        });
    }
}

#[cfg(not(debug_assertions))]
mod held {
    use super::Rank;
    #[inline(always)]
    pub(super) fn take(_: Rank) {}
    #[inline(always)]
    pub(super) fn release(_: Rank) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: Rank = Rank(1, "a");
    const B: Rank = Rank(2, "b");

    #[test]
    fn locks_in_order_pass_and_release_in_any_order() {
        let (a, b) = (Ordered::new(A, 1), Ordered::new(B, 2));
        let ga = a.lock().unwrap();
        let gb = b.lock().unwrap();
        assert_eq!(*ga + *gb, 3);
        drop(ga);
        drop(gb);
        // Released: either may be taken alone again.
        drop(b.lock().unwrap());
        drop(a.lock().unwrap());
    }

    #[cfg(debug_assertions)]
    #[test]
    #[should_panic(expected = "lock order: took `a` while holding `b`")]
    fn an_inversion_is_caught() {
        let (a, b) = (Ordered::new(A, 1), Ordered::new(B, 2));
        let _gb = b.lock().unwrap();
        let _ga = a.lock().unwrap();
    }

    #[cfg(debug_assertions)]
    #[test]
    #[should_panic(expected = "lock order: took `b` while holding `b`")]
    fn two_of_one_rank_at_once_is_caught() {
        let (b1, b2) = (Ordered::new(B, 1), Ordered::new(B, 2));
        let _g1 = b1.lock().unwrap();
        let _g2 = b2.lock().unwrap();
    }
}
