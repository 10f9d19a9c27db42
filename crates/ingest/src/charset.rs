//! Bytes to text: BOM, then the HTTP `Content-Type` charset, then an HTML
//! `<meta charset>` in the first kilobytes, then valid UTF-8, then
//! statistical detection (chardetng). Windows-1252 stands in for
//! ISO-8859-1 as browsers do.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from bytes, with the encoding used and whether bytes had to
/// be replaced (U+FFFD) because they were invalid in it.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text.
    pub text: Cow<'a, str>,
    /// WHATWG name of the encoding used (`UTF-8`, `windows-1252`, …).
    pub encoding: &'static str,
    /// True when malformed sequences were replaced.
    pub had_errors: bool,
    /// Byte offset of the first invalid UTF-8 sequence, when the bytes were
    /// meant as UTF-8 (declared or assumed) but were not.
    pub first_error: Option<usize>,
}

/// The encoding a byte-order mark announces, if any.
pub fn bom_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_bom(bytes).map(|(e, _)| e)
}

/// Extracts `charset=...` from a `Content-Type` value.
pub fn charset_from_content_type(ct: &str) -> Option<&str> {
    let lower = ct.to_ascii_lowercase();
    let i = lower.find("charset=")?;
    let rest = &ct[i + 8..];
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .unwrap_or(rest.len());
    Some(&rest[..end]).filter(|s| !s.is_empty())
}

/// Finds a `<meta charset=...>` or `<meta http-equiv content="...charset=...">`
/// declaration in the first 4 KiB of an HTML document.
pub fn charset_from_meta(head: &[u8]) -> Option<&'static Encoding> {
    let head = &head[..head.len().min(4096)];
    let s = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = s[from..].find("<meta") {
        let start = from + i;
        let end = s[start..].find('>').map_or(s.len(), |e| start + e);
        let tag = &s[start..end];
        if let Some(j) = tag.find("charset=") {
            let rest = tag[j + 8..].trim_start_matches(['"', '\'', ' ']);
            let stop = rest
                .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
                .unwrap_or(rest.len());
            if let Some(enc) = Encoding::for_label(&rest.as_bytes()[..stop]) {
                // A page that says UTF-16 in ASCII is not UTF-16.
                return Some(if enc.is_single_byte() || enc == UTF_8 {
                    enc
                } else {
                    enc.output_encoding()
                });
            }
        }
        from = end.max(start + 5);
        if from >= s.len() {
            break;
        }
    }
    None
}

/// Repairs UTF-8 that was decoded as Windows-1252 and re-encoded
/// ("Investorâ€™s" for "Investor’s"): when every character maps back to a
/// single Windows-1252 byte and those bytes are valid UTF-8, the text was
/// double-encoded. Text with characters outside Windows-1252 is left alone.
pub fn fix_mojibake(s: &str) -> Option<String> {
    // A UTF-8 lead byte (Â, Ã, â, …) read as Windows-1252, followed by a
    // continuation byte read the same way (U+0080..U+00BF or one of the
    // Windows-1252 specials such as € ™ ’).
    let is_cont =
        |c: char| ('\u{80}'..='\u{BF}').contains(&c) || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c);
    let mut prev = ' ';
    let mut suspicious = false;
    for c in s.chars() {
        if ('\u{C2}'..='\u{F4}').contains(&prev) && is_cont(c) {
            suspicious = true;
            break;
        }
        prev = c;
    }
    if !suspicious {
        return None;
    }
    // Map back to bytes: Latin-1 for U+0000..U+00FF (C1 controls appear
    // when the wrong decoding was ISO-8859-1), Windows-1252 for its
    // specials; anything else means the text is not double-encoded.
    let mut bytes = Vec::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if (c as u32) <= 0xFF {
            bytes.push(c as u32 as u8);
        } else {
            let (b, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
            if unmappable || b.len() != 1 {
                return None;
            }
            bytes.push(b[0]);
        }
    }
    String::from_utf8(bytes).ok()
}

/// Decodes `bytes`, using `declared` (an HTTP charset label) when given and
/// `html` to allow `<meta>` sniffing.
pub fn decode<'a>(bytes: &'a [u8], declared: Option<&str>, html: bool) -> Decoded<'a> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text,
            encoding: enc.name(),
            had_errors,
            first_error: None,
        };
    }
    let mut enc = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    if enc.is_none() && html {
        enc = charset_from_meta(bytes);
    }
    let first_utf8_error = std::str::from_utf8(bytes).err().map(|e| e.valid_up_to());
    let enc = match enc {
        Some(e) if e == UTF_8 => UTF_8,
        Some(e) => e,
        None if first_utf8_error.is_none() => UTF_8,
        None => {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        }
    };
    let (mut text, had_errors) = enc.decode_without_bom_handling(bytes);
    if let Some(fixed) = fix_mojibake(&text) {
        text = Cow::Owned(fixed);
    }
    Decoded {
        text,
        encoding: enc.name(),
        had_errors,
        first_error: if enc == UTF_8 { first_utf8_error } else { None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_windows_1252_without_declaration() {
        // "café – naïve" in Windows-1252, plus enough French text to detect.
        let text = "Le café est très bon, à côté de la gare. Élève naïve, déjà là.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let d = decode(&bytes, None, false);
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "windows-1252");
    }

    #[test]
    fn honours_meta_and_header() {
        let (body, _, _) = encoding_rs::ISO_8859_2.encode("Zażółć");
        let mut html = b"<html><head><meta charset=\"iso-8859-2\"></head><body>".to_vec();
        html.extend_from_slice(&body);
        assert!(decode(&html, None, true).text.contains("Zażółć"));
        assert!(decode(&body, Some("ISO-8859-2"), false)
            .text
            .contains("Zażółć"));
        assert_eq!(
            charset_from_content_type("text/html; charset=\"utf-8\""),
            Some("utf-8")
        );
    }

    #[test]
    fn repairs_double_encoded_utf8() {
        let double = "A DIY Investor’s Guide – café"
            .as_bytes()
            .iter()
            .map(|&b| {
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(&[b])
                    .0
                    .into_owned()
            })
            .collect::<String>();
        assert_eq!(
            fix_mojibake(&double).as_deref(),
            Some("A DIY Investor’s Guide – café")
        );
        assert_eq!(fix_mojibake("Ærø and naïve café"), None);
        assert_eq!(
            decode(double.as_bytes(), None, true).text,
            "A DIY Investor’s Guide – café"
        );
    }

    #[test]
    fn bom_wins() {
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("héllo".as_bytes());
        let d = decode(&b, Some("windows-1252"), false);
        assert_eq!(d.text, "héllo");
    }
}
