//! The logo and favicon: files in the data folder, read once at start-up, checked to be what
//! their bytes say (PNG, ICO, or SVG text), and served from fixed routes. No request path ever
//! reaches the file system.

use std::fmt;
use std::path::{Component, Path};
use std::sync::Arc;

/// A logo larger than this is not a logo: it slows every first page view.
pub const MAX_LOGO_BYTES: usize = 512 * 1024;
pub const MAX_FAVICON_BYTES: usize = 128 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Svg,
    Png,
    Ico,
}

impl ImageKind {
    pub fn content_type(self) -> &'static str {
        match self {
            ImageKind::Svg => "image/svg+xml",
            ImageKind::Png => "image/png",
            ImageKind::Ico => "image/x-icon",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Svg => "svg",
            ImageKind::Png => "png",
            ImageKind::Ico => "ico",
        }
    }

    /// What the bytes are, whatever the file is called.
    fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            return Some(ImageKind::Png);
        }
        if bytes.starts_with(&[0, 0, 1, 0]) {
            return Some(ImageKind::Ico);
        }
        let text = std::str::from_utf8(bytes).ok()?;
        let head = text.trim_start_matches('\u{feff}').trim_start();
        let looks_like_xml =
            head.starts_with("<?xml") || head.starts_with("<svg") || head.starts_with("<!--");
        (looks_like_xml && text.contains("<svg")).then_some(ImageKind::Svg)
    }
}

/// An image held in memory, with a name that changes when its bytes do (so it can be cached
/// for a year).
#[derive(Clone)]
pub struct Image {
    pub kind: ImageKind,
    pub bytes: Arc<[u8]>,
    /// E.g. `logo-3f2a9c1b.svg`: the last part of the route that serves it.
    pub file_name: String,
}

impl fmt::Debug for Image {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Image({}, {} bytes)", self.file_name, self.bytes.len())
    }
}

impl Image {
    /// `stem` is `logo` or `favicon`.
    pub fn new(stem: &str, kind: ImageKind, bytes: Vec<u8>) -> Image {
        use sha2::{Digest, Sha256};
        let digest = hex::encode(Sha256::digest(&bytes));
        Image {
            kind,
            file_name: format!("{stem}-{}.{}", &digest[..12], kind.extension()),
            bytes: Arc::from(bytes),
        }
    }

    /// The URL of the image.
    pub fn href(&self) -> String {
        format!("/huisstijl/{}", self.file_name)
    }
}

/// Reads `relative` (a path inside `data_dir`) as an image of one of `allowed` kinds.
/// The error is one line naming the problem; the caller adds the variable.
pub fn load(
    data_dir: &Path,
    relative: &str,
    stem: &str,
    allowed: &[ImageKind],
    max_bytes: usize,
) -> Result<Image, String> {
    let path = Path::new(relative);
    // Inside the data folder only: what an operator put there on purpose.
    if path.is_absolute()
        || path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir))
    {
        return Err(format!(
            "'{relative}' must be a path inside the data folder ({}), without .. or a leading /",
            data_dir.display()
        ));
    }
    let full = data_dir.join(path);
    let size = std::fs::metadata(&full)
        .map_err(|e| format!("cannot read {}: {e}", full.display()))?
        .len();
    if size > max_bytes as u64 {
        return Err(format!(
            "{} is {size} bytes; at most {max_bytes} bytes are allowed",
            full.display()
        ));
    }
    let bytes = std::fs::read(&full).map_err(|e| format!("cannot read {}: {e}", full.display()))?;
    let names: Vec<&str> = allowed.iter().map(|k| k.extension()).collect();
    let kind = ImageKind::sniff(&bytes)
        .filter(|k| allowed.contains(k))
        .ok_or_else(|| format!("{} is not a {} file", full.display(), names.join(" or ")))?;
    if kind == ImageKind::Svg && bytes.windows(7).any(|w| w.eq_ignore_ascii_case(b"<script")) {
        return Err(format!(
            "{} holds a <script>; a logo must be a plain drawing",
            full.display()
        ));
    }
    Ok(Image::new(stem, kind, bytes))
}

/// The favicon when none is configured: a plain speech bubble, no national symbols.
pub fn default_favicon() -> Image {
    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#4d4d4d" d="M4 4h24a2 2 0 0 1 2 2v15a2 2 0 0 1-2 2H13l-7 6v-6H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"/><path fill="#fff" d="M8 10h16v2H8zm0 5h11v2H8z"/></svg>"##;
    Image::new("favicon", ImageKind::Svg, SVG.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &[u8] = br#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>"#;

    /// A fresh folder holding one file.
    struct Dir(std::path::PathBuf);

    impl Dir {
        fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn dir_with(name: &str, bytes: &[u8]) -> Dir {
        let dir = std::env::temp_dir().join(format!("inspraak-house-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
        Dir(dir)
    }

    #[test]
    fn an_svg_or_png_logo_loads_with_a_name_that_follows_its_content() {
        let dir = dir_with("logo.svg", SVG);
        let image = load(dir.path(), "logo.svg", "logo", &[ImageKind::Svg], 1024)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(image.kind.content_type(), "image/svg+xml");
        assert!(image.file_name.starts_with("logo-") && image.file_name.ends_with(".svg"));
        let png = dir_with("x.png", b"\x89PNG\r\n\x1a\n rest");
        let image = load(
            png.path(),
            "x.png",
            "logo",
            &[ImageKind::Svg, ImageKind::Png],
            1024,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(image.kind, ImageKind::Png);
        assert_ne!(
            Image::new("logo", ImageKind::Svg, b"a".to_vec()).file_name,
            Image::new("logo", ImageKind::Svg, b"b".to_vec()).file_name
        );
    }

    #[test]
    fn paths_outside_the_data_folder_wrong_types_and_big_files_are_refused() {
        let dir = dir_with("logo.svg", SVG);
        let kinds = [ImageKind::Svg, ImageKind::Png];
        for path in ["../logo.svg", "/etc/passwd", "a/../../logo.svg"] {
            let error = load(dir.path(), path, "logo", &kinds, 1024).unwrap_err();
            assert!(error.contains("inside the data folder"), "{error}");
        }
        assert!(
            load(dir.path(), "missing.svg", "logo", &kinds, 1024)
                .unwrap_err()
                .contains("cannot read")
        );
        assert!(
            load(dir.path(), "logo.svg", "logo", &kinds, 10)
                .unwrap_err()
                .contains("at most 10 bytes")
        );
        let html = dir_with("logo.svg", b"<html><body>hi</body></html>");
        assert!(
            load(html.path(), "logo.svg", "logo", &kinds, 1024)
                .unwrap_err()
                .contains("is not a svg or png file")
        );
        let script = dir_with("logo.svg", b"<svg><SCRIPT>alert(1)</SCRIPT></svg>");
        assert!(
            load(script.path(), "logo.svg", "logo", &kinds, 1024)
                .unwrap_err()
                .contains("<script>")
        );
    }

    #[test]
    fn the_default_favicon_is_an_svg() {
        let favicon = default_favicon();
        assert_eq!(ImageKind::sniff(&favicon.bytes), Some(ImageKind::Svg));
    }
}
