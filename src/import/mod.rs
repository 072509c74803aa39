//! Importing PDF-extracted bulletins (placeholder).
