package authdoctor.collect.har;

import authdoctor.Lost;
import authdoctor.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code har} command's trace: one step per entry the replay kept (pages, API calls, redirects, answers
 * that set cookies or failed; uneventful images, scripts and styles are left out), already redacted.
 *
 * <p>JSON of a step: {@code {"step": entry + 1, "entry", "label", "method", "url", "status", "context",
 * "cookies_sent": [names], "cookies_withheld": [{"name", "reason", "finding"}], "cookies_set": [{"name",
 * "verdict", "finding"}], "differences": [notes], "session"?, "session_reason"?, "lost"?, "cause"?}}. The
 * text line: {@code entry  METHOD URL → status}, then the cookies set, sent and withheld, the model's
 * differences, and a mark on the entry where the session was lost and on its cause.
 */
public final class HarSteps {
  private HarSteps() {}

  /** A cookie the model and the browser both withheld, with the model's reason. */
  public record Withheld(String name, String reason, @Nullable String finding) {}

  /** A Set-Cookie line and what the model did with it. */
  public record Set(String name, String verdict, @Nullable String finding) {}

  /** One entry as the timeline shows it (URL already redacted). */
  public record View(int entry, String method, String url, int status, String label, List<String> sent,
      List<Withheld> withheld, List<Set> set, List<String> differences, @Nullable String session,
      @Nullable String sessionReason) {
    public View {
      sent = List.copyOf(sent);
      withheld = List.copyOf(withheld);
      set = List.copyOf(set);
      differences = List.copyOf(differences);
    }

    View withoutDifferences() {
      return new View(entry, method, url, status, label, sent, withheld, set, List.of(), session, sessionReason);
    }
  }

  /** The trace, the lost entry and its cause marked. */
  public static List<Step> of(List<View> views, @Nullable Lost lost) {
    List<Step> out = new ArrayList<>(views.size());
    for (View v : views) out.add(step(v, lost));
    return out;
  }

  private static Step step(View v, @Nullable Lost lost) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", v.entry() + 1);
    json.put("entry", v.entry());
    json.put("label", v.label());
    json.put("method", v.method());
    json.put("url", v.url());
    json.put("status", v.status());
    json.put("cookies_sent", v.sent());
    json.put("cookies_withheld", v.withheld().stream().map(w -> (Object) ordered("name", w.name(), "reason", w.reason(),
        "finding", w.finding())).toList());
    json.put("cookies_set", v.set().stream().map(s -> (Object) ordered("name", s.name(), "verdict", s.verdict(),
        "finding", s.finding())).toList());
    json.put("differences", v.differences());
    if (v.session() != null) {
      json.put("session", v.session());
      json.put("session_reason", v.sessionReason());
    }
    boolean isLost = lost != null && lost.entry() == v.entry();
    boolean isCause = lost != null && lost.causeEntry() != null && lost.causeEntry() == v.entry();
    if (isLost) json.put("lost", lost.kind().word());
    if (isCause) json.put("cause", true);

    List<String> text = new ArrayList<>();
    String mark = isLost ? "  ◀ SESSION LOST (" + lost.kind().word() + ")" : isCause ? "  ◀ cause" : "";
    text.add(v.method() + " " + v.url() + " → " + (v.status() == 0 ? "no response" : v.status()) + " [" + v.label() + "]" + mark);
    for (Set s : v.set()) text.add("set " + display(s.name()) + ": " + s.verdict() + (s.finding() == null ? "" : " (" + s.finding() + ")"));
    if (!v.sent().isEmpty()) text.add("sent: " + String.join(", ", v.sent().stream().map(HarSteps::display).toList()));
    for (Withheld w : v.withheld()) {
      text.add("withheld " + display(w.name()) + ": " + w.reason() + (w.finding() == null ? "" : " (" + w.finding() + ")"));
    }
    if (v.session() != null) text.add(v.session() + ": " + v.sessionReason());
    for (String d : v.differences()) text.add("model ≠ recording: " + d);
    return new Step(json, text);
  }

  private static String display(String name) {
    return name.isEmpty() ? "(nameless)" : name;
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
