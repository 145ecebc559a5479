//! The layering of DESIGN.md, checked on the source: value types at the bottom, then
//! `picture`, `users` and `store` (siblings that never import each other, and never see
//! flags, settings or the terminal), `input` and `jail` on `picture`, then `workflow`, then
//! `commands` (which never see the clap tree), then the edges (`settings`, `cli`,
//! `output`, `dispatch`, `main`); and no import circles between top-level modules.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level modules each module of `src/` refers to (`crate::NAME`).
fn references() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).unwrap();
            let top = relative
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy()
                .trim_end_matches(".rs")
                .to_owned();
            if top == "bin" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests may reach across layers to build their fixtures.
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let refs = graph.entry(top.clone()).or_default();
            for (i, _) in code.match_indices("crate::") {
                let name: String = code[i + 7..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != top {
                    refs.insert(name);
                }
            }
        }
    }
    graph
}

#[test]
fn lower_layers_never_import_the_edges_and_there_are_no_circles() {
    let graph = references();
    let edges = ["settings", "cli", "output", "commands", "dispatch", "main"];
    // Layer 2 is three siblings that never import each other: `picture` knows pixels,
    // `users` the database, `store` keys and bytes; `input` (reading the files given)
    // sits on `picture`; `workflow` (the orders of effects, the key scheme) on all of
    // them.
    // `jail` (running the pipeline in a confined child) sits on `picture` alone.
    // `peer` (asking a server at a wrong port what it is) sits beside `values`, under
    // `users` and `store`, which both ask.
    let rules: [(&str, &[&str]); 9] = [
        (
            "values",
            &["picture", "store", "users", "input", "workflow", "jail"],
        ),
        (
            "peer",
            &["picture", "store", "users", "input", "workflow", "jail"],
        ),
        ("picture", &["store", "users", "input", "workflow", "jail"]),
        ("users", &["picture", "store", "input", "workflow", "jail"]),
        ("store", &["picture", "users", "input", "workflow", "jail"]),
        ("input", &["users", "store", "workflow", "jail"]),
        ("jail", &["users", "store", "input", "workflow"]),
        ("workflow", &[]),
        // `commands` gets its options resolved (`settings`) and never sees the clap tree:
        // `dispatch` is the one module that knows both.
        ("commands", &[]),
    ];
    for (module, also_forbidden) in rules {
        let refs = graph.get(module).cloned().unwrap_or_default();
        let forbidden: Vec<&str> = match module {
            "commands" => vec!["cli", "dispatch", "main"],
            _ => edges.iter().chain(also_forbidden).copied().collect(),
        };
        for forbidden in forbidden {
            assert!(
                !refs.contains(forbidden),
                "{module} imports {forbidden}, a layer above it"
            );
        }
    }
    // No circles: a depth-first search over the top-level modules.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(at) = path.iter().position(|n| n == node) {
            panic!("import circle: {} -> {node}", path[at..].join(" -> "));
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(node.to_owned());
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
}
