//! Admission: how many sessions, how many connections still logging in, and how fast one
//! address may connect. Pure bookkeeping, so it can be tested without sockets.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::time::Instant;

/// What the gate says to a new connection.
#[derive(Debug, PartialEq, Eq)]
pub enum Admit {
    /// Let it in; if `evict` is set, drop that connection (the oldest still logging in) to
    /// make room.
    Yes { evict: Option<u64> },
    /// Too many connections from this address lately.
    TooFast,
    /// The server has as many sessions as it may.
    Full,
}

/// The numbers the gate keeps to.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_sessions: usize,
    pub max_startups: usize,
    /// New connections a minute per address; 0 for no limit.
    pub per_ip_rate: u32,
}

#[derive(Debug)]
pub struct Gate {
    limits: Limits,
    /// Connections logging in, oldest first.
    starting: VecDeque<u64>,
    sessions: usize,
    buckets: HashMap<IpAddr, Bucket>,
}

/// Tokens for one address: one per connection, refilled at the per-minute rate.
#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Gate {
    #[must_use]
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            starting: VecDeque::new(),
            sessions: 0,
            buckets: HashMap::new(),
        }
    }

    /// A connection `id` from `ip` arrived at `now`.
    pub fn arrive(&mut self, id: u64, ip: IpAddr, now: Instant) -> Admit {
        if self.sessions >= self.limits.max_sessions {
            return Admit::Full;
        }
        if !self.take_token(ip, now) {
            return Admit::TooFast;
        }
        // A silent connection holds a place; the oldest gives its place to the newest, so a
        // flood of silent connections cannot keep a real reader out.
        let evict = (self.starting.len() >= self.limits.max_startups)
            .then(|| self.starting.pop_front())
            .flatten();
        self.starting.push_back(id);
        Admit::Yes { evict }
    }

    /// Connection `id` logged in: it is a session now.
    pub fn logged_in(&mut self, id: u64) {
        if let Some(at) = self.starting.iter().position(|&s| s == id) {
            self.starting.remove(at);
            self.sessions += 1;
        }
    }

    /// Connection `id` ended, `was_session` if it had logged in.
    pub fn left(&mut self, id: u64, was_session: bool) {
        if let Some(at) = self.starting.iter().position(|&s| s == id) {
            self.starting.remove(at);
        }
        if was_session {
            self.sessions = self.sessions.saturating_sub(1);
        }
    }

    fn take_token(&mut self, ip: IpAddr, now: Instant) -> bool {
        let rate = f64::from(self.limits.per_ip_rate);
        if rate == 0.0 {
            return true;
        }
        // Forget addresses whose buckets are full again, so the map stays small.
        if self.buckets.len() > 10_000 {
            self.buckets
                .retain(|_, b| now.duration_since(b.at).as_secs_f64() * rate / 60.0 < rate);
        }
        let bucket = self.buckets.entry(ip).or_insert(Bucket {
            tokens: rate,
            at: now,
        });
        let refill = now.duration_since(bucket.at).as_secs_f64() * rate / 60.0;
        bucket.tokens = (bucket.tokens + refill).min(rate);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const HOME: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    fn gate(max_sessions: usize, max_startups: usize, per_ip_rate: u32) -> Gate {
        Gate::new(Limits {
            max_sessions,
            max_startups,
            per_ip_rate,
        })
    }

    #[test]
    fn the_oldest_silent_connection_makes_room_for_the_newest() {
        let mut gate = gate(100, 2, 0);
        let now = Instant::now();
        assert_eq!(gate.arrive(1, HOME, now), Admit::Yes { evict: None });
        assert_eq!(gate.arrive(2, HOME, now), Admit::Yes { evict: None });
        assert_eq!(gate.arrive(3, HOME, now), Admit::Yes { evict: Some(1) });
        gate.logged_in(3);
        assert_eq!(gate.arrive(4, HOME, now), Admit::Yes { evict: None });
    }

    #[test]
    fn a_full_server_refuses_until_a_session_ends() {
        let mut gate = gate(1, 10, 0);
        let now = Instant::now();
        assert_eq!(gate.arrive(1, HOME, now), Admit::Yes { evict: None });
        gate.logged_in(1);
        assert_eq!(gate.arrive(2, HOME, now), Admit::Full);
        gate.left(1, true);
        assert_eq!(gate.arrive(3, HOME, now), Admit::Yes { evict: None });
    }

    #[test]
    fn one_address_may_not_connect_faster_than_its_rate() {
        let mut gate = gate(1000, 1000, 2);
        let now = Instant::now();
        assert!(matches!(gate.arrive(1, HOME, now), Admit::Yes { .. }));
        assert!(matches!(gate.arrive(2, HOME, now), Admit::Yes { .. }));
        assert_eq!(gate.arrive(3, HOME, now), Admit::TooFast);
        let other = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
        assert!(matches!(gate.arrive(4, other, now), Admit::Yes { .. }));
        let later = now + Duration::from_secs(30);
        assert!(matches!(gate.arrive(5, HOME, later), Admit::Yes { .. }));
    }
}
