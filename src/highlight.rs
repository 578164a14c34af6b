//! A small, offline syntax highlighter for the code blocks in report bodies.
//!
//! It is a hand-written tokenizer per language family (no regex, no grammar files): good enough to
//! colour keywords, strings, comments, numbers, types and calls in review excerpts, linear in the
//! input, and unable to panic. Tokens always tile the input: concatenating every token's text gives
//! back the input exactly, so a renderer can never lose or invent characters.

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

// ---------------------------------------------------------------------------------------------
// Code languages (one configurable scanner)

#[derive(Clone, Copy, PartialEq, Eq)]
enum Escape {
    Backslash,
    /// PowerShell's backtick escape.
    Backtick,
    None,
}

struct Quote {
    delim: u8,
    escape: Escape,
    multiline: bool,
}

const fn q(delim: u8, escape: Escape, multiline: bool) -> Quote {
    Quote {
        delim,
        escape,
        multiline,
    }
}

struct Spec {
    line_comments: &'static [&'static str],
    block_comment: Option<(&'static str, &'static str)>,
    quotes: &'static [Quote],
    keywords: &'static [&'static str],
    builtins: &'static [&'static str],
    case_insensitive: bool,
    /// `Foo` is a type (Rust, TypeScript, Python classes).
    capitalized_types: bool,
    /// `$name` / `${…}` are variables (shells).
    dollar_vars: bool,
    /// `$` is an identifier character (JavaScript).
    dollar_in_ident: bool,
    /// PowerShell: `Verb-Noun` is one word, `-Param` is a flag.
    dash_words: bool,
    /// Shells: `#` starts a comment only at the start of a word; `--flag` is a flag.
    shell_words: bool,
    /// JSON: a string followed by `:` is a key.
    string_keys: bool,
    /// Rust: `'a'` is a char, `'a` a lifetime; `r#"…"#` raw strings; `name!` macros.
    rust: bool,
    /// Python: `"""…"""` strings and `r`/`b`/`f` prefixes.
    python: bool,
}

const GO: Spec = Spec {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[
        q(b'"', Escape::Backslash, false),
        q(b'\'', Escape::Backslash, false),
        q(b'`', Escape::None, true),
    ],
    keywords: &[
        "break",
        "case",
        "chan",
        "const",
        "continue",
        "default",
        "defer",
        "else",
        "fallthrough",
        "for",
        "func",
        "go",
        "goto",
        "if",
        "import",
        "interface",
        "map",
        "package",
        "range",
        "return",
        "select",
        "struct",
        "switch",
        "type",
        "var",
        "true",
        "false",
        "nil",
        "iota",
    ],
    builtins: &[
        "any",
        "bool",
        "byte",
        "comparable",
        "complex64",
        "complex128",
        "error",
        "float32",
        "float64",
        "int",
        "int8",
        "int16",
        "int32",
        "int64",
        "rune",
        "string",
        "uint",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "uintptr",
        "append",
        "cap",
        "clear",
        "close",
        "copy",
        "delete",
        "len",
        "make",
        "max",
        "min",
        "new",
        "panic",
        "print",
        "println",
        "recover",
    ],
    case_insensitive: false,
    capitalized_types: false,
    dollar_vars: false,
    dollar_in_ident: false,
    dash_words: false,
    shell_words: false,
    string_keys: false,
    rust: false,
    python: false,
};

const RUST: Spec = Spec {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[q(b'"', Escape::Backslash, true)],
    keywords: &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
        "true", "type", "unsafe", "use", "where", "while", "yield",
    ],
    builtins: &[
        "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
        "i64", "i128", "isize", "f32", "f64",
    ],
    case_insensitive: false,
    capitalized_types: true,
    dollar_vars: false,
    dollar_in_ident: false,
    dash_words: false,
    shell_words: false,
    string_keys: false,
    rust: true,
    python: false,
};

const JS: Spec = Spec {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[
        q(b'"', Escape::Backslash, false),
        q(b'\'', Escape::Backslash, false),
        q(b'`', Escape::Backslash, true),
    ],
    keywords: &[
        "abstract",
        "as",
        "async",
        "await",
        "break",
        "case",
        "catch",
        "class",
        "const",
        "constructor",
        "continue",
        "debugger",
        "declare",
        "default",
        "delete",
        "do",
        "else",
        "enum",
        "export",
        "extends",
        "false",
        "finally",
        "for",
        "from",
        "function",
        "if",
        "implements",
        "import",
        "in",
        "infer",
        "instanceof",
        "interface",
        "is",
        "keyof",
        "let",
        "namespace",
        "new",
        "null",
        "of",
        "private",
        "protected",
        "public",
        "readonly",
        "return",
        "satisfies",
        "static",
        "super",
        "switch",
        "this",
        "throw",
        "true",
        "try",
        "type",
        "typeof",
        "undefined",
        "var",
        "void",
        "while",
        "with",
        "yield",
    ],
    builtins: &[
        "any", "bigint", "boolean", "never", "number", "object", "string", "symbol", "unknown",
        "console", "window", "document", "process", "require",
    ],
    case_insensitive: false,
    capitalized_types: true,
    dollar_vars: false,
    dollar_in_ident: true,
    dash_words: false,
    shell_words: false,
    string_keys: false,
    rust: false,
    python: false,
};

const SHELL: Spec = Spec {
    line_comments: &["#"],
    block_comment: None,
    quotes: &[
        q(b'"', Escape::Backslash, true),
        q(b'\'', Escape::None, true),
    ],
    keywords: &[
        "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until",
        "do", "done", "in", "function", "time", "return", "exit", "break", "continue", "local",
        "export", "readonly", "declare", "set", "unset", "shift", "trap", "source", "eval", "exec",
    ],
    builtins: &[
        "echo", "printf", "cd", "pwd", "read", "test", "true", "false", "sudo", "cat", "grep",
        "sed", "awk", "ls", "rm", "mkdir", "cp", "mv", "curl", "git", "go", "make", "docker",
        "limactl", "kubectl", "nerdctl",
    ],
    case_insensitive: false,
    capitalized_types: false,
    dollar_vars: true,
    dollar_in_ident: false,
    dash_words: false,
    shell_words: true,
    string_keys: false,
    rust: false,
    python: false,
};

const POWERSHELL: Spec = Spec {
    line_comments: &["#"],
    block_comment: Some(("<#", "#>")),
    quotes: &[
        q(b'"', Escape::Backtick, true),
        q(b'\'', Escape::None, true),
    ],
    keywords: &[
        "begin",
        "break",
        "catch",
        "class",
        "continue",
        "data",
        "do",
        "dynamicparam",
        "else",
        "elseif",
        "end",
        "exit",
        "filter",
        "finally",
        "for",
        "foreach",
        "function",
        "if",
        "in",
        "param",
        "process",
        "return",
        "switch",
        "throw",
        "trap",
        "try",
        "until",
        "using",
        "while",
        // operators
        "-eq",
        "-ne",
        "-gt",
        "-ge",
        "-lt",
        "-le",
        "-like",
        "-notlike",
        "-match",
        "-notmatch",
        "-contains",
        "-notcontains",
        "-in",
        "-notin",
        "-and",
        "-or",
        "-not",
        "-xor",
        "-replace",
        "-split",
        "-join",
        "-is",
        "-isnot",
        "-as",
        "-f",
    ],
    builtins: &[
        "string",
        "int",
        "bool",
        "array",
        "hashtable",
        "object",
        "void",
        "switch",
        "pscustomobject",
        "cmd.exe",
        "powershell",
    ],
    case_insensitive: true,
    capitalized_types: false,
    dollar_vars: true,
    dollar_in_ident: false,
    dash_words: true,
    shell_words: false,
    string_keys: false,
    rust: false,
    python: false,
};

const JSON: Spec = Spec {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[q(b'"', Escape::Backslash, false)],
    keywords: &["true", "false", "null"],
    builtins: &[],
    case_insensitive: false,
    capitalized_types: false,
    dollar_vars: false,
    dollar_in_ident: false,
    dash_words: false,
    shell_words: false,
    string_keys: true,
    rust: false,
    python: false,
};

const PYTHON: Spec = Spec {
    line_comments: &["#"],
    block_comment: None,
    quotes: &[
        q(b'"', Escape::Backslash, false),
        q(b'\'', Escape::Backslash, false),
    ],
    keywords: &[
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
        "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
        "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return",
        "try", "while", "with", "yield", "match", "case", "self",
    ],
    builtins: &[
        "print",
        "len",
        "range",
        "int",
        "str",
        "list",
        "dict",
        "set",
        "tuple",
        "bool",
        "float",
        "bytes",
        "isinstance",
        "open",
        "super",
        "enumerate",
        "zip",
        "sorted",
        "Exception",
    ],
    case_insensitive: false,
    capitalized_types: true,
    dollar_vars: false,
    dollar_in_ident: false,
    dash_words: false,
    shell_words: false,
    string_keys: false,
    rust: false,
    python: true,
};

const PUNCTUATION: &[u8] = b"{}()[];,.:<>=+-*/%&|^!~?@\\";

/// End of a quoted string starting at `start` (the opening delimiter, `open_len` bytes long),
/// closed by `close`; unterminated strings end at the line end (or input end when multiline).
fn string_end(bytes: &[u8], start: usize, open_len: usize, close_b: &[u8], quote: &Quote) -> usize {
    let mut i = start + open_len;
    while i < bytes.len() {
        let b = bytes[i];
        let escaped = match quote.escape {
            Escape::Backslash => b == b'\\',
            Escape::Backtick => b == b'`',
            Escape::None => false,
        };
        if escaped {
            i += 2;
            continue;
        }
        if b == b'\n' && !quote.multiline {
            return i;
        }
        if bytes[i..].starts_with(close_b) {
            // PowerShell and shells: '' inside '…' is an escaped quote in PowerShell only;
            // treating it as close-then-open gives the same colouring.
            return i + close_b.len();
        }
        i += 1;
    }
    bytes.len()
}

fn scan_code(spec: &Spec, out: &mut Out) {
    let bytes = out.src.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    // Shells: is `i` at the start of a word (for `#` comments)?
    let word_start = |i: usize| i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b';');
    while i < len {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // Block comments.
        if let Some((open, close)) = spec.block_comment {
            if at(bytes, i, open) {
                let end = find(bytes, i + open.len(), close).map_or(len, |p| p + close.len());
                out.mark(TokenClass::Comment, i, end);
                i = end;
                continue;
            }
        }
        // Line comments.
        if spec
            .line_comments
            .iter()
            .any(|c| at(bytes, i, c) && (!spec.shell_words || word_start(i)))
        {
            let end = line_end(bytes, i);
            out.mark(TokenClass::Comment, i, end);
            i = end;
            continue;
        }
        // Python triple-quoted strings.
        if spec.python && (at(bytes, i, "\"\"\"") || at(bytes, i, "'''")) {
            let quote = q(b, Escape::Backslash, true);
            let end = string_end(bytes, i, 3, &[b; 3], &quote);
            out.mark(TokenClass::String, i, end);
            i = end;
            continue;
        }
        // Rust raw strings r"…", r#"…"#, br#"…"#.
        if spec.rust && (b == b'r' || (b == b'b' && bytes.get(i + 1) == Some(&b'r'))) {
            let r = if b == b'b' { i + 1 } else { i };
            let hashes = bytes[r + 1..].iter().take_while(|&&c| c == b'#').count();
            if bytes.get(r + 1 + hashes) == Some(&b'"') && (i == 0 || !is_ident_byte(bytes[i - 1]))
            {
                let close = format!("\"{}", "#".repeat(hashes));
                let end = find(bytes, r + 2 + hashes, &close).map_or(len, |p| p + close.len());
                out.mark(TokenClass::String, i, end);
                i = end;
                continue;
            }
        }
        // Rust chars vs lifetimes.
        if spec.rust && b == b'\'' {
            let (class, end) = match rust_char_end(bytes, i) {
                Some(end) => (TokenClass::String, end),
                None => (TokenClass::Type, ident_end(bytes, i + 1, false)),
            };
            out.mark(class, i, end);
            i = end;
            continue;
        }
        // Strings.
        if let Some(quote) = spec.quotes.iter().find(|qt| qt.delim == b) {
            let end = string_end(bytes, i, 1, &[b], quote);
            let class = if spec.string_keys && next_non_space(bytes, end) == Some(b':') {
                TokenClass::Attr
            } else {
                TokenClass::String
            };
            out.mark(class, i, end);
            i = end;
            continue;
        }
        // Numbers.
        if b.is_ascii_digit() {
            let end = number_end(bytes, i);
            out.mark(TokenClass::Number, i, end);
            i = end;
            continue;
        }
        // Variables.
        if spec.dollar_vars && b == b'$' {
            let end = match bytes.get(i + 1) {
                Some(b'{') => {
                    let close = find(bytes, i + 2, "}").map_or(len, |p| p + 1);
                    close.min(line_end(bytes, i))
                }
                Some(&c) if is_ident_byte(c) => ident_end(bytes, i + 1, false),
                Some(b'?' | b'@' | b'#' | b'*' | b'$' | b'!') => i + 2,
                _ => i + 1,
            };
            let class = if end > i + 1 {
                TokenClass::Variable
            } else {
                TokenClass::Punctuation
            };
            out.mark(class, i, end);
            i = end;
            continue;
        }
        // Flags: `-Path` (PowerShell), `--force` / `-f` (shells).
        if (spec.dash_words || spec.shell_words)
            && b == b'-'
            && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'(' | b'\n'))
        {
            let dashes = if spec.shell_words && bytes.get(i + 1) == Some(&b'-') {
                2
            } else {
                1
            };
            if bytes
                .get(i + dashes)
                .is_some_and(|&c| c.is_ascii_alphabetic())
            {
                let end = ident_end(bytes, i + dashes, true);
                let word = out.src.get(i..end).unwrap_or("");
                let class = if in_list(word, spec.keywords, spec.case_insensitive) {
                    TokenClass::Keyword
                } else {
                    TokenClass::Attr
                };
                out.mark(class, i, end);
                i = end;
                continue;
            }
        }
        // Identifiers and keywords.
        if is_ident_start(b) || (spec.dollar_in_ident && b == b'$') {
            let mut end = ident_end(bytes, i, spec.dollar_in_ident);
            if spec.dash_words {
                // Verb-Noun cmdlets.
                while bytes.get(end) == Some(&b'-')
                    && bytes.get(end + 1).is_some_and(|c| c.is_ascii_alphabetic())
                {
                    end = ident_end(bytes, end + 1, false);
                }
            }
            // Python string prefixes: r"…", f'…', b"…".
            if spec.python && end - i <= 2 && matches!(bytes.get(end), Some(b'"' | b'\'')) {
                let word = out.src.get(i..end).unwrap_or("").to_ascii_lowercase();
                if word.chars().all(|c| matches!(c, 'r' | 'b' | 'f' | 'u')) {
                    let qb = bytes[end];
                    let triple = bytes
                        .get(end..end + 3)
                        .is_some_and(|w| w.iter().all(|&c| c == qb));
                    let open = if triple { 3 } else { 1 };
                    let quote = q(qb, Escape::Backslash, triple);
                    let s_end = string_end(bytes, end, open, &[qb; 3][..open], &quote);
                    out.mark(TokenClass::String, i, s_end);
                    i = s_end;
                    continue;
                }
            }
            let word = out.src.get(i..end).unwrap_or("");
            let next = bytes.get(end).copied();
            let class = if in_list(word, spec.keywords, spec.case_insensitive) {
                TokenClass::Keyword
            } else if in_list(word, spec.builtins, spec.case_insensitive) {
                TokenClass::Type
            } else if next == Some(b'(')
                || (spec.rust && next == Some(b'!'))
                || (spec.dash_words && word.contains('-'))
            {
                TokenClass::Function
            } else if spec.capitalized_types && b.is_ascii_uppercase() {
                TokenClass::Type
            } else if is_declared_function(spec, out.src, i) {
                TokenClass::Function
            } else {
                TokenClass::Plain
            };
            let end = if class == TokenClass::Function && spec.rust && next == Some(b'!') {
                end + 1
            } else {
                end
            };
            out.mark(class, i, end);
            i = end;
            continue;
        }
        if PUNCTUATION.contains(&b) {
            out.mark(TokenClass::Punctuation, i, i + 1);
        }
        i += 1;
    }
}

/// Is the identifier at `start` preceded by `func`/`fn`/`def`/`function` (a declaration)?
fn is_declared_function(spec: &Spec, src: &str, start: usize) -> bool {
    let before = src.get(..start).unwrap_or("").trim_end_matches([' ', '\t']);
    let word_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |p| p + 1);
    let word = before.get(word_start..).unwrap_or("");
    before.len() < start
        && matches!(word, "func" | "fn" | "def" | "function")
        && in_list(word, spec.keywords, spec.case_insensitive)
}

fn ident_end(bytes: &[u8], mut i: usize, dollar: bool) -> usize {
    while i < bytes.len() && (is_ident_byte(bytes[i]) || (dollar && bytes[i] == b'$')) {
        i += 1;
    }
    i
}

fn number_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        let b = bytes[i];
        let continues = b.is_ascii_alphanumeric()
            || b == b'_'
            || (b == b'.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit));
        if !continues {
            break;
        }
        i += 1;
    }
    i
}

/// `'x'`, `'\n'`, `'\u{1F600}'`, `'é'` → the end of the char literal; `None` for a lifetime.
fn rust_char_end(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = bytes.get(i + 1..)?;
    if rest.first() == Some(&b'\\') {
        let close = rest.iter().skip(1).take(10).position(|&b| b == b'\'')?;
        return Some(i + 1 + 1 + close + 1);
    }
    // One UTF-8 character, then a closing quote.
    let first = *rest.first()?;
    let width = match first {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    (rest.get(width) == Some(&b'\'') && first != b'\'').then_some(i + 1 + width + 1)
}

fn next_non_space(bytes: &[u8], mut i: usize) -> Option<u8> {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
        i += 1;
    }
    bytes.get(i).copied()
}

// ---------------------------------------------------------------------------------------------
// YAML (line-oriented)

fn scan_yaml(out: &mut Out) {
    let bytes = out.src.as_bytes();
    let len = bytes.len();
    let mut line = 0;
    // Indentation of the line that opened a `|` / `>` block scalar.
    let mut block_indent: Option<usize> = None;
    while line < len {
        let end = line_end(bytes, line);
        let indent = bytes[line..end].iter().take_while(|&&b| b == b' ').count();
        let content = line + indent;
        let blank = content >= end || bytes[content..end].iter().all(u8::is_ascii_whitespace);
        if let Some(bi) = block_indent {
            if blank || indent > bi {
                out.mark(TokenClass::String, content, end);
                line = end + 1;
                continue;
            }
            block_indent = None;
        }
        if at(bytes, line, "---") || at(bytes, line, "...") {
            out.mark(TokenClass::Punctuation, line, line + 3);
            yaml_value(out, line + 3, end, &mut block_indent, indent);
        } else {
            let mut i = content;
            // List markers.
            while i < end
                && bytes.get(i) == Some(&b'-')
                && matches!(bytes.get(i + 1), Some(b' ') | Some(b'\n') | None)
            {
                out.mark(TokenClass::Punctuation, i, i + 1);
                i += 1;
                while i < end && bytes[i] == b' ' {
                    i += 1;
                }
            }
            if i < end && bytes[i] == b'#' {
                out.mark(TokenClass::Comment, i, end);
            } else if let Some(colon) = yaml_key_colon(bytes, i, end) {
                out.mark(TokenClass::Attr, i, colon);
                out.mark(TokenClass::Punctuation, colon, colon + 1);
                yaml_value(out, colon + 1, end, &mut block_indent, indent);
            } else {
                yaml_value(out, i, end, &mut block_indent, indent);
            }
        }
        line = end + 1;
    }
}

/// The `:` ending a mapping key that starts at `i` (a colon followed by a space or line end,
/// outside quotes, before any ` #` comment).
fn yaml_key_colon(bytes: &[u8], i: usize, end: usize) -> Option<usize> {
    let first = *bytes.get(i)?;
    if matches!(first, b'"' | b'\'') {
        let close = bytes[i + 1..end].iter().position(|&b| b == first)? + i + 1;
        return (bytes.get(close + 1) == Some(&b':')).then_some(close + 1);
    }
    if matches!(first, b'{' | b'[' | b'|' | b'>' | b'&' | b'*' | b'!') {
        return None;
    }
    let mut j = i;
    while j < end {
        match bytes[j] {
            b':' if j + 1 >= end || matches!(bytes[j + 1], b' ' | b'\t' | b'\r') => return Some(j),
            b'#' if j > i && bytes[j - 1] == b' ' => return None,
            _ => j += 1,
        }
    }
    None
}

fn yaml_value(out: &mut Out, start: usize, end: usize, block: &mut Option<usize>, indent: usize) {
    let bytes = out.src.as_bytes();
    let mut i = start;
    while i < end && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    if i >= end {
        return;
    }
    let b = bytes[i];
    match b {
        b'#' => out.mark(TokenClass::Comment, i, end),
        b'"' | b'\'' => {
            let quote = q(
                b,
                if b == b'"' {
                    Escape::Backslash
                } else {
                    Escape::None
                },
                false,
            );
            let s_end = string_end(bytes, i, 1, &[b], &quote).min(end);
            out.mark(TokenClass::String, i, s_end);
            yaml_trailing_comment(out, s_end, end);
        }
        b'|' | b'>' => {
            out.mark(TokenClass::Punctuation, i, i + 1);
            *block = Some(indent);
            yaml_trailing_comment(out, i + 1, end);
        }
        b'&' | b'*' | b'!' => {
            let w_end = bytes[i..end]
                .iter()
                .position(|&c| c == b' ')
                .map_or(end, |p| i + p);
            out.mark(TokenClass::Type, i, w_end);
            yaml_value(out, w_end, end, block, indent);
        }
        _ => {
            // A plain scalar: up to a ` #` comment.
            let mut j = i;
            while j < end && !(j > i && bytes[j] == b'#' && bytes[j - 1] == b' ') {
                j += 1;
            }
            let scalar = out.src.get(i..j).unwrap_or("").trim_end();
            let class = if matches!(
                scalar,
                "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "True" | "False" | "~"
            ) {
                TokenClass::Keyword
            } else if !scalar.is_empty()
                && scalar
                    .bytes()
                    .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'_' | b'e'))
                && scalar
                    .bytes()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || c == b'-')
                && scalar.bytes().any(|c| c.is_ascii_digit())
            {
                TokenClass::Number
            } else {
                TokenClass::Plain
            };
            out.mark(class, i, i + scalar.len());
            if j < end {
                out.mark(TokenClass::Comment, j, end);
            }
        }
    }
}

fn yaml_trailing_comment(out: &mut Out, from: usize, end: usize) {
    let bytes = out.src.as_bytes();
    if let Some(p) = bytes
        .get(from..end)
        .and_then(|r| r.iter().position(|&b| b == b'#'))
    {
        out.mark(TokenClass::Comment, from + p, end);
    }
}

// ---------------------------------------------------------------------------------------------
// Markup (HTML, XML, Vue)

fn scan_markup(out: &mut Out) {
    let bytes = out.src.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    while i < len {
        if bytes[i] != b'<' {
            if bytes[i] == b'&' {
                let semi = bytes[i..len.min(i + 12)].iter().position(|&b| b == b';');
                if let Some(p) = semi {
                    if bytes[i + 1..i + p]
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || *b == b'#')
                        && p > 1
                    {
                        out.mark(TokenClass::Keyword, i, i + p + 1);
                        i += p + 1;
                        continue;
                    }
                }
            }
            i += 1;
            continue;
        }
        if at(bytes, i, "<!--") {
            let end = find(bytes, i + 4, "-->").map_or(len, |p| p + 3);
            out.mark(TokenClass::Comment, i, end);
            i = end;
        } else if at(bytes, i, "<![CDATA[") {
            let end = find(bytes, i + 9, "]]>").map_or(len, |p| p + 3);
            out.mark(TokenClass::String, i, end);
            i = end;
        } else if at(bytes, i, "<?") || at(bytes, i, "<!") {
            let end = find(bytes, i + 2, ">").map_or(len, |p| p + 1);
            out.mark(TokenClass::Keyword, i, end);
            i = end;
        } else {
            let name_start = if bytes.get(i + 1) == Some(&b'/') {
                i + 2
            } else {
                i + 1
            };
            if !bytes.get(name_start).is_some_and(|&b| is_ident_start(b)) {
                i += 1;
                continue;
            }
            out.mark(TokenClass::Punctuation, i, name_start);
            let name_end = markup_name_end(bytes, name_start);
            out.mark(TokenClass::Tag, name_start, name_end);
            i = markup_attrs(out, name_end);
        }
    }
}

fn markup_name_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len()
        && !matches!(
            bytes[i],
            b' ' | b'\t' | b'\r' | b'\n' | b'=' | b'>' | b'/' | b'"' | b'\'' | b'<'
        )
    {
        i += 1;
    }
    i
}

/// Attributes of a tag from `i` up to and including its `>`; returns the position after it.
fn markup_attrs(out: &mut Out, mut i: usize) -> usize {
    let bytes = out.src.as_bytes();
    let len = bytes.len();
    while i < len {
        match bytes[i] {
            b'>' => {
                out.mark(TokenClass::Punctuation, i, i + 1);
                return i + 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'>') => {
                out.mark(TokenClass::Punctuation, i, i + 2);
                return i + 2;
            }
            b'<' => return i,
            b'=' => {
                out.mark(TokenClass::Punctuation, i, i + 1);
                i += 1;
                let Some(&v) = bytes.get(i) else { return i };
                let end = if matches!(v, b'"' | b'\'') {
                    find(bytes, i + 1, if v == b'"' { "\"" } else { "'" }).map_or(len, |p| p + 1)
                } else {
                    markup_name_end(bytes, i)
                };
                out.mark(TokenClass::String, i, end);
                i = end;
            }
            b' ' | b'\t' | b'\r' | b'\n' | b'/' => i += 1,
            b'"' | b'\'' => {
                let end = find(bytes, i + 1, if bytes[i] == b'"' { "\"" } else { "'" })
                    .map_or(len, |p| p + 1);
                out.mark(TokenClass::String, i, end);
                i = end;
            }
            _ => {
                let end = markup_name_end(bytes, i).max(i + 1);
                out.mark(TokenClass::Attr, i, end);
                i = end;
            }
        }
    }
    len
}

// ---------------------------------------------------------------------------------------------
// Diff (per line)

fn scan_diff(out: &mut Out) {
    let bytes = out.src.as_bytes();
    let len = bytes.len();
    let mut line = 0;
    let mut prev_header = false;
    while line < len {
        let end = line_end(bytes, line);
        let text = &bytes[line..end];
        let next = bytes.get(end + 1..).unwrap_or(&[]);
        let file_header = ((text.starts_with(b"--- ") || text == b"---")
            && next.starts_with(b"+++"))
            || (text.starts_with(b"+++") && prev_header);
        let class = if file_header {
            TokenClass::DiffMeta
        } else if text.starts_with(b"@@") {
            TokenClass::DiffHunk
        } else if [
            "diff ",
            "index ",
            "new file mode",
            "deleted file mode",
            "similarity index",
            "rename from",
            "rename to",
            "old mode",
            "new mode",
            "\\ No newline",
        ]
        .iter()
        .any(|p| text.starts_with(p.as_bytes()))
        {
            TokenClass::DiffMeta
        } else if text.first() == Some(&b'+') {
            TokenClass::DiffAdd
        } else if text.first() == Some(&b'-') {
            TokenClass::DiffDel
        } else {
            TokenClass::Plain
        };
        prev_header = class == TokenClass::DiffMeta && text.starts_with(b"---");
        out.mark(class, line, end);
        line = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The classes of the tokens that contain `needle`.
    fn class_of(lang: Lang, code: &str, needle: &str) -> Vec<TokenClass> {
        highlight(Some(lang), code)
            .into_iter()
            .filter(|(_, t)| t.contains(needle))
            .map(|(c, _)| c)
            .collect()
    }

    /// Asserts that `token` occurs as a whole token of class `class` in `code`.
    #[track_caller]
    fn assert_tok(lang: Lang, code: &str, token: &str, class: TokenClass) {
        let toks = highlight(Some(lang), code);
        assert!(
            toks.iter().any(|&(c, t)| t == token && c == class),
            "{lang:?}: expected {token:?} as {class:?} in {code:?}; got {toks:?}"
        );
    }

    #[track_caller]
    fn assert_tiles(lang: Option<Lang>, code: &str) {
        let toks = highlight(lang, code);
        let joined: String = toks.iter().map(|(_, t)| *t).collect();
        assert_eq!(joined, code, "{lang:?} tokens must tile the input");
        assert!(toks.iter().all(|(_, t)| !t.is_empty()), "no empty tokens");
        for w in toks.windows(2) {
            assert_ne!(w[0].0, w[1].0, "adjacent tokens of one class are merged");
        }
    }

    #[test]
    fn info_string_names() {
        assert_eq!(Lang::from_name("go"), Some(Lang::Go));
        assert_eq!(Lang::from_name("TSX"), Some(Lang::JavaScript));
        assert_eq!(Lang::from_name("pwsh"), Some(Lang::PowerShell));
        assert_eq!(Lang::from_name("ps1"), Some(Lang::PowerShell));
        assert_eq!(Lang::from_name("zsh"), Some(Lang::Shell));
        assert_eq!(Lang::from_name("yml"), Some(Lang::Yaml));
        assert_eq!(Lang::from_name("vue"), Some(Lang::Markup));
        assert_eq!(Lang::from_name("py"), Some(Lang::Python));
        assert_eq!(Lang::from_name("mermaid"), None);
        assert_eq!(Lang::from_name(""), None);
    }

    #[test]
    fn unknown_language_is_one_plain_token() {
        let code = "func main() { \"x\" }";
        assert_eq!(highlight(None, code), vec![(TokenClass::Plain, code)]);
        assert!(highlight(None, "").is_empty());
    }

    #[test]
    fn go_tokens() {
        let code = "// Run starts it\nfunc (s *Srv) Run(ctx context.Context) error {\n\tx := \"x\"\n\tn := 42 + len(s.a) /* c */\n\treturn fmt.Errorf(`raw\n%w`, nil)\n}\n";
        assert_tiles(Some(Lang::Go), code);
        assert_tok(Lang::Go, code, "func", TokenClass::Keyword);
        assert_tok(Lang::Go, code, "return", TokenClass::Keyword);
        assert_tok(Lang::Go, code, "\"x\"", TokenClass::String);
        assert_tok(Lang::Go, code, "`raw\n%w`", TokenClass::String);
        assert_tok(Lang::Go, code, "// Run starts it", TokenClass::Comment);
        assert_tok(Lang::Go, code, "/* c */", TokenClass::Comment);
        assert_tok(Lang::Go, code, "42", TokenClass::Number);
        assert_tok(Lang::Go, code, "error", TokenClass::Type);
        assert_tok(Lang::Go, code, "len", TokenClass::Type);
        assert_tok(Lang::Go, code, "Run", TokenClass::Function);
        assert_tok(Lang::Go, code, "Errorf", TokenClass::Function);
        assert_eq!(class_of(Lang::Go, code, "ctx"), vec![TokenClass::Plain]);
    }

    #[test]
    fn rust_tokens() {
        let code = "fn parse<'a>(s: &'a str) -> Option<u8> {\n    let c = '\\n'; let d = 'é';\n    println!(\"{}\", r#\"raw \"q\"\"#);\n    None\n}";
        assert_tiles(Some(Lang::Rust), code);
        assert_tok(Lang::Rust, code, "fn", TokenClass::Keyword);
        assert_tok(Lang::Rust, code, "parse", TokenClass::Function);
        assert_tok(Lang::Rust, code, "'a", TokenClass::Type);
        assert_tok(Lang::Rust, code, "'\\n'", TokenClass::String);
        assert_tok(Lang::Rust, code, "'é'", TokenClass::String);
        assert_tok(Lang::Rust, code, "println!", TokenClass::Function);
        assert_tok(Lang::Rust, code, "r#\"raw \"q\"\"#", TokenClass::String);
        assert_tok(Lang::Rust, code, "Option", TokenClass::Type);
        assert_tok(Lang::Rust, code, "u8", TokenClass::Type);
    }

    #[test]
    fn typescript_tokens() {
        let code = "export async function load(id: string): Promise<void> {\n  const u = `a ${id}`; // why\n  if (x === 'y') await fetch($el, 0x1F);\n}";
        assert_tiles(Some(Lang::JavaScript), code);
        assert_tok(Lang::JavaScript, code, "export", TokenClass::Keyword);
        assert_tok(Lang::JavaScript, code, "function", TokenClass::Keyword);
        assert_tok(Lang::JavaScript, code, "load", TokenClass::Function);
        assert_tok(Lang::JavaScript, code, "string", TokenClass::Type);
        assert_tok(Lang::JavaScript, code, "Promise", TokenClass::Type);
        assert_tok(Lang::JavaScript, code, "`a ${id}`", TokenClass::String);
        assert_tok(Lang::JavaScript, code, "'y'", TokenClass::String);
        assert_tok(Lang::JavaScript, code, "// why", TokenClass::Comment);
        assert_tok(Lang::JavaScript, code, "0x1F", TokenClass::Number);
        assert_tok(Lang::JavaScript, code, "fetch", TokenClass::Function);
        assert_eq!(
            class_of(Lang::JavaScript, code, "$el"),
            vec![TokenClass::Plain]
        );
    }

    #[test]
    fn shell_tokens() {
        let code = "#!/bin/bash\nif [ -n \"$HOME\" ]; then\n  echo 'hi # not comment' ${#arr[@]} --force # note\nfi\nx=a#b";
        assert_tiles(Some(Lang::Shell), code);
        assert_tok(Lang::Shell, code, "#!/bin/bash", TokenClass::Comment);
        assert_tok(Lang::Shell, code, "if", TokenClass::Keyword);
        assert_tok(Lang::Shell, code, "fi", TokenClass::Keyword);
        assert_tok(Lang::Shell, code, "\"$HOME\"", TokenClass::String);
        assert_tok(Lang::Shell, code, "'hi # not comment'", TokenClass::String);
        assert_tok(Lang::Shell, code, "${#arr[@]}", TokenClass::Variable);
        assert_tok(Lang::Shell, code, "--force", TokenClass::Attr);
        assert_tok(Lang::Shell, code, "-n", TokenClass::Attr);
        assert_tok(Lang::Shell, code, "# note", TokenClass::Comment);
        assert_tok(Lang::Shell, code, "echo", TokenClass::Type);
        // `#` inside a word is not a comment.
        assert!(!highlight(Some(Lang::Shell), code)
            .iter()
            .any(|&(c, t)| c == TokenClass::Comment && t.contains("#b")));
    }

    #[test]
    fn powershell_tokens() {
        let code = "<# block #>\n$path = Join-Path $env:TEMP \"a`\"b\"\nif ($x -eq $null) { Write-Host -Object 'it''s' } # done";
        assert_tiles(Some(Lang::PowerShell), code);
        assert_tok(Lang::PowerShell, code, "<# block #>", TokenClass::Comment);
        assert_tok(Lang::PowerShell, code, "$path", TokenClass::Variable);
        assert_tok(Lang::PowerShell, code, "Join-Path", TokenClass::Function);
        assert_tok(Lang::PowerShell, code, "Write-Host", TokenClass::Function);
        assert_tok(Lang::PowerShell, code, "\"a`\"b\"", TokenClass::String);
        assert_tok(Lang::PowerShell, code, "-eq", TokenClass::Keyword);
        assert_tok(Lang::PowerShell, code, "-Object", TokenClass::Attr);
        assert_tok(Lang::PowerShell, code, "if", TokenClass::Keyword);
        assert_tok(Lang::PowerShell, code, "# done", TokenClass::Comment);
    }

    #[test]
    fn yaml_tokens() {
        let code = "---\n# top\nname: \"lima\" # trailing\nimages:\n- location: https://x/y.img\n  arch: x86_64\n  count: 3\n  enabled: true\nscript: |\n  echo a: b\n  # still text\nnext: done\n";
        assert_tiles(Some(Lang::Yaml), code);
        assert_tok(Lang::Yaml, code, "# top", TokenClass::Comment);
        assert_tok(Lang::Yaml, code, "name", TokenClass::Attr);
        assert_tok(Lang::Yaml, code, "\"lima\"", TokenClass::String);
        assert_tok(Lang::Yaml, code, "# trailing", TokenClass::Comment);
        assert_tok(Lang::Yaml, code, "location", TokenClass::Attr);
        assert_tok(Lang::Yaml, code, "3", TokenClass::Number);
        assert_tok(Lang::Yaml, code, "true", TokenClass::Keyword);
        assert_tok(Lang::Yaml, code, "echo a: b", TokenClass::String);
        assert_tok(Lang::Yaml, code, "next", TokenClass::Attr);
        // A URL's colon is not a key separator.
        assert_eq!(
            class_of(Lang::Yaml, code, "https://x/y.img"),
            vec![TokenClass::Plain]
        );
    }

    #[test]
    fn json_tokens() {
        let code = "{\"name\": \"x\", \"n\": -1.5e3, \"ok\": true, \"v\": null}";
        assert_tiles(Some(Lang::Json), code);
        assert_tok(Lang::Json, code, "\"name\"", TokenClass::Attr);
        assert_tok(Lang::Json, code, "\"x\"", TokenClass::String);
        assert_tok(Lang::Json, code, "1.5e3", TokenClass::Number);
        assert_tok(Lang::Json, code, "true", TokenClass::Keyword);
        assert_tok(Lang::Json, code, "null", TokenClass::Keyword);
    }

    #[test]
    fn python_tokens() {
        let code = "def main(argv):\n    \"\"\"Doc\n    string.\"\"\"\n    s = f'{argv}' # c\n    return len(argv) > 0 and None\n";
        assert_tiles(Some(Lang::Python), code);
        assert_tok(Lang::Python, code, "def", TokenClass::Keyword);
        assert_tok(Lang::Python, code, "main", TokenClass::Function);
        assert_tok(
            Lang::Python,
            code,
            "\"\"\"Doc\n    string.\"\"\"",
            TokenClass::String,
        );
        assert_tok(Lang::Python, code, "f'{argv}'", TokenClass::String);
        assert_tok(Lang::Python, code, "# c", TokenClass::Comment);
        assert_tok(Lang::Python, code, "len", TokenClass::Type);
        assert_tok(Lang::Python, code, "None", TokenClass::Keyword);
        assert_tok(Lang::Python, code, "0", TokenClass::Number);
    }

    #[test]
    fn markup_tokens() {
        let code = "<?xml version=\"1.0\"?>\n<!-- note -->\n<template v-if=\"ok\" @click='go'>\n  <b>a &amp; b</b><br/>\n<![CDATA[x<y]]></template>";
        assert_tiles(Some(Lang::Markup), code);
        assert_tok(
            Lang::Markup,
            code,
            "<?xml version=\"1.0\"?>",
            TokenClass::Keyword,
        );
        assert_tok(Lang::Markup, code, "<!-- note -->", TokenClass::Comment);
        assert_tok(Lang::Markup, code, "template", TokenClass::Tag);
        assert_tok(Lang::Markup, code, "v-if", TokenClass::Attr);
        assert_tok(Lang::Markup, code, "@click", TokenClass::Attr);
        assert_tok(Lang::Markup, code, "\"ok\"", TokenClass::String);
        assert_tok(Lang::Markup, code, "'go'", TokenClass::String);
        assert_tok(Lang::Markup, code, "&amp;", TokenClass::Keyword);
        assert_tok(Lang::Markup, code, "<![CDATA[x<y]]>", TokenClass::String);
        assert_tok(Lang::Markup, code, "br", TokenClass::Tag);
    }

    #[test]
    fn diff_lines() {
        let code = "diff --git a/x.go b/x.go\nindex 1..2 100644\n--- a/x.go\n+++ b/x.go\n@@ -1,3 +1,3 @@ func f\n context\n-old line\n+new line\n--- removed sql comment\n\\ No newline at end of file";
        assert_tiles(Some(Lang::Diff), code);
        assert_tok(
            Lang::Diff,
            code,
            "diff --git a/x.go b/x.go",
            TokenClass::DiffMeta,
        );
        assert_tok(Lang::Diff, code, "--- a/x.go", TokenClass::DiffMeta);
        assert_tok(Lang::Diff, code, "+++ b/x.go", TokenClass::DiffMeta);
        assert_tok(
            Lang::Diff,
            code,
            "@@ -1,3 +1,3 @@ func f",
            TokenClass::DiffHunk,
        );
        assert_tok(Lang::Diff, code, "-old line", TokenClass::DiffDel);
        assert_tok(Lang::Diff, code, "+new line", TokenClass::DiffAdd);
        // A removed line that happens to start with `--` is still a deletion.
        assert_tok(
            Lang::Diff,
            code,
            "--- removed sql comment",
            TokenClass::DiffDel,
        );
        assert_tok(
            Lang::Diff,
            code,
            "\\ No newline at end of file",
            TokenClass::DiffMeta,
        );
    }

    #[test]
    fn unterminated_and_multibyte_never_panic_and_tile() {
        let langs = [
            Lang::Go,
            Lang::Rust,
            Lang::JavaScript,
            Lang::Shell,
            Lang::PowerShell,
            Lang::Yaml,
            Lang::Json,
            Lang::Python,
            Lang::Markup,
            Lang::Diff,
        ];
        let samples = [
            "\"unterminated",
            "'",
            "`",
            "/* open",
            "<!-- open",
            "<# open",
            "\"\"\"open",
            "r#\"open",
            "'\\",
            "\\",
            "${",
            "$",
            "-",
            "<",
            "</",
            "<a b=",
            "<a b='",
            "&",
            "é'ñ'日本\"語\"🦀 // ü",
            "key: 'x",
            "- ",
            "---",
            "x: |",
            "'é",
            "'🦀'",
            "b'\"",
            "0x",
            "1.",
        ];
        // Deterministic pseudo-random strings over a hostile alphabet.
        let alphabet: Vec<char> = "\"'`\\/*#<>!-$:{}[]@ \n\té🦀r0_&;=|+".chars().collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut random = Vec::new();
        for _ in 0..300 {
            let mut s = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                s.push(alphabet[(seed % alphabet.len() as u64) as usize]);
            }
            random.push(s);
        }
        for lang in langs {
            for s in samples
                .iter()
                .copied()
                .chain(random.iter().map(String::as_str))
            {
                assert_tiles(Some(lang), s);
            }
        }
    }
}
