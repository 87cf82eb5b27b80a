//! The files a rule-set author works on, seen through a small trait so that the same reading code
//! runs natively (on `std::fs`) and in the authoring wasm module (where the host, Node or a
//! browser, answers each call; `std::fs` does nothing on wasm32-unknown-unknown).
//!
//! The trait is as small as the readers need: the kind of a path without following links (a
//! rule set never holds links), the entries of a folder, at most so many bytes of a file, the real
//! path (to look for an overlay's base above a folder), writing a whole file, and creating folders.

use std::io;
use std::path::{Path, PathBuf};

/// What a path is, links not followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// A regular file of that many bytes.
    File(u64),
    /// A folder.
    Folder,
    /// A symbolic link.
    Link,
    /// A FIFO, a socket or a device.
    Other,
}

impl FileKind {
    /// A regular file.
    pub fn is_file(self) -> bool {
        matches!(self, FileKind::File(_))
    }

    /// A folder.
    pub fn is_dir(self) -> bool {
        self == FileKind::Folder
    }

    /// A symbolic link.
    pub fn is_symlink(self) -> bool {
        self == FileKind::Link
    }
}

/// Where rule sets, cases, profiles and bundles are read, and bundles written.
pub trait Files {
    /// What `path` is, without following a link (`symlink_metadata`).
    fn kind(&self, path: &Path) -> io::Result<FileKind>;
    /// Whether `path` is a file or a folder once links are followed (`Path::is_file`/`is_dir`):
    /// the command line names bundles and folders this way.
    fn followed(&self, path: &Path) -> Option<FileKind>;
    /// The entries of a folder, each with its own kind (links not followed), in no given order.
    fn list(&self, dir: &Path) -> io::Result<Vec<(String, FileKind)>>;
    /// At most `limit` and one more bytes of a file (one more to tell that it is larger).
    fn read(&self, path: &Path, limit: usize) -> io::Result<Vec<u8>>;
    /// The real, absolute path.
    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf>;
    /// Writes a whole file.
    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()>;
    /// Creates a folder and the folders above it that are missing (`vigie unbundle`).
    fn create_dir_all(&self, path: &Path) -> io::Result<()>;

    /// Whether `path` is a file, links followed.
    fn is_file(&self, path: &Path) -> bool {
        self.followed(path).is_some_and(FileKind::is_file)
    }

    /// Whether `path` is a folder, links followed.
    fn is_dir(&self, path: &Path) -> bool {
        self.followed(path).is_some_and(FileKind::is_dir)
    }
}

/// The machine's own files (`std::fs`).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy, Default)]
pub struct NativeFiles;

#[cfg(not(target_arch = "wasm32"))]
fn kind_of(meta: &std::fs::Metadata) -> FileKind {
    let kind = meta.file_type();
    if kind.is_symlink() {
        FileKind::Link
    } else if kind.is_dir() {
        FileKind::Folder
    } else if kind.is_file() {
        FileKind::File(meta.len())
    } else {
        FileKind::Other
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Files for NativeFiles {
    fn kind(&self, path: &Path) -> io::Result<FileKind> {
        std::fs::symlink_metadata(path).map(|meta| kind_of(&meta))
    }

    fn followed(&self, path: &Path) -> Option<FileKind> {
        std::fs::metadata(path).ok().map(|meta| kind_of(&meta))
    }

    fn list(&self, dir: &Path) -> io::Result<Vec<(String, FileKind)>> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir)?.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            let kind = entry.file_type()?;
            let kind = if kind.is_symlink() {
                FileKind::Link
            } else if kind.is_dir() {
                FileKind::Folder
            } else if kind.is_file() {
                // The size is read when the file is; a listing does not need it.
                FileKind::File(0)
            } else {
                FileKind::Other
            };
            found.push((name, kind));
        }
        Ok(found)
    }

    fn read(&self, path: &Path, limit: usize) -> io::Result<Vec<u8>> {
        use std::io::Read as _;
        let mut bytes = Vec::new();
        let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
        std::fs::File::open(path)?
            .take(cap)
            .read_to_end(&mut bytes)?;
        Ok(bytes)
    }

    fn canonicalize(&self, path: &Path) -> io::Result<PathBuf> {
        path.canonicalize()
    }

    fn write(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        std::fs::write(path, bytes)
    }

    fn create_dir_all(&self, path: &Path) -> io::Result<()> {
        std::fs::create_dir_all(path)
    }
}
