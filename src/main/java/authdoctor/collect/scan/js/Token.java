package authdoctor.collect.scan.js;

import static java.util.Objects.requireNonNull;

/**
 * One token of JavaScript (or Java) source.
 *
 * @param kind what it is
 * @param text an identifier, a punctuator, a number as written, or a string's value (escapes resolved)
 * @param line the line it starts on, from 1
 * @param start its first character's offset in the source
 * @param end the offset after its last character
 */
public record Token(Kind kind, String text, int line, int start, int end) {
  /** The kinds of token the reader tells apart. */
  public enum Kind {
    IDENT,
    STRING,
    /** A template literal; {@link Token#text} is its raw content, {@code ${…}} included. */
    TEMPLATE,
    NUMBER,
    PUNCT,
    REGEX,
    EOF
  }

  public Token {
    requireNonNull(kind);
    requireNonNull(text);
  }

  /** Whether it is the punctuator or identifier {@code s}. */
  public boolean is(String s) {
    return (kind == Kind.PUNCT || kind == Kind.IDENT) && text.equals(s);
  }
}
