//! A small terminal emulator for the wire tests: it plays the bytes the frame writer sends
//! and shows the screen as text, so that a test can check the screen a terminal would show.

#![allow(dead_code, reason = "each test file uses part of the support module")]

use std::io::{self, Write};
use std::sync::{Arc, Mutex};

use unicode_width::UnicodeWidthChar;

/// Just enough of a VT420 to play what ratatui's crossterm backend and the frame writer send:
/// CUP, SGR (ignored), DECSTBM, DECLRMM and DECSLRM (left and right margins), SU and SD
/// within the margins, ED 2, EL 0, DECTCEM and OSC (ignored), and text with wide characters.
pub struct Emulator {
    pub width: usize,
    pub height: usize,
    /// One string per cell; a wide character's second cell is empty.
    cells: Vec<String>,
    x: usize,
    y: usize,
    pub top: usize,
    pub bottom: usize,
    /// DECLRMM (mode 69): `ESC [ s` sets the left and right margins instead of saving the
    /// cursor, and SU/SD move only the columns between them.
    pub margins_mode: bool,
    pub left: usize,
    pub right: usize,
}

impl Emulator {
    pub fn new(width: u16, height: u16) -> Self {
        let (width, height) = (usize::from(width), usize::from(height));
        Self {
            width,
            height,
            cells: vec![" ".to_owned(); width * height],
            x: 0,
            y: 0,
            top: 0,
            bottom: height - 1,
            margins_mode: false,
            left: 0,
            right: width - 1,
        }
    }

    /// SU (SD): the cells between the margins move up (down); the lines that come in are
    /// blank.
    fn scroll(&mut self, lines: usize, up: bool) {
        let (w, left, right) = (self.width, self.left, self.right + 1);
        let rows: Vec<usize> = (self.top..=self.bottom).collect();
        for &y in &rows {
            // Half a wide character on either side of a margin: nothing here sends that.
            let row = &self.cells[y * w..(y + 1) * w];
            assert!(
                !row[left].is_empty() && (right == w || !row[right].is_empty()),
                "a wide character across a margin, row {y}"
            );
        }
        let sources: Vec<Vec<String>> = rows
            .iter()
            .map(|&y| {
                let from = if up { y + lines } else { y.wrapping_sub(lines) };
                if (self.top..=self.bottom).contains(&from) {
                    self.cells[from * w + left..from * w + right].to_vec()
                } else {
                    vec![" ".to_owned(); right - left]
                }
            })
            .collect();
        for (&y, source) in rows.iter().zip(sources) {
            self.cells[y * w + left..y * w + right].clone_from_slice(&source);
        }
    }

    /// DECSTBM and DECSLRM move the cursor home.
    fn home(&mut self) {
        (self.x, self.y) = (0, 0);
    }

    /// Writes a character at the cursor; a wide one takes two cells, and a character written
    /// over half of a wide one blanks the other half, as terminals do.
    fn put(&mut self, c: char) {
        assert!(!self.margins_mode, "text written while DECLRMM is on");
        // The grapheme before the cursor: a character after a zero-width joiner belongs to
        // it (👩‍💻), and so does a second regional indicator (🇯🇵, two cells as a pair).
        let regional = |c: char| ('\u{1F1E6}'..='\u{1F1FF}').contains(&c);
        let row = self.y * self.width;
        let before = match self.x {
            0 => "",
            x if x > 1 && self.cells[row + x - 1].is_empty() => &self.cells[row + x - 2],
            x => &self.cells[row + x - 1],
        };
        let joined = before.ends_with('\u{200d}')
            || (regional(c) && before.chars().filter(|&b| regional(b)).count() == 1);
        let width = match c {
            _ if joined => 0,
            c if regional(c) => 2,
            c => c.width().unwrap_or(0),
        };
        if width == 0 {
            if self.x > 0 {
                let mut at = self.y * self.width + self.x - 1;
                if self.cells[at].is_empty() {
                    at -= 1;
                }
                self.cells[at].push(c);
            }
            return;
        }
        assert!(
            self.x + width <= self.width,
            "text past the right edge at ({}, {})",
            self.x,
            self.y
        );
        let row = self.y * self.width;
        for x in self.x..self.x + width {
            if self.cells[row + x].is_empty() && x > 0 {
                " ".clone_into(&mut self.cells[row + x - 1]);
            }
            if x + 1 < self.width && self.cells[row + x + 1].is_empty() {
                " ".clone_into(&mut self.cells[row + x + 1]);
            }
        }
        self.cells[row + self.x] = c.to_string();
        if width == 2 {
            self.cells[row + self.x + 1] = String::new();
        }
        self.x += width;
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '\u{1b}' {
                self.put(c);
                continue;
            }
            match chars.next() {
                Some('[') => {
                    let mut params = String::new();
                    let command = loop {
                        let c = chars.next().expect("a complete CSI");
                        if c.is_ascii_digit() || c == ';' || c == '?' {
                            params.push(c);
                        } else {
                            break c;
                        }
                    };
                    let private = params.starts_with('?');
                    let numbers: Vec<usize> = params
                        .trim_start_matches('?')
                        .split(';')
                        .map(|n| n.parse().unwrap_or(0))
                        .collect();
                    let first = numbers.first().copied().unwrap_or(0);
                    match command {
                        'H' => {
                            self.y = first.max(1) - 1;
                            self.x = numbers.get(1).copied().unwrap_or(1).max(1) - 1;
                        }
                        'r' => {
                            (self.top, self.bottom) = if params.is_empty() {
                                (0, self.height - 1)
                            } else {
                                (first - 1, numbers[1] - 1)
                            };
                            assert!(self.top < self.bottom && self.bottom < self.height);
                            self.home();
                        }
                        's' => {
                            assert!(self.margins_mode, "ESC[s (save cursor) without DECLRMM");
                            (self.left, self.right) = if params.is_empty() {
                                (0, self.width - 1)
                            } else {
                                (first - 1, numbers[1] - 1)
                            };
                            assert!(self.left < self.right && self.right < self.width);
                            self.home();
                        }
                        'h' | 'l' if private && first == 69 => {
                            self.margins_mode = command == 'h';
                            if !self.margins_mode {
                                (self.left, self.right) = (0, self.width - 1);
                            }
                        }
                        'S' => self.scroll(first.max(1), true),
                        'T' => self.scroll(first.max(1), false),
                        'J' if first == 2 => self.cells.fill(" ".to_owned()),
                        'K' if first == 0 => {
                            let row = self.y * self.width;
                            // From the second column of a wide character, the whole of it.
                            let from = if self.cells[row + self.x].is_empty() {
                                self.x - 1
                            } else {
                                self.x
                            };
                            self.cells[row + from..row + self.width].fill(" ".to_owned());
                        }
                        'm' | 'h' | 'l' => {}
                        other => panic!("unexpected CSI {params}{other}"),
                    }
                }
                Some(']') => {
                    // OSC: skip to ST (ESC \) or BEL.
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                other => panic!("unexpected escape {other:?}"),
            }
        }
    }

    pub fn text(&self) -> String {
        let mut out = String::new();
        for row in self.cells.chunks(self.width) {
            for cell in row {
                out.push_str(cell);
            }
            out.push('\n');
        }
        out
    }
}

/// A writer whose bytes stay readable while a backend owns it: what the emulator is fed.
#[derive(Clone, Default)]
pub struct Shared(Arc<Mutex<Vec<u8>>>);

impl Shared {
    pub fn take(&self) -> Vec<u8> {
        std::mem::take(&mut *self.0.lock().expect("lock"))
    }
}

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The screen `bytes` draw on a fresh `width` × `height` emulator, as text.
fn screen_after(width: u16, height: u16, bytes: &str) -> String {
    let mut emulator = Emulator::new(width, height);
    emulator.feed(bytes.as_bytes());
    emulator.text()
}

#[test]
fn the_emulator_scrolls_between_margins() {
    let rows = "\x1b[1;1H1abc\x1b[2;1H2def\x1b[3;1H3ghi\x1b[4;1H4jkl";
    // Columns 2 and 3 of rows 1 to 3 up by one; the rest stays.
    let up = format!("{rows}\x1b[?69h\x1b[1;3r\x1b[2;3s\x1b[1S\x1b[s\x1b[?69l\x1b[r");
    assert_eq!(screen_after(4, 4, &up), "1dec\n2ghf\n3  i\n4jkl\n");
    // Down by two.
    let down = format!("{rows}\x1b[?69h\x1b[2;4r\x1b[2;4s\x1b[2T\x1b[s\x1b[?69l\x1b[r");
    assert_eq!(screen_after(4, 4, &down), "1abc\n2   \n3   \n4def\n");
    // Without DECLRMM the margins are the screen's edges.
    let whole = format!("{rows}\x1b[1;3r\x1b[1S\x1b[r");
    assert_eq!(screen_after(4, 4, &whole), "2def\n3ghi\n    \n4jkl\n");
    // Resetting DECLRMM forgets the margins.
    let reset = format!("{rows}\x1b[?69h\x1b[2;3s\x1b[?69l\x1b[1;3r\x1b[1S\x1b[r");
    assert_eq!(screen_after(4, 4, &reset), "2def\n3ghi\n    \n4jkl\n");
}

#[test]
fn setting_margins_moves_the_cursor_home() {
    assert_eq!(screen_after(3, 3, "\x1b[3;3H\x1b[1;2rX"), "X  \n   \n   \n");
    let margins = "\x1b[?69h\x1b[2;3s\x1b[?69l";
    assert_eq!(
        screen_after(3, 3, &format!("\x1b[3;3H{margins}X")),
        "X  \n   \n   \n"
    );
}

#[test]
#[should_panic(expected = "without DECLRMM")]
fn the_emulator_knows_save_cursor_is_not_margins() {
    screen_after(3, 3, "\x1b[2;3s");
}
