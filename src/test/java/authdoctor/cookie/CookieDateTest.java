package authdoctor.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CookieDateTest {
  @Test
  void rfc1123DateIsParsed() {
    assertThat(CookieDate.parse("Wed, 09 Dec 2009 16:27:23 GMT"))
        .contains(Instant.parse("2009-12-09T16:27:23Z"));
  }

  @Test
  void twoDigitYearsMapTo1970Through2069() {
    assertThat(CookieDate.parse("Mon, 10-Dec-07 20:35:03 GMT"))
        .contains(Instant.parse("2007-12-10T20:35:03Z"));
    assertThat(CookieDate.parse("Mon, 18-Apr-77 22:50:13 GMT"))
        .contains(Instant.parse("1977-04-18T22:50:13Z"));
  }

  @Test
  void fieldsMayComeInAnyOrder() {
    assertThat(CookieDate.parse("22:50:12 Thu Apr 18 2007 GMT"))
        .contains(Instant.parse("2007-04-18T22:50:12Z"));
  }

  @Test
  void missingTimeFails() {
    assertThat(CookieDate.parse("Thu, 18 Apr 2007")).isEmpty();
  }

  @Test
  void impossibleValuesFail() {
    assertThat(CookieDate.parse("Sat, 15-Apr-17 91:22:33 GMT")).isEmpty();
    assertThat(CookieDate.parse("31 Feb 2020 00:00:00")).isEmpty();
    assertThat(CookieDate.parse("29 Feb 2020 00:00:00")).contains(Instant.parse("2020-02-29T00:00:00Z"));
  }

  @Test
  void yearBefore1601IsADateInThePastAsInChromium() {
    assertThat(CookieDate.parse("01 Jan 1600 00:00:00"))
        .contains(Instant.parse("1600-01-01T00:00:00Z"));
  }
}
