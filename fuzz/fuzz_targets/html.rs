//! HTML extraction: any bytes read as an `.html` page (charset sniffing,
//! nesting cap, readability, metadata), and through the public extractor.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = entente_ingest::extract_html(data, Some("http://example.org/a/2020/01/02/x"));
    for item in entente_ingest::read_page(
        "f.html".into(),
        Box::new(std::io::Cursor::new(data.to_vec())),
        true,
    ) {
        if let Err(e) = item {
            // Every error and warning names the input.
            assert!(e.to_string().starts_with("f.html"), "{e}");
        }
    }
});
