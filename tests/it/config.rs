//! `interview-bot config`: the merged configuration as a user sees it, each value with where it
//! came from, the token never shown, and a misspelt key named with its origin.

use crate::support::bin;

fn config_with(env: &[(&str, &str)], args: &[&str]) -> std::process::Output {
    let mut c = bin();
    for (k, v) in env {
        c.env(k, v);
    }
    c.args(args)
        .arg("config")
        .output()
        .expect("the binary runs")
}

/// The `key = value  # origin` line for `key`.
fn line_of<'a>(out: &'a str, key: &str) -> &'a str {
    out.lines()
        .find(|l| l.starts_with(&format!("{key} = ")))
        .unwrap_or_else(|| panic!("no {key} in:\n{out}"))
}

#[test]
fn config_prints_each_value_with_its_origin_and_redacts_the_token() {
    let out = config_with(
        &[
            ("DISCORD_TOKEN", "not.a.real.token"),
            ("INTERVIEW_BOT_SEARCH__RESULTS", "5"),
        ],
        &["--no-model"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!text.contains("not.a.real.token"), "{text}");
    let token = line_of(&text, "discord.token");
    assert!(
        token.contains("<redacted>") && token.contains("DISCORD_TOKEN"),
        "{token}"
    );
    let results = line_of(&text, "search.results");
    assert!(
        results.contains("= 5")
            && results.ends_with("environment variable INTERVIEW_BOT_SEARCH__RESULTS"),
        "{results}"
    );
    assert!(line_of(&text, "seeds_dir").ends_with("config/default.toml"));
    assert!(line_of(&text, "use_model").ends_with("command line"));
    assert!(line_of(&text, "search.bm25_share").contains("# config/"));
    assert!(line_of(&text, "discord.proxy_url").ends_with("built-in default"));
    assert!(text.contains("# model folder: none"), "{text}");
}

#[test]
fn a_misspelt_variable_is_an_error_naming_it() {
    let out = config_with(&[("INTERVIEW_BOT_SEED_DIR", "elsewhere")], &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("INTERVIEW_BOT_SEED_DIR") && err.contains("seeds_dir"),
        "{err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}
