package authdoctor.testing;

import authdoctor.observation.CredentialWithheld;
import authdoctor.observation.CsrfAttempt;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observation;
import authdoctor.observation.SavedSessionReplay;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.StoreInspection;
import authdoctor.observation.StoreLookup;
import authdoctor.observation.StorePing;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code .probe.yaml} fixture format: the probe's own observations as a recorded run, one list item
 * per observation, {@code - login:}, {@code - csrf:}, {@code - session:} or {@code - forwarding:} with
 * the record's fields in snake case (see checks/README.md). {@code # expect: <id>} on the line above an
 * item says a finding of that id points at that item's {@code step}.
 */
public record ProbeFixture(List<Observation> observations, Set<String> expected) {
  private static final Pattern ITEM = Pattern.compile("^-\\s+(login|csrf|session|forwarding|store|store_lookup|store_inspection|withheld|saved_session)\\s*:");

  public static ProbeFixture parse(String yaml) throws IOException {
    List<?> items = new ObjectMapper(new YAMLFactory()).readValue(yaml, List.class);
    List<Observation> out = new ArrayList<>();
    for (Object item : items) {
      Map<?, ?> m = (Map<?, ?>) item;
      if (m.size() != 1) throw new IllegalArgumentException("each item has exactly one key: login, csrf, session, forwarding, store, store_lookup or withheld");
      Map.Entry<?, ?> e = m.entrySet().iterator().next();
      out.add(observation((String) e.getKey(), (Map<?, ?>) e.getValue()));
    }
    Set<String> expected = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>();
    int index = 0;
    for (String line : yaml.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("# expect:")) {
        pending.add(t.substring("# expect:".length()).strip());
      } else if (ITEM.matcher(line).find()) {
        int step = step(out.get(index++));
        for (String id : pending) expected.add(id + " step " + step);
        pending.clear();
      }
    }
    if (!pending.isEmpty()) throw new IllegalArgumentException("# expect: not followed by an item: " + pending);
    return new ProbeFixture(out, expected);
  }

  private static Observation observation(String type, Map<?, ?> f) {
    return switch (type) {
      case "login" -> new LoginAttempt(i(f, "step"), uri(f, "url"), s(f, "mode", "form"), i(f, "status"),
          b(f, "succeeded"), s(f, "outcome", ""), i(f, "set_cookie_lines"), list(f, "cookie_names"),
          i(f, "cookies_stored"), b(f, "token_returned"));
      case "csrf" -> new CsrfAttempt(i(f, "step"), s(f, "purpose", "login"), uri(f, "url"), s(f, "origin", null),
          s(f, "token_source", null), s(f, "token_sent_as", null), i(f, "status"),
          CsrfAttempt.Refusal.valueOf(s(f, "refusal", "NONE")), s(f, "server_said", null));
      case "session" -> new SessionCheck(i(f, "step"), SessionCheck.Purpose.valueOf(s(f, "purpose", "PROTECTED")),
          s(f, "via", "public"), uri(f, "url"), i(f, "status"), SessionCheck.Verdict.valueOf(s(f, "verdict", "UNKNOWN")),
          s(f, "reason", ""), s(f, "cookie", null), s(f, "value", null));
      case "forwarding" -> new ForwardingTrial(i(f, "step"), s(f, "request", ""),
          ForwardingTrial.Via.valueOf(s(f, "via", "PUBLIC")), uri(f, "url"), uri(f, "public_url"),
          map(f, "sent"), f.get("app_url") == null ? null : uri(f, "app_url"), s(f, "app_url_source", null),
          list(f, "secure_cookies"), i(f, "status"));
      case "store" -> new StorePing(i(f, "step"), s(f, "store", ""), b(f, "answered"), s(f, "reply", ""), i(f, "millis"));
      case "store_lookup" -> new StoreLookup(i(f, "step"), s(f, "store", ""), s(f, "cookie", ""), b(f, "signed_id"),
          b(f, "prefix_given"), keys(f), s(f, "failure", null));
      case "store_inspection" -> new StoreInspection(i(f, "step"), s(f, "store", ""), s(f, "version", "7.0.15"),
          s(f, "config_refused", null), l(f, "maxmemory"), l(f, "used_memory"), s(f, "policy", null),
          f.containsKey("save") ? s(f, "save", "") : null, b(f, "appendonly"), l(f, "evicted_keys"), l(f, "keys"),
          patterns(f));
      case "withheld" -> new CredentialWithheld(i(f, "step"), s(f, "secret", "password"), s(f, "from", ""),
          s(f, "to", ""), s(f, "reason", ""));
      case "saved_session" -> new SavedSessionReplay(i(f, "step"), uri(f, "url"), i(f, "status"),
          SessionCheck.Verdict.valueOf(s(f, "verdict", "UNKNOWN")), s(f, "reason", ""),
          java.time.Instant.parse(s(f, "saved_at", "2026-11-26T09:00:00Z")), s(f, "before", "200, no login form"),
          s(f, "cookie", null), s(f, "value", null), s(f, "store", null),
          f.containsKey("in_store") ? b(f, "in_store") : null, s(f, "store_key", null));
      default -> throw new IllegalArgumentException("unknown item " + type);
    };
  }

  private static int step(Observation o) {
    return switch (o) {
      case LoginAttempt l -> l.step();
      case CsrfAttempt c -> c.step();
      case SessionCheck s -> s.step();
      case ForwardingTrial t -> t.step();
      case StorePing p -> p.step();
      case StoreLookup l -> l.step();
      case StoreInspection n -> n.step();
      case CredentialWithheld w -> w.step();
      case SavedSessionReplay r -> r.step();
      default -> throw new IllegalArgumentException(o.toString());
    };
  }

  /** A store look-up's keys: {@code {convention, prefix, key, exists}}; the key is redacted as the probe does. */
  private static List<StoreLookup.Key> keys(Map<?, ?> f) {
    Object v = f.get("keys");
    if (v == null) return List.of();
    var redactor = TestRedactors.fixed();
    List<StoreLookup.Key> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      Map<?, ?> k = (Map<?, ?>) o;
      out.add(new StoreLookup.Key(s(k, "convention", ""), s(k, "prefix", ""), redactor.secret(s(k, "key", "")),
          b(k, "exists")));
    }
    return out;
  }

  /**
   * A store inspection's patterns: {@code {convention, prefix, complete, sample: [{key, ttl_ms, idle, kind}]}};
   * a key's {@code ttl_ms} defaults to -1 (no expiry), its kind to {@code json}.
   */
  private static List<StoreInspection.Pattern> patterns(Map<?, ?> f) {
    Object v = f.get("patterns");
    if (v == null) return List.of();
    var redactor = TestRedactors.fixed();
    List<StoreInspection.Pattern> out = new ArrayList<>();
    for (Object o : (List<?>) v) {
      Map<?, ?> p = (Map<?, ?>) o;
      List<StoreInspection.SampledKey> sample = new ArrayList<>();
      Object keys = p.get("sample");
      for (Object k : keys == null ? List.of() : (List<?>) keys) {
        Map<?, ?> m = (Map<?, ?>) k;
        sample.add(new StoreInspection.SampledKey(redactor.secret(s(m, "key", "")),
            m.containsKey("ttl_ms") ? l(m, "ttl_ms") : -1, m.containsKey("idle") ? l(m, "idle") : -1, s(m, "kind", "json")));
      }
      out.add(new StoreInspection.Pattern(s(p, "convention", ""), s(p, "prefix", ""), b(p, "complete"), sample));
    }
    return out;
  }

  private static long l(Map<?, ?> f, String k) {
    Object v = f.get(k);
    return v == null ? 0 : ((Number) v).longValue();
  }

  private static int i(Map<?, ?> f, String k) {
    Object v = f.get(k);
    return v == null ? 0 : ((Number) v).intValue();
  }

  private static boolean b(Map<?, ?> f, String k) {
    return Boolean.TRUE.equals(f.get(k));
  }

  private static String s(Map<?, ?> f, String k, String dflt) {
    Object v = f.get(k);
    return v == null ? dflt : v.toString();
  }

  private static URI uri(Map<?, ?> f, String k) {
    return URI.create(s(f, k, "https://app.example.com/"));
  }

  @SuppressWarnings("unchecked")
  private static List<String> list(Map<?, ?> f, String k) {
    Object v = f.get(k);
    return v == null ? List.of() : (List<String>) v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> map(Map<?, ?> f, String k) {
    Object v = f.get(k);
    return v == null ? Map.of() : (Map<String, String>) v;
  }
}
