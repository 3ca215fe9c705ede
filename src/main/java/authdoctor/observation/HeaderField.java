package authdoctor.observation;

import static java.util.Objects.requireNonNull;

/** One header line exactly as sent or received (name in its original case). */
public record HeaderField(String name, String value) {
  public HeaderField {
    requireNonNull(name);
    requireNonNull(value);
  }

  public boolean is(String headerName) {
    return name.equalsIgnoreCase(headerName);
  }
}
