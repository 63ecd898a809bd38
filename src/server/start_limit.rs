//! How many new starts each invitation link takes per minute, per app server. Generous by
//! default and keyed on the link, never on the client's address, so that a class or a
//! whole school behind one address is never refused; a link under a flood of starts (a
//! script, a code posted somewhere it should not be) answers a Dutch 429 instead of filling
//! the database with drafts. Drafts already started are never limited.

use governor::{DefaultKeyedRateLimiter, Quota};
use std::num::NonZeroU32;
use std::sync::Arc;

/// Starts per link per minute unless configured: a school of several hundred starting in
/// the same minute passes, and so does a class starting again right after.
pub const DEFAULT_STARTS_PER_MINUTE: u32 = 1_200;

/// The limit on new starts per link; `None` for no limit at all.
#[derive(Clone)]
pub struct StartLimit(Option<Arc<DefaultKeyedRateLimiter<i64>>>);

impl StartLimit {
    /// At most `starts` new starts per link in any minute (all of them at once, too); `0`
    /// for no limit.
    pub fn per_minute(starts: u32) -> Self {
        StartLimit(
            NonZeroU32::new(starts)
                .map(|n| Arc::new(DefaultKeyedRateLimiter::keyed(Quota::per_minute(n)))),
        )
    }

    /// Whether the link with this id may take one more start now (and counts it).
    pub fn allows(&self, link: i64) -> bool {
        self.0
            .as_ref()
            .is_none_or(|limit| limit.check_key(&link).is_ok())
    }
}

impl Default for StartLimit {
    fn default() -> Self {
        StartLimit::per_minute(DEFAULT_STARTS_PER_MINUTE)
    }
}
