//! Code languages: one configurable scanner, a [`Spec`] per language family (Go, Rust, JS/TS,
//! shell, PowerShell, JSON, Python).

use super::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Escape {
    Backslash,
    /// PowerShell's backtick escape.
    Backtick,
    None,
}

pub(super) struct Quote {
    delim: u8,
    escape: Escape,
    multiline: bool,
}

pub(super) const fn q(delim: u8, escape: Escape, multiline: bool) -> Quote {
    Quote {
        delim,
        escape,
        multiline,
    }
}

pub(super) struct Spec {
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

/// What every language starts from: no comments, quotes or words, every switch off.
const PLAIN: Spec = Spec {
    line_comments: &[],
    block_comment: None,
    quotes: &[],
    keywords: &[],
    builtins: &[],
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

// The keyword tables are laid out by hand (rustfmt would put one word a line).
#[rustfmt::skip]
pub(super) const GO: Spec = Spec {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[
        q(b'"', Escape::Backslash, false),
        q(b'\'', Escape::Backslash, false),
        q(b'`', Escape::None, true),
    ],
    keywords: &[
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough",
        "for", "func", "go", "goto", "if", "import", "interface", "map", "package", "range",
        "return", "select", "struct", "switch", "type", "var", "true", "false", "nil", "iota",
    ],
    builtins: &[
        "any", "bool", "byte", "comparable", "complex64", "complex128", "error", "float32",
        "float64", "int", "int8", "int16", "int32", "int64", "rune", "string", "uint", "uint8",
        "uint16", "uint32", "uint64", "uintptr", "append", "cap", "clear", "close", "copy",
        "delete", "len", "make", "max", "min", "new", "panic", "print", "println", "recover",
    ],
    ..PLAIN
};

#[rustfmt::skip]
pub(super) const RUST: Spec = Spec {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[q(b'"', Escape::Backslash, true)],
    keywords: &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move",
        "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true",
        "type", "unsafe", "use", "where", "while", "yield",
    ],
    builtins: &[
        "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
        "i64", "i128", "isize", "f32", "f64",
    ],
    capitalized_types: true,
    rust: true,
    ..PLAIN
};

#[rustfmt::skip]
pub(super) const JS: Spec = Spec {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[
        q(b'"', Escape::Backslash, false),
        q(b'\'', Escape::Backslash, false),
        q(b'`', Escape::Backslash, true),
    ],
    keywords: &[
        "abstract", "as", "async", "await", "break", "case", "catch", "class", "const",
        "constructor", "continue", "debugger", "declare", "default", "delete", "do", "else", "enum",
        "export", "extends", "false", "finally", "for", "from", "function", "if", "implements",
        "import", "in", "infer", "instanceof", "interface", "is", "keyof", "let", "namespace",
        "new", "null", "of", "private", "protected", "public", "readonly", "return", "satisfies",
        "static", "super", "switch", "this", "throw", "true", "try", "type", "typeof", "undefined",
        "var", "void", "while", "with", "yield",
    ],
    builtins: &[
        "any", "bigint", "boolean", "never", "number", "object", "string", "symbol", "unknown",
        "console", "window", "document", "process", "require",
    ],
    capitalized_types: true,
    dollar_in_ident: true,
    ..PLAIN
};

#[rustfmt::skip]
pub(super) const SHELL: Spec = Spec {
    line_comments: &["#"],
    quotes: &[
        q(b'"', Escape::Backslash, true),
        q(b'\'', Escape::None, true),
    ],
    keywords: &[
        "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do",
        "done", "in", "function", "time", "return", "exit", "break", "continue", "local", "export",
        "readonly", "declare", "set", "unset", "shift", "trap", "source", "eval", "exec",
    ],
    builtins: &[
        "echo", "printf", "cd", "pwd", "read", "test", "true", "false", "sudo", "cat", "grep",
        "sed", "awk", "ls", "rm", "mkdir", "cp", "mv", "curl", "git", "go", "make", "docker",
        "limactl", "kubectl", "nerdctl",
    ],
    dollar_vars: true,
    shell_words: true,
    ..PLAIN
};

#[rustfmt::skip]
pub(super) const POWERSHELL: Spec = Spec {
    line_comments: &["#"],
    block_comment: Some(("<#", "#>")),
    quotes: &[
        q(b'"', Escape::Backtick, true),
        q(b'\'', Escape::None, true),
    ],
    keywords: &[
        "begin", "break", "catch", "class", "continue", "data", "do", "dynamicparam", "else",
        "elseif", "end", "exit", "filter", "finally", "for", "foreach", "function", "if", "in",
        "param", "process", "return", "switch", "throw", "trap", "try", "until", "using", "while",
        // operators
        "-eq", "-ne", "-gt", "-ge", "-lt", "-le", "-like", "-notlike", "-match", "-notmatch",
        "-contains", "-notcontains", "-in", "-notin", "-and", "-or", "-not", "-xor", "-replace",
        "-split", "-join", "-is", "-isnot", "-as", "-f",
    ],
    builtins: &[
        "string", "int", "bool", "array", "hashtable", "object", "void", "switch", "pscustomobject",
        "cmd.exe", "powershell",
    ],
    case_insensitive: true,
    dollar_vars: true,
    dash_words: true,
    ..PLAIN
};

#[rustfmt::skip]
pub(super) const JSON: Spec = Spec {
    line_comments: &["//"],
    block_comment: Some(("/*", "*/")),
    quotes: &[q(b'"', Escape::Backslash, false)],
    keywords: &["true", "false", "null"],
    string_keys: true,
    ..PLAIN
};

#[rustfmt::skip]
pub(super) const PYTHON: Spec = Spec {
    line_comments: &["#"],
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
        "print", "len", "range", "int", "str", "list", "dict", "set", "tuple", "bool", "float",
        "bytes", "isinstance", "open", "super", "enumerate", "zip", "sorted", "Exception",
    ],
    capitalized_types: true,
    python: true,
    ..PLAIN
};

pub(super) const PUNCTUATION: &[u8] = b"{}()[];,.:<>=+-*/%&|^!~?@\\";

/// End of a quoted string starting at `start` (the opening delimiter, `open_len` bytes long),
/// closed by `close`; unterminated strings end at the line end (or input end when multiline).
pub(super) fn string_end(
    bytes: &[u8],
    start: usize,
    open_len: usize,
    close_b: &[u8],
    quote: &Quote,
) -> usize {
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

pub(super) fn scan_code(spec: &Spec, out: &mut Out) {
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
pub(super) fn is_declared_function(spec: &Spec, src: &str, start: usize) -> bool {
    let before = src.get(..start).unwrap_or("").trim_end_matches([' ', '\t']);
    let word_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |p| p + 1);
    let word = before.get(word_start..).unwrap_or("");
    before.len() < start
        && matches!(word, "func" | "fn" | "def" | "function")
        && in_list(word, spec.keywords, spec.case_insensitive)
}

pub(super) fn ident_end(bytes: &[u8], mut i: usize, dollar: bool) -> usize {
    while i < bytes.len() && (is_ident_byte(bytes[i]) || (dollar && bytes[i] == b'$')) {
        i += 1;
    }
    i
}

pub(super) fn number_end(bytes: &[u8], mut i: usize) -> usize {
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
pub(super) fn rust_char_end(bytes: &[u8], i: usize) -> Option<usize> {
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

pub(super) fn next_non_space(bytes: &[u8], mut i: usize) -> Option<u8> {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\r' | b'\n') {
        i += 1;
    }
    bytes.get(i).copied()
}
