//! The wasm module in Node (wasm-bindgen-test's default).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "common.rs"]
mod common;

#[path = "malformed.rs"]
mod malformed;

#[path = "hostile.rs"]
mod hostile;

#[path = "trust.rs"]
mod trust;
