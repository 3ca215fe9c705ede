package authdoctor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * Checks JUnit XML against the rules of the Maven Surefire test report schema (surefire-test-report-3.0.xsd,
 * https://maven.apache.org/surefire/maven-surefire-plugin/xsd/surefire-test-report-3.0.xsd), the format
 * Jenkins, GitLab and GitHub test reporters read, inside the usual {@code <testsuites>} root. The schema
 * file itself is not in any artifact this build can fetch, so its rules are written out here: a suite
 * has {@code name}, {@code tests}, {@code errors}, {@code skipped}, {@code failures}, and holds only
 * {@code properties} and {@code testcase}; a case has {@code name} and a Surefire {@code time}, and holds
 * {@code failure}*, then {@code skipped}?, then {@code error}?, then {@code system-out}?, {@code system-err}?;
 * a failure or error has a {@code type}; no element has an attribute the schema does not define.
 */
public final class JUnitXml {
  private static final List<String> CASE_ORDER = List.of("failure", "skipped", "error", "system-out", "system-err");
  private static final String TIME = "(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\\.[0-9]{0,3})?";

  private JUnitXml() {}

  /** Parses {@code xml} (well-formed or the test fails) and checks every suite; returns the document. */
  public static Document validate(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    Element root = doc.getDocumentElement();
    assertThat(root.getTagName()).isEqualTo("testsuites");
    int tests = 0, failures = 0, errors = 0, skipped = 0;
    for (Element suite : children(root)) {
      assertThat(suite.getTagName()).isEqualTo("testsuite");
      attributes(suite, Set.of("name", "tests", "errors", "skipped", "failures"),
          Set.of("version", "time", "group"));
      if (suite.hasAttribute("time")) assertThat(suite.getAttribute("time")).matches(TIME);
      int[] counts = new int[4];
      for (Element c : children(suite)) {
        if (c.getTagName().equals("properties")) continue;
        assertThat(c.getTagName()).isEqualTo("testcase");
        testCase(c, counts);
      }
      assertThat(suite.getAttribute("tests")).isEqualTo(String.valueOf(counts[0]));
      assertThat(suite.getAttribute("failures")).isEqualTo(String.valueOf(counts[1]));
      assertThat(suite.getAttribute("errors")).isEqualTo(String.valueOf(counts[2]));
      assertThat(suite.getAttribute("skipped")).isEqualTo(String.valueOf(counts[3]));
      tests += counts[0];
      failures += counts[1];
      errors += counts[2];
      skipped += counts[3];
    }
    assertThat(root.getAttribute("tests")).isEqualTo(String.valueOf(tests));
    assertThat(root.getAttribute("failures")).isEqualTo(String.valueOf(failures));
    assertThat(root.getAttribute("errors")).isEqualTo(String.valueOf(errors));
    assertThat(root.getAttribute("skipped")).isEqualTo(String.valueOf(skipped));
    return doc;
  }

  /** Every {@code <failure>} element of the document. */
  public static List<Element> failures(Document doc) {
    List<Element> all = new ArrayList<>();
    var nodes = doc.getElementsByTagName("failure");
    for (int i = 0; i < nodes.getLength(); i++) all.add((Element) nodes.item(i));
    return all;
  }

  private static void testCase(Element c, int[] counts) {
    attributes(c, Set.of("name", "time"), Set.of("classname", "group"));
    assertThat(c.getAttribute("time")).matches(TIME);
    counts[0]++;
    int last = -1;
    boolean failed = false, errored = false, skip = false;
    for (Element e : children(c)) {
      int at = CASE_ORDER.indexOf(e.getTagName());
      assertThat(at).as("element <%s> in a testcase", e.getTagName()).isNotNegative();
      assertThat(at).as("<%s> out of order or repeated", e.getTagName()).isGreaterThanOrEqualTo(last);
      if (at == last) assertThat(e.getTagName()).as("repeated").isEqualTo("failure");
      last = at;
      switch (e.getTagName()) {
        case "failure", "error" -> {
          attributes(e, Set.of("type"), Set.of("message"));
          assertThat(children(e)).isEmpty();
          if (e.getTagName().equals("failure")) failed = true;
          else errored = true;
        }
        case "skipped" -> {
          attributes(e, Set.of(), Set.of("message"));
          skip = true;
        }
        default -> attributes(e, Set.of(), Set.of());
      }
    }
    if (failed) counts[1]++;
    if (errored) counts[2]++;
    if (skip) counts[3]++;
  }

  private static void attributes(Element e, Set<String> required, Set<String> optional) {
    for (String r : required) assertThat(e.hasAttribute(r)).as("<%s> needs %s", e.getTagName(), r).isTrue();
    var attrs = e.getAttributes();
    for (int i = 0; i < attrs.getLength(); i++) {
      String name = attrs.item(i).getNodeName();
      assertThat(required.contains(name) || optional.contains(name)).as("<%s %s=…> is not in the schema", e.getTagName(), name).isTrue();
    }
  }

  private static List<Element> children(Element e) {
    List<Element> out = new ArrayList<>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element el) out.add(el);
    }
    return out;
  }
}
