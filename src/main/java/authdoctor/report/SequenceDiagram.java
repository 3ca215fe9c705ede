package authdoctor.report;

import authdoctor.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A run's trace as an SVG sequence diagram, drawn from the steps the trace renderers made (docs/steps.md),
 * never from anything else: a lane for the browser and one per origin the run talked to (its role
 * guessed from the report's target and the step labels), one arrow per request and one per response,
 * each annotated with method, path, status and the cookies sent, withheld (with the browser's reason),
 * set or not stored. Redirect hops are dashed; the failing step, the steps a finding cites and the
 * first divergence are marked in the left margin with a symbol and a word, not only a colour. Requests
 * made outside the browser model (direct and instance trials, forwarded-header trials, replays) are
 * drawn in a second diagram, grouped by trial. Lanes have a fixed width; text that does not fit is cut,
 * and the whole of it is in each arrow's {@code <title>} (shown on hover) and in the text list.
 */
final class SequenceDiagram {
  static final int GUTTER = 230;
  /** Room right of the last lane for the annotations of arrows to it. */
  static final int MARGIN = 240;
  static final int LANE = 200;
  static final double CHAR = 6.7;
  static final int LINE = 13;
  static final int HEAD = 46;

  private static final Pattern ORIGIN = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://[^/?#\\s]+)(.*)$");
  private static final Pattern IDP = Pattern.compile("(?i)oauth|openid|oidc|authori[sz]e|jwks|discovery|\\bidp\\b|callback|userinfo|token endpoint");

  /** What is marked on the steps: the failing step, the findings citing a step, the divergence. */
  record Marks(@Nullable Integer failed, Map<Integer, List<String>> evidence, Set<Integer> diverging,
      @Nullable Integer firstDivergence) {
    List<String> of(int step) {
      List<String> out = new ArrayList<>();
      if (failed != null && failed == step) out.add("✗ failed here");
      if (firstDivergence != null && firstDivergence == step) out.add("≠ first divergence");
      else if (diverging.contains(step)) out.add("≠ differs");
      List<String> ids = evidence.getOrDefault(step, List.of());
      for (String id : ids) out.add("⚠ " + id);
      return out;
    }
  }

  /** One drawable step: an HTTP exchange (either half may be missing: the cookie command's steps) or a note. */
  private record Row(int step, String label, boolean note, @Nullable String origin, String path, String url,
      List<String> request, List<String> response, boolean redirect, String group) {}

  private SequenceDiagram() {}

  /** True when the step is drawn (an HTTP step or a note), so links can point at its arrows. */
  static boolean drawn(Step s) {
    return row(s) != null;
  }

  /** True when the step was made outside the browser model: a trial, a replay. */
  static boolean trial(Step s) {
    return s.json().get("context") instanceof String c && c.startsWith("raw");
  }

  /**
   * Appends the diagrams of {@code steps}: the user's flow, then the trials apart; ids are {@code
   * prefix-step-N} (a step), {@code prefix-step-N-req} and {@code -res} (its arrows).
   */
  static void draw(List<Step> steps, String prefix, @Nullable String target, Marks marks, StringBuilder sb) {
    List<Row> flow = new ArrayList<>();
    List<Row> trials = new ArrayList<>();
    for (Step s : steps) {
      Row r = row(s);
      if (r != null) (trial(s) ? trials : flow).add(r);
    }
    if (!flow.isEmpty()) {
      sb.append("<h3>The flow, as the browser made it</h3>\n");
      svg(flow, prefix, target, marks, false, "the user's flow", sb);
    }
    if (!trials.isEmpty()) {
      sb.append("<h3>Trials outside the browser (direct, instances, forwarded headers, replays)</h3>\n");
      svg(trials, prefix, target, marks, true, "trials made outside the browser", sb);
    }
  }

  private static @Nullable Row row(Step s) {
    Map<String, Object> j = s.json();
    int step = j.get("step") instanceof Number n ? n.intValue() : 0;
    String label = j.get("label") instanceof String l ? l : "";
    if (!(j.get("url") instanceof String url) || !(j.get("method") instanceof String method)) {
      if (j.get("note") instanceof String note) {
        return new Row(step, label, true, null, note, note, List.of(label + ": " + note), List.of(), false, "");
      }
      return null;
    }
    Matcher m = ORIGIN.matcher(url);
    String origin = m.matches() ? m.group(1) : url;
    String path = m.matches() && !m.group(2).isEmpty() ? m.group(2) : "/";
    boolean redirect = label.contains("(redirect");
    String kind = j.get("kind") instanceof String k ? k : "http";
    List<String> req = new ArrayList<>();
    List<String> res = new ArrayList<>();
    if (!kind.equals("response")) {
      req.add(step + ". " + method + " " + path + (redirect ? "  ↪ redirect" : ""));
      if (!label.isEmpty()) req.add(label);
      requestCookies(j, req);
    }
    if (!kind.equals("request")) {
      res.addAll(response(j, step, kind));
    }
    String group = label.contains(": ") ? label.substring(0, label.indexOf(": ")) : label;
    return new Row(step, label, false, origin, path, url, req, res, redirect, group);
  }

  private static void requestCookies(Map<String, Object> j, List<String> req) {
    List<String> sent = new ArrayList<>();
    for (Map<String, Object> h : maps(j.get("request_headers"))) {
      String name = String.valueOf(h.get("name"));
      String value = String.valueOf(h.get("value"));
      if (name.equalsIgnoreCase("Cookie")) {
        for (String pair : value.split(";")) {
          String n = pair.strip();
          if (n.contains("=")) n = n.substring(0, n.indexOf('='));
          if (!n.isEmpty()) sent.add(n);
        }
      } else if (name.toLowerCase(Locale.ROOT).startsWith("x-forwarded") || name.equalsIgnoreCase("Host")
          || name.equalsIgnoreCase("Authorization")) {
        req.add("> " + name + (name.equalsIgnoreCase("Authorization") ? "" : ": " + value));
      }
    }
    for (Map<String, Object> c : maps(j.get("cookies"))) {
      if (Boolean.TRUE.equals(c.get("sent"))) sent.add(String.valueOf(c.get("name")));
      else if (Boolean.FALSE.equals(c.get("sent"))) req.add("✗ " + c.get("name") + " withheld: " + c.get("reason"));
    }
    if (!sent.isEmpty()) req.add("cookies sent: " + String.join(", ", sent));
    for (Map<String, Object> w : maps(j.get("cookies_withheld"))) {
      req.add("✗ " + w.get("name") + " withheld: " + w.get("reason"));
    }
  }

  private static List<String> response(Map<String, Object> j, int step, String kind) {
    List<String> res = new ArrayList<>();
    String location = null;
    List<String> rawSet = new ArrayList<>();
    for (Map<String, Object> h : maps(j.get("response_headers"))) {
      String name = String.valueOf(h.get("name"));
      if (name.equalsIgnoreCase("Location")) location = String.valueOf(h.get("value"));
      if (name.equalsIgnoreCase("Set-Cookie")) {
        String v = String.valueOf(h.get("value"));
        rawSet.add(v.contains("=") ? v.substring(0, v.indexOf('=')) : v);
      }
    }
    if (j.get("status") instanceof Number n && n.intValue() > 0) {
      int status = n.intValue();
      boolean redirect = status >= 300 && status < 400 && location != null;
      res.add((redirect ? "↪ " : "") + status + (location != null ? " → " + location : ""));
    } else if (j.get("error") instanceof String e) {
      res.add("✗ no response: " + e);
    } else if (kind.equals("response")) {
      res.add("response to step " + step);
    } else {
      res.add("no response");
    }
    List<Map<String, Object>> set = maps(j.get("cookies_set"));
    for (Map<String, Object> c : set) {
      boolean stored = Boolean.TRUE.equals(c.get("stored")) || Boolean.TRUE.equals(c.get("deleted"));
      res.add((stored ? "✓ " : "✗ ") + c.get("name") + " " + c.get("verdict"));
    }
    for (Map<String, Object> c : maps(j.get("cookies"))) {
      if (c.get("stored") instanceof Boolean stored) {
        res.add((stored || Boolean.TRUE.equals(c.get("deleted")) ? "✓ " : "✗ ") + c.get("name")
            + (stored ? " stored" : " not stored: " + c.get("reason")));
      }
    }
    if (set.isEmpty() && !rawSet.isEmpty() && trialContext(j)) {
      res.add("Set-Cookie " + String.join(", ", rawSet) + " (raw replay: not given to the browser model)");
    }
    if (j.get("cookies_set_more") instanceof Number more) res.add("… and " + more + " more cookies");
    if (j.get("session") instanceof String session) {
      res.add("= " + session + (j.get("session_reason") instanceof String why ? " (" + why + ")" : ""));
    }
    return res;
  }

  private static boolean trialContext(Map<String, Object> j) {
    return j.get("context") instanceof String c && c.startsWith("raw");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> maps(@Nullable Object o) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (o instanceof List<?> list) {
      for (Object e : list) if (e instanceof Map<?, ?> m) out.add((Map<String, Object>) m);
    }
    return out;
  }

  private static String role(Row r, @Nullable String targetOrigin) {
    if (r.origin().equals(targetOrigin)) return "public host";
    String l = r.label().toLowerCase(Locale.ROOT);
    if (l.startsWith("direct") || l.startsWith("instance")) return "direct / instance";
    if (IDP.matcher(r.label() + " " + r.path()).find()) return "identity provider";
    if (targetOrigin == null) return "host";
    return "API / other host";
  }

  private static void svg(List<Row> rows, String prefix, @Nullable String target, Marks marks, boolean trials,
      String what, StringBuilder sb) {
    String targetOrigin = null;
    if (target != null) {
      Matcher m = ORIGIN.matcher(target);
      if (m.matches()) targetOrigin = m.group(1);
    }
    Map<String, String> lanes = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.origin() != null) lanes.putIfAbsent(r.origin(), role(r, targetOrigin));
    }
    List<String> origins = new ArrayList<>(lanes.keySet());
    int width = GUTTER + LANE * (origins.size() + 1) + MARGIN;
    StringBuilder body = new StringBuilder();
    int y = HEAD + 8;
    String group = null;
    List<String> keys = new ArrayList<>();
    for (Row r : rows) keys.add(r.note() || !marks.of(r.step()).isEmpty() ? null : key(r));
    List<RefreshLoops.Loop> loops = RefreshLoops.find(keys);
    int opened = 0;
    int bodyTop = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      for (RefreshLoops.Loop loop : loops) {
        if (loop.from() == i) {
          y = fold(loop, rows, prefix + "-loop-" + r.step(), width, y, body);
          bodyTop = y;
        }
        if (loop.to() == i) {
          // What follows a fold moves up by its height while it is folded (the page's script does it).
          body.append("<g class=\"loop-after\">\n");
          opened++;
        }
      }
      if (trials && !r.group().equals(group)) {
        group = r.group();
        body.append("<text class=\"group-label\" x=\"4\" y=\"").append(y + 12).append("\">")
            .append(Html.text(Html.cut("▸ " + group, (int) ((width - 8) / CHAR)))).append("</text>\n");
        body.append("<line class=\"lifeline\" x1=\"0\" x2=\"").append(width).append("\" y1=\"").append(y + 16)
            .append("\" y2=\"").append(y + 16).append("\"/>\n");
        y += 22;
      }
      y = step(r, prefix, origins, marks, width, y, body);
      for (RefreshLoops.Loop loop : loops) {
        if (loop.to() - 1 == i) {
          String placeholder = "data-height=\"?" + rows.get(loop.from()).step() + "\"";
          int at = body.lastIndexOf(placeholder);
          body.replace(at, at + placeholder.length(), "data-height=\"" + (y - bodyTop) + "\"");
          body.append("</g>\n"); // the loop body
        }
      }
    }
    body.append("</g>\n".repeat(opened));
    int height = y + 8;
    sb.append("<div class=\"diagram\"><svg xmlns=\"http://www.w3.org/2000/svg\" role=\"group\" aria-label=\"")
        .append(Html.text("Sequence diagram of " + what + ": " + rows.size() + " steps; the numbered list below says the same"))
        .append("\" class=\"").append(trials ? "sequence trials" : "sequence flow").append("\" data-full-height=\"").append(height)
        .append("\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n");
    lane(0, "browser", "the user's browser (authdoctor's model)", "browser", height, sb);
    for (int i = 0; i < origins.size(); i++) {
      lane(i + 1, lanes.get(origins.get(i)), origins.get(i), origins.get(i), height, sb);
    }
    sb.append(body).append("</svg></div>\n");
  }

  /** A step's pattern, the same for two requests answered alike: what is sent and answered, without its number and label. */
  private static String key(Row r) {
    List<String> req = new ArrayList<>(r.request());
    if (!req.isEmpty()) req.set(0, req.get(0).replaceFirst("^\\d+\\. ", ""));
    if (req.size() > 1 && req.get(1).equals(r.label())) req.remove(1); // "refresh 2" is "protected /dashboard" again
    return r.origin() + "\n" + String.join("\n", req) + "\n→\n" + String.join("\n", r.response());
  }

  /**
   * The toggle of a fold, then the opening of its body (closed after its last step): the steps that repeat
   * the pattern before them, drawn where they belong, shown or hidden by the toggle (Enter or Space; the
   * page's script folds them on load and unfolds them for printing). Returns the y of the body.
   */
  private static int fold(RefreshLoops.Loop loop, List<Row> rows, String id, int width, int y, StringBuilder sb) {
    Row first = rows.get(loop.from());
    Row last = rows.get(loop.to() - 1);
    String pattern = loop.period() == 1
        ? first.request().get(0).replaceFirst("^\\d+\\. ", "") + " → " + (first.response().isEmpty() ? "" : first.response().get(0))
        : loop.period() + " steps";
    String summary = "↻ the same " + pattern + " " + loop.repeats() + "× more: steps " + first.step() + "–" + last.step();
    int h = LINE + 8;
    sb.append("<g class=\"loop-toggle\" tabindex=\"0\" role=\"button\" aria-expanded=\"true\" aria-controls=\"").append(id)
        .append("\" aria-label=\"").append(Html.text(summary + " (Enter shows or hides them)")).append("\"><title>")
        .append(Html.text(summary)).append("</title><rect x=\"").append(GUTTER + 8).append("\" y=\"").append(y + 2)
        .append("\" width=\"").append(width - GUTTER - 16).append("\" height=\"").append(h).append("\" rx=\"3\"/><text x=\"")
        .append(GUTTER + 14).append("\" y=\"").append(y + 14).append("\">")
        .append(Html.text(Html.cut(summary, (int) ((width - GUTTER - 28) / CHAR)))).append("</text></g>\n");
    sb.append("<g class=\"loop-body\" id=\"").append(id).append("\" data-steps=\"").append(loop.to() - loop.from())
        .append("\" data-height=\"?").append(first.step()).append("\">\n");
    return y + h + 6;
  }

  private static void lane(int i, String role, String host, String key, int height, StringBuilder sb) {
    int x = GUTTER + LANE * i;
    int c = x + LANE / 2;
    int chars = (int) ((LANE - 24) / CHAR);
    sb.append("<g class=\"lane\" data-lane=\"").append(Html.text(key)).append("\"><title>").append(Html.text(role + ": " + host))
        .append("</title><rect class=\"lane-box\" x=\"").append(x + 8).append("\" y=\"4\" width=\"").append(LANE - 16)
        .append("\" height=\"36\" rx=\"4\"/><text class=\"lane-role\" text-anchor=\"middle\" x=\"").append(c).append("\" y=\"19\">")
        .append(Html.text(Html.cut(role, chars))).append("</text><text text-anchor=\"middle\" x=\"").append(c).append("\" y=\"34\">")
        .append(Html.text(Html.cut(host.replaceFirst("^[a-z]+://", ""), chars))).append("</text><line class=\"lifeline\" x1=\"")
        .append(c).append("\" x2=\"").append(c).append("\" y1=\"40\" y2=\"").append(height).append("\"/></g>\n");
  }

  /** One step's row: its mark in the margin, its request and response arrows (or its note); returns the next y. */
  private static int step(Row r, String prefix, List<String> origins, Marks marks, int width, int y, StringBuilder sb) {
    String id = prefix + "-step-" + r.step();
    String text = prefix + "-text-" + r.step();
    List<String> mark = marks.of(r.step());
    String cls = (mark.stream().anyMatch(m -> m.startsWith("✗")) ? " failed" : "")
        + (mark.stream().anyMatch(m -> m.startsWith("⚠")) ? " evidence" : "")
        + (mark.stream().anyMatch(m -> m.startsWith("≠")) ? " divergence" : "");
    sb.append("<g class=\"step").append(cls).append("\" id=\"").append(id).append("\" data-step=\"").append(r.step()).append("\">\n");
    int my = y + 12;
    for (String m : mark) {
      String shown = Html.cut(m, (int) ((GUTTER - 8) / CHAR));
      sb.append("<text class=\"mark").append(m.startsWith("≠") ? " diverge" : "").append("\" x=\"4\" y=\"").append(my).append("\">")
          .append(shown.equals(m) ? "" : "<title>" + Html.text(m) + "</title>").append(Html.text(shown)).append("</text>\n");
      my += LINE;
    }
    String markText = mark.isEmpty() ? "" : " [" + String.join("; ", mark) + "]";
    int next;
    if (r.note()) {
      int h = LINE + 10;
      sb.append("<g class=\"note").append(cls).append("\" tabindex=\"0\" data-text=\"").append(text).append("\" aria-label=\"")
          .append(Html.text("step " + r.step() + ": " + r.request().get(0) + markText)).append("\"><title>")
          .append(Html.text(r.request().get(0))).append("</title><rect x=\"").append(GUTTER + 8).append("\" y=\"").append(y + 2)
          .append("\" width=\"").append(width - GUTTER - 16).append("\" height=\"").append(h).append("\" rx=\"3\"/><text x=\"")
          .append(GUTTER + 14).append("\" y=\"").append(y + 14).append("\">")
          .append(Html.text(Html.cut(r.step() + ". " + r.request().get(0), (int) ((width - GUTTER - 28) / CHAR))))
          .append("</text></g>\n");
      next = y + h + 8;
    } else {
      int lane = origins.indexOf(r.origin()) + 1;
      int b = GUTTER + LANE / 2;
      int s = GUTTER + LANE * lane + LANE / 2;
      next = y;
      if (!r.request().isEmpty()) {
        next = arrow(id + "-req", text, "request" + (r.redirect() ? " redirect" : "") + cls, b, s, r.request(),
            r.url(), "request " + r.request().get(0) + markText, width, next, sb);
      }
      if (!r.response().isEmpty()) {
        boolean redirect = r.response().get(0).startsWith("↪");
        next = arrow(id + "-res", text, "response" + (redirect ? " redirect" : "") + cls, s, b, r.response(),
            r.url(), "response to step " + r.step() + ": " + r.response().get(0) + markText, width, next, sb);
      }
      next = Math.max(next, my);
    }
    sb.append("</g>\n");
    return next + 4;
  }

  /** An arrow from x1 to x2: its first line above it, the others below, cut at the diagram's edge; returns the next y. */
  private static int arrow(String id, String textId, String cls, int x1, int x2, List<String> lines, String url,
      String label, int width, int y, StringBuilder sb) {
    int left = Math.min(x1, x2);
    int chars = (int) ((width - left - 12) / CHAR);
    int ay = y + LINE + 5;
    int dir = x2 > x1 ? 1 : -1;
    sb.append("<g class=\"arrow ").append(cls).append("\" id=\"").append(id).append("\" tabindex=\"0\" data-text=\"").append(textId)
        .append("\" aria-label=\"").append(Html.text(label)).append("\"><title>")
        .append(Html.text(url + "\n" + String.join("\n", lines))).append("</title>");
    sb.append("<line x1=\"").append(x1).append("\" y1=\"").append(ay).append("\" x2=\"").append(x2 - 2 * dir).append("\" y2=\"").append(ay)
        .append("\"/><polygon points=\"").append(x2).append(',').append(ay).append(' ').append(x2 - 9 * dir).append(',').append(ay - 4)
        .append(' ').append(x2 - 9 * dir).append(',').append(ay + 4).append("\"/>");
    sb.append("<text x=\"").append(left + 6).append("\" y=\"").append(y + LINE).append("\">")
        .append(Html.text(Html.cut(lines.get(0), chars))).append("</text>");
    int ty = ay + LINE;
    for (String l : lines.subList(1, lines.size())) {
      sb.append("<text x=\"").append(left + 6).append("\" y=\"").append(ty).append("\">").append(Html.text(Html.cut(l, chars))).append("</text>");
      ty += LINE;
    }
    sb.append("</g>\n");
    return ty - LINE + 6;
  }
}
