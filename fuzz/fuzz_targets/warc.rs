//! WARC reading: any bytes as a `.warc` file; every record is an article or
//! an error naming the file and offset.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = entente_ingest::warc::WarcReader::new(
        "f.warc".into(),
        Box::new(std::io::Cursor::new(data.to_vec())),
    );
    for item in r.take(1000) {
        if let Err(e) = item {
            assert!(e.to_string().starts_with("f.warc"), "{e}");
        }
    }
});
