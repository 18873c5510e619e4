//! A small JSON reader and writer, so that the wasm bundle never needs serde_json.
//!
//! - [`parse`] reads any JSON text into a [`Value`], with errors that give line and column.
//! - [`fields::Fields`] reads objects field by field, with errors that name the path.
//! - [`Object`], [`write_str`] and [`write_i64`] write canonical JSON (sorted keys are the
//!   caller's job, no whitespace), as used for receipts and stored consent.
//!
//! Native code that already depends on serde_json (the server) may use it instead; data
//! that crosses into the browser goes through this module.

pub mod fields;
mod read;
mod write;

pub use read::{parse, string_of, strings, JsonError, Value};
pub use write::{str_array, write_i64, write_str, Object};
