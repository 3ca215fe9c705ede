package authdoctor.check;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The deployment's stack as far as it was detected: proxy, framework and application server. Each part
 * is a key of the catalog's Fix sections ({@code nginx}, {@code flask}, {@code django},
 * {@code fastapi}, {@code express}, {@code spring}, {@code rails}, {@code gunicorn}, {@code uvicorn}).
 */
public record Stack(@Nullable String proxy, @Nullable String framework, @Nullable String server) {
  public static final Stack UNKNOWN = new Stack(null, null, null);

  /** The detected parts, most specific first: framework, server, proxy. */
  public List<String> parts() {
    List<String> p = new ArrayList<>();
    if (framework != null) p.add(framework);
    if (server != null) p.add(server);
    if (proxy != null) p.add(proxy);
    return p;
  }
}
