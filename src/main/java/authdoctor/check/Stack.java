package authdoctor.check;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The deployment's stack as far as it was detected: proxy, framework, application server, and the login
 * software in the flow ({@link authdoctor.framework.AuthServers}: an identity provider, a web server's OIDC
 * module). Each part is a key of the catalog's Fix sections ({@code nginx}, {@code apache}, {@code flask},
 * {@code django}, {@code fastapi}, {@code express}, {@code spring}, {@code rails}, {@code gunicorn},
 * {@code uvicorn}, {@code keycloak}).
 *
 * @param login the keys of the login software seen, in the catalog's order; empty when none
 */
public record Stack(@Nullable String proxy, @Nullable String framework, @Nullable String server, List<String> login) {
  public static final Stack UNKNOWN = new Stack(null, null, null);

  public Stack {
    login = List.copyOf(login);
  }

  /** A stack without login software. */
  public Stack(@Nullable String proxy, @Nullable String framework, @Nullable String server) {
    this(proxy, framework, server, List.of());
  }

  /** The detected parts, most specific first: framework, login software, server, proxy. */
  public List<String> parts() {
    List<String> p = new ArrayList<>();
    if (framework != null) p.add(framework);
    p.addAll(login);
    if (server != null) p.add(server);
    if (proxy != null && !p.contains(proxy)) p.add(proxy);
    return p;
  }
}
