//! `mingshi-server`: the receipts server binary. Options are parsed here; everything else is
//! in the library.

use std::process::ExitCode;

use mingshi_server::config::Config;

#[tokio::main]
async fn main() -> ExitCode {
    let config = match Config::from_args(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("mingshi-server: {e}\n\n{}", mingshi_server::config::USAGE);
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
