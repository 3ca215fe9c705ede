package authdoctor.collect.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The shared Jackson mapper, built on first use (it costs start-up time). */
final class Json {
  private Json() {}

  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  static ObjectMapper mapper() {
    return Holder.MAPPER;
  }

  static ObjectNode object() {
    return mapper().createObjectNode();
  }
}
