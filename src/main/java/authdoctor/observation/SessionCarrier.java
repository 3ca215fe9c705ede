package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.util.List;
import java.util.Map;

/**
 * Which cookies carry the session, decided by ablation: the signed-in request replayed once per cookie
 * without it (and once with it alone). A cookie whose absence signs the user out is the session; the
 * others are context (CSRF, preferences, load-balancer affinity).
 *
 * @param step the trace step of the signed-in request that was ablated
 * @param session the cookies whose absence signs out, in the request's order; empty when none did
 * @param context the other cookies and their role in words ("CSRF token", "load-balancer affinity", …)
 * @param how how it was decided ("leaving out a signs out; leaving out b does not")
 * @param location the signed-in request's step
 */
public record SessionCarrier(int step, List<String> session, Map<String, String> context, String how, Location location)
    implements Observation {
  public SessionCarrier {
    session = List.copyOf(session);
    context = Map.copyOf(context);
    requireNonNull(how);
    requireNonNull(location);
  }

  public SessionCarrier(int step, List<String> session, Map<String, String> context, String how) {
    this(step, session, context, how, new Location.ExchangeRef(step));
  }
}
