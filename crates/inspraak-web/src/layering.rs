//! Dependencies inside the web crate point one way: routes → (flows, read models, views) →
//! domain types. These tests keep it so: outside `routes/`, only the app builder (which mounts
//! the routes) and the visitor middleware (which asks them which forms check CSRF themselves)
//! may name `routes`; flows and read models return values, never markup, so they name no views.

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

/// `file:line` of every code line (not a comment) in the files `pick` chooses that names one of
/// `modules` (as `crate::x` or `super::x`).
fn lines_naming(pick: impl Fn(&Path) -> bool, modules: &[&str]) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    // A sanity check that the walk found the sources at all.
    assert!(files.iter().any(|f| f.ends_with("views/layout.rs")));
    let mut offenders = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&src).expect("under src");
        if !pick(relative) {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("source readable");
        for (n, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let names = |m: &&str| {
                code.contains(&format!("crate::{m}")) || code.contains(&format!("super::{m}"))
            };
            if modules.iter().any(names) {
                offenders.push(format!("{}:{}", relative.display(), n + 1));
            }
        }
    }
    offenders
}

#[test]
fn nothing_outside_routes_imports_routes() {
    let outside = |f: &Path| !f.starts_with("routes") && !ALLOWED.iter().any(|a| f == Path::new(a));
    let offenders = lines_naming(outside, &["routes"]);
    assert!(offenders.is_empty(), "imports of routes: {offenders:?}");
}

#[test]
fn flows_and_read_models_name_no_views_and_no_routes() {
    let offenders = lines_naming(
        |f| f.starts_with("flows") || f.starts_with("read"),
        &["views", "routes"],
    );
    assert!(
        offenders.is_empty(),
        "flows or read models naming views or routes: {offenders:?}"
    );
}
