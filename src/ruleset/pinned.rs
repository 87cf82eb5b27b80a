//! The published versions of the rule sets built into Vigie (`build.rs`: `rules/fr`, `rules/us`), pinned by
//! digest.
//!
//! A bundle, or an overlay's embedded base, that claims one of these ids and versions must be
//! exactly it: the same digest, else it is refused (`built-in-mismatch`). A published version is
//! frozen, so its digest never changes; publishing a new version adds a line here (a test fails
//! until it does), and gives the version it replaces its last day.

/// One published version built into Vigie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinnedVersion {
    /// The rule set's id (`fr`).
    pub id: &'static str,
    /// Its version (`2025.1.0`).
    pub version: &'static str,
    /// Its digest, as reports name it.
    pub digest: &'static str,
    /// Its last day, once a newer published version replaced it: a bundle of it warns after that
    /// day whether or not it carries `validUntil`.
    pub valid_until: Option<&'static str>,
}

/// Every published version of the built-in rule sets, oldest first.
pub const PINNED_VERSIONS: &[PinnedVersion] = &[
    PinnedVersion {
        id: "fr",
        version: "2024.1.0",
        digest: "sha256:7623c80352f3e8a26a9a47faa8597d6c70e0e2626a0ec9612b2288445ccb0382",
        valid_until: Some("2025-09-30"),
    },
    PinnedVersion {
        id: "fr",
        version: "2025.1.0",
        digest: "sha256:0c77a9d0db339b8ca6d3d4ca84fd4cf9c3d1ff98cee11f51cf96acafb0d032e3",
        valid_until: Some("2026-08-31"),
    },
    PinnedVersion {
        id: "fr",
        version: "2026.1.0",
        digest: "sha256:a160b4c26684f49500ac10f0cee6b1c12f473932643bb3bef4376e0e40a5caa8",
        valid_until: Some("2026-12-04"),
    },
    PinnedVersion {
        id: "fr",
        version: "2026.2.0",
        digest: "sha256:d5c12a8d904c548e90aa0ada6f988c490d29a1c2303f79fbb1724d00e2806b48",
        valid_until: None,
    },
    PinnedVersion {
        id: "us",
        version: "2021.1.0",
        digest: "sha256:24f56e2e007f14fd60c0b025d9d3936802308e1c26b403afdd56e029c70864ee",
        valid_until: Some("2024-04-29"),
    },
    PinnedVersion {
        id: "us",
        version: "2024.1.0",
        digest: "sha256:9192cc09bc53cf40facbbee4fa6625852c4b5f9cd78a79553eb394d06c9af3ec",
        valid_until: Some("2026-12-04"),
    },
    PinnedVersion {
        id: "us",
        version: "2026.1.0",
        digest: "sha256:ad61bdd31757bfac18b1f14952b6e9039493f331fcd21457317b39a2b1892a32",
        valid_until: None,
    },
];

/// The pinned version with this id and version, if it is one.
pub fn pinned(id: &str, version: &str) -> Option<&'static PinnedVersion> {
    PINNED_VERSIONS
        .iter()
        .find(|p| p.id == id && p.version == version)
}
