package authdoctor.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetCookieParserTest {
  private static ParsedCookie parse(String line) {
    return SetCookieParser.parse(line);
  }

  @Test
  void nameAndValueAreTrimmedOfSpacesAndTabs() {
    ParsedCookie c = parse(" \tsid \t= \tabc \t; Path=/");
    assertThat(c.name()).isEqualTo("sid");
    assertThat(c.value()).isEqualTo("abc");
    assertThat(c.valid()).isTrue();
  }

  @Test
  void tokenWithoutEqualsIsANamelessCookie() {
    ParsedCookie c = parse("abc");
    assertThat(c.name()).isEmpty();
    assertThat(c.value()).isEqualTo("abc");
    assertThat(c.valid()).isTrue();
  }

  @Test
  void leadingEqualsMakesANamelessCookieKeepingLaterEquals() {
    ParsedCookie c = parse("=a=b");
    assertThat(c.name()).isEmpty();
    assertThat(c.value()).isEqualTo("a=b");
  }

  @Test
  void valueMayContainEqualsAndQuotesAreKept() {
    ParsedCookie c = parse("a=\"b=c\"");
    assertThat(c.name()).isEqualTo("a");
    assertThat(c.value()).isEqualTo("\"b=c\"");
  }

  @Test
  void emptyLineHasNoContent() {
    assertThat(parse("").exclusions()).containsExactly(ExclusionReason.EXCLUDE_NO_COOKIE_CONTENT);
    assertThat(parse("=").exclusions()).containsExactly(ExclusionReason.EXCLUDE_NO_COOKIE_CONTENT);
    assertThat(parse("   ").exclusions()).containsExactly(ExclusionReason.EXCLUDE_NO_COOKIE_CONTENT);
    assertThat(parse("; Secure").exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_NO_COOKIE_CONTENT);
    assertThat(parse("a=").valid()).isTrue();
  }

  @Test
  void lineFeedRejectsTheWholeCookieInsteadOfTruncating() {
    ParsedCookie c = parse("a=b\nc");
    assertThat(c.exclusions()).containsExactly(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
    assertThat(c.problems()).contains(ParseProblem.LINE_TERMINATOR);
    assertThat(c.name()).isEqualTo("a");
    assertThat(parse("a=bc").valid()).isTrue();
  }

  @Test
  void nulAndCarriageReturnAlsoRejectTheCookie() {
    assertThat(parse("a=b\0c").exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
    assertThat(parse("a=b\rc").exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
  }

  @Test
  void controlCharacterInValueRejectsTheCookie() {
    ParsedCookie c = parse("a=b\u0001c");
    assertThat(c.exclusions()).containsExactly(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
    assertThat(c.problems()).contains(ParseProblem.CONTROL_CHARACTER);
  }

  @Test
  void controlCharacterInAnAttributeRejectsTheCookie() {
    assertThat(parse("a=b; Path=/x\u007f").exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
    assertThat(parse("a=b; Pa\u0002th=/x").exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
  }

  @Test
  void tabInsideNameOrValueRejectsTheCookieButSurroundingTabsAreTrimmed() {
    assertThat(parse("a\tb=c").exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
    assertThat(parse("a=c\td").exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
    assertThat(parse("a=b; Sec\ture").exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_DISALLOWED_CHARACTER);
    ParsedCookie twin = parse("\ta\t=\tcd\t; Secure\t");
    assertThat(twin.valid()).isTrue();
    assertThat(twin.name()).isEqualTo("a");
    assertThat(twin.secure()).isTrue();
  }

  @Test
  void checksOfTheNameValuePairComeInChromiumsOrder() {
    // Too large and a control character: Chromium reports the size.
    assertThat(parse("a=\u0001" + "v".repeat(4096)).exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_NAME_VALUE_PAIR_EXCEEDS_MAX_SIZE);
    // No content: attributes after it are not even looked at.
    assertThat(parse("=; Path=/\u0001").exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_NO_COOKIE_CONTENT);
  }

  @Test
  void nameValueOver4096BytesIsRejected() {
    String name = "n".repeat(96);
    assertThat(parse(name + "=" + "v".repeat(4000)).valid()).isTrue();
    assertThat(parse(name + "=" + "v".repeat(4001)).exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_NAME_VALUE_PAIR_EXCEEDS_MAX_SIZE);
  }

  @Test
  void sizeIsCountedInUtf8Bytes() {
    // "é" is 2 bytes: 2048 of them are 4096 bytes, with the name "a" 4097.
    assertThat(parse("=" + "é".repeat(2048)).valid()).isTrue();
    assertThat(parse("a=" + "é".repeat(2048)).exclusions())
        .containsExactly(ExclusionReason.EXCLUDE_NAME_VALUE_PAIR_EXCEEDS_MAX_SIZE);
  }

  @Test
  void attributeValueOver1024BytesIsIgnoredAndTheEarlierOneWins() {
    ParsedCookie c = parse("a=b; Path=/short; Path=/" + "x".repeat(1024));
    assertThat(c.valid()).isTrue();
    assertThat(c.path()).isEqualTo("/short");
    assertThat(c.warnings()).containsExactly(WarningReason.WARN_ATTRIBUTE_VALUE_EXCEEDS_MAX_SIZE);
    ParsedCookie twin = parse("a=b; Path=/short; Path=/" + "x".repeat(1023));
    assertThat(twin.path()).hasSize(1024);
    assertThat(twin.warnings()).isEmpty();
  }

  @Test
  void laterAttributeWinsIncludingAnEmptyDomain() {
    ParsedCookie c = parse("a=b; Domain=example.com; Domain=");
    assertThat(c.domain()).isEmpty();
    assertThat(c.problems()).contains(ParseProblem.DUPLICATE_ATTRIBUTE);
  }

  @Test
  void attributeNamesAreCaseInsensitiveAndFlagsIgnoreTheirValue() {
    ParsedCookie c = parse("a=b; SECURE=no; httponly=x; pAtH=/p; SameSite=sTrIcT");
    assertThat(c.secure()).isTrue();
    assertThat(c.httpOnly()).isTrue();
    assertThat(c.path()).isEqualTo("/p");
    assertThat(c.sameSite()).isEqualTo(SameSite.STRICT);
  }

  @Test
  void quotedAttributeNameIsUnknown() {
    ParsedCookie c = parse("a=b; \"Secure\"");
    assertThat(c.secure()).isFalse();
    assertThat(c.problems()).contains(ParseProblem.UNKNOWN_ATTRIBUTE);
  }

  @Test
  void unknownSameSiteValueIsUnspecified() {
    ParsedCookie c = parse("a=b; SameSite=Lux");
    assertThat(c.sameSite()).isEqualTo(SameSite.UNSPECIFIED);
    assertThat(c.problems()).contains(ParseProblem.INVALID_SAMESITE);
    assertThat(parse("a=b; SameSite=None").sameSite()).isEqualTo(SameSite.NONE);
    assertThat(parse("a=b; SameSite=lax").sameSite()).isEqualTo(SameSite.LAX);
  }

  @Test
  void caseInsensitivityIsAsciiOnly() {
    // U+017F (long s) upper-cases to 'S' in Java, but Chromium compares ASCII only.
    assertThat(parse("a=b; SameSite=\u017Ftrict").sameSite()).isEqualTo(SameSite.UNSPECIFIED);
    assertThat(parse("a=b; SameSite=STRICT").sameSite()).isEqualTo(SameSite.STRICT);
    assertThat(CookieDate.parse("1 \u017Fep 2030 00:00:00")).isEmpty();
    assertThat(CookieRules.startsWithIgnoreCase("__\u017Fecure-x", "__Secure-")).isFalse();
    assertThat(CookieRules.startsWithIgnoreCase("__SECURE-x", "__Secure-")).isTrue();
  }

  @Test
  void priorityAndPartitionedAreRead() {
    ParsedCookie c = parse("a=b; Priority=HIGH; Partitioned");
    assertThat(c.priority()).isEqualTo(CookiePriority.HIGH);
    assertThat(c.partitioned()).isTrue();
    assertThat(parse("a=b; Priority=urgent").priority()).isEqualTo(CookiePriority.MEDIUM);
  }

  @Test
  void maxAgeAcceptsOnlyASignedInteger() {
    assertThat(SetCookieParser.parseMaxAge("60")).isEqualTo(60L);
    assertThat(SetCookieParser.parseMaxAge("-1")).isEqualTo(-1L);
    assertThat(SetCookieParser.parseMaxAge("+5")).isEqualTo(5L);
    assertThat(SetCookieParser.parseMaxAge("50,399")).isNull();
    assertThat(SetCookieParser.parseMaxAge(" 5")).isNull();
    assertThat(SetCookieParser.parseMaxAge("")).isNull();
    assertThat(SetCookieParser.parseMaxAge("99999999999999999999")).isEqualTo(Long.MAX_VALUE);
    assertThat(SetCookieParser.parseMaxAge("99999999999999999999x")).isEqualTo(Long.MAX_VALUE);
    assertThat(SetCookieParser.parseMaxAge("-99999999999999999999")).isEqualTo(Long.MIN_VALUE);
    assertThat(SetCookieParser.parseMaxAge("12x")).isNull();
    assertThat(parse("a=b; Max-Age=x").problems()).contains(ParseProblem.INVALID_MAX_AGE);
  }

  @Test
  void toStringNeverShowsTheValue() {
    assertThat(parse("sid=s3cr3t-token; Path=/").toString()).doesNotContain("s3cr3t-token");
  }
}
