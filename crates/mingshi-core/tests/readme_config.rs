//! The README's configuration reference matches the real schema: its example parses, and
//! the table lists exactly the example's fields. And its receipts section says how each
//! `collection_method` the core records is given.

use std::collections::BTreeSet;

use mingshi_core::consent::{decide, Choice, Config, Context};
use mingshi_core::json::{parse, Value};
use mingshi_core::receipt::CollectionMethod;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap()
}

/// Field paths of a JSON value; array items as `name[]`, free-form maps stop at the map.
fn paths(v: &Value, prefix: &str, out: &mut BTreeSet<String>) {
    let Some(members) = v.as_object() else { return };
    for (k, child) in members {
        let p = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        // Maps whose keys are data, not fields.
        let free = matches!(p.as_str(), "strings" | "receipts.headers" | "beacons")
            || p.ends_with(".title")
            || p.ends_with(".description")
            || p.ends_with(".purpose")
            || p.ends_with(".text");
        out.insert(p.clone());
        if free {
            continue;
        }
        match child {
            Value::Arr(items) => {
                for item in items {
                    paths(item, &format!("{p}[]"), out);
                }
            }
            _ => paths(child, &p, out),
        }
    }
}

#[test]
fn the_readme_example_parses_and_the_table_lists_its_fields() {
    let text = readme();
    let start = text.find("```json\n").expect("README has a JSON example") + 8;
    let end = start + text[start..].find("```").unwrap();
    let example = &text[start..end];
    Config::from_json(example).unwrap_or_else(|e| panic!("README example does not parse: {e:?}"));

    let mut fields = BTreeSet::new();
    paths(&parse(example).unwrap(), "", &mut fields);
    let table_start = text.find("## Configuration reference").unwrap();
    let table = &text[table_start..start];
    // Every leaf field of the example appears in the table (as `path` or as `.name` after its parent).
    for f in &fields {
        let leaf = f.rsplit('.').next().unwrap().trim_end_matches("[]");
        let parent_has_children = fields
            .iter()
            .any(|g| g.starts_with(&format!("{f}.")) || g.starts_with(&format!("{f}[].")));
        if parent_has_children {
            continue;
        }
        assert!(
            table.contains(&format!("`{f}`"))
                || table.contains(&format!("`.{leaf}`"))
                || table.contains(&format!(".{leaf}`"))
                || table.contains(&format!("`{f}`")),
            "README table does not document `{f}`"
        );
    }
    // Every path in the table's first column is a field of the example (so of the schema).
    for row in table.lines().filter(|l| l.starts_with("| `")) {
        let first = row.split('|').nth(1).unwrap();
        let known = |code: &str| {
            let name = code.trim_start_matches('.');
            fields.iter().any(|f| {
                f == code
                    || f.ends_with(&format!(".{name}"))
                    || f.ends_with(&format!("[].{name}"))
                    || f == name
            })
        };
        let codes: Vec<&str> = first.split('`').skip(1).step_by(2).collect();
        if first.contains(" / ") {
            // Alternatives ("exactly one of"): the example uses one of them.
            assert!(
                codes.iter().any(|c| known(c)),
                "README alternatives {codes:?}: none is in the example"
            );
        } else {
            for code in codes {
                assert!(
                    known(code),
                    "README table documents `{code}`, which the example does not use"
                );
            }
        }
    }
}

/// The README's `collection_method` paragraph names every method, each with what gives it,
/// and says nothing is left unsent: a withdrawal, whatever asked for it, is recorded as
/// `withdrawal` (the README once said the component never sent it).
#[test]
fn the_readme_says_how_each_collection_method_is_given() {
    let text = readme();
    let start = text
        .find("`collection_method` says how")
        .expect("README describes collection_method");
    let end = start + text[start..].find("\n- ").expect("the paragraph ends");
    let paragraph = text[start..end].replace("\n  ", " ");
    for method in [
        CollectionMethod::FirstRunDialog,
        CollectionMethod::ReConsent,
        CollectionMethod::PreferenceCentre,
        CollectionMethod::Api,
        CollectionMethod::Withdrawal,
        CollectionMethod::Placeholder,
    ] {
        let named = format!("`{}`", method.as_str());
        assert!(
            paragraph.contains(&named),
            "README lacks {named}: {paragraph}"
        );
    }
    assert!(
        !paragraph.contains("does not send"),
        "README says the component does not send a method: {paragraph}"
    );
    let config = Config::from_json(
        r#"{"policy":{"version":"1","url":"/p.txt"},"controller":{"name":"x","contact":"y"}}"#,
    )
    .unwrap();
    let ctx = Context {
        now: 1,
        policy_sha256: "",
        language: "zh-CN",
        new_subject_id: "s",
        gpc: false,
        method: CollectionMethod::Api,
    };
    let withdrawn = decide(&config, None, Choice::Withdraw, &ctx);
    assert_eq!(withdrawn.method, CollectionMethod::Withdrawal);
    assert!(paragraph.contains("`withdrawal` (every withdrawal, `withdraw()`"));
}
