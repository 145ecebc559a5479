//! The server's clock, as the `Date` header of its first answer tells it. A presigned
//! URL is judged by the server's clock, not the signer's: signed on a machine whose
//! clock is ten minutes slow, a `--expires 5m` URL has expired before anyone clicks it,
//! although every signed request of pfp's own still passes (SigV4 allows 15 minutes).
//! So URLs are dated by the server's clock where it is known and differs by more than
//! the header's resolution allows for (as the AWS SDKs correct their requests' time).

use std::time::{Duration, SystemTime};

/// Below this a difference is the header's whole-second resolution and the time in
/// flight, not a wrong clock.
pub const TOLERANCE: Duration = Duration::from_secs(2);

/// How far the server's clock is from this machine's, in milliseconds (positive: the
/// server is ahead).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Offset(pub i64);

impl Offset {
    /// From a `Date` header read at `now`. The header is truncated to the second, so its
    /// instant is taken as the middle of that second.
    pub fn read(date: &str, now: SystemTime) -> Option<Offset> {
        let server: SystemTime = chrono::DateTime::parse_from_rfc2822(date).ok()?.into();
        Some(Offset::between(server + Duration::from_millis(500), now))
    }

    /// Between the server's clock reading `server` and this machine's reading `now`.
    pub fn between(server: SystemTime, now: SystemTime) -> Offset {
        let ms = |d: Duration| i64::try_from(d.as_millis()).unwrap_or(i64::MAX);
        match server.duration_since(now) {
            Ok(ahead) => Offset(ms(ahead)),
            Err(behind) => Offset(-ms(behind.duration())),
        }
    }

    /// The difference, without its sign.
    pub fn magnitude(self) -> Duration {
        Duration::from_millis(self.0.unsigned_abs())
    }

    /// Whether it is more than the header's resolution and a request's flight explain.
    pub fn matters(self) -> bool {
        self.magnitude() > TOLERANCE
    }

    /// `now` on the server's clock.
    pub fn apply(self, now: SystemTime) -> SystemTime {
        let by = self.magnitude();
        if self.0 >= 0 {
            now + by
        } else {
            now.checked_sub(by).unwrap_or(SystemTime::UNIX_EPOCH)
        }
    }

    /// "10m3s behind the server's" (or "ahead of"), from this machine's point of view.
    pub fn describe(self) -> String {
        let secs = (self.magnitude().as_millis() + 500) / 1000;
        let secs = u64::try_from(secs).unwrap_or(u64::MAX);
        let amount = if secs < 60 {
            format!("{secs}s")
        } else {
            crate::values::units::format_elapsed(Duration::from_secs(secs))
        };
        if self.0 >= 0 {
            format!("{amount} behind the server's")
        } else {
            format!("{amount} ahead of the server's")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> SystemTime {
        chrono::DateTime::parse_from_rfc3339(rfc3339)
            .unwrap()
            .into()
    }

    #[test]
    fn a_slow_or_fast_clock_is_measured_and_corrected() {
        let date = "Mon, 07 Dec 2026 08:10:00 GMT";
        // This machine reads 10 minutes earlier: it is behind.
        let slow = Offset::read(date, at("2026-12-07T08:00:00.200Z")).unwrap();
        assert_eq!(slow, Offset(600_300));
        assert!(slow.matters());
        assert_eq!(slow.describe(), "10m0s behind the server's");
        assert_eq!(
            slow.apply(at("2026-12-07T08:00:01Z")),
            at("2026-12-07T08:10:01.300Z")
        );
        let fast = Offset::read(date, at("2026-12-07T08:13:20.500Z")).unwrap();
        assert_eq!(fast, Offset(-200_000));
        assert_eq!(fast.describe(), "3m20s ahead of the server's");
        assert_eq!(
            fast.apply(at("2026-12-07T08:13:21Z")),
            at("2026-12-07T08:10:01Z")
        );
    }

    #[test]
    fn the_headers_resolution_and_a_requests_flight_are_no_wrong_clock() {
        let date = "Mon, 07 Dec 2026 08:10:00 GMT";
        for now in [
            "2026-12-07T08:10:00.000Z",
            "2026-12-07T08:10:00.999Z",
            "2026-12-07T08:10:02.400Z",
        ] {
            let offset = Offset::read(date, at(now)).unwrap();
            assert!(!offset.matters(), "{now}: {offset:?}");
        }
        assert!(
            Offset::read(date, at("2026-12-07T08:10:03Z"))
                .unwrap()
                .matters()
        );
        assert_eq!(Offset::read("yesterday", SystemTime::now()), None);
    }
}
