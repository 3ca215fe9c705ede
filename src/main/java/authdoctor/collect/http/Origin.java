package authdoctor.collect.http;

import java.net.URI;
import java.util.Locale;
import okhttp3.HttpUrl;

/** An origin per RFC 6454 §4: scheme, host and port (the default port filled in). */
record Origin(String scheme, String host, int port) {
  static Origin of(HttpUrl url) {
    return new Origin(url.scheme(), url.host().toLowerCase(Locale.ROOT), url.port());
  }

  static Origin of(URI uri) {
    return of(HttpRequestSpec.toHttpUrl(uri));
  }

  @Override
  public String toString() {
    return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
