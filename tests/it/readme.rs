//! The README stays true: every terminal command in its shell blocks runs, and every flag it
//! tells a reader to use is one that `--help` documents.

use std::collections::BTreeSet;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn readme() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("README.md")).expect("README.md is readable")
}

/// The lines of the README's ```sh blocks.
fn shell_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        let fence = line.trim_start().starts_with("```");
        if fence {
            inside = !inside && line.trim() == "```sh";
            continue;
        }
        if inside {
            out.push(line);
        }
    }
    out
}

/// The bot's arguments in a shell line that runs it (`interview-bot ...` or `cargo run --release
/// -- ...`), without a trailing comment.
fn bot_arguments(line: &str) -> Option<Vec<String>> {
    let words = shlex::split(line)?;
    let comment = words.iter().position(|w| w.starts_with('#'));
    let words = &words[..comment.unwrap_or(words.len())];
    match words {
        [first, rest @ ..] if first == "interview-bot" => Some(rest.to_vec()),
        [cargo, run, rest @ ..] if cargo == "cargo" && run == "run" => {
            let from = rest.iter().position(|w| w == "--")?;
            Some(rest[from + 1..].to_vec())
        }
        _ => None,
    }
}

use crate::support::bin as bot;

/// Commands that need a Discord token or the network: their flags are checked, not run.
fn runs_offline(args: &[String]) -> bool {
    let sub = args.iter().find(|a| !a.starts_with('-'));
    !matches!(sub.map(String::as_str), Some("serve" | "model"))
}

#[test]
fn the_readme_shows_commands_to_try() {
    let text = readme();
    let commands: Vec<Vec<String>> = shell_lines(&text)
        .into_iter()
        .filter_map(bot_arguments)
        .collect();
    assert!(
        commands.iter().filter(|c| runs_offline(c)).count() >= 5,
        "the README's shell blocks show fewer terminal commands than expected: {commands:?}"
    );
}

#[test]
fn every_terminal_command_in_the_readme_runs() {
    let text = readme();
    for args in shell_lines(&text).into_iter().filter_map(bot_arguments) {
        if !runs_offline(&args) {
            continue;
        }
        let out = bot().args(&args).output().expect("the bot runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "README command `interview-bot {}` failed: {stderr}",
            args.join(" ")
        );
        assert!(
            !out.stdout.is_empty(),
            "README command `interview-bot {}` printed nothing",
            args.join(" ")
        );
    }
}

/// Every `--help` text the binary has: the top level and each subcommand.
fn all_help() -> String {
    let mut help = String::new();
    for args in [
        vec!["--help"],
        vec!["ask", "--help"],
        vec!["quote", "--help"],
        vec!["sources", "--help"],
        vec!["chat", "--help"],
        vec!["eval", "--help"],
        vec!["serve", "--help"],
        vec!["model", "fetch", "--help"],
    ] {
        let out = bot().args(&args).output().expect("the bot runs");
        assert!(out.status.success(), "`{}` failed", args.join(" "));
        help.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    help
}

/// Flags in the README's bot commands and in its inline code that starts with one (`--seeds DIR`)
/// or names a subcommand (`ask --explain`).
fn flags_in(text: &str) -> BTreeSet<String> {
    let mut lines: Vec<String> = shell_lines(text)
        .into_iter()
        .filter_map(bot_arguments)
        .map(|a| a.join(" "))
        .collect();
    for (i, span) in text.split('`').enumerate() {
        let code = i % 2 == 1;
        let subcommand = [
            "ask ",
            "quote ",
            "sources ",
            "chat ",
            "eval ",
            "interview-bot ",
        ]
        .iter()
        .any(|s| span.starts_with(s));
        if code && (span.starts_with('-') || subcommand) {
            lines.push(span.to_string());
        }
    }
    let mut flags = BTreeSet::new();
    for line in lines {
        for word in line.split_whitespace() {
            let flag = word.trim_end_matches([',', '.', ')']);
            let long = flag.starts_with("--") && flag.len() > 2;
            let short = flag.len() == 2 && flag.starts_with('-') && flag != "--";
            if (long || short) && flag[1..].chars().all(|c| c == '-' || c.is_alphanumeric()) {
                flags.insert(flag.to_string());
            }
        }
    }
    flags
}

#[test]
fn every_flag_the_readme_uses_is_documented_by_help() {
    let text = readme();
    let flags = flags_in(&text);
    assert!(
        flags.contains("--json") && flags.contains("--seeds"),
        "flags were not found in the README: {flags:?}"
    );
    let help = all_help();
    let missing: Vec<&String> = flags
        .iter()
        .filter(|f| {
            !help
                .split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == ']')
                .any(|w| w == f.as_str())
        })
        .collect();
    assert!(
        missing.is_empty(),
        "the README uses flags that --help does not document: {missing:?}"
    );
}

#[test]
fn a_flag_that_does_not_exist_is_caught() {
    // The check above must be able to fail: a made-up flag is not in the help.
    let flags =
        flags_in("Try `ask --no-such-flag` and:\n```sh\ninterview-bot ask x --bogus\n```\n");
    assert!(flags.contains("--no-such-flag") && flags.contains("--bogus"));
    let help = all_help();
    assert!(!help.contains("--no-such-flag") && !help.contains("--bogus"));
}
