//! Drawing the reader (in progress).
