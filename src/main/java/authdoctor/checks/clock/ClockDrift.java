package authdoctor.checks.clock;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.jwt.TokenTimes;
import authdoctor.observation.JwtToken;
import authdoctor.observation.Observations;
import authdoctor.observation.ServerClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code clock.drift}: a server's clock, read from its {@code Date} header (RFC 9110 §6.6.1), is off the
 * local clock by more than the leeway. Only drift that is certain is reported: the whole interval the
 * samples allow (one-second resolution plus the round trip) must lie beyond the leeway.
 */
@CheckSpec(id = "clock.drift", severity = Severity.ERROR, needs = ServerClock.class)
public final class ClockDrift implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Duration leeway = TokenTimes.leeway(observations);
    List<Finding> out = new ArrayList<>();
    for (ServerClock c : observations.of(ServerClock.class)) {
      // e.g. Date 10:10:00 received at local 10:00:00.2 after 0.1 s: offset in [+599.8 s, +601 s] > 60 s
      boolean ahead = c.offsetLow().compareTo(leeway) > 0;
      boolean behind = c.offsetHigh().compareTo(leeway.negated()) < 0;
      if (!ahead && !behind) continue;
      ServerClock.Sample s = c.bestSample();
      String url = ctx.redactor().url(c.url().toString());
      // Date has one-second resolution: show the estimate to the nearest second (599.6 s → 10 min)
      String offset = TokenTimes.span(Duration.ofSeconds(Math.round(seconds(c.offset())))) + (ahead ? " ahead of" : " behind");
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("Date", s.dateHeader());
      facts.put("local time", TokenTimes.utc(s.midpoint()) + " (middle of a " + Duration.between(s.sent(), s.received()).toMillis() + " ms round trip)");
      facts.put("offset", String.format("%+.1f s (between %+.1f and %+.1f)", seconds(c.offset()), seconds(c.offsetLow()), seconds(c.offsetHigh())));
      facts.put("leeway", TokenTimes.span(leeway));
      facts.put("samples", c.samples().size() + (c.consistent() ? "" : " (they disagree: several hosts behind one name?)"));
      observations.first(JwtToken.class).map(JwtToken::issuedAt).ifPresent(iat -> facts.put("token iat on this server's clock", relative(iat, s, c)));
      String text = "Date: " + s.dateHeader() + " from " + url + ": " + offset + " the local clock";
      out.add(ctx.finding(ctx.evidence(c, "measurement", url, ctx.redactor().plain(text), facts)));
    }
    return out;
  }

  private static String relative(Instant iat, ServerClock.Sample s, ServerClock c) {
    return "issued " + TokenTimes.relative(iat, s.midpoint().plus(c.offset()));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
