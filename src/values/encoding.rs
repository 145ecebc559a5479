//! The text encodings pfp writes, each declared once: lowercase hex (hashes, SigV4) and
//! the percent-encodings of object keys, SigV4 URIs and metadata headers, as
//! `percent-encoding` sets (every byte outside the set's kept characters, and every
//! non-ASCII byte, becomes `%XX` in upper case).

use percent_encoding::{AsciiSet, CONTROLS, NON_ALPHANUMERIC, utf8_percent_encode};

/// A user key as a folder name: only `[A-Za-z0-9_-]` kept, so no id adds path segments.
const FOLDER: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_');
/// RFC 3986's unreserved characters kept, as SigV4 wants.
const URI: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');
/// The same with `/` kept, for a path.
const URI_PATH: &AsciiSet = &URI.remove(b'/');
/// An HTTP header value: printable ASCII kept but `%` itself.
const HEADER: &AsciiSet = &CONTROLS.add(b'%');

/// `text` with anything outside `[A-Za-z0-9_-]` percent-encoded.
pub fn folder_name(text: &str) -> String {
    utf8_percent_encode(text, FOLDER).to_string()
}

/// RFC 3986 percent-encoding as SigV4 wants it, appended to `out`; `/` kept when
/// encoding a path.
pub fn uri_encode(text: &str, keep_slash: bool, out: &mut String) {
    let set = if keep_slash { URI_PATH } else { URI };
    out.extend(utf8_percent_encode(text, set));
}

/// A metadata value made a valid header value: printable ASCII, the rest (and `%`)
/// percent-encoded.
pub fn header_value(text: &str) -> String {
    utf8_percent_encode(text, HEADER).to_string()
}

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = vec![0; bytes.len() * 2];
    hex_into(bytes, &mut out);
    String::from_utf8(out).expect("hex digits are ASCII")
}

/// Lowercase hex of a SHA-256 digest, on the stack: a presigned URL takes two.
pub fn hex32(bytes: &[u8; 32]) -> [u8; 64] {
    let mut out = [0; 64];
    hex_into(bytes, &mut out);
    out
}

/// Writes the hex of `bytes` into `out`, which is twice as long.
fn hex_into(bytes: &[u8], out: &mut [u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for (b, pair) in bytes.iter().zip(out.chunks_exact_mut(2)) {
        pair[0] = DIGITS[usize::from(b >> 4)];
        pair[1] = DIGITS[usize::from(b & 15)];
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_encoding_is_the_one_it_replaced() {
        assert_eq!(folder_name("../a/b@c#é"), "%2E%2E%2Fa%2Fb%40c%23%C3%A9");
        assert_eq!(folder_name("6f1c2a1e-6bd4_x"), "6f1c2a1e-6bd4_x");
        let mut uri = String::new();
        uri_encode("users/a b/x~y.jpg", true, &mut uri);
        assert_eq!(uri, "users/a%20b/x~y.jpg");
        uri.clear();
        uri_encode("a/b=c", false, &mut uri);
        assert_eq!(uri, "a%2Fb%3Dc");
        assert_eq!(header_value("Zoë 100%\n.jpg"), "Zo%C3%AB 100%25%0A.jpg");
        assert_eq!(hex(&[0, 0xab, 0xff]), "00abff");
    }
}
