//! `entente parse` runs from a directory with no `shared/` anywhere above it:
//! the models are embedded in the binary.

use std::io::Write;
use std::process::{Command, Stdio};

fn run_in_tmp(args: &[&str], stdin: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(args)
        .current_dir(dir.path())
        .env_remove("ENTENTE_SHARED")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("writes");
    let out = child.wait_with_output().expect("waits");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn rows(conllu: &str) -> Vec<Vec<String>> {
    conllu
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

#[test]
fn parses_text_without_shared_data() {
    let out = run_in_tmp(
        &["parse"],
        "The minister said Iran won't negotiate. Talks resumed.\n",
    );
    let r = rows(&out);
    assert_eq!(out.matches("# text = ").count(), 2);
    assert!(r.iter().all(|c| c.len() == 10));
    let forms: Vec<&str> = r.iter().map(|c| c[1].as_str()).collect();
    assert_eq!(
        forms[..7],
        ["The", "minister", "said", "Iran", "wo", "n't", "negotiate"]
    );
    let said = &r[2];
    assert_eq!(
        (said[2].as_str(), said[7].as_str(), said[6].as_str()),
        ("say", "root", "0")
    );
    assert_eq!(r[1][7], "nsubj");
}

#[test]
fn reannotates_conllu_keeping_tokens() {
    let gold = "# text = Sanctions hurt.\n1\tSanctions\t_\t_\t_\t_\t_\t_\t_\t_\n2\thurt\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let out = run_in_tmp(&["parse", "--conllu"], gold);
    let r = rows(&out);
    assert_eq!(r.len(), 3);
    assert_eq!(r[0][1], "Sanctions");
    assert_eq!(r[0][7], "nsubj");
    assert_eq!(r[1][6], "0");
    assert_eq!(r[2][3], "PUNCT");
    assert!(out.contains("# text = Sanctions hurt."));
}
