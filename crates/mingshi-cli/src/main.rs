//! `mingshi`: the native command-line tool.
//!
//!     mingshi policy analyze FILE [--format jsonl|json|text]
//!     mingshi policy compile FILE -o policy.json
//!     mingshi policy lint FILE
//!     mingshi receipt verify FILE (--public-key HEX | --key-file KEY.json)
//!
//! Exit codes: 0 success, 1 the check failed (e.g. a bad signature), 2 bad usage or input.

mod policy;
mod receipt;

use std::io::Write;
use std::process::ExitCode;

const USAGE: &str = "usage:
  mingshi policy analyze FILE [--format jsonl|json|text]
      One JSON object per unit (heading, sentence, toc, meta) with its key flag and tags;
      json: the whole analysis; text: the policy with key clauses in bold.
  mingshi policy compile FILE -o policy.json
      The compact precompiled form the browser loads instead of parsing at run time.
  mingshi policy lint FILE
      Key clauses the source markup did not mark bold.
  mingshi receipt verify FILE (--public-key HEX | --key-file FILE)
      Checks a stored receipt (as GET /v1/receipts/{id} returns it), or an export of them
      (GET /v1/export, one a line), against the server's public key (hex, or the JSON of
      /.well-known/mingshi-receipt-key).";

/// A failure, its exit code, and whether the usage follows its message.
pub struct Failure {
    pub code: u8,
    pub message: String,
    pub show_usage: bool,
}

impl Failure {
    /// The command line is wrong (exit 2): the message, then the usage.
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            message: message.into(),
            show_usage: true,
        }
    }

    /// An input file is wrong or missing (exit 2): only the message, which names it.
    pub fn input(message: impl Into<String>) -> Failure {
        Failure {
            show_usage: false,
            ..Failure::usage(message)
        }
    }

    /// The check failed (exit 1), e.g. a bad signature.
    pub fn check(message: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            message: message.into(),
            show_usage: false,
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `-h`/`--help` anywhere (`mingshi receipt verify --help`) asks for the usage.
    let help = args.iter().any(|a| a == "-h" || a == "--help");
    let result = match args.first().map(String::as_str) {
        _ if help => Ok(USAGE.to_string()),
        None => Ok(USAGE.to_string()),
        Some("policy") => policy::run(&args[1..]),
        Some("receipt") => receipt::run(&args[1..]),
        Some(other) => Err(Failure::usage(format!("unknown command `{other}`"))),
    };
    match result {
        Ok(out) => print(&out),
        Err(f) => {
            // Like stdout in `print`: a closed stderr must not turn an error into a panic.
            let mut stderr = std::io::stderr().lock();
            let _ = writeln!(stderr, "mingshi: {}", f.message);
            if f.show_usage {
                let _ = writeln!(stderr, "\n{USAGE}");
            }
            ExitCode::from(f.code)
        }
    }
}

/// Prints `out` and a newline. A reader that stops early (`mingshi policy analyze F | head`)
/// is not an error: `println!` would panic on the closed pipe.
fn print(out: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{out}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            let _ = writeln!(std::io::stderr(), "mingshi: cannot write the output: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}
