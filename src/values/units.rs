//! Human durations (`90s`, `15m`, `1h`, `7d`) and sizes (`5MB`, `5MiB`), parsed strictly.
//!
//! These are hand-written rather than taken from a crate because the accepted grammar is
//! small, and every rejection must name the value and the rule it broke.

use std::time::Duration;

use crate::error::Error;

/// How long a presigned URL lives (`--expires`): whole seconds from 1 s to 7 days, the
/// SigV4 limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Expiry(Duration);

impl Expiry {
    /// The longest a SigV4 presigned URL may live.
    pub const MAX: Duration = Duration::from_secs(604_800);

    pub fn parse(text: &str) -> Result<Self, Error> {
        let flag = crate::error::Setting::Expires.name();
        let d = parse_duration(text).map_err(|e| Error::invalid(format!("{flag}: {e}")))?;
        if d < Duration::from_secs(1) || d > Self::MAX {
            return Err(Error::invalid(format!(
                "invalid {flag} '{text}': presigned URLs last from 1s to 7d (604800 s, the SigV4 limit)"
            )));
        }
        Ok(Expiry(Duration::from_secs(d.as_secs())))
    }

    pub fn duration(self) -> Duration {
        self.0
    }
}

/// Parses `90s`, `15m`, `1h`, `7d`, `500ms`, and sums of them largest first, as Go's
/// tools (mc's `--expire 1h30m`), kubectl and systemd write them: `1h30m`, `1d12h`,
/// `2m30s`. A bare number means seconds.
pub fn parse_duration(text: &str) -> Result<Duration, Error> {
    let rule = "expected a number followed by ms, s, m, h or d, or a sum of them largest first, e.g. 90s, 15m, 1h30m, 7d";
    let bad = || Error::invalid(format!("invalid duration '{text}': {rule}"));
    let trimmed = text.trim();
    if trimmed.starts_with('-') {
        // `--expires -5m` read as flags by the parser was `unexpected argument '-5'`.
        return Err(Error::invalid(format!(
            "invalid duration '{text}': a duration is never negative; {rule}"
        )));
    }
    if !trimmed.is_empty() && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let n: u64 = trimmed.parse().map_err(|_| bad())?;
        return n
            .checked_mul(1_000)
            .map(Duration::from_millis)
            .ok_or_else(bad);
    }
    let mut rest = trimmed;
    let mut total: u64 = 0;
    // The unit of the term before, so that each term is smaller than the one before it
    // (`30m1h` and `1h1h` are slips, not sums anyone means).
    let mut last = u64::MAX;
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(bad());
        }
        let n: u64 = rest[..digits].parse().map_err(|_| bad())?;
        // `90 s` and `1h 30m` read as they did before sums were accepted.
        rest = rest[digits..].trim_start();
        let letters = rest
            .find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(rest.len());
        let millis_per_unit: u64 = match &rest[..letters] {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            _ => return Err(bad()),
        };
        rest = rest[letters..].trim_start();
        if millis_per_unit >= last {
            return Err(bad());
        }
        last = millis_per_unit;
        total = n
            .checked_mul(millis_per_unit)
            .and_then(|t| total.checked_add(t))
            .ok_or_else(bad)?;
    }
    if last == u64::MAX {
        return Err(bad());
    }
    Ok(Duration::from_millis(total))
}

/// Parses a byte size: `5MB` (10^6), `5MiB` (2^20), `512k`, `1048576`. Units are
/// case-insensitive; a bare `M`/`K`/`G` is binary, as in `ls -h` and rclone.
pub fn parse_size(text: &str) -> Result<u64, Error> {
    let rule = "expected a number with an optional unit B, KB, MB, GB (powers of 1000) or KiB, MiB, GiB (powers of 1024)";
    let bad = || Error::invalid(format!("invalid size '{text}': {rule}"));
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let value: f64 = number.parse().map_err(|_| bad())?;
    let multiplier: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        _ => return Err(bad()),
    };
    let bytes = value * multiplier as f64;
    if !bytes.is_finite() || bytes < 0.0 || bytes > u64::MAX as f64 || bytes.fract() != 0.0 {
        return Err(bad());
    }
    Ok(bytes as u64)
}

/// Formats a byte count the way people read it: `5.0 MiB`, `812 B`.
pub fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64;
    let mut unit = "B";
    for u in UNITS {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = u;
    }
    format!("{value:.1} {unit}")
}

/// Formats how long something took, for a person: `0.8s`, `12.4s`, `2m1s`, `1h3m`.
pub fn format_elapsed(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => format!("{:.1}s", d.as_secs_f64()),
        60..3_600 => format!("{}m{}s", s / 60, s % 60),
        _ => format!("{}h{}m", s / 3_600, s % 3_600 / 60),
    }
}

/// Formats a duration compactly for messages: `1h`, `90s`, `7d`, `1500ms`.
pub fn format_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if !ms.is_multiple_of(1000) {
        return format!("{ms}ms");
    }
    let s = d.as_secs();
    match s {
        s if s != 0 && s.is_multiple_of(86_400) => format!("{}d", s / 86_400),
        s if s != 0 && s.is_multiple_of(3_600) => format!("{}h", s / 3_600),
        s if s != 0 && s.is_multiple_of(60) => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_every_unit() {
        assert_eq!(parse_duration("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("15m").unwrap(), Duration::from_secs(900));
        assert_eq!(parse_duration("1h").unwrap(), Duration::from_secs(3600));
        assert_eq!(parse_duration("7d").unwrap(), Duration::from_secs(604_800));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("30").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration(" 1h ").unwrap(), Duration::from_secs(3600));
    }

    #[test]
    fn sums_of_units_largest_first() {
        assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(
            parse_duration("1d12h").unwrap(),
            Duration::from_secs(129_600)
        );
        assert_eq!(parse_duration("2m30s").unwrap(), Duration::from_secs(150));
        assert_eq!(
            parse_duration("6d23h59m59s").unwrap(),
            Duration::from_secs(604_799)
        );
        assert_eq!(
            parse_duration("1s500ms").unwrap(),
            Duration::from_millis(1500)
        );
        assert_eq!(parse_duration("1h 30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse_duration("90 s").unwrap(), Duration::from_secs(90));
        for bad in ["30m1h", "1h1h", "1h30", "h30m", "1h30x", "1 2h"] {
            let msg = parse_duration(bad).unwrap_err().to_string();
            assert!(
                msg.contains(&format!("'{bad}'")) && msg.contains("1h30m"),
                "{msg}"
            );
        }
    }

    #[test]
    fn bad_durations_name_the_value_and_the_rule() {
        for bad in ["", "s", "1w", "-1s", "1.5h", "abc", "99999999999999999999d"] {
            let msg = parse_duration(bad).unwrap_err().to_string();
            assert!(msg.contains(&format!("'{bad}'")), "{msg}");
            assert!(msg.contains("15m"), "{msg}");
        }
    }

    #[test]
    fn sizes_decimal_and_binary() {
        assert_eq!(parse_size("5MB").unwrap(), 5_000_000);
        assert_eq!(parse_size("5MiB").unwrap(), 5 * 1024 * 1024);
        assert_eq!(parse_size("5mib").unwrap(), 5 * 1024 * 1024);
        assert_eq!(parse_size("512k").unwrap(), 512 * 1024);
        assert_eq!(parse_size("1.5KiB").unwrap(), 1536);
        assert_eq!(parse_size("42").unwrap(), 42);
        assert!(parse_size("5XB").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("0.3B").is_err());
    }

    #[test]
    fn formatting_round_numbers() {
        assert_eq!(format_size(812), "812 B");
        assert_eq!(format_size(5 * 1024 * 1024), "5.0 MiB");
        assert_eq!(format_duration(Duration::from_secs(3600)), "1h");
        assert_eq!(format_duration(Duration::from_secs(90)), "90s");
        assert_eq!(format_duration(Duration::from_secs(604_800)), "7d");
        assert_eq!(format_duration(Duration::from_millis(1500)), "1500ms");
        assert_eq!(format_elapsed(Duration::from_millis(840)), "0.8s");
        assert_eq!(format_elapsed(Duration::from_millis(121_219)), "2m1s");
        assert_eq!(format_elapsed(Duration::from_secs(3_790)), "1h3m");
    }
}
