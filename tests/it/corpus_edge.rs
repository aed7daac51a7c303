//! Hostile corpus folders: each edge case sits next to the five seeds, must be loaded or skipped
//! with a message naming the file, and the seeds must still be served (the Peabody question is
//! answered from its article).
//!
//! tests/corpus.rs covers the small bad files (bad UTF-8, empty, a short binary, a directory,
//! a two-link loop); these are the large, numerous and strange ones.

use std::path::Path;

use interview_bot::app::build_engine;
use interview_bot::corpus::{CorpusWarning, MAX_PASSAGE_CHARS};
use interview_bot::search::{AskQuery, Engine};
use interview_bot::synth::Rng;

const PEABODY_ARTICLE: &str = "001_b55949e5afad05ef.txt";

use crate::support::{root, seeds_copy as with_seeds};

/// The engine over `dir`, words only, as the binary builds it.
fn serve(dir: &Path) -> Engine {
    build_engine(crate::support::words_config(dir)).expect("engine")
}

/// The seeds are still served: the awards question gets the Peabody passage of its article.
fn assert_seeds_served(e: &Engine) {
    for seed in std::fs::read_dir(root().join("seeds")).unwrap() {
        let name = seed.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            e.corpus().articles.iter().any(|a| a.source.file == name),
            "seed {name} is not served"
        );
    }
    let a = e.ask(&AskQuery {
        question: "Which awards did Jessica Jones win?",
        ..AskQuery::default()
    });
    assert!(a.answered, "{a:?}");
    let top = &a.results[0];
    assert!(top.text.contains("Peabody Award"), "{}", top.text);
    assert_eq!(top.source.file, PEABODY_ARTICLE);
}

/// The warning for `file`, whose text must name the file.
fn warning_for<'a>(e: &'a Engine, file: &str) -> &'a CorpusWarning {
    let w = e
        .corpus()
        .warnings
        .iter()
        .find(|w| w.file.file_name().is_some_and(|n| n == file))
        .unwrap_or_else(|| panic!("no warning for {file}: {:?}", e.corpus().warnings));
    assert!(w.to_string().contains(file), "{w}");
    w
}

const WORDS: &[&str] = &[
    "the",
    "writers",
    "room",
    "season",
    "character",
    "story",
    "camera",
    "scene",
    "actor",
    "episode",
    "director",
    "production",
    "night",
    "city",
    "light",
    "moment",
    "felt",
    "shot",
    "between",
    "quietly",
    "every",
    "after",
    "morning",
    "rehearsal",
    "crew",
    "edit",
    "music",
    "costume",
    "street",
    "window",
    "silence",
    "script",
    "draft",
    "notes",
    "trust",
    "anger",
    "detective",
    "apartment",
    "memory",
    "family",
    "friend",
    "choice",
    "truth",
    "pressure",
];

/// One sentence of `n` words from the generator, capitalised, ending in a period.
fn sentence(rng: &mut Rng, out: &mut String) {
    let n = 8 + rng.below(18);
    for i in 0..n {
        let w = WORDS[rng.zipf(WORDS.len())];
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                out.extend(f.to_uppercase());
                out.push_str(c.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(w);
        }
    }
    out.push('.');
}

/// About `bytes` of article: prose paragraphs, interview exchanges, quotes with attributions,
/// captions and credits, in the proportions of the seeds, about topics the seeds never mention.
fn big_article(bytes: usize) -> String {
    let mut rng = Rng::new(50);
    let mut out = String::with_capacity(bytes + 4096);
    out.push_str("A Very Long Oral History of the Production\n\nMarch 3, 2019\n\n");
    while out.len() < bytes {
        match rng.below(10) {
            0 => out.push_str("Image via Netflix\n\n"),
            1 => {
                out.push_str("Q: ");
                sentence(&mut rng, &mut out);
                out.pop();
                out.push_str("?\n\nROSENBERG: ");
                for _ in 0..1 + rng.below(4) {
                    sentence(&mut rng, &mut out);
                    out.push(' ');
                }
                out.push_str("\n\n");
            }
            2 => {
                out.push('“');
                sentence(&mut rng, &mut out);
                out.pop();
                out.push_str(",” Rosenberg said. ");
                sentence(&mut rng, &mut out);
                out.push_str("\n\n");
            }
            _ => {
                // Hard-wrapped at 72 columns, as many exports are.
                let mut para = String::new();
                for _ in 0..2 + rng.below(6) {
                    sentence(&mut rng, &mut para);
                    para.push(' ');
                }
                let mut col = 0;
                for word in para.split_whitespace() {
                    if col + word.len() > 72 {
                        out.push('\n');
                        col = 0;
                    } else if col > 0 {
                        out.push(' ');
                        col += 1;
                    }
                    out.push_str(word);
                    col += word.len();
                }
                out.push_str("\n\n");
            }
        }
    }
    out
}

#[test]
fn a_50_mb_article_loads_and_the_seeds_are_still_served() {
    let dir = with_seeds();
    let text = big_article(50 * 1024 * 1024);
    std::fs::write(dir.path().join("big.txt"), &text).unwrap();
    let e = serve(dir.path());
    assert!(e.corpus().warnings.is_empty(), "{:?}", e.corpus().warnings);
    let big = e
        .corpus()
        .articles
        .iter()
        .position(|a| a.source.file == "big.txt")
        .expect("the big article is served");
    let passages: Vec<_> = e
        .corpus()
        .passages
        .iter()
        .filter(|p| p.article == big)
        .collect();
    assert!(passages.len() > 10_000, "{} passages", passages.len());
    assert!(passages.iter().all(|p| p.text().len() <= MAX_PASSAGE_CHARS));
    assert!(passages.iter().all(|p| !p.answer.contains("Image via")));
    assert_seeds_served(&e);
    // The big article is searchable too.
    let a = e.ask(&AskQuery {
        question: "What did Rosenberg say about the rehearsal and the costume?",
        ..AskQuery::default()
    });
    assert!(a.answered);
    assert_eq!(a.results[0].source.file, "big.txt");
}

#[test]
fn a_binary_file_named_txt_is_skipped_naming_the_file() {
    let dir = with_seeds();
    // Compressed or executable data: high bytes everywhere, NUL bytes after a header.
    let mut rng = Rng::new(7);
    let mut bytes = b"\x7FELF\x02\x01\x01".to_vec();
    bytes.extend((0..256 * 1024).map(|_| (rng.next_u64() & 0xFF) as u8));
    std::fs::write(dir.path().join("x.txt"), &bytes).unwrap();
    // The same without any NUL byte is still not text.
    let no_nul: Vec<u8> = bytes.iter().map(|&b| b.max(0x80)).collect();
    std::fs::write(dir.path().join("x2.txt"), &no_nul).unwrap();

    let e = serve(dir.path());
    assert!(warning_for(&e, "x.txt").message.contains("binary file"));
    assert!(warning_for(&e, "x2.txt")
        .message
        .contains("not valid UTF-8"));
    assert_eq!(e.corpus().warnings.len(), 2);
    assert_seeds_served(&e);
}

#[test]
fn a_file_of_only_boilerplate_is_skipped_naming_the_file() {
    let dir = with_seeds();
    let boilerplate = "\
Jessica Jones Season 2: Everything We Know

Krysten Ritter as Jessica Jones in Season 2.
David Giesbrecht/Netflix

Image via Netflix

Share this:
Twitter
Facebook
Email
Print

Like this:
Like Loading...

Related

Jessica Jones: The Complete Guide
Why Season 2 Ended With Universal Sadness

Follow us on Twitter for more.
We use cookies to improve your experience. Accept all cookies
© 2018 Some Outlet. All rights reserved.

Leave a Reply
Fill in your details below or click an icon to log in:
You are commenting using your WordPress.com account. ( Log Out / Change )
Connecting to %s
";
    std::fs::write(dir.path().join("chrome.txt"), boilerplate).unwrap();
    let e = serve(dir.path());
    assert!(warning_for(&e, "chrome.txt")
        .message
        .contains("no article text left"));
    assert_eq!(e.corpus().warnings.len(), 1);
    assert_seeds_served(&e);
}

#[test]
fn ten_thousand_tiny_files_all_load() {
    let dir = with_seeds();
    for i in 0..10_000 {
        let text = match i % 4 {
            0 => format!("The crew rehearsed scene {i} twice before lunch."),
            1 => format!("Notes From Day {i}\n\nThe director moved the camera closer to the window for take {i}."),
            2 => format!("Q: What changed in draft {i}?\n\nROSENBERG: We cut the flashback and kept the silence."),
            _ => format!("“We shot the street scene at night number {i},” the director said.\n"),
        };
        std::fs::write(dir.path().join(format!("tiny_{i:05}.txt")), text).unwrap();
    }
    let e = serve(dir.path());
    let c = e.corpus();
    assert!(
        c.warnings.is_empty(),
        "{:?}",
        &c.warnings[..c.warnings.len().min(5)]
    );
    assert_eq!(c.articles.len(), 10_005);
    assert_seeds_served(&e);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_skipped_naming_the_file() {
    use std::os::unix::fs::symlink;
    let dir = with_seeds();
    let d = dir.path();
    symlink("b.txt", d.join("a.txt")).unwrap();
    symlink("a.txt", d.join("b.txt")).unwrap();
    symlink("self.txt", d.join("self.txt")).unwrap();
    symlink("nowhere/gone.txt", d.join("dangling.txt")).unwrap();
    // A link to a good article is read through.
    symlink(PEABODY_ARTICLE, d.join("zz_alias.txt")).unwrap();
    // A folder that links back to its parent is not followed (only *.txt files are read).
    symlink(".", d.join("loop_dir.txt")).unwrap();

    let e = serve(d);
    for file in ["a.txt", "b.txt", "self.txt", "dangling.txt"] {
        assert!(warning_for(&e, file).message.contains("cannot read"));
    }
    assert!(warning_for(&e, "loop_dir.txt")
        .message
        .contains("directory"));
    assert_eq!(e.corpus().warnings.len(), 5, "{:?}", e.corpus().warnings);
    assert!(e
        .corpus()
        .articles
        .iter()
        .any(|a| a.source.file == "zz_alias.txt"));
    assert_seeds_served(&e);
}

#[cfg(unix)]
#[test]
fn unreadable_files_fifos_and_folders_are_skipped_naming_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = with_seeds();
    let d = dir.path();
    let locked = d.join("locked.txt");
    std::fs::write(&locked, "Some Title\n\nSome text that nobody may read.").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root_reads = std::fs::read(&locked).is_ok();
    if root_reads {
        eprintln!(
            "running as root: mode 000 does not stop reading, so locked.txt loads; \
             the FIFO and the folders below still exercise the unreadable paths"
        );
    }
    // Opening a FIFO for reading blocks until a writer comes: it must not even be opened.
    let fifo = d.join("pipe.txt");
    let c_path = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo does not keep the pointer.
    assert_eq!(unsafe { libc::mkfifo(c_path.as_ptr(), 0o644) }, 0);
    std::fs::create_dir(d.join("y.txt")).unwrap();
    let locked_dir = d.join("locked_dir.txt");
    std::fs::create_dir(&locked_dir).unwrap();
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();

    // Opening the FIFO for reading would block for ever: a hang here is that bug.
    let e = serve(d);
    assert!(warning_for(&e, "pipe.txt")
        .message
        .contains("not a regular file"));
    assert!(warning_for(&e, "y.txt").message.contains("directory"));
    assert!(warning_for(&e, "locked_dir.txt")
        .message
        .contains("directory"));
    if root_reads {
        assert_eq!(e.corpus().warnings.len(), 3, "{:?}", e.corpus().warnings);
    } else {
        assert!(warning_for(&e, "locked.txt")
            .message
            .contains("cannot read"));
        assert_eq!(e.corpus().warnings.len(), 4, "{:?}", e.corpus().warnings);
    }
    // Let tempdir clean up.
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_seeds_served(&e);
}
