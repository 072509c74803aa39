//! Loading issue files (placeholder).
