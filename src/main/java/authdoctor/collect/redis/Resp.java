package authdoctor.collect.redis;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One Redis reply in the RESP2 protocol (https://redis.io/docs/latest/develop/reference/protocol-spec/):
 * a simple string ({@code +PONG}), an error ({@code -NOAUTH …}), an integer ({@code :1}), a bulk string
 * ({@code $5 hello}, or null for {@code $-1}) or an array ({@code *2 …}, or null for {@code *-1}).
 */
public sealed interface Resp {
  /** {@code +OK}. */
  record Simple(String text) implements Resp {
    public Simple {
      requireNonNull(text);
    }
  }

  /** {@code -ERR …}: the whole line after the dash, its first word the error's kind. */
  record Error(String text) implements Resp {
    public Error {
      requireNonNull(text);
    }

    /** The first word: {@code NOAUTH}, {@code WRONGPASS}, {@code ERR}, {@code NOPERM}. */
    public String kind() {
      int space = text.indexOf(' ');
      return space < 0 ? text : text.substring(0, space);
    }
  }

  /** {@code :42}. */
  record Int(long value) implements Resp {}

  /** {@code $n} followed by n bytes. */
  record Bulk(byte[] bytes) implements Resp {
    public Bulk {
      requireNonNull(bytes);
    }

    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** {@code *n} followed by n replies. */
  record Array(List<Resp> items) implements Resp {
    public Array {
      items = List.copyOf(items);
    }
  }

  /** {@code $-1} or {@code *-1}. */
  record Null() implements Resp {}

  /** The reply as one line, as the server wrote its first line: {@code +PONG}, {@code -NOAUTH …}, {@code :1}. */
  default String line() {
    return switch (this) {
      case Simple s -> "+" + s.text();
      case Error e -> "-" + e.text();
      case Int i -> ":" + i.value();
      case Bulk b -> "$" + b.bytes().length;
      case Array a -> "*" + a.items().size();
      case Null n -> "$-1";
    };
  }
}
