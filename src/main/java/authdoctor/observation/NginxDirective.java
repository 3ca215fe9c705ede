package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.Redacted;
import authdoctor.Redactor;
import java.util.List;

/**
 * One nginx directive as written in its file, where it is, and which block it is in.
 *
 * @param name the directive name ({@code proxy_set_header})
 * @param args its arguments, unquoted
 * @param text its source line as written — may hold a secret ({@code proxy_set_header Authorization
 *     "Basic …"}): show it through {@link #excerpt}
 * @param context the blocks around it ({@code server app.example.com :443 ssl > location /api/})
 * @param location its file and line
 */
public record NginxDirective(String name, List<String> args, String text, String context, Location location)
    implements Observation {
  public NginxDirective {
    requireNonNull(name);
    args = List.copyOf(args);
    requireNonNull(text);
    requireNonNull(context);
    requireNonNull(location);
  }

  /** The argument at {@code i}, or "" when there is none. */
  public String arg(int i) {
    return i < args.size() ? args.get(i) : "";
  }

  /** The first argument, compared as a header name (case-insensitive). */
  public boolean names(String header) {
    return arg(0).equalsIgnoreCase(header);
  }

  /**
   * The directive as an excerpt: a header-setting directive's value is redacted as that header's value
   * would be ({@code Authorization}, {@code Cookie}); any other line is shown as written.
   */
  public Redacted excerpt(Redactor redactor) {
    if ((name.equals("proxy_set_header") || name.equals("add_header")) && args.size() >= 2) {
      return redactor.plain(name + " " + arg(0) + " " + redactor.headerValue(arg(0), arg(1)) + (args.size() > 2 ? " " + String.join(" ", args.subList(2, args.size())) : "") + ";");
    }
    return redactor.plain(text);
  }
}
