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
    return decide(names, without, Map.of());
  }

  /**
   * Decides from the verdicts of the replays without each cookie and with each cookie alone. A cookie whose
   * absence signs out is the session. When no absence signs out but some cookies alone keep the user signed
   * in and others alone do not, each of the former carries the session by itself (a session cookie and a
   * remember-me cookie); when every cookie alone signs in, nothing tells the session from a page that needs
   * no cookie.
   *
   * @param only each cookie's replay with it alone; empty when not replayed (with two cookies, leaving one out
   *     is the other alone, so {@code without} says it)
   */
  static Decision decide(List<String> names, Map<String, Verdict> without, Map<String, Verdict> only) {
    List<String> session = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String n : names) {
      Verdict v = without.get(n);
      if (v == Verdict.LOGGED_OUT) session.add(n);
      else if (v == Verdict.LOGGED_IN) kept.add(n);
      else unknown.add(n);
    }
    List<String> alone = names.stream().filter(n -> only.get(n) == Verdict.LOGGED_IN).toList();
    List<String> notAlone = names.stream().filter(n -> only.get(n) == Verdict.LOGGED_OUT).toList();
    boolean eachEnough = session.isEmpty() && !alone.isEmpty() && !notAlone.isEmpty();
    if (eachEnough) {
      session.addAll(alone);
      kept.removeAll(alone);
    }
    Map<String, String> context = new LinkedHashMap<>();
    for (String n : kept) context.put(n, role(n));
    List<String> parts = new ArrayList<>();
    if (!session.isEmpty() && !eachEnough) parts.add("leaving out " + String.join(", ", session) + " signs out");
    if (eachEnough) parts.add("leaving out any one cookie does not sign out");
    else if (!kept.isEmpty()) parts.add("leaving out " + String.join(", ", kept) + " does not");
    if (!unknown.isEmpty()) parts.add("without " + String.join(", ", unknown) + " the answer could not be judged");
    if (!alone.isEmpty()) parts.add(String.join(", ", alone) + " alone " + (alone.size() == 1 ? "keeps" : "each keep")
        + " the user signed in");
    if (!notAlone.isEmpty()) parts.add(String.join(", ", notAlone) + " alone " + (notAlone.size() == 1 ? "does" : "do")
        + " not");
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
