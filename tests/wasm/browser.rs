//! The wasm module in headless Chromium (through Debian's chromedriver).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "common.rs"]
mod common;

#[path = "malformed.rs"]
mod malformed;

#[path = "hostile.rs"]
mod hostile;

#[path = "trust.rs"]
mod trust;
