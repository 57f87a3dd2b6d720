//! `kiezwerk`: the server binary. Its subcommands are in [`kiezwerk::cli`].

#[tokio::main]
async fn main() -> std::process::ExitCode {
    match kiezwerk::cli::run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("kiezwerk: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
