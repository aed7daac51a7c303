//! `interview-bot`: command-line entry point. Parses arguments, sets up logging, and hands over
//! to the library.

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use interview_bot::app::{self, ModelChoice, Overrides};
use interview_bot::config::Config;
use interview_bot::search::{AskQuery, Engine, QuoteQuery};
use interview_bot::terminal::{self, Style};
use interview_bot::wording::Asked;

/// Answers questions about a folder of interview articles, in a terminal or on Discord.
#[derive(Parser, Debug)]
#[command(name = "interview-bot", version, about, long_about = None)]
struct Cli {
    /// Folder of articles (*.txt), instead of `seeds_dir` from config.
    #[arg(long, global = true, value_name = "DIR")]
    seeds: Option<PathBuf>,
    /// Config file or folder of *.toml files (default: config/).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Sentence-embedding model folder (default: config `model_dir`, INTERVIEW_BOT_MODEL_DIR, or
    /// the folder scripts/fetch-model.sh fills).
    #[arg(long, global = true, value_name = "DIR", conflicts_with = "no_model")]
    model: Option<PathBuf>,
    /// Keep the index on disk here and reopen it while the articles are unchanged (large
    /// corpora); default: config `index_dir`, or in RAM.
    #[arg(long, global = true, value_name = "DIR")]
    index_dir: Option<PathBuf>,
    /// Rank by words only, even if a model is available.
    #[arg(long, global = true)]
    no_model: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Answer a question with the best matching passage.
    Ask {
        /// The question, in plain words.
        question: String,
        /// An earlier question of the same conversation (repeat, oldest first).
        #[arg(long = "history", value_name = "EARLIER")]
        history: Vec<String>,
        /// How many results (the best one, then alternatives).
        #[arg(short = 'k', long = "results", value_name = "N")]
        k: Option<usize>,
        /// Print JSON: {"answered": bool, "results": [{"text", "question", "answer", "speaker",
        /// "section"?, "kind": "exchange" | "prose", "source": {"file", "title", "outlet", "date",
        /// "url"}, "score"}], "suggestions"?, "no_answer"?: {"reason": "empty" |
        /// "no_searchable_words" | "not_covered"}, "notice"?, "truncated"?, "close_call"? (the two
        /// best scores within 10%)} (? = only when it applies).
        #[arg(long)]
        json: bool,
        /// Print every candidate the ranking weighed, with its features (BM25, coverage, the
        /// model's similarity...), as JSON: for looking into a ranking.
        #[arg(long)]
        explain: bool,
    },
    /// Find a verbatim quote about a topic.
    Quote {
        /// What the quote is about, in plain words.
        topic: String,
        /// Only quotes by this person (full name, surname, or a spelling the articles use).
        #[arg(long)]
        speaker: Option<String>,
        /// How many quotes (the best one, then alternatives).
        #[arg(short = 'k', long = "results", value_name = "N")]
        k: Option<usize>,
        /// Print JSON, as `ask --json` does ("speaker" is who said it); "no_answer" may also be
        /// {"reason": "unknown_speaker", "typed", "quoted"} or {"reason": "no_quote", "speaker"}.
        #[arg(long)]
        json: bool,
    },
    /// List the indexed articles with their metadata and counts.
    Sources {
        /// Print JSON: {"model", "articles": [{"source", "interviewee", "passages", "quotes"}]}.
        #[arg(long)]
        json: bool,
    },
    /// An interactive conversation: each question is a follow-up of the ones before
    /// (`/new` starts over, `/quote TOPIC` finds a quote, `/quit` leaves).
    Chat,
    /// Measure answer quality on evaluation cases (JSONL): top-1, hit@3 and MRR per kind, and
    /// how well the bot declines what the articles don't cover.
    Eval {
        /// Case files (JSONL: id, command, query, history, expect_any or expect "no_answer").
        #[arg(required = true, value_name = "CASES")]
        cases: Vec<PathBuf>,
        /// Also run each file with every ranking lever switched off in turn.
        #[arg(long)]
        ablate: bool,
        /// Print every case that fails, with what was shown instead.
        #[arg(long)]
        verbose: bool,
    },
    /// Run the Discord bot (needs DISCORD_TOKEN; see .env.example).
    Serve {
        /// Run only these shards, FIRST-LAST (or one number), so that a large bot runs as
        /// several processes; every process shares the articles and the vote database
        /// (DATABASE_URL). Needs --total-shards. Also `discord.shards` / DISCORD_SHARDS.
        #[arg(long, value_name = "FIRST-LAST")]
        shards: Option<String>,
        /// How many shards the whole bot has. Alone: this process runs all of them.
        /// Also `discord.total_shards` / DISCORD_TOTAL_SHARDS.
        #[arg(long, value_name = "N")]
        total_shards: Option<u32>,
    },
    /// What users' 👍 and 👎 say: counts per article and per week, and the most down-voted
    /// questions (`feedback export`: those questions as evaluation cases, JSONL).
    Feedback {
        #[command(subcommand)]
        action: Option<FeedbackAction>,
    },
    /// Print the merged configuration, each value with where it came from (a built-in default,
    /// a config file, an environment variable or a flag); the token redacted.
    Config,
    /// Manage the sentence-embedding model.
    Model {
        #[command(subcommand)]
        action: ModelAction,
    },
}

#[derive(Subcommand, Debug)]
enum FeedbackAction {
    /// Print the down-voted questions as evaluation cases (JSONL, the `eval` format), each with
    /// the passage users turned down; fill in "expect_any" and add them to an evaluation set.
    Export,
}

#[derive(Subcommand, Debug)]
enum ModelAction {
    /// Download sentence-transformers/all-MiniLM-L6-v2 from the Hugging Face hub.
    Fetch {
        /// Where to put it (default: the cache folder the bot looks in).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// `interview-bot feedback [export]`: the votes, summed up or as evaluation cases.
fn feedback(config: &Config, export: bool, out: &mut impl Write) -> anyhow::Result<()> {
    use interview_bot::feedback::{export_cases, Summary};
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    // Reading needs no key: voters are only hashed when a vote is written.
    let votes = runtime.block_on(async {
        let store = config.feedback.open("").await?;
        let votes = store.votes().await;
        store.close().await;
        votes
    })?;
    if export {
        for case in export_cases(&votes) {
            writeln!(out, "{}", serde_json::to_string(&case)?)?;
        }
        return Ok(());
    }
    let s = Summary::of(&votes);
    if votes.is_empty() {
        writeln!(out, "No votes yet.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{} votes: {} 👍, {} 👎",
        votes.len(),
        s.total.up,
        s.total.down
    )?;
    writeln!(out, "\nPer article (👍 / 👎):")?;
    for (file, t) in &s.by_article {
        let name = file.as_deref().unwrap_or("(passage not recorded)");
        writeln!(out, "  {:>4} / {:<4} {name}", t.up, t.down)?;
    }
    writeln!(out, "\nPer week (👍 / 👎):")?;
    for (week, t) in &s.by_week {
        writeln!(out, "  {:>4} / {:<4} week of {week}", t.up, t.down)?;
    }
    if !s.most_down.is_empty() {
        writeln!(out, "\nMost down-voted questions:")?;
        for (q, n) in &s.most_down {
            writeln!(out, "  {n:>4}  {q}")?;
        }
    }
    Ok(())
}

/// `interview-bot config`: one `key = value  # origin` line per key, in TOML's dotted form,
/// then the model folder the bot would load.
fn print_config(overrides: &Overrides, out: &mut impl Write) -> anyhow::Result<()> {
    let loaded = app::load_layers(overrides)?;
    let origins = loaded.origins();
    let width = origins
        .iter()
        .map(|o| o.key.len() + o.value.len() + 3)
        .max()
        .unwrap_or(0)
        .min(60);
    for o in &origins {
        let line = format!("{} = {}", o.key, o.value);
        writeln!(out, "{line:width$}  # {}", o.from)?;
    }
    let model = match loaded.config.model_folder() {
        Some(dir) => dir.display().to_string(),
        None => "none: answers are ranked by words alone".into(),
    };
    writeln!(out, "# model folder: {model}")?;
    Ok(())
}

fn eval(engine: &mut Engine, files: &[PathBuf], ablate: bool, verbose: bool) -> anyhow::Result<()> {
    use interview_bot::eval;
    let mut stdout = std::io::stdout().lock();
    for file in files {
        let cases = eval::load_cases(file)?;
        let report = eval::evaluate(engine, &cases, |case, outcome| {
            if verbose && !outcome.passed {
                println!(
                    "FAIL {} [{}] {:?} (rank {:?}): {}",
                    case.id,
                    case.kind(),
                    case.query,
                    outcome.rank,
                    outcome.shown
                );
            }
        });
        let name = file.display().to_string();
        write!(stdout, "{}", eval::render(&name, &report))?;
        if ablate {
            write!(stdout, "{}", eval::ablation(engine, &cases))?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    // A missing .env is normal; a malformed one is worth saying.
    if let Err(e) = dotenvy::dotenv() {
        if !e.not_found() {
            eprintln!("warning: ignoring .env: {e}");
        }
    }
    let cli = Cli::parse();
    let default_level = if matches!(cli.command, Command::Serve { .. }) {
        "info"
    } else {
        "warn"
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default_level)),
        )
        .with_writer(std::io::stderr)
        // Colour codes only help a person at a terminal; in a service's log file they are noise.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let overrides = Overrides {
        config: cli.config.clone(),
        seeds: cli.seeds.clone(),
        index_dir: cli.index_dir.clone(),
        model: match (&cli.model, cli.no_model) {
            (Some(d), _) => ModelChoice::Dir(d.clone()),
            (None, true) => ModelChoice::Off,
            (None, false) => ModelChoice::Auto,
        },
        shards: match &cli.command {
            Command::Serve { shards, .. } => shards.clone(),
            _ => None,
        },
        total_shards: match &cli.command {
            Command::Serve { total_shards, .. } => *total_shards,
            _ => None,
        },
    };
    if let Command::Model {
        action: ModelAction::Fetch { dir },
    } = &cli.command
    {
        let path = match dir {
            Some(d) => interview_bot::embed::fetch_model(d)?,
            None => interview_bot::embed::fetch_default_model()?,
        };
        println!("{}", path.display());
        return Ok(());
    }
    if let Command::Config = cli.command {
        return print_config(&overrides, &mut std::io::stdout().lock());
    }
    if let Command::Feedback { action } = &cli.command {
        let config = app::load_config(&overrides)?;
        return feedback(&config, action.is_some(), &mut std::io::stdout().lock());
    }
    let config = app::load_config(&overrides)?;
    if let Command::Serve { .. } = cli.command {
        return interview_bot::discord::serve(config);
    }
    let mut engine = app::build_engine(config)?;
    if let Command::Eval {
        cases,
        ablate,
        verbose,
    } = &cli.command
    {
        return eval(&mut engine, cases, *ablate, *verbose);
    }
    let style = Style {
        ansi: std::io::stdout().is_terminal(),
    };
    let mut stdout = std::io::stdout().lock();
    match cli.command {
        Command::Ask {
            question,
            history,
            k,
            json,
            explain,
        } => {
            let query = AskQuery {
                question: &question,
                history: &history,
                limit: k.unwrap_or(0),
            };
            if explain {
                writeln!(
                    stdout,
                    "{}",
                    serde_json::to_string(&engine.explain(&query))?
                )?;
                return Ok(());
            }
            let answer = engine.ask(&query);
            if json {
                let v = terminal::answer_json(&answer, Asked::Question);
                writeln!(stdout, "{}", serde_json::to_string_pretty(&v)?)?;
            } else {
                write!(
                    stdout,
                    "{}",
                    terminal::render_answer(&answer, Asked::Question, style)
                )?;
            }
        }
        Command::Quote {
            topic,
            speaker,
            k,
            json,
        } => {
            let answer = engine.quote(&QuoteQuery {
                topic: &topic,
                speaker: speaker.as_deref(),
                limit: k.unwrap_or(0),
            });
            if json {
                let v = terminal::answer_json(&answer, Asked::QuoteTopic);
                writeln!(stdout, "{}", serde_json::to_string_pretty(&v)?)?;
            } else {
                write!(
                    stdout,
                    "{}",
                    terminal::render_answer(&answer, Asked::QuoteTopic, style)
                )?;
            }
        }
        Command::Sources { json } => {
            let sources = engine.sources();
            if json {
                let v = serde_json::json!({ "model": engine.model_name(), "articles": sources });
                writeln!(stdout, "{}", serde_json::to_string_pretty(&v)?)?;
            } else {
                write!(
                    stdout,
                    "{}",
                    terminal::render_sources(&sources, engine.model_name())
                )?;
            }
        }
        Command::Chat => {
            drop(stdout);
            chat(&engine, style)?;
        }
        Command::Serve { .. }
        | Command::Config
        | Command::Feedback { .. }
        | Command::Model { .. }
        | Command::Eval { .. } => {
            unreachable!("handled above")
        }
    }
    std::io::stdout().flush()?;
    // The answer is out: freeing a large corpus piece by piece would only delay the exit (about
    // a tenth of a second at 10,000 articles), and the OS takes the memory back at once.
    std::mem::forget(engine);
    Ok(())
}

/// A conversation in the terminal, like a Discord thread: each question is asked with the ones
/// before it as context.
fn chat(engine: &Engine, style: Style) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let mut out = std::io::stdout();
    if interactive {
        writeln!(
            out,
            "Ask about the interviews. Follow-up questions use the conversation so far."
        )?;
        writeln!(
            out,
            "/new starts over, /quote TOPIC finds a quote, /quit leaves."
        )?;
    }
    let mut history: Vec<String> = Vec::new();
    let mut lines = stdin.lock().lines();
    loop {
        if interactive {
            write!(out, "\n> ")?;
            out.flush()?;
        }
        let Some(line) = lines.next() else { break };
        let line = line.context("cannot read from the terminal")?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match line {
            "/quit" | "/exit" => break,
            "/new" => {
                history.clear();
                writeln!(out, "(new conversation)")?;
                continue;
            }
            _ => {}
        }
        if let Some(topic) = line.strip_prefix("/quote") {
            let (topic, speaker) = match topic.split_once("--speaker") {
                Some((t, s)) => (t.trim(), Some(s.trim())),
                None => (topic.trim(), None),
            };
            let answer = engine.quote(&QuoteQuery {
                topic,
                speaker,
                limit: 0,
            });
            writeln!(
                out,
                "{}",
                terminal::render_answer(&answer, Asked::QuoteTopic, style)
            )?;
            continue;
        }
        let answer = engine.ask(&AskQuery {
            question: line,
            history: &history,
            limit: 0,
        });
        writeln!(
            out,
            "{}",
            terminal::render_answer(&answer, Asked::Question, style)
        )?;
        history.push(line.to_string());
    }
    Ok(())
}
