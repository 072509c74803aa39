//! The real terminal: entering and leaving it, signals, measuring it (in progress).
