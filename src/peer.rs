//! What a server at a host and port is, asked when a connection to it failed without an
//! answer in the protocol pfp spoke: a database URL at the object store's port, an S3
//! endpoint at PostgreSQL's, a plain-HTTP endpoint at a TLS port. The failure alone reads
//! as a broken connection (retried, then exit 5 with advice about a server being down);
//! the peer's own first words name the slip (exit 7).

use std::time::Duration;

/// What PostgreSQL's clients send first (an SSLRequest): a PostgreSQL server or pooler
/// answers one byte, `S` or `N`, and waits.
pub const POSTGRES_SSL_REQUEST: [u8; 8] = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];

/// The start of a TLS ClientHello, cut short: a TLS server answers it with an alert
/// record (`decode_error`), which no other protocol's answer starts like.
pub const TLS_HELLO_FRAGMENT: [u8; 10] =
    [0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x00];

/// Connects to `host:port`, sends `hello` and returns what the server says until it falls
/// silent for a moment, closes, or 64 bytes have come (a server that speaks first, SSH,
/// SMTP, MySQL, has its greeting read either way); `None` if no connection was made. The
/// whole asking takes at most two seconds.
pub async fn ask(host: &str, port: u16, hello: &[u8]) -> Option<Vec<u8>> {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let probe = async {
        let mut stream = tokio::net::TcpStream::connect((host, port)).await.ok()?;
        let _ = stream.write_all(hello).await;
        let mut answer = Vec::with_capacity(64);
        let mut buf = [0u8; 64];
        while answer.len() < 64 {
            match tokio::time::timeout(Duration::from_millis(200), stream.read(&mut buf)).await {
                Ok(Ok(n)) if n > 0 => answer.extend_from_slice(&buf[..n]),
                _ => break,
            }
        }
        Some(answer)
    };
    tokio::time::timeout(Duration::from_secs(2), probe)
        .await
        .ok()?
}

/// Whether `answer` is a TLS record a server sends first (a handshake or an alert).
pub fn is_tls(answer: &[u8]) -> bool {
    matches!(answer, [0x15 | 0x16, 0x03, ..])
}

/// What a server answered, for a message: its first line, printable, and what kind of
/// server says that where it is known.
pub fn described(answer: &[u8]) -> String {
    let first_line = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(40)]).into_owned();
        let line = text
            .lines()
            .next()
            .unwrap_or_default()
            .trim_end()
            .to_owned();
        crate::values::printable(&line)
    };
    // MySQL's and MariaDB's greeting: a 3-byte length, a sequence number, protocol 10,
    // then the server's version up to a NUL.
    if let [_, _, _, 0, 0x0a, rest @ ..] = answer
        && let Some(end) = rest.iter().position(|&b| b == 0)
    {
        return format!("'{}' (a MySQL or MariaDB server)", first_line(&rest[..end]));
    }
    if is_tls(answer) {
        return "in TLS only (a TLS service, such as HTTPS)".to_owned();
    }
    // AMQP's protocol header, which RabbitMQ answers any other first message with.
    if let [b'A', b'M', b'Q', b'P', 0, major, minor, revision, ..] = answer {
        return format!("'AMQP {major}-{minor}-{revision}' (an AMQP server, such as RabbitMQ)");
    }
    if let [b @ (b'S' | b'N')] = answer {
        return format!("'{}' (a PostgreSQL server)", char::from(*b));
    }
    let line = first_line(answer);
    let kind = if line.starts_with("HTTP/") {
        " (an HTTP server)"
    } else if line.starts_with("SSH-") {
        " (an SSH server)"
    } else if line.starts_with("INFO {") {
        " (a NATS server)"
    } else {
        ""
    };
    format!("'{line}'{kind}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What other servers say first, as a wrong port shows it.
    #[test]
    fn the_answers_of_other_servers_are_described() {
        assert_eq!(
            described(b"HTTP/1.1 400 Bad Request\r\nconnection: close\r\n"),
            "'HTTP/1.1 400 Bad Request' (an HTTP server)"
        );
        assert_eq!(
            described(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"),
            "'SSH-2.0-OpenSSH_9.2p1 Debian-2' (an SSH server)"
        );
        assert_eq!(
            described(b"J\0\0\0\x0a8.0.36\0\x08\0\0\0abc"),
            "'8.0.36' (a MySQL or MariaDB server)"
        );
        assert_eq!(
            described(b"\x15\x03\x03\x00\x02\x022"),
            "in TLS only (a TLS service, such as HTTPS)"
        );
        assert_eq!(
            described(b"AMQP\x00\x00\x09\x01"),
            "'AMQP 0-9-1' (an AMQP server, such as RabbitMQ)"
        );
        assert_eq!(described(b"S"), "'S' (a PostgreSQL server)");
        assert_eq!(
            described(b"INFO {\"server_id\":\"NAYX\"}\r\n"),
            "'INFO {\"server_id\":\"NAYX\"}' (a NATS server)"
        );
        // Anything else: its start, escaped.
        assert_eq!(described(b"+OK\x1b[2J ready\n"), "'+OK\\u{1b}[2J ready'");
    }
}
