//! A small, offline syntax highlighter for the code blocks in report bodies.
//!
//! It is a hand-written tokenizer per language family (no regex, no grammar files): good enough to
//! colour keywords, strings, comments, numbers, types and calls in review excerpts, linear in the
//! input, and unable to panic. Tokens always tile the input: concatenating every token's text gives
//! back the input exactly, so a renderer can never lose or invent characters.

mod code;
mod markup;
mod yaml;
use code::*;
use markup::*;
use yaml::*;

/// What a token is, for colouring. `Plain` text gets no class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenClass {
    Plain,
    Keyword,
    String,
    Comment,
    Number,
    /// Types and builtins (`string`, `Vec`, `len`, `echo`).
    Type,
    /// A name being called or declared as a function (`foo(`, `Get-Item`, `println!`).
    Function,
    /// Shell and PowerShell variables (`$HOME`, `${x}`).
    Variable,
    Punctuation,
    /// Markup tag names.
    Tag,
    /// Markup attributes, JSON/YAML keys, command-line flags.
    Attr,
    DiffAdd,
    DiffDel,
    DiffHunk,
    DiffMeta,
}

impl TokenClass {
    /// The CSS class(es) for this token (`style/code.css`); `None` for plain text.
    pub fn css_class(self) -> Option<&'static str> {
        Some(match self {
            TokenClass::Plain => return None,
            TokenClass::Keyword => "tok-kw",
            TokenClass::String => "tok-str",
            TokenClass::Comment => "tok-com",
            TokenClass::Number => "tok-num",
            TokenClass::Type => "tok-type",
            TokenClass::Function => "tok-fn",
            TokenClass::Variable => "tok-var",
            TokenClass::Punctuation => "tok-punct",
            TokenClass::Tag => "tok-tag",
            TokenClass::Attr => "tok-attr",
            TokenClass::DiffAdd => "diff-line diff-add",
            TokenClass::DiffDel => "diff-line diff-del",
            TokenClass::DiffHunk => "diff-line diff-hunk",
            TokenClass::DiffMeta => "diff-line diff-meta",
        })
    }
}

/// The languages the highlighter knows (each covers a few info-string spellings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Go,
    Rust,
    /// JavaScript and TypeScript, with or without JSX.
    JavaScript,
    Shell,
    PowerShell,
    Yaml,
    Json,
    Python,
    /// HTML, XML and Vue single-file components.
    Markup,
    Diff,
}

impl Lang {
    /// The language named by a fenced block's info string word (`go`, `ts`, `pwsh`, `yml` …),
    /// case-insensitive; `None` for languages without a highlighter.
    pub fn from_name(name: &str) -> Option<Lang> {
        let lower = name.trim().to_ascii_lowercase();
        Some(match lower.as_str() {
            "go" | "golang" => Lang::Go,
            "rust" | "rs" => Lang::Rust,
            "ts" | "tsx" | "typescript" | "js" | "jsx" | "javascript" | "mjs" | "cjs" => {
                Lang::JavaScript
            }
            "bash" | "sh" | "shell" | "zsh" | "console" | "shellsession" => Lang::Shell,
            "powershell" | "pwsh" | "ps1" | "ps" => Lang::PowerShell,
            "yaml" | "yml" => Lang::Yaml,
            "json" | "jsonc" | "json5" => Lang::Json,
            "python" | "py" | "python3" => Lang::Python,
            "vue" | "html" | "htm" | "xml" | "svg" | "xhtml" => Lang::Markup,
            "diff" | "patch" => Lang::Diff,
            _ => return None,
        })
    }
}

/// Splits `code` into classified tokens for `lang`. Unknown languages (`None`) give one plain
/// token. Adjacent tokens of the same class are merged; the tokens tile `code` exactly.
pub fn highlight(lang: Option<Lang>, code: &str) -> Vec<(TokenClass, &str)> {
    let mut out = Out::new(code);
    match lang {
        None => {}
        Some(Lang::Go) => scan_code(&GO, &mut out),
        Some(Lang::Rust) => scan_code(&RUST, &mut out),
        Some(Lang::JavaScript) => scan_code(&JS, &mut out),
        Some(Lang::Shell) => scan_code(&SHELL, &mut out),
        Some(Lang::PowerShell) => scan_code(&POWERSHELL, &mut out),
        Some(Lang::Json) => scan_code(&JSON, &mut out),
        Some(Lang::Python) => scan_code(&PYTHON, &mut out),
        Some(Lang::Yaml) => scan_yaml(&mut out),
        Some(Lang::Markup) => scan_markup(&mut out),
        Some(Lang::Diff) => scan_diff(&mut out),
    }
    out.finish()
}

// ---------------------------------------------------------------------------------------------
// Token collection

/// Collects classified byte ranges. Whatever a scanner does not claim becomes `Plain`; ranges are
/// clamped to char boundaries and never overlap, so the result always tiles the input.
struct Out<'a> {
    src: &'a str,
    toks: Vec<(TokenClass, usize, usize)>,
    done: usize,
}

impl<'a> Out<'a> {
    fn new(src: &'a str) -> Self {
        Out {
            src,
            toks: Vec::new(),
            done: 0,
        }
    }

    /// Claims everything from the last claimed position up to `end` as `class`.
    fn claim(&mut self, class: TokenClass, end: usize) {
        let mut end = end.min(self.src.len());
        while !self.src.is_char_boundary(end) {
            end += 1;
        }
        if end <= self.done {
            return;
        }
        match self.toks.last_mut() {
            Some((last, _, last_end)) if *last == class => *last_end = end,
            _ => self.toks.push((class, self.done, end)),
        }
        self.done = end;
    }

    /// Marks `start..end` as `class` (anything unclaimed before `start` becomes plain).
    fn mark(&mut self, class: TokenClass, start: usize, end: usize) {
        self.claim(TokenClass::Plain, start);
        self.claim(class, end);
    }

    fn finish(mut self) -> Vec<(TokenClass, &'a str)> {
        self.claim(TokenClass::Plain, self.src.len());
        let src = self.src;
        self.toks
            .into_iter()
            .map(|(class, start, end)| (class, src.get(start..end).unwrap_or("")))
            .collect()
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b >= 0x80
}

fn at(bytes: &[u8], i: usize, pat: &str) -> bool {
    bytes
        .get(i..)
        .is_some_and(|rest| rest.starts_with(pat.as_bytes()))
}

fn line_end(bytes: &[u8], i: usize) -> usize {
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(bytes.len(), |p| i + p)
}

fn find(bytes: &[u8], from: usize, pat: &str) -> Option<usize> {
    let pat = pat.as_bytes();
    let rest = bytes.get(from..)?;
    rest.windows(pat.len().max(1))
        .position(|w| w == pat)
        .map(|p| from + p)
}

fn in_list(word: &str, list: &[&str], case_insensitive: bool) -> bool {
    if case_insensitive {
        list.iter().any(|k| k.eq_ignore_ascii_case(word))
    } else {
        list.contains(&word)
    }
}

#[cfg(test)]
mod tests;
