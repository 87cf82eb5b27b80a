//! Text put into a card's Markdown `detail` renders as exactly that text: rule sets (and reports
//! read back from JSON) are not trusted to be free of Markdown or HTML.

/// Characters that start Markdown or HTML anywhere in a line (CommonMark lets a backslash escape
/// any ASCII punctuation; GitHub-Flavored Markdown adds `~` and `|`).
const INLINE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '>', '&', '|', '~', '#'];

/// Characters that start a block (a list, a heading underline) at the beginning of a line.
const LINE_START: &[char] = &['-', '+', '='];

/// `raw` as one line of Markdown: line breaks and other control characters become spaces,
/// leading spaces go (four would make a code block), and every character that Markdown or HTML
/// would read as markup is escaped with a backslash.
pub fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + 8);
    // Leading digits followed by `.` or `)` would start an ordered list.
    let mut leading_digits = 0usize;
    let mut at_start = true;
    for c in raw.chars() {
        let c = if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
            ' '
        } else {
            c
        };
        if at_start && c.is_whitespace() {
            continue;
        }
        let list_number =
            leading_digits > 0 && leading_digits == out.len() && (c == '.' || c == ')');
        if INLINE.contains(&c) || (at_start && LINE_START.contains(&c)) || list_number {
            out.push('\\');
        }
        if c.is_ascii_digit() && leading_digits == out.len() {
            leading_digits += 1;
        }
        out.push(c);
        at_start = false;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_from_a_rule_set_is_shown_not_rendered() {
        assert_eq!(text("Plain words, kept."), "Plain words, kept.");
        assert_eq!(
            text("**bold** [link](javascript:alert(1)) <img src=x> `code`"),
            r"\*\*bold\*\* \[link\](javascript:alert(1)) \<img src=x\> \`code\`"
        );
        assert_eq!(text("a\n# Heading\r\n- item"), r"a \# Heading  - item");
        assert_eq!(text("- item"), r"\- item");
        assert_eq!(text("    code"), "code");
        assert_eq!(text("1. first"), r"1\. first");
        assert_eq!(text("2024) then"), r"2024\) then");
        assert_eq!(text("In 2024. Then"), "In 2024. Then");
        assert_eq!(text("a | b ~~c~~ &amp; \\"), r"a \| b \~\~c\~\~ \&amp; \\");
        assert_eq!(text("l'utérus — 45 ans"), "l'utérus — 45 ans");
    }
}
