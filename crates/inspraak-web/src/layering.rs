//! Dependencies inside the web crate point one way: routes → (flows, read models, views) →
//! domain types. This test keeps it so: outside `routes/`, only the app builder (which mounts the
//! routes) and the visitor middleware (which asks them which forms check CSRF themselves) may
//! name `routes`.

use std::path::{Path, PathBuf};

/// Files outside `routes/` that may name the routes, and why.
const ALLOWED: [&str; 3] = [
    // `Application::build` mounts every route family.
    "lib.rs",
    // The CSRF check asks each family which forms verify their token themselves.
    "visitor.rs",
    // This test, which names what it looks for.
    "layering.rs",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("source folder readable") {
        let path = entry.expect("folder entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn nothing_outside_routes_imports_routes() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut offenders = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        if relative.starts_with("routes") || ALLOWED.iter().any(|a| relative == Path::new(a)) {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("source readable");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if code.contains("crate::routes") || code.contains("super::routes") {
                offenders.push(format!("{}:{}", relative.display(), n + 1));
            }
        }
    }
    // A sanity check that the walk found the views at all.
    assert!(files.iter().any(|f| f.ends_with("views/layout.rs")));
    assert!(offenders.is_empty(), "imports of routes: {offenders:?}");
}
