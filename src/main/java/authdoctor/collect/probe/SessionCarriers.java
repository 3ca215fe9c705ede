package authdoctor.collect.probe;

import authdoctor.framework.Frameworks;
import authdoctor.observation.SessionCheck.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which cookies of a signed-in request are the session, from the request replayed without each one: a
 * cookie whose absence signs the user out is the session; one whose absence keeps the user signed in is
 * context, named by its role where the name says it. Names and shapes are hints, not evidence: they only
 * label the context.
 */
final class SessionCarriers {
  /** Affinity cookies of load balancers and ingress controllers (AWS ALB, F5 BIG-IP, nginx ingress, HAProxy, Traefik). */
  private static final Pattern AFFINITY =
      Pattern.compile("(?i)(awsalb.*|awselb.*|bigipserver.*|ingresscookie|serverid|route|_sticky.*|sticky.*|__cflb|traefik.*|jsessionid_route)");

  private SessionCarriers() {}

  /**
   * The decision.
   *
   * @param session the cookies whose absence signs out
   * @param context every other cookie and its role
   * @param how the evidence in words
   */
  record Decision(List<String> session, Map<String, String> context, String how) {
    Decision {
      session = List.copyOf(session);
      context = Map.copyOf(context);
    }
  }

  /**
   * Decides from the verdicts of the replays without each cookie.
   *
   * @param names the cookies of the signed-in request, in its order
   * @param without each cookie's replay without it; a cookie missing from the map was not replayed
   */
  static Decision decide(List<String> names, Map<String, Verdict> without) {
    List<String> session = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      Verdict v = without.get(n);
      if (v == Verdict.LOGGED_OUT) session.add(n);
      else if (v == Verdict.LOGGED_IN) kept.add(n);
      else unknown.add(n);
    }
    Map<String, String> context = new LinkedHashMap<>();
    for (String n : kept) context.put(n, role(n));
    List<String> parts = new ArrayList<>();
    if (!session.isEmpty()) parts.add("leaving out " + String.join(", ", session) + " signs out");
    if (!kept.isEmpty()) parts.add("leaving out " + String.join(", ", kept) + " does not");
    if (!unknown.isEmpty()) parts.add("without " + String.join(", ", unknown) + " the answer could not be judged");
    return new Decision(session, context, parts.isEmpty() ? "no cookie was left out" : String.join("; ", parts));
  }

  /** A context cookie's role, by its name. */
  static String role(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (Frameworks.csrfLike(name)) return "CSRF token";
    if (AFFINITY.matcher(name).matches()) return "load-balancer affinity";
    if (n.contains("lang") || n.contains("locale") || n.contains("theme") || n.contains("pref") || n.contains("consent")) {
      return "preference";
    }
    return "not needed to stay signed in";
  }
}
