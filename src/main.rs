//! The `vigie` command (native only: on wasm the command line runs in the authoring module,
//! through `src/wasm.rs`).

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    vigie::cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
