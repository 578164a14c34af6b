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
