package authdoctor.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that stands still until its owner moves it: a cookie scenario's steps by their {@code
 * after} ({@code ScenarioReplay}), and the cookie model's tests. Not thread-safe.
 */
public final class SteppingClock extends Clock {
  private Instant now;

  public SteppingClock(Instant start) {
    this.now = start;
  }

  public void advance(Duration d) {
    now = now.plus(d);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now;
  }
}
