//! The core's modules depend on each other in one direction: every `crate::core::…` or `super::…` path in a
//! module under `src/core` names a module of the same or a lower tier, as listed in `src/core/mod.rs`, and
//! the module graph has no cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The core's source folder.
fn core_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core")
}

/// The tiers listed in `src/core/mod.rs` (lines `//! N. **Name** — `a`, `b`, …`), as module → tier number.
fn tiers() -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(core_folder().join("mod.rs")).expect("src/core/mod.rs");
    let mut tiers = BTreeMap::new();
    let mut current = None;
    for line in text.lines() {
        let Some(doc) = line.strip_prefix("//!") else {
            continue;
        };
        let doc = doc.trim();
        if let Some((number, _)) = doc.split_once(". **")
            && let Ok(number) = number.parse::<usize>()
        {
            current = Some(number);
        } else if doc.is_empty() || !line.starts_with("//!    ") {
            current = None;
        }
        let Some(tier) = current else {
            continue;
        };
        let listed = doc.split(':').next().unwrap_or_default();
        for name in listed.split('`').skip(1).step_by(2) {
            tiers.insert(name.to_string(), tier);
        }
    }
    tiers
}

/// The core's top-level modules, as declared by `pub mod` in `src/core/mod.rs`.
fn declared_modules() -> BTreeSet<String> {
    let text = std::fs::read_to_string(core_folder().join("mod.rs")).expect("src/core/mod.rs");
    text.lines()
        .filter_map(|line| line.strip_prefix("pub mod "))
        .map(|rest| rest.trim_end_matches(';').to_string())
        .collect()
}

/// Every `.rs` file under `folder`.
fn rust_files(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(folder).expect("readable folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

/// The module path of a file under `src/core` (`io/shapefile.rs` → `["io", "shapefile"]`, `io/mod.rs` →
/// `["io"]`).
fn module_path(file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(core_folder()).expect("under src/core");
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

/// The source without comments and without its `#[cfg(test)] mod tests` (tests may use anything).
fn code_of(text: &str) -> String {
    let without_tests = text
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or_default();
    without_tests
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The identifiers a path continues with after `at`: one, or each of a `{…}` group's first segments.
fn names_after(code: &str) -> Vec<String> {
    let ident = |text: &str| -> String {
        text.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    match code.strip_prefix('{') {
        Some(group) => {
            let inner = group.split('}').next().unwrap_or_default();
            inner.split(',').map(ident).collect()
        }
        None => vec![ident(code)],
    }
}

/// The top-level core modules a file's code refers to.
fn referenced_modules(file: &Path) -> BTreeSet<String> {
    let code = code_of(&std::fs::read_to_string(file).expect("readable source"));
    let own = module_path(file);
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("crate::core::") {
        found.extend(names_after(&code[at + "crate::core::".len()..]));
    }
    let mut rest = code.as_str();
    while let Some(at) = rest.find("super::") {
        let is_chained = at >= 2 && rest[..at].ends_with("::");
        let mut after = &rest[at..];
        let mut levels = 0;
        while let Some(next) = after.strip_prefix("super::") {
            levels += 1;
            after = next;
        }
        rest = after;
        if is_chained || levels > own.len() {
            continue;
        }
        let base = &own[..own.len() - levels];
        match base.first() {
            Some(top) => {
                found.insert(top.clone());
            }
            None => found.extend(names_after(after)),
        }
    }
    found.retain(|name| !name.is_empty());
    found
}

/// The graph of top-level modules: each module and the other modules it refers to.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&core_folder(), &mut files);
    let declared = declared_modules();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let Some(top) = module_path(&file).first().cloned() else {
            continue;
        };
        let edges = graph.entry(top.clone()).or_default();
        edges.extend(
            referenced_modules(&file)
                .into_iter()
                .filter(|name| *name != top && declared.contains(name)),
        );
    }
    graph
}

#[test]
fn every_core_module_is_in_one_tier_of_the_documented_list() {
    let tiers = tiers();
    let declared = declared_modules();
    let listed: BTreeSet<String> = tiers.keys().cloned().collect();
    assert_eq!(
        listed, declared,
        "src/core/mod.rs lists exactly the modules it declares"
    );
}

#[test]
fn core_modules_depend_only_on_their_own_tier_or_lower_ones() {
    let tiers = tiers();
    let mut upward = Vec::new();
    for (module, uses) in module_graph() {
        let Some(own) = tiers.get(&module) else {
            continue;
        };
        for used in uses {
            if tiers.get(&used).is_some_and(|tier| tier > own) {
                upward.push(format!(
                    "{module} (tier {own}) uses {used} (tier {})",
                    tiers[&used]
                ));
            }
        }
    }
    assert!(upward.is_empty(), "{upward:#?}");
}

#[test]
fn the_core_module_graph_has_no_cycle() {
    let graph = module_graph();
    // Kahn's algorithm: repeatedly remove modules that use nothing left; a cycle is what remains.
    let mut remaining = graph.clone();
    loop {
        let leaves: Vec<String> = remaining
            .iter()
            .filter(|(_, uses)| uses.iter().all(|used| !remaining.contains_key(used)))
            .map(|(module, _)| module.clone())
            .collect();
        if leaves.is_empty() {
            break;
        }
        for leaf in leaves {
            remaining.remove(&leaf);
        }
    }
    assert!(remaining.is_empty(), "modules in a cycle: {remaining:#?}");
}
