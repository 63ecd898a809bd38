//! What people see. Pages are rendered on the server only; islands also run in the browser.

pub mod islands;
#[cfg(feature = "ssr")]
pub mod labels;
#[cfg(feature = "ssr")]
pub mod researcher;
#[cfg(feature = "ssr")]
pub mod respondent;
