//! The whole per-document pipeline: the first byte picks how the rest is
//! read (HTML page, plain-text page, or the text as a body), then the
//! standard chain annotates it. Inputs are capped at 16 KB (cost on long
//! inputs is tested in tests/hostile); the target looks for panics, which
//! the pipeline would catch and turn into a warning, so a caught panic is
//! reported as a crash here.
#![no_main]

use std::sync::OnceLock;

use entente_core::Article;
use libfuzzer_sys::fuzz_target;

fn pipeline() -> &'static entente_pipeline::Pipeline {
    static P: OnceLock<entente_pipeline::Pipeline> = OnceLock::new();
    P.get_or_init(|| entente_pipeline::Pipeline::standard().expect("pipeline loads"))
}

fuzz_target!(|data: &[u8]| {
    if data.is_empty() || data.len() > 16 * 1024 {
        return;
    }
    let (how, rest) = (data[0] % 3, &data[1..]);
    let article = match how {
        0 | 1 => {
            let name = if how == 0 { "f.html" } else { "f.txt" };
            let items = entente_ingest::read_page(
                name.into(),
                Box::new(std::io::Cursor::new(rest.to_vec())),
                how == 0,
            );
            match items.into_iter().flatten().last() {
                Some(a) => a,
                None => return,
            }
        }
        _ => Article::from_text(&String::from_utf8_lossy(rest), None),
    };
    let doc = pipeline().process(article);
    for w in &doc.warnings {
        assert!(!w.contains("internal error"), "{w}");
    }
});
