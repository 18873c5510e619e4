//! The consent model and its rules: what the site asks, what the person decided, and when
//! to ask again.
