//! `mingshi-server`: the receipts server binary. Options are parsed here; everything else is
//! in the library.

use std::io::Write;
use std::process::ExitCode;

use mingshi_server::config::{Command, Config, USAGE};

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(Command::Run(c)) => *c,
        Ok(Command::Help) => {
            // A reader that stops early (`| head`) is no error; println! would panic.
            let _ = writeln!(std::io::stdout(), "{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("mingshi-server: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match mingshi_server::run(config).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mingshi-server: {e}");
            ExitCode::FAILURE
        }
    }
}
