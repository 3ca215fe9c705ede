package authdoctor.collect.har;

import authdoctor.observation.HeaderField;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Reads a HAR 1.2 file (W3C Web Performance WG draft "HTTP Archive (HAR) format", 1.2) entry by entry with
 * Jackson's streaming parser, so memory stays flat in the file's size: an entry is handed to the consumer
 * and dropped. Response bodies are kept only when textual and small ({@link #MAX_BODY}); larger ones are
 * skipped unread. Chromium's extensions ({@code _initiator}, {@code _resourceType}, {@code _fromCache}),
 * Firefox's field order and Safari's missing optional fields are all read; any field order is accepted.
 */
public final class HarReader {
  /** Response bodies longer than this (in characters, or declared {@code content.size}) are not kept. */
  public static final int MAX_BODY = 64 * 1024;

  /** Request bodies longer than this are cut (a login form is a few hundred bytes). */
  public static final int MAX_POST = 64 * 1024;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      // A HAR may embed a base64 video of 100 MB in one string; it is skipped, never buffered, but the
      // parser must not refuse the file for it.
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxNestingDepth(200).build())
      .build();

  /** What the file says about itself ({@code log.version}, {@code log.creator}, {@code log.browser}) and how many entries it held. */
  public record Log(String version, String creator, @Nullable String browser, int entries) {}

  private HarReader() {}

  /**
   * Reads the file and hands each entry to {@code each}, in file order.
   *
   * @throws HarFormatException not JSON, not a HAR, truncated, or a required field missing: the message
   *     names where
   */
  public static Log read(InputStream in, Consumer<HarEntry> each) throws HarFormatException, IOException {
    try (JsonParser p = FACTORY.createParser(in)) {
      return new HarReader.Run(p, each).file();
    } catch (JsonEOFException e) {
      throw new HarFormatException("truncated: the file ends inside " + Run.where.get());
    } catch (JsonParseException e) {
      throw new HarFormatException("not valid JSON at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + " (in " + Run.where.get() + "): " + firstLine(e.getOriginalMessage()));
    } finally {
      Run.where.remove();
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** One pass over one file. */
  private static final class Run {
    /** Where the parser is, for the error line ({@code log.entries[3]}). */
    static final ThreadLocal<String> where = ThreadLocal.withInitial(() -> "the top level");

    private final JsonParser p;
    private final Consumer<HarEntry> each;
    private final Map<String, String> pages = new HashMap<>();
    private String version = "";
    private String creator = "";
    private @Nullable String browser;
    private int count;

    Run(JsonParser p, Consumer<HarEntry> each) {
      this.p = p;
      this.each = each;
    }

    Log file() throws IOException, HarFormatException {
      JsonToken t = p.nextToken();
      if (t == null) throw new HarFormatException("not a HAR file: it is empty");
      if (t != JsonToken.START_OBJECT) throw new HarFormatException("not a HAR file: the top level is not a JSON object");
      boolean log = false;
      boolean entries = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        if (name.equals("log") && p.currentToken() == JsonToken.START_OBJECT) {
          log = true;
          where.set("log");
          entries = log();
        } else {
          p.skipChildren();
        }
      }
      if (!log) throw new HarFormatException("not a HAR file: no \"log\" object at the top level");
      if (!entries) throw new HarFormatException("log.entries: missing (HAR 1.2 requires it)");
      return new Log(version, creator, browser, count);
    }

    private boolean log() throws IOException, HarFormatException {
      boolean entries = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "version" -> version = v.isScalarValue() ? p.getText() : "";
          case "creator" -> creator = nameAndVersion();
          case "browser" -> browser = nameAndVersion();
          case "pages" -> pages();
          case "entries" -> {
            if (v != JsonToken.START_ARRAY) throw new HarFormatException("log.entries: not an array");
            entries = true;
            entries();
          }
          default -> p.skipChildren();
        }
      }
      return entries;
    }

    private String nameAndVersion() throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return "";
      }
      String n = "", ver = "";
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String f = p.currentName();
        p.nextToken();
        if (f.equals("name")) n = text();
        else if (f.equals("version")) ver = text();
        else p.skipChildren();
      }
      return (n + " " + ver).strip();
    }

    private void pages() throws IOException {
      if (p.currentToken() != JsonToken.START_ARRAY) {
        p.skipChildren();
        return;
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String id = null, title = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          p.nextToken();
          if (f.equals("id")) id = text();
          else if (f.equals("title")) title = text();
          else p.skipChildren();
        }
        // Chromium and Firefox write the page's URL as its title; Safari its document title.
        if (id != null && title != null && (title.startsWith("http://") || title.startsWith("https://"))) pages.put(id, title);
      }
    }

    private void entries() throws IOException, HarFormatException {
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t == null) throw new HarFormatException("truncated: the file ends inside log.entries");
        String at = "log.entries[" + count + "]";
        where.set(at);
        if (t != JsonToken.START_OBJECT) throw new HarFormatException(at + ": not an object");
        each.accept(entry(at));
        count++;
      }
      where.set("log");
    }

    /** The fields of one entry, as they come. */
    private final class Fields {
      @Nullable String started;
      double time;
      @Nullable String method;
      @Nullable String url;
      @Nullable List<HeaderField> requestHeaders;
      List<String> requestCookies = List.of();
      @Nullable String postData;
      @Nullable String postMime;
      @Nullable Integer status;
      @Nullable List<HeaderField> responseHeaders;
      String redirectUrl = "";
      String mimeType = "";
      String body = "";
      boolean request;
      boolean response;
      @Nullable String initiatorType;
      @Nullable String initiatorUrl;
      @Nullable String resourceType;
      @Nullable String fromCache;
      @Nullable String pageref;
      @Nullable String httpVersion;
      long transferSize = -1;
    }

    private HarEntry entry(String at) throws IOException, HarFormatException {
      Fields f = new Fields();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "startedDateTime" -> f.started = text();
          case "time" -> f.time = v.isNumeric() ? Math.max(0, p.getDoubleValue()) : 0;
          case "request" -> {
            object(v, at + ".request");
            f.request = true;
            request(f, at + ".request");
          }
          case "response" -> {
            object(v, at + ".response");
            f.response = true;
            response(f, at + ".response");
          }
          case "_initiator" -> initiator(f);
          case "_resourceType" -> f.resourceType = text();
          case "_fromCache" -> f.fromCache = text();
          case "pageref" -> f.pageref = text();
          default -> p.skipChildren();
        }
      }
      if (f.started == null) throw missing(at + ".startedDateTime");
      Instant started = instant(f.started, at + ".startedDateTime");
      if (!f.request) throw missing(at + ".request");
      if (f.method == null) throw missing(at + ".request.method");
      if (f.url == null) throw missing(at + ".request.url");
      if (f.requestHeaders == null) throw missing(at + ".request.headers");
      if (!f.response) throw missing(at + ".response");
      if (f.status == null) throw missing(at + ".response.status");
      if (f.responseHeaders == null) throw missing(at + ".response.headers");
      String page = f.pageref == null ? null : pages.get(f.pageref);
      return new HarEntry(count, started, f.time, f.method, f.url, f.requestHeaders, f.requestCookies, f.postData, f.postMime,
          Math.max(0, f.status), f.responseHeaders, f.redirectUrl, f.mimeType, f.body, f.initiatorType, f.initiatorUrl,
          f.resourceType, f.fromCache, page, f.httpVersion, f.transferSize);
    }

    private void request(Fields f, String at) throws IOException, HarFormatException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "method" -> f.method = scalar(v, at + ".method");
          case "url" -> f.url = scalar(v, at + ".url");
          case "headers" -> f.requestHeaders = headers(v, at + ".headers");
          case "cookies" -> f.requestCookies = cookies(v);
          case "postData" -> postData(f);
          default -> p.skipChildren();
        }
      }
    }

    private void response(Fields f, String at) throws IOException, HarFormatException {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "status" -> {
            if (!v.isNumeric()) throw new HarFormatException(at + ".status: not a number");
            f.status = p.getIntValue();
          }
          case "headers" -> f.responseHeaders = headers(v, at + ".headers");
          case "redirectURL" -> f.redirectUrl = text();
          case "content" -> content(f);
          case "httpVersion" -> f.httpVersion = text();
          case "_transferSize" -> f.transferSize = v.isNumeric() ? p.getLongValue() : -1;
          default -> p.skipChildren();
        }
      }
    }

    private void content(Fields f) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      long size = -1;
      boolean base64 = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "size" -> size = v.isNumeric() ? p.getLongValue() : -1;
          case "mimeType" -> f.mimeType = text();
          case "encoding" -> base64 = "base64".equalsIgnoreCase(text());
          case "text" -> {
            // An unread string is skipped by the next token without being buffered: a huge body costs nothing.
            if (v == JsonToken.VALUE_STRING && size <= MAX_BODY && !base64 && textual(f.mimeType) && !staticType(f.resourceType)) {
              String s = p.getText();
              f.body = s.length() <= MAX_BODY ? s : "";
            }
          }
          default -> p.skipChildren();
        }
      }
      if (base64 || !textual(f.mimeType)) f.body = ""; // fields in another order (Firefox: mimeType after text)
    }

    /** Bodies the replay reads: pages, JSON, forms, plain text (a login form, a refusal, a token); not scripts or styles. */
    private static boolean textual(String mime) {
      String m = mime.toLowerCase(Locale.ROOT);
      return m.isEmpty() || (m.startsWith("text/") && !m.contains("css") && !m.contains("javascript")) || m.contains("json")
          || m.contains("xml") || m.contains("x-www-form-urlencoded");
    }

    /** Chromium's static resource types, whose bodies say nothing about a session. */
    private static boolean staticType(@Nullable String type) {
      return type != null && switch (type) {
        case "image", "script", "stylesheet", "font", "media" -> true;
        default -> false;
      };
    }

    private void postData(Fields f) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      StringBuilder params = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "mimeType" -> f.postMime = text();
          case "text" -> {
            if (v == JsonToken.VALUE_STRING) {
              String s = p.getText();
              f.postData = s.length() <= MAX_POST ? s : s.substring(0, MAX_POST);
            }
          }
          case "params" -> params = params(v);
          default -> p.skipChildren();
        }
      }
      // Firefox writes a form's fields as params (and sometimes no text): rebuild the body from them.
      if (f.postData == null && params != null) f.postData = params.toString();
    }

    private @Nullable StringBuilder params(JsonToken v) throws IOException {
      if (v != JsonToken.START_ARRAY) {
        p.skipChildren();
        return null;
      }
      StringBuilder sb = new StringBuilder();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String n = "", val = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          p.nextToken();
          if (f.equals("name")) n = text();
          else if (f.equals("value")) val = text();
          else p.skipChildren();
        }
        if (!sb.isEmpty()) sb.append('&');
        sb.append(n).append('=').append(val);
      }
      return sb;
    }

    private void initiator(Fields f) throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        p.nextToken();
        switch (name) {
          case "type" -> f.initiatorType = text();
          case "url" -> f.initiatorUrl = text();
          case "stack" -> {
            String top = stackUrl();
            if (f.initiatorUrl == null) f.initiatorUrl = top;
          }
          default -> p.skipChildren();
        }
      }
    }

    /** The URL of the first call frame of a DevTools stack trace ({@code stack.callFrames[0].url}). */
    private @Nullable String stackUrl() throws IOException {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        p.skipChildren();
        return null;
      }
      String url = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("callFrames") && v == JsonToken.START_ARRAY) {
          while (p.nextToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
              String f = p.currentName();
              p.nextToken();
              if (f.equals("url") && url == null) {
                String u = text();
                if (!u.isEmpty()) url = u;
              } else {
                p.skipChildren();
              }
            }
          }
        } else if (name.equals("parent") && url == null) {
          url = stackUrl();
        } else {
          p.skipChildren();
        }
      }
      return url;
    }

    private List<HeaderField> headers(JsonToken v, String at) throws IOException, HarFormatException {
      if (v != JsonToken.START_ARRAY) throw new HarFormatException(at + ": not an array");
      List<HeaderField> out = new ArrayList<>();
      int i = 0;
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String n = null, val = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          p.nextToken();
          if (f.equals("name")) n = text();
          else if (f.equals("value")) val = text();
          else p.skipChildren();
        }
        if (n == null) throw missing(at + "[" + i + "].name");
        if (val == null) throw missing(at + "[" + i + "].value");
        // HTTP/2 pseudo-headers (:authority, :path) are not headers the model reads.
        if (!n.startsWith(":")) out.add(new HeaderField(n, val));
        i++;
      }
      if (p.currentToken() != JsonToken.END_ARRAY) throw new HarFormatException(at + "[" + i + "]: not an object");
      return out;
    }

    private List<String> cookies(JsonToken v) throws IOException {
      if (v != JsonToken.START_ARRAY) {
        p.skipChildren();
        return List.of();
      }
      List<String> out = new ArrayList<>();
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String n = "", val = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String f = p.currentName();
          p.nextToken();
          if (f.equals("name")) n = text();
          else if (f.equals("value")) val = text();
          else p.skipChildren();
        }
        out.add(n + "=" + val);
      }
      return out;
    }

    private void object(JsonToken v, String at) throws HarFormatException {
      if (v != JsonToken.START_OBJECT) throw new HarFormatException(at + ": not an object");
    }

    private String scalar(JsonToken v, String at) throws IOException, HarFormatException {
      if (v != JsonToken.VALUE_STRING) throw new HarFormatException(at + ": not a string");
      return p.getText();
    }

    /** A scalar as text ("" for null); a structure is skipped and reads as "". */
    private String text() throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.VALUE_NULL) return "";
      if (t != null && t.isScalarValue()) return p.getText();
      p.skipChildren();
      return "";
    }

    private static HarFormatException missing(String at) {
      return new HarFormatException(at + ": missing (HAR 1.2 requires it)");
    }

    private static Instant instant(String s, String at) throws HarFormatException {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return Instant.parse(s);
        } catch (DateTimeParseException e2) {
          throw new HarFormatException(at + ": not an ISO 8601 date-time");
        }
      }
    }
  }
}
