//! The command line works inside a network namespace with no interfaces (`tests/no_network.sh`). Runs only
//! where `unshare -n` is permitted (root on Linux, as in CI); elsewhere it says so and passes.

use std::path::Path;
use std::process::Command;

fn unshare_works() -> bool {
    Command::new("unshare")
        .args(["-n", "true"])
        .output()
        .is_ok_and(|output| output.status.success())
}

#[test]
fn the_command_line_works_without_a_network() {
    if !cfg!(target_os = "linux") || !unshare_works() {
        eprintln!("skipped: unshare -n is not permitted here");
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/no_network.sh");
    let output = Command::new("bash")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_hpatlas"))
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "no_network.sh failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("everything works without a network"),
        "{stdout}"
    );
}
