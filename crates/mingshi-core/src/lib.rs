//! Mingshi core: everything that is pure logic, with no web or I/O dependencies.
//!
//! - [`policy`]: parsing privacy policies into a document model and finding key clauses.
//! - [`consent`]: the consent model and its rules (what to ask, when, what was decided).
//! - [`receipt`]: the consent-receipt schema, its canonical JSON form and validation.
//! - [`hash`]: SHA-256 helpers shared by the above.
//! - [`flags`]: granted-or-not per id, the shape of every decision.
//!
//! The wasm component (`mingshi`), the receipts server and the command-line tool are thin
//! shells that do I/O around these modules.

pub mod consent;
pub mod flags;
pub mod hash;
pub mod json;
pub mod policy;
pub mod receipt;
/// Substring search for short needles (faster than `str::find` in WebAssembly) and other
/// small string helpers.
pub mod text;
