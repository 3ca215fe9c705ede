package authdoctor.cookie;

/** A named problem the parser met in a {@code Set-Cookie} line (RFC 6265bis §5.6, Chromium ParsedCookie). */
public enum ParseProblem {
  /** CR, LF or NUL in the line: Chromium rejects the whole cookie (feature BlockTruncatedCookies). */
  LINE_TERMINATOR,
  /** A control character (0x00-0x1F, 0x7F; HTAB too unless it is trimmed whitespace). */
  CONTROL_CHARACTER,
  /** Neither a name nor a value. */
  NO_CONTENT,
  /** A nameless cookie whose value contains "=" ({@code =a=b} would be sent as {@code a=b}). */
  AMBIGUOUS_SERIALIZATION,
  /** Name plus value longer than 4096 bytes. */
  NAME_VALUE_TOO_LARGE,
  /** An attribute value longer than 1024 bytes: that attribute was ignored. */
  ATTRIBUTE_VALUE_TOO_LARGE,
  /** The same attribute appears more than once: the last one wins. */
  DUPLICATE_ATTRIBUTE,
  /** An attribute name that browsers do not know: ignored. */
  UNKNOWN_ATTRIBUTE,
  /** Max-Age is not an integer: ignored (Expires is used, if any). */
  INVALID_MAX_AGE,
  /** Expires is not a cookie-date: ignored. */
  INVALID_EXPIRES,
  /** SameSite is not None, Lax or Strict: treated as if absent (Lax by default). */
  INVALID_SAMESITE,
  /** Priority is not Low, Medium or High: Medium. */
  INVALID_PRIORITY,
  /** Path does not start with "/": the default path is used. */
  PATH_NOT_ABSOLUTE
}
