//! `mingshi policy analyze | compile | lint`: the policy engine on files.

use std::fmt::Write;

use mingshi_core::json;
use mingshi_core::policy::{self, analyze_bytes, Format, Kind, Policy, PolicyError, Unit};

use crate::Failure;

pub fn run(args: &[String]) -> Result<String, Failure> {
    let (cmd, rest) = args
        .split_first()
        .ok_or_else(|| Failure::usage("missing policy command"))?;
    if !["analyze", "compile", "lint"].contains(&cmd.as_str()) {
        // Before reading the file: the mistake is the command, whatever the file holds.
        return Err(Failure::usage(format!("unknown policy command `{cmd}`")));
    }
    let mut file = None;
    let mut format = "jsonl".to_string();
    let mut output = None;
    let mut it = rest.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                format = it
                    .next()
                    .ok_or_else(|| Failure::usage("--format needs a value"))?
                    .clone()
            }
            "-o" | "--output" => {
                output = Some(
                    it.next()
                        .ok_or_else(|| Failure::usage("-o needs a file"))?
                        .clone(),
                )
            }
            _ if file.is_none() => file = Some(a.clone()),
            _ => return Err(Failure::usage(format!("unexpected argument `{a}`"))),
        }
    }
    let file = file.ok_or_else(|| Failure::usage("missing FILE"))?;
    let bytes =
        std::fs::read(&file).map_err(|e| Failure::input(format!("cannot read {file}: {e}")))?;
    let input_format = if file.ends_with(".html") || file.ends_with(".htm") {
        Format::Html
    } else if file.ends_with(".md") {
        Format::Markdown
    } else {
        Format::Auto
    };
    let policy = analyze_bytes(&bytes, input_format)
        .map_err(|e| Failure::input(format!("{file}: {e}{}", encoding_hint(&e, &bytes, &file))))?;
    match cmd.as_str() {
        "analyze" => match format.as_str() {
            "jsonl" => Ok(jsonl(&policy)),
            "json" => Ok(policy.to_compiled_json()),
            "text" => Ok(text(&policy)),
            other => Err(Failure::usage(format!(
                "unknown --format `{other}` (jsonl, json or text)"
            ))),
        },
        "compile" => {
            let out = output.ok_or_else(|| Failure::usage("compile needs -o OUTPUT.json"))?;
            let json = policy.to_compiled_json();
            std::fs::write(&out, &json)
                .map_err(|e| Failure::input(format!("cannot write {out}: {e}")))?;
            let languages: Vec<String> = policy
                .languages
                .iter()
                .map(|d| format!("{}: {} units", d.lang, d.units.len()))
                .collect();
            // The file's SHA-256, not the analysis's content hash: the one receipts name.
            Ok(format!(
                "wrote {out} ({} bytes): {}; sha256 {} (the text's SHA-256: every receipt \
                 names it, and `policy.sha256` may pin it)",
                json.len(),
                languages.join(", "),
                policy.source_sha256
            ))
        }
        // "lint", the one command left (checked above).
        _ => {
            let items = policy::lint(&policy);
            let mut out = String::new();
            for i in &items {
                let tags: Vec<&str> = i.tags.iter().map(|t| t.as_str()).collect();
                let _ = writeln!(
                    out,
                    "{file}:{}: key clause not in bold [{}]: {}",
                    i.line,
                    tags.join(", "),
                    i.text
                );
            }
            let _ = write!(out, "{} key clause(s) not marked bold", items.len());
            Ok(out)
        }
    }
}

/// For a file that is not UTF-8, what it likely is and how to convert it: a UTF-16 byte
/// order mark says so; otherwise a Chinese text is most likely GBK (GB 18030 covers it).
fn encoding_hint(e: &PolicyError, bytes: &[u8], file: &str) -> String {
    if !matches!(e, PolicyError::InvalidUtf8 { .. }) {
        return String::new();
    }
    let utf16 = bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]);
    let (what, from) = if utf16 {
        ("it is UTF-16;", "UTF-16")
    } else {
        ("saved as GBK?", "GB18030")
    };
    format!(" ({what} convert it: iconv -f {from} -t UTF-8 {file} > policy.txt)")
}

fn units(policy: &Policy) -> impl Iterator<Item = &Unit> {
    policy.languages.iter().flat_map(|d| d.units.iter())
}

/// One JSON object per unit in file order.
fn jsonl(policy: &Policy) -> String {
    let mut all: Vec<&Unit> = units(policy).collect();
    all.sort_by_key(|u| u.line);
    let mut out = String::new();
    for u in all {
        let mut tags = String::from("[");
        for (i, t) in u.tags.iter().enumerate() {
            if i > 0 {
                tags.push(',');
            }
            json::write_str(&mut tags, t.as_str());
        }
        tags.push(']');
        // Field order as documented: line, text, kind, key, tags.
        let mut o = String::from("{\"line\":");
        json::write_i64(&mut o, u.line as i64);
        o.push_str(",\"text\":");
        json::write_str(&mut o, &u.text);
        o.push_str(",\"kind\":");
        json::write_str(&mut o, u.kind.as_str());
        o.push_str(if u.key {
            ",\"key\":true"
        } else {
            ",\"key\":false"
        });
        o.push_str(",\"tags\":");
        o.push_str(&tags);
        o.push('}');
        out.push_str(&o);
        out.push('\n');
    }
    out.trim_end().to_string()
}

/// The policy in the terminal: headings underlined, key clauses bold with their tags.
fn text(policy: &Policy) -> String {
    let mut out = String::new();
    for d in &policy.languages {
        let _ = writeln!(
            out,
            "\x1b[1;4m{}\x1b[0m  ({}, version {})",
            d.title, d.lang, d.version
        );
        for u in &d.units {
            match u.kind {
                Kind::Heading => {
                    let _ = writeln!(
                        out,
                        "\n{}\x1b[1m{}\x1b[0m",
                        "  ".repeat(usize::from(u.level.saturating_sub(1))),
                        u.text
                    );
                }
                Kind::Toc => {
                    let _ = writeln!(out, "  · {}", u.text);
                }
                Kind::Meta => {
                    let _ = writeln!(out, "\x1b[2m{}\x1b[0m", u.text);
                }
                Kind::Sentence if u.key => {
                    let tags: Vec<&str> = u.tags.iter().map(|t| t.label(d.lang == "zh")).collect();
                    let _ = writeln!(
                        out,
                        "\x1b[1m{}\x1b[0m \x1b[33m[{}]\x1b[0m",
                        u.text,
                        tags.join(" · ")
                    );
                }
                Kind::Sentence => {
                    let _ = writeln!(out, "{}", u.text);
                }
            }
        }
    }
    out
}
