//! `mingshi receipt verify`: offline check that a receipt (or each receipt of an export,
//! one a line) is exactly what the server signed.

use mingshi_core::receipt::signature::{key_id, stored_message, verify};
use mingshi_core::receipt::Receipt;

use crate::Failure;

pub fn run(args: &[String]) -> Result<String, Failure> {
    match args.first().map(String::as_str) {
        Some("verify") => verify_cmd(&args[1..]),
        Some(other) => Err(Failure::usage(format!("unknown receipt command `{other}`"))),
        None => Err(Failure::usage("missing receipt command")),
    }
}

fn read(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::input(format!("cannot read {path}: {e}")))
}

fn verify_cmd(args: &[String]) -> Result<String, Failure> {
    let mut file = None;
    // The key, and where it came from for a message about it.
    let mut public_key: Option<(String, String)> = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--public-key" => {
                let pk = it
                    .next()
                    .ok_or_else(|| Failure::usage("--public-key needs a value"))?;
                public_key = Some((pk.clone(), format!("--public-key `{pk}`")));
            }
            "--key-file" => {
                let path = it
                    .next()
                    .ok_or_else(|| Failure::usage("--key-file needs a value"))?;
                let v: serde_json::Value = serde_json::from_str(&read(path)?)
                    .map_err(|e| Failure::input(format!("{path} is not JSON: {e}")))?;
                let pk = v["public_key"]
                    .as_str()
                    .ok_or_else(|| Failure::input(format!("{path} has no `public_key`")))?;
                public_key = Some((pk.to_string(), format!("the `public_key` of {path}")));
            }
            _ if file.is_none() => file = Some(a.clone()),
            _ => return Err(Failure::usage(format!("unexpected argument `{a}`"))),
        }
    }
    let file = file.ok_or_else(|| Failure::usage("missing FILE"))?;
    let (public_key, source) = public_key
        .ok_or_else(|| Failure::usage("give the server's key with --public-key or --key-file"))?;
    let text = read(&file)?;
    // One stored receipt (as GET /v1/receipts/{id} answers it), or an export (GET
    // /v1/export): one a line.
    let docs: Vec<(String, serde_json::Value)> = match serde_json::from_str(&text) {
        Ok(doc) => vec![(file.clone(), doc)],
        Err(_) if text.trim().lines().count() > 1 => text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                let place = format!("{file}:{}", i + 1);
                serde_json::from_str(line)
                    .map(|doc| (place.clone(), doc))
                    .map_err(|e| Failure::input(format!("{place}: not JSON: {e}")))
            })
            .collect::<Result<_, _>>()?,
        Err(e) => return Err(Failure::input(format!("{file} is not JSON: {e}"))),
    };
    let public_key = public_key.trim();
    if public_key.len() != 64 || !public_key.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(Failure::input(format!(
            "{source} is not an Ed25519 public key: 64 hex digits expected, as \
             /.well-known/mingshi-receipt-key gives it"
        )));
    }
    if let [(place, doc)] = docs.as_slice() {
        return verify_one(place, doc, public_key);
    }
    let mut failures = Vec::new();
    for (place, doc) in &docs {
        match verify_one(place, doc, public_key) {
            Ok(_) => {}
            // A receipt that does not verify: go on, to name every one.
            Err(f) if f.code == 1 => failures.push(format!("{place}: {}", f.message)),
            Err(f) => return Err(f),
        }
    }
    if failures.is_empty() {
        return Ok(format!(
            "OK: {} receipts in {file} are signed by key {}",
            docs.len(),
            key_id(public_key)
        ));
    }
    Err(Failure::check(format!(
        "{} of {} receipts in {file} do not verify:\n{}",
        failures.len(),
        docs.len(),
        failures.join("\n")
    )))
}

/// Verifies one stored receipt, `doc`, read from `place` (the file, or file:line).
fn verify_one(place: &str, doc: &serde_json::Value, public_key: &str) -> Result<String, Failure> {
    let signature = doc["signature"]
        .as_str()
        .ok_or_else(|| Failure::input(format!("{place} has no `signature`")))?;
    let receipt_json = doc
        .get("receipt")
        .ok_or_else(|| Failure::input(format!("{place} has no `receipt`")))?
        .to_string();
    let receipt =
        Receipt::from_stored(&receipt_json).map_err(|e| Failure::input(format!("{place}: {e}")))?;
    if let Some(kid) = doc["key_id"].as_str() {
        if kid != key_id(public_key) {
            return Err(Failure::check(format!(
                "receipt {} was signed by key {kid}, not by the key given ({})",
                receipt.receipt_id,
                key_id(public_key)
            )));
        }
    }
    let stored_at = doc["stored_at"]
        .as_i64()
        .ok_or_else(|| Failure::input(format!("{place} has no `stored_at` (a number)")))?;
    let message = stored_message(&receipt.to_canonical_json(), stored_at);
    verify(&message, signature, public_key)
        .map_err(|e| Failure::check(format!("receipt {}: {e}", receipt.receipt_id)))?;
    Ok(format!(
        "OK: receipt {} ({}, {} for policy {} version {}), stored at {stored_at}, is signed by key {}",
        receipt.receipt_id,
        receipt.action.as_str(),
        receipt.collection_method.as_str(),
        receipt.policy.id,
        receipt.policy.version,
        key_id(public_key)
    ))
}
