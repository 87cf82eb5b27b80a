//! Answers → profile.
