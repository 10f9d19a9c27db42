//! Plain-text reading: any bytes read as a `.txt` page (charset detection,
//! boilerplate and block classification).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for item in entente_ingest::read_page(
        "f.txt".into(),
        Box::new(std::io::Cursor::new(data.to_vec())),
        false,
    ) {
        if let Err(e) = item {
            assert!(e.to_string().starts_with("f.txt"), "{e}");
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = entente_ingest::extract_plain_text(s);
    }
});
