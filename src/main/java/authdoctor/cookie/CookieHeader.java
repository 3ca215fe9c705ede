package authdoctor.cookie;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@code Cookie} request header read back into its pairs: the cookie-string of RFC 6265bis §5.8.3 step
 * 4 ({@code name=value} joined by {@code "; "}). Used where a header is replayed raw and its cookies must
 * be named or their values kept secret. Names and values are trimmed.
 */
public final class CookieHeader {
  private CookieHeader() {}

  /** One cookie of the header. The value is a secret: never print it. */
  public record Pair(String name, String value) {
    @Override
    public String toString() {
      return "Pair[name=" + name + ", value=‹" + value.length() + " chars›]";
    }
  }

  /**
   * The pairs of {@code header}, in order (duplicates kept: the first is the most specific path). A part
   * without {@code =} is a nameless cookie (§5.8.3 serialises one as its value alone): its name is empty.
   */
  public static List<Pair> parse(String header) {
    List<Pair> out = new ArrayList<>();
    for (String part : header.split(";")) {
      int eq = part.indexOf('=');
      out.add(eq < 0 ? new Pair("", part.strip()) : new Pair(part.substring(0, eq).strip(), part.substring(eq + 1).strip()));
    }
    return out;
  }
}
