//! JSONL reading: any bytes as a `.jsonl` file; every record is an article
//! or an error naming the file and line.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = entente_ingest::JsonlReader::new(
        "f.jsonl".into(),
        Box::new(std::io::Cursor::new(data.to_vec())),
    );
    for item in r.take(1000) {
        if let Err(e) = item {
            assert!(e.to_string().starts_with("f.jsonl"), "{e}");
        }
    }
});
