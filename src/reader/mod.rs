//! Reader state (in progress).
