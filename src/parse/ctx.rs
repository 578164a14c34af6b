//! What every part of the Markdown parser shares: the source, line numbers by byte offset and
//! the diagnostics collected so far.

use crate::model::{Diagnostic, Level};

/// Source, line numbers and diagnostics shared by the parts of the parser.
pub(crate) struct Ctx<'a> {
    pub src: &'a str,
    /// A (byte offset, line) pair to count lines from; lookups mostly move forward.
    cursor: std::cell::Cell<(usize, u32)>,
    pub diags: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub fn new(src: &'a str) -> Ctx<'a> {
        Ctx {
            src,
            cursor: std::cell::Cell::new((0, 1)),
            diags: Vec::new(),
        }
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, pos: usize) -> u32 {
        let pos = pos.min(self.src.len());
        let (mut at, mut line) = self.cursor.get();
        if pos < at {
            (at, line) = (0, 1);
        }
        let newlines = memchr::memchr_iter(b'\n', &self.src.as_bytes()[at..pos]).count();
        line = line.saturating_add(u32::try_from(newlines).unwrap_or(u32::MAX));
        self.cursor.set((pos, line));
        line
    }

    pub fn warn(&mut self, pos: usize, message: &str) {
        self.diagnose(Level::Warning, pos, message);
    }

    pub fn error(&mut self, pos: usize, message: &str) {
        self.diagnose(Level::Error, pos, message);
    }

    fn diagnose(&mut self, level: Level, pos: usize, message: &str) {
        let line = self.line(pos);
        self.diags.push(Diagnostic {
            level,
            line,
            message: message.to_string(),
        });
    }
}
